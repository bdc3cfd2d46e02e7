"""Statements far from an edit do not change (issue 14, stability).

For each golden article (the founding article and wikinews-dev, from ../shared; skipped
without it) and for articles written here (a fresh clone has those), an unrelated
paragraph is put before or after the article, or a line ("Filed as story number 10.")
after it.
Every statement of the edited article that does not touch the added text must be one of
the original article's statements, with its offsets shifted, and every original
statement must still be there: same speaker (name and mention), cue and content. Run
with the default (learned) engine and with the rules engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from claimgraph.attribution import learned
from claimgraph.model import Analysis, Statement
from shared_corpora import SHARED, shared_path

PREPENDED = (
    "In other news, the botanical garden reopened its palm house on Saturday after two "
    "years of repairs, and visitors queued along the canal in the early spring sunshine.\n\n"
)
APPENDED = "Filed as story number 10.\n"

# Written for this test: long enough that the learned engine needs several windows.
FERRY = (
    "Ferry operator cancels winter crossings, citing fuel costs\n\n"
    "Monday, January 12, 2026\n\n"
    "The Northsea Line will suspend its Veldhaven to Korsholm crossing from February "
    "until the end of March, the company said on Monday, blaming the rising price of "
    "marine diesel and a drop in bookings.\n\n"
    "“We cannot keep sailing half-empty ships through the storm season,” said Petra "
    "Lindqvist, the company's chief executive. “Every crossing this winter has lost "
    "money, and our reserves are not unlimited.”\n\n"
    "Lindqvist added that the company had asked the regional government for a subsidy "
    "but had received no answer. She said the route would reopen in April if the "
    "weather and the fuel market allowed it.\n\n"
    "The regional transport minister, Aldo Ferrante, told reporters that the government "
    "was studying the request. “Islanders depend on this ferry for school, for hospital "
    "visits and for work,” Ferrante said. “We will not leave them without a link.”\n\n"
    "Residents of Korsholm reacted with anger. According to the island's council, more "
    "than 1,200 people use the crossing each week in winter. The council's leader, "
    "Hanna Berglund, called the decision “a betrayal of the people who kept this company "
    "afloat for forty years”.\n\n"
    "A spokesperson for the seafarers' union said its members had not been consulted and "
    "warned that a strike could follow if any jobs were cut. The union has asked for a "
    "meeting with the company's board before the end of the month.\n\n"
    "Analysts were divided. Mark Okafor, who follows the shipping industry for Baltic "
    "Equity, said the suspension was “a rational response to a terrible quarter”, while "
    "a maritime economist at Veldhaven University argued that cutting the service would "
    "push passengers onto the road bridge for good.\n\n"
    "The company said refunds would be paid automatically to passengers who had already "
    "booked crossings in February and March.\n"
)
MUSEUM = (
    "City museum to return bronze statues after ownership dispute\n\n"
    "The Veldhaven City Museum will hand back four bronze statues to the family of their "
    "original owner, its director announced on Thursday, ending a dispute that lasted "
    "more than a decade.\n\n"
    "“This is the right thing to do, and it is long overdue,” said Ingrid Maas, who has "
    "led the museum since 2019. She said the statues had been bought in good faith in "
    "1961 but that new archive research showed they had been taken from the family "
    "during the war.\n\n"
    "The family's lawyer, Samuel Achterberg, welcomed the decision. “My clients have "
    "waited a very long time for this day,” he said. Achterberg told the Veldhaven "
    "Courier that the family intended to lend two of the statues back to the museum.\n\n"
    "Not everyone agreed. A member of the museum's board, who asked not to be named, "
    "said the research had been rushed and warned that other claims would follow. The "
    "city's culture alderman, Joost de Wit, said the board had been kept informed at "
    "every step.\n\n"
    "According to the museum, the statues will stay on display until the end of June. "
    "Maas said a small exhibition about their history would open in the autumn.\n\n"
    "Museums across the country have faced similar claims. The national heritage "
    "inspectorate said last year that at least 300 objects in public collections had an "
    "unclear history, and it urged curators to publish what they knew.\n"
)
WRITTEN = {"ferry": FERRY, "museum": MUSEUM}
WIKINEWS = SHARED / "golden" / "wikinews-dev"
GOLDEN = ["chechnya-purge", *sorted(p.name.removesuffix(".txt") for p in WIKINEWS.glob("*.txt"))]


def _text(name: str) -> str:
    if name in WRITTEN:
        return WRITTEN[name]
    if name == "chechnya-purge":
        return shared_path("golden", "chechnya-purge.txt").read_text(encoding="utf-8")
    return shared_path("golden", "wikinews-dev", f"{name}.txt").read_text(encoding="utf-8")


@contextmanager
def _engine(name: str) -> Iterator[None]:
    if name == "learned" and not learned.installed():
        pytest.skip("no learned attribution model installed")
    with learned.using(name):
        yield


Key = tuple[object, ...]


def _key(st: Statement, shift: int) -> Key:
    sp = st.speaker
    mention = sp.mention if sp is not None else None
    return (
        sp.name if sp is not None else None,
        (mention.start - shift, mention.end - shift, mention.text) if mention else None,
        (st.cue.start - shift, st.cue.end - shift, st.cue.text) if st.cue else None,
        tuple((p.start - shift, p.end - shift, p.text) for p in st.content_pieces)
        or ((st.content.start - shift, st.content.end - shift, st.content.text),),
    )


def _spans(st: Statement) -> list[tuple[int, int]]:
    out = [(p.start, p.end) for p in (st.content, *st.content_pieces, *st.cue_pieces)]
    if st.cue is not None:
        out.append((st.cue.start, st.cue.end))
    if st.speaker is not None and st.speaker.mention is not None:
        out.append((st.speaker.mention.start, st.speaker.mention.end))
    return out


def _untouched(analysis: Analysis, added: tuple[int, int], shift: int) -> list[Key]:
    """The keys of the statements with no span reaching into ``added``."""
    a, b = added
    return sorted(
        (_key(st, shift) for st in analysis.statements
         if not any(s < b and a < e for s, e in _spans(st))),
        key=repr,
    )  # fmt: skip


def _check(analyze, text: str) -> None:  # type: ignore[no-untyped-def]
    before = sorted((_key(st, 0) for st in analyze(text).statements), key=repr)
    assert before, "the article should have statements"
    head = PREPENDED
    tail = ("" if text.endswith("\n") else "\n") + "\n" + APPENDED
    para = ("" if text.endswith("\n") else "\n") + "\n" + PREPENDED.rstrip("\n") + "\n"
    edits = {
        "prepended paragraph": (head + text, (0, len(head)), len(head)),
        "appended paragraph": (text + para, (len(text), len(text) + len(para)), 0),
        "appended line": (text + tail, (len(text), len(text) + len(tail)), 0),
    }
    for what, (edited, added, shift) in edits.items():
        after = _untouched(analyze(edited), added, shift)
        lost = [k for k in before if k not in after]
        gained = [k for k in after if k not in before]
        assert not lost and not gained, f"{what}: lost {lost}, gained {gained}"


@pytest.mark.parametrize("engine", ["learned", "rules"])
@pytest.mark.parametrize("name", sorted(WRITTEN))
def test_written_articles_are_stable(analyze, engine: str, name: str) -> None:  # type: ignore[no-untyped-def]
    with _engine(engine):
        _check(analyze, WRITTEN[name])


@pytest.mark.parametrize("engine", ["learned", "rules"])
@pytest.mark.parametrize("name", GOLDEN)
def test_golden_articles_are_stable(analyze, engine: str, name: str) -> None:  # type: ignore[no-untyped-def]
    text = _text(name)
    with _engine(engine):
        _check(analyze, text)


def test_written_articles_need_several_windows() -> None:
    """The fresh-clone articles are long enough to cross a window boundary."""
    if not learned.installed():
        pytest.skip("no learned attribution model installed")
    from claimgraph.attribution.learned import windows as W

    tok = learned.get_tagger().tok
    assert all(len(W.encode(tok, t).ids) > W.MAX_PIECES for t in WRITTEN.values())


def test_golden_articles_are_listed_or_skipped() -> None:
    shared_path("golden", "wikinews-dev")
    assert len(GOLDEN) > 1 and (SHARED / "golden" / "chechnya-purge.txt").is_file()
