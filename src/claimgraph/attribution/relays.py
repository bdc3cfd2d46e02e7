"""Relays: "according to Associated Press" in a sentence that already reports someone
else's words records that the statement reached this outlet through AP.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Kind
from .candidate import Candidate, cut_out
from .spans import doc_text, sent_of, trim


def attached_to(acc: Candidate, host: Candidate) -> bool:
    """Whether the "according to" phrase modifies the host's cue or a word of its content."""
    head = acc.cue[0].head
    if any(head.i == t.i for t in host.cue):
        return True
    return any(s <= head.idx < e for s, e in host.content)


def apply_relays(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Turn "according to X" candidates that share a sentence with another cue into relays."""
    out: list[Candidate] = []
    according = [c for c in cands if c.kind is Kind.ACCORDING_TO]
    others = [c for c in cands if c.kind is not Kind.ACCORDING_TO]
    for acc in according:
        sent = sent_of(acc.cue[0])
        hosts = [
            o
            for o in others
            if sent_of(o.cue[0]).start == sent.start
            and (o.source is None or acc.source is None or o.source.i != acc.source.i)
            and attached_to(acc, o)
        ]
        if not hosts:
            out.append(acc)
            continue
        phrase_lo = min(t.idx for t in acc.cue)
        phrase_hi = acc.source_range[1] if acc.source_range else phrase_lo
        for h in hosts:
            if acc.source is not None:
                h.relay.append(acc.source)
            h.content = [
                trim(doc_text(doc), s, e)
                for s, e in cut_out(h.content, (phrase_lo, phrase_hi))
                if e - s > 1
            ]
    out.extend(o for o in others if o.content)
    return out
