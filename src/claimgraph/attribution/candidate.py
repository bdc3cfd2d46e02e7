"""An attribution before it becomes a :class:`~claimgraph.model.Statement`.

Both engines build :class:`Candidate` values (the rules engine from the parse, the
learned engine from the tagger's spans) and hand them to the same speaker resolution,
relays and stance. The helpers here read or reshape a candidate's pieces and are
shared by :mod:`.engine`, :mod:`.relays`, :mod:`.stance` and :mod:`.learned.extract`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from ..model import Kind
from .lexicon import lx

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .spans import QuoteIndex

Pieces = list[tuple[int, int]]


@dataclass
class Candidate:
    cue: list[Token]
    content: Pieces
    source: Token | None  # head of the source phrase
    source_range: tuple[int, int] | None
    kind: Kind
    lemma: str
    addressee: Token | None = None
    quote_based: bool = False
    relay: list[Token] = field(default_factory=list)
    negated: bool = False
    siblings: Pieces = field(default_factory=list)  # more quotes, same cue

    @property
    def cue_start(self) -> int:
        return min(t.idx for t in self.cue)


def np_head(tokens: list[Token]) -> Token | None:
    """The root of a run of tokens: the one whose head lies outside the run."""
    idx = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in idx or t.head.i == t.i]
    roots = [t for t in roots if t.pos_ in ("PROPN", "NOUN", "PRON")] or roots
    return roots[0] if roots else None


def cut_out(pieces: Pieces, hole: tuple[int, int]) -> Pieces:
    """``pieces`` with the characters of ``hole`` taken out (a piece may split in two)."""
    out = []
    hs, he = hole
    for s, e in pieces:
        if he <= s or hs >= e:
            out.append((s, e))
            continue
        if s < hs:
            out.append((s, hs))
        if he < e:
            out.append((he, e))
    return out


def kind_of(pieces: Pieces, qi: QuoteIndex, quote_based: bool) -> Kind:
    """Direct when (nearly) all of the content is quoted, mixed when some of it is,
    else indirect; a candidate found from its quotation is direct."""
    if quote_based:
        return Kind.DIRECT
    quoted = 0
    total = 0
    for s, e in pieces:
        total += e - s
        for q in qi.overlapping(s, e):
            quoted += min(e, q.end) - max(s, q.start)
    if total and quoted >= 0.9 * total:
        return Kind.DIRECT
    if quoted:
        return Kind.MIXED
    return Kind.INDIRECT


# How far a statement of each kind is trusted before its speaker and cue are weighed.
KIND_CONFIDENCE: Mapping[Kind, float] = MappingProxyType(
    {
        Kind.DIRECT: 0.9,
        Kind.MIXED: 0.85,
        Kind.INDIRECT: 0.8,
        Kind.ACCORDING_TO: 0.85,
        Kind.NOMINAL: 0.6,
    }
)
DEFAULT_KIND_CONFIDENCE = 0.6  # a kind added to the model but not weighed above yet


def kind_confidence(kind: Kind) -> float:
    """The base confidence of a statement of ``kind``; defined for every kind."""
    return KIND_CONFIDENCE.get(kind, DEFAULT_KIND_CONFIDENCE)


def confidence(c: Candidate, speaker_conf: float) -> float:
    """A candidate's confidence: its kind's base, less for a belief verb or no source,
    scaled by how sure the speaker resolution is."""
    base = kind_confidence(c.kind)
    if c.lemma in lx.BELIEF_VERBS:
        base -= 0.15
    if c.source is None:
        base -= 0.2
    return max(0.05, min(1.0, base * (0.6 + 0.4 * speaker_conf)))
