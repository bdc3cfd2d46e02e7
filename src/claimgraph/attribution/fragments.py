"""Statement fragments per role (source, cue, content), as character spans.

One reading of a statement's fragments, used at run time by the learned engine (the
hybrid model reads the rules' fragments), in training (the same fragments, read back
from saved predictions) and by the PolNeAR scorer in :mod:`claimgraph.eval.polnear`:
the speaker's mention is the source, and every cue and content piece counts. Fragments
are compared after :func:`trim`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Statement

ROLES = ("source", "cue", "content")
TRIM = " \t\n\r.,;:!?\"'“”‘’«»()[]—–-"  # what :func:`trim` takes off both ends

Spans = dict[str, list[tuple[int, int]]]


def strip_span(text: str, s: int, e: int, chars: str) -> tuple[int, int]:
    """``(s, e)`` without the leading and trailing characters found in ``chars``."""
    while s < e and text[s] in chars:
        s += 1
    while e > s and text[e - 1] in chars:
        e -= 1
    return s, e


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    """``(s, e)`` without leading and trailing spaces, punctuation and quote marks, as
    PolNeAR's scorer compares fragments."""
    return strip_span(text, s, e, TRIM)


def empty() -> Spans:
    """No fragment for any role."""
    return {r: [] for r in ROLES}


def statement_spans(statements: Iterable[Statement]) -> Spans:
    """Source (speaker mention), cue and content fragments of ``statements``; empty
    fragments are left out."""
    spans = empty()
    for st in statements:
        if st.speaker is not None and st.speaker.mention is not None:
            m = st.speaker.mention
            spans["source"].append((m.start, m.end))
        spans["cue"].extend((p.start, p.end) for p in st.cue_pieces)
        spans["content"].extend((p.start, p.end) for p in st.content_pieces)
    return {r: [(s, e) for s, e in frags if e > s] for r, frags in spans.items()}
