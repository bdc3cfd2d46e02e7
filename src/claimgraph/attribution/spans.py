"""Token-level helpers: subtrees as character ranges, trimming, quote lookup."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .fragments import strip_span
from .quotes import Quote

TRIM_CHARS = " \t\n\r\xa0,;:—–-"


def subtree_range(tok: Token, exclude: Iterable[Token] = ()) -> tuple[int, int]:
    """Character range of ``tok``'s subtree, stopping at excluded child subtrees.

    The range is contiguous: excluded subtrees at either edge shrink it; excluded
    subtrees in the middle stay inside (they are rare, and content must be one run).
    """
    banned: set[int] = set()
    for ex in exclude:
        banned.update(t.i for t in ex.subtree)
    toks = [t for t in tok.subtree if t.i not in banned]
    if not toks:
        return tok.idx, tok.idx + len(tok.text)
    # keep the contiguous run around tok
    idxs = sorted(t.i for t in toks)
    lo = hi = tok.i
    s = set(idxs)
    while lo - 1 in s:
        lo -= 1
    while hi + 1 in s:
        hi += 1
    doc = tok.doc
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def trim(text: str, start: int, end: int, chars: str = TRIM_CHARS) -> tuple[int, int]:
    """``(start, end)`` without leading and trailing spaces and clause punctuation."""
    return strip_span(text, start, end, chars)


class QuoteIndex:
    """Which quote, if any, a character offset falls inside."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = quotes
        self._starts = [q.start for q in quotes]

    def at(self, offset: int) -> Quote | None:
        i = bisect_right(self._starts, offset) - 1
        if i >= 0:
            q = self.quotes[i]
            if q.start <= offset < q.end:
                return q
        return None

    def inside(self, tok: Token) -> Quote | None:
        q = self.at(tok.idx)
        if q is not None and q.inner_start <= tok.idx < q.inner_end:
            return q
        return None

    def overlapping(self, start: int, end: int) -> list[Quote]:
        return [q for q in self.quotes if q.start < end and start < q.end]


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once: spaCy joins every token on each access."""
    text = doc.user_data.get("claimgraph_text")
    if text is None:
        text = doc.text
        doc.user_data["claimgraph_text"] = text
    return str(text)


def sent_of(tok: Token) -> SpacySpan:
    """``tok.sent``, in constant time: spaCy's own walks the whole doc on every call."""
    doc = tok.doc
    index = doc.user_data.get("claimgraph_sent_index")
    if index is None:
        index = []
        for s in doc.sents:
            index.extend([(s.start, s.end)] * (s.end - s.start))
        doc.user_data["claimgraph_sent_index"] = index
    start, end = index[tok.i]
    return doc[start:end]


def sentences(doc: Doc) -> list[SpacySpan]:
    """The doc's sentences, computed once."""
    sents = doc.user_data.get("claimgraph_sents")
    if sents is None:
        sents = list(doc.sents)
        doc.user_data["claimgraph_sents"] = sents
    return sents
