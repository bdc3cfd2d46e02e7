"""Highlighting an article: its text cut into segments, each knowing which statements'
speaker, cue or content covers it.

Spans may overlap or nest (a nominal statement inside another's content, a speaker named
inside a quote). Every offset where some span starts or ends cuts the text, so each
segment is covered by one fixed set of marks; templates render one element per segment
and escape its text. Nothing here produces markup.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from ..model import Analysis, Statement

__all__ = [
    "ROLES",
    "Mark",
    "Segment",
    "analysis_segments",
    "describe",
    "marks",
    "segment_title",
    "segments",
    "speaker_label",
]

ROLES = ("speaker", "cue", "content")  # display priority, highest first


@dataclass(frozen=True, order=True)
class Mark:
    """One span of one statement, in one role."""

    start: int
    end: int
    role: str  # one of ROLES
    statement: str  # Statement.id


@dataclass(frozen=True)
class Segment:
    """A run of text covered by the same marks (none for plain text)."""

    start: int
    end: int
    text: str
    marks: tuple[Mark, ...] = ()

    @property
    def roles(self) -> tuple[str, ...]:
        present = {m.role for m in self.marks}
        return tuple(r for r in ROLES if r in present)

    @property
    def role(self) -> str | None:
        """The role shown (speaker over cue over content)."""
        roles = self.roles
        return roles[0] if roles else None

    @property
    def statements(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for m in self.marks:
            seen.setdefault(m.statement, None)
        return tuple(seen)

    @property
    def depth(self) -> int:
        """How many statements' contents cover this segment (nesting)."""
        return sum(1 for m in self.marks if m.role == "content")


def marks(statements: tuple[Statement, ...] | list[Statement], text_length: int) -> list[Mark]:
    """Every speaker, cue and content span of ``statements``, clipped to the text."""
    out: list[Mark] = []

    def add(start: int, end: int, role: str, sid: str) -> None:
        start, end = max(0, start), min(text_length, end)
        if start < end:
            out.append(Mark(start, end, role, sid))

    for s in statements:
        for piece in s.content_pieces:
            add(piece.start, piece.end, "content", s.id)
        for piece in s.cue_pieces:
            add(piece.start, piece.end, "cue", s.id)
        if s.speaker is not None and s.speaker.mention is not None:
            add(s.speaker.mention.start, s.speaker.mention.end, "speaker", s.id)
    return sorted(set(out))


def segments(text: str, statements: tuple[Statement, ...] | list[Statement]) -> list[Segment]:
    """``text`` cut at every mark boundary; the segments' texts join back to ``text``."""
    ms = marks(statements, len(text))
    cuts = {0, len(text)}
    for m in ms:
        cuts.add(m.start)
        cuts.add(m.end)
    bounds = sorted(cuts)
    out: list[Segment] = []
    for start, end in itertools.pairwise(bounds):
        if start == end:
            continue
        covering = tuple(m for m in ms if m.start <= start and end <= m.end)
        out.append(Segment(start, end, text[start:end], covering))
    return out


def speaker_label(s: Statement) -> str:
    """Who said it, as a reader should see it: the resolved name, else the words used."""
    sp = s.speaker
    if sp is None:
        return "unknown speaker"
    if sp.resolved and sp.name:
        label = sp.name
        if sp.anonymous and sp.affiliation and sp.affiliation.lower() not in label.lower():
            label = f"{label} ({sp.affiliation})"
        return label
    words = sp.mention.text if sp.mention else sp.name
    return f"{words} (unresolved)" if words else "unknown speaker"


def describe(s: Statement) -> str:
    """One line for a tooltip: speaker, type, kind, stance, relay."""
    sp = s.speaker
    kind_of = f", {sp.type.value.replace('_', ' ')}" if sp is not None else ""
    parts = [
        f"{s.id}: {speaker_label(s)}{kind_of}",
        f"{s.kind.value.replace('_', ' ')}",
        f"{s.stance.value.replace('_', ' ')}",
    ]
    if s.cue is not None:
        parts.append(f"cue “{s.cue.text}”")
    if s.relay:
        parts.append("via " + " via ".join(s.relay))
    return " · ".join(parts)


def segment_title(segment: Segment, by_id: dict[str, Statement]) -> str:
    """The tooltip of a segment: one line per statement covering it, with its role."""
    lines = []
    for sid in segment.statements:
        s = by_id.get(sid)
        if s is None:
            continue
        roles = [r for r in ROLES if any(m.statement == sid and m.role == r for m in segment.marks)]
        lines.append(f"[{'/'.join(roles)}] {describe(s)}")
    return "\n".join(lines)


def analysis_segments(analysis: Analysis) -> list[Segment]:
    return segments(analysis.text, analysis.statements)
