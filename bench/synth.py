"""Varied synthetic news articles from our own templates and word lists.

Deterministic for a seed: ``generate(n, seed)`` yields the same ``n`` article records
every time. Each article has several paragraphs mixing direct quotes ("...," X said),
split quotes, indirect speech ("X said that ..."), "according to X", pronoun
references to a speaker named earlier, relays through (invented) wire services, and
plain narrative sentences without attribution. Every name, place, outlet and phrase
below was made up for this file.

Usage::

    python bench/synth.py 10000 --out articles.jsonl --seed 7     # JSON Lines
    python bench/synth.py 200 --out texts/ --format dir           # one .txt per article
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FIRST_F = ["Maren", "Odile", "Priya", "Talia", "Ines", "Halvard", "Sunniva", "Ruth", "Nadia", "Lio"]
FIRST_M = ["Tomas", "Edwin", "Kofi", "Anselm", "Rafael", "Bram", "Joaquin", "Ivo", "Dario", "Emil"]
LAST = [
    "Vellacott",
    "Ostrander",
    "Quillfeather",
    "Marchetti",
    "Okonkwo",
    "Lindqvist",
    "Abernathy",
    "Sorensen",
    "Castellanos",
    "Hartigan",
    "Ferreira",
    "Nakamura",
    "Delacroix",
    "Brannigan",
    "Kowalczyk",
    "Aldridge",
    "Petrov",
    "Ravensworth",
    "Thorvaldsen",
    "Mbeki-Hale",
]
TITLES = [
    "Finance Minister",
    "Health Minister",
    "Mayor",
    "Senator",
    "Governor",
    "chief executive",
    "spokesperson",
    "Professor",
    "union leader",
    "police chief",
    "Defence Secretary",
    "judge",
]
ORGS = [
    "the Harbour Authority",
    "Northfield Council",
    "the Ministry of Water",
    "Greystone Energy",
    "the Coastal Farmers Union",
    "Veridian Rail",
    "the National Audit Board",
    "Lumen Pharmaceuticals",
    "the Teachers Federation",
    "Brightwater Hospital",
    "the Central Bank of Ostrava",
    "Kestrel Airlines",
    "the Fisheries Commission",
    "Palisade Mining",
]
PLACES = [
    "Ostrava Bay",
    "Northfield",
    "the Kellan Valley",
    "Port Amsel",
    "Riverside",
    "Mount Corrin",
    "the eastern provinces",
    "Lowmarsh",
    "Saltgate",
    "the capital",
]
WIRES = ["Meridian Press", "Northern Wire", "Global Dispatch Agency", "the Courier Service"]
GROUPS = [
    "environmental groups",
    "local residents",
    "opposition lawmakers",
    "economists",
    "human rights campaigners",
    "shop owners",
    "parents",
    "nurses",
]
ANON = [
    "a senior official",
    "a person familiar with the talks",
    "two government sources",
    "an aide to the minister",
    "a company insider",
]
CUES_PAST = ["said", "told reporters", "said on Tuesday", "said in a statement", "wrote", "added"]
CUES_INDIRECT = [
    "said",
    "argued",
    "warned",
    "claimed",
    "insisted",
    "denied",
    "stressed",
    "suggested",
    "acknowledged",
    "announced",
]
TOPICS = [
    ("the new bridge", "will open before the winter", "is running two years late"),
    ("the water tariff", "must rise to pay for repairs", "hurts poorer families most"),
    ("the rail strike", "could end within days", "has cost the region millions"),
    ("the hospital budget", "was cut by a fifth", "is the largest in a decade"),
    ("the mining permit", "breaks the environmental rules", "was granted lawfully"),
    ("the school reform", "will reduce class sizes", "was rushed through parliament"),
    ("the fishing quota", "threatens hundreds of jobs", "protects stocks for the future"),
    ("the airport expansion", "needs a full inquiry", "will bring thousands of visitors"),
    ("the interest rate decision", "came too late", "will slow rising prices"),
    ("the flood defences", "failed during the storm", "held better than expected"),
]
VERBS_ACT = ["rejected", "approved", "delayed", "questioned", "welcomed", "criticised", "reviewed"]
NARRATIVE = [
    "The debate has divided {place} for months.",
    "Figures published last week showed a sharp change in {topic}.",
    "Hundreds of people gathered outside the offices of {org} on Monday.",
    "The proposal is expected to go to a vote in the spring.",
    "{org} has not published its full accounts since the dispute began.",
    "Talks between the two sides broke down late on Thursday evening.",
    "The region has faced repeated storms and rising costs this year.",
    "A decision on {topic} is due within the next fortnight.",
    "Critics have pointed to similar schemes that failed elsewhere.",
    "Officials in {place} declined to give a timetable.",
]
HEADLINES = [
    "{Org} {verb} plan for {topic}",
    "Row over {topic} deepens in {place}",
    "{name} under pressure as {topic} dispute grows",
    "What we know about {topic}",
    "{place} braces for decision on {topic}",
]
OUTLETS = ["The Saltgate Ledger", "Northfield Evening Post", "Valley Herald", "Harbour Times"]


@dataclass
class _Person:
    first: str
    last: str
    title: str
    org: str
    he: str  # subject pronoun

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def formal(self) -> str:
        if self.title[0].isupper():
            return f"{self.title} {self.full}"
        return f"{self.full}, the {self.title} of {self.org},"


def _person(rng: random.Random) -> _Person:
    female = rng.random() < 0.5
    first = rng.choice(FIRST_F if female else FIRST_M)
    return _Person(
        first, rng.choice(LAST), rng.choice(TITLES), rng.choice(ORGS), "She" if female else "He"
    )


def _cap(s: str) -> str:
    return s[0].upper() + s[1:]


def _claim(rng: random.Random, topic: tuple[str, str, str]) -> str:
    subject, pro, con = topic
    return f"{subject} {rng.choice([pro, con])}"


def _quote_sentence(rng: random.Random, topic: tuple[str, str, str]) -> str:
    subject, pro, con = topic
    return rng.choice(
        [
            f"We believe {subject} {pro}",
            f"Nobody can seriously claim that {subject} {con}",
            f"This is about trust, and {subject} {rng.choice([pro, con])}",
            f"Our members are clear: {subject} {pro}",
            f"I have said it before and I will say it again, {subject} {con}",
        ]
    )


def _statement(rng: random.Random, p: _Person, topic: tuple[str, str, str], first: bool) -> str:
    """One attributed sentence (or two) in a randomly chosen form."""
    name = p.formal if first else rng.choice([p.last, f"{p.first} {p.last}"])
    # forms: direct, indirect, according to, split/two-sentence quote, told a wire,
    # pronoun (only for a speaker named before), mixed (a quoted fragment)
    forms = ["direct", "indirect", "according", "two", "wire", "mixed"]
    if not first:
        forms += ["pronoun", "pronoun"]
    form = rng.choice(forms)
    q = _quote_sentence(rng, topic)
    claim = _claim(rng, topic)
    if form == "direct":
        return f'"{q}," {name} {rng.choice(CUES_PAST)}.'
    if form == "indirect":
        return f"{_cap(name)} {rng.choice(CUES_INDIRECT)} that {claim}."
    if form == "according":
        return f"According to {name.rstrip(',')}, {claim}."
    if form == "two":
        return f'"{q}," said {name.rstrip(",")}. "We will not be moved on this."'
    if form == "wire":
        return f"{_cap(name)} told {rng.choice(WIRES)} that {claim}."
    if form == "pronoun":
        return f"{p.he} {rng.choice(CUES_INDIRECT)} that {claim}."
    return f'{_cap(name)} said {topic[0]} was "{rng.choice(topic[1:])}".'


def _other_voice(rng: random.Random, topic: tuple[str, str, str]) -> str:
    form = rng.randrange(4)
    claim = _claim(rng, topic)
    if form == 0:
        return f"{_cap(rng.choice(GROUPS))} say {claim}."
    if form == 1:
        return f"{_cap(rng.choice(ANON))}, who asked not to be named, said {claim}."
    if form == 2:
        org = rng.choice(ORGS)
        return f"In a statement, {org} {rng.choice(CUES_INDIRECT)} that {claim}."
    wire = rng.choice(WIRES)
    return f"{_cap(claim)}, {wire} reported, citing {rng.choice(ANON)}."


def article(rng: random.Random, index: int) -> dict[str, Any]:
    """One article record: ``text`` plus title, outlet, url, published."""
    topic = rng.choice(TOPICS)
    people = [_person(rng) for _ in range(rng.randint(1, 3))]
    place = rng.choice(PLACES)
    org = rng.choice(ORGS)
    fill = {"place": place, "topic": topic[0], "org": org}
    paragraphs: list[str] = []
    lead = people[0]
    paragraphs.append(
        f"{_cap(lead.formal.rstrip(','))} has {rng.choice(VERBS_ACT)} a plan on {topic[0]} in "
        f"{place}, setting up a fresh clash with {rng.choice(ORGS)}."
    )
    named: set[int] = set()
    for _ in range(rng.randint(3, 9)):
        sentences = []
        for _ in range(rng.randint(1, 4)):
            roll = rng.random()
            if roll < 0.55:
                i = rng.randrange(len(people))
                sentences.append(_statement(rng, people[i], topic, i not in named))
                named.add(i)
            elif roll < 0.75:
                sentences.append(_other_voice(rng, topic))
            else:
                sentences.append(rng.choice(NARRATIVE).format(**fill))
        paragraphs.append(" ".join(sentences))
    headline = rng.choice(HEADLINES).format(
        Org=_cap(org), verb=rng.choice(VERBS_ACT), topic=topic[0], place=place, name=lead.last
    )
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    return {
        "id": f"synth-{index:07d}",
        "title": headline,
        "outlet": rng.choice(OUTLETS),
        "url": f"https://news.example/{index}",
        "published": f"2026-{month:02d}-{day:02d}",
        "text": headline + "\n\n" + "\n\n".join(paragraphs) + "\n",
    }


def generate(n: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """``n`` article records, the same for the same ``seed``."""
    rng = random.Random(seed)
    for i in range(n):
        yield article(rng, i)


def write_jsonl(path: str | Path, n: int, seed: int = 0) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for rec in generate(n, seed):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def write_dir(path: str | Path, n: int, seed: int = 0) -> Path:
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    for rec in generate(n, seed):
        (path / f"{rec['id']}.txt").write_text(rec["text"], encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description="Write varied synthetic news articles.")
    ap.add_argument("n", type=int, help="how many articles")
    ap.add_argument("--out", required=True, help="a .jsonl file, or a directory with --format dir")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--format", choices=["jsonl", "dir"], default="jsonl")
    args = ap.parse_args()
    out = (write_dir if args.format == "dir" else write_jsonl)(args.out, args.n, args.seed)
    print(f"wrote {args.n} articles to {out}")


if __name__ == "__main__":
    main()
