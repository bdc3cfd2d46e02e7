"""A claim's story: who first reported it, who relayed, supported, denied or questioned it.

The store keeps and queries members; what they mean is decided here, once:

- :data:`SUPPORTING` and :data:`DENYING`: the stances counted as for and against a claim;
- :func:`source_key`: supporters and deniers are *sources*, one per (story, speaker,
  stance), where a story is an original article with its reprints, so a wire story
  reprinted by ten outlets counts once;
- :func:`timeline`: the members in date order, a statement reprinted elsewhere folded
  into the entry it reprints, each entry with its role (:func:`role`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Stance

__all__ = [
    "DENYING",
    "SUPPORTING",
    "Beat",
    "Counts",
    "Member",
    "Summary",
    "role",
    "source_key",
    "summarize",
    "timeline",
]

#: Stances that are for a claim.
SUPPORTING = frozenset({Stance.ASSERTS, Stance.SUPPORTS})
#: Stances that are against a claim.
DENYING = frozenset({Stance.DENIES})

_ROLE = {
    Stance.ASSERTS: "support",
    Stance.SUPPORTS: "support",
    Stance.DENIES: "denial",
    Stance.QUESTIONS: "question",
    Stance.CALLS_FOR_INVESTIGATION: "call for investigation",
    Stance.CALLS_FOR_ACTION: "call for action",
    Stance.NEUTRAL: "mention",
}


@dataclass(frozen=True)
class Member:
    """What the story needs to know of one member, in date order."""

    article: str
    story: str  # the original article's id (the article's own for an original)
    speaker: str  # the resolved speaker's key (entity id, else name, else statement id)
    stance: Stance
    relayed: bool  # reached the article through a relay, or the article is a reprint


@dataclass(frozen=True)
class Beat:
    """One entry of the timeline: a member, its role, and the reprints folded into it."""

    index: int  # into the members given to :func:`timeline`
    role: str
    reprints: tuple[int, ...] = ()


@dataclass(frozen=True)
class Counts:
    supporters: int
    deniers: int
    others: int


def source_key(story: str, speaker: str, stance: Stance | str) -> str:
    """One source: a speaker taking one stance in one story."""
    return f"{story}|{speaker}|{Stance(stance).value}"


def role(stance: Stance, *, first: bool, relayed: bool) -> str:
    """ "first report", "relay", "support", "denial", "question", "call for ...", "mention"."""
    if first:
        return "first report"
    if relayed:
        return "relay"
    return _ROLE[stance]


def timeline(members: Sequence[Member]) -> tuple[list[Beat], Counts]:
    """The claim's timeline and its counts (members given oldest first).

    The same statement in a reprint (another article of the same story, same speaker and
    stance) folds into the entry it reprints; two statements in one article stay two.
    The first report is the first member that is for the claim.
    """
    beats: list[Beat] = []
    folded: list[list[int]] = []
    articles: list[set[str]] = []  # each beat's article and those of its reprints
    where: dict[str, list[int]] = {}
    reported = False
    for i, m in enumerate(members):
        k = source_key(m.story, m.speaker, m.stance)
        host = next((b for b in where.get(k, []) if m.article not in articles[b]), None)
        if host is not None:
            folded[host].append(i)
            articles[host].add(m.article)
            continue
        first = not reported and m.stance in SUPPORTING
        reported = reported or first
        where.setdefault(k, []).append(len(beats))
        beats.append(Beat(i, role(m.stance, first=first, relayed=m.relayed)))
        folded.append([])
        articles.append({m.article})
    out = [Beat(b.index, b.role, tuple(f)) for b, f in zip(beats, folded, strict=True)]
    stances = [Stance(k.rsplit("|", 1)[1]) for k in where]
    sup = sum(s in SUPPORTING for s in stances)
    den = sum(s in DENYING for s in stances)
    return out, Counts(sup, den, len(stances) - sup - den)


@dataclass(frozen=True)
class Summary:
    """Who said it first, who repeated it, who denied it, and the rest (indices into a
    timeline's entries, oldest first)."""

    first: int | None
    repeated: tuple[int, ...]
    denied: tuple[int, ...]
    other: tuple[int, ...]


def summarize(stances: Sequence[Stance], roles: Sequence[str], speakers: Sequence[str]) -> Summary:
    """The summary of a timeline given each entry's stance, role and speaker key: each
    speaker listed once (at their first entry), the first reporter not among those who
    repeated it."""
    first = next((i for i, r in enumerate(roles) if r == "first report"), None)
    firsts = {speakers[first]} if first is not None else set()

    def once(idx: list[int], skip: set[str]) -> tuple[int, ...]:
        seen = set(skip)
        out = []
        for i in idx:
            if speakers[i] not in seen:
                seen.add(speakers[i])
                out.append(i)
        return tuple(out)

    n = len(stances)
    repeated = once([i for i in range(n) if stances[i] in SUPPORTING and i != first], firsts)
    denied = once([i for i in range(n) if stances[i] in DENYING], set())
    other = once(
        [i for i in range(n) if stances[i] not in SUPPORTING and stances[i] not in DENYING],
        set(),
    )
    return Summary(first, repeated, denied, other)
