"""Shared by the fuzz harnesses: what must hold for every input, and seed files.

Each harness is a libFuzzer target run by atheris (``scripts/fuzz TARGET SECONDS``).
A harness fails (atheris prints the input and saves it as ``crash-*``) when a reader
raises anything but the project's :class:`~claimgraph.errors.InputError`, or when an
analysis holds a span whose text is not ``text[start:end]``.
"""

from __future__ import annotations

from claimgraph.errors import InputError
from claimgraph.model import Analysis, Article, Span


def spans_of(analysis: Analysis) -> list[tuple[str, Span]]:
    """Every span an analysis holds: content, cue, speaker mention, all pieces, sentence,
    entity mentions."""
    out: list[tuple[str, Span]] = []
    for s in analysis.statements:
        out.append((f"{s.id}.content", s.content))
        out += [(f"{s.id}.content_piece", p) for p in s.content_pieces]
        if s.cue is not None:
            out.append((f"{s.id}.cue", s.cue))
        out += [(f"{s.id}.cue_piece", p) for p in s.cue_pieces]
        if s.speaker is not None and s.speaker.mention is not None:
            out.append((f"{s.id}.speaker", s.speaker.mention))
        if s.sentence is not None:
            out.append((f"{s.id}.sentence", s.sentence))
    for e in analysis.entities:
        out += [(f"{e.id}.mention", m) for m in e.mentions]
    return out


def check_spans(text: str, analysis: Analysis) -> None:
    for name, span in spans_of(analysis):
        if text[span.start : span.end] != span.text:
            raise AssertionError(
                f"{name} [{span.start}:{span.end}] is {span.text!r}, "
                f"the text there is {text[span.start : span.end]!r}"
            )


def check_records(records: object) -> int:
    """Drain a reader; every record must be an Article or an InputError with a reason."""
    n = 0
    for rec in records:  # type: ignore[attr-defined]
        n += 1
        if isinstance(rec, InputError):
            if not rec.message or not rec.where:
                raise AssertionError(f"an ingest error without a reason or place: {rec!r}")
        elif not isinstance(rec, Article):
            raise AssertionError(f"a reader yielded {type(rec).__name__}")
        elif not rec.text.strip():
            raise AssertionError("a reader yielded an article with no text")
    return n
