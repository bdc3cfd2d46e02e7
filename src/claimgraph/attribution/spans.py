"""Token-level helpers: subtrees as character ranges, trimming, quote lookup."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .fragments import strip_span
from .quotes import Quote, find_quotes

TRIM_CHARS = " \t\n\r\xa0,;:—–-"


class _Tree:
    """The dependency tree of a doc as arrays, built once per doc: each subtree is one
    slice of a pre-order walk, so membership is two comparisons and a subtree's extent
    and size are looked up instead of walked (``Token.subtree`` walks nested generators,
    one level per ancestor: quadratic on text nested a thousand clauses deep).

    Children are the ones ``Token.lefts``/``Token.rights`` report (a head finds its
    children between its ``left_edge`` and ``right_edge``), so every subtree here holds
    exactly the tokens of ``Token.subtree``.
    """

    __slots__ = ("children", "hi", "lo", "order", "size", "tin")

    def __init__(
        self,
        children: list[list[int]],
        order: list[int],
        tin: list[int],
        size: list[int],
        lo: list[int],
        hi: list[int],
    ) -> None:
        self.children = children  # token index -> its children's indices, in order
        self.order = order  # token indices in pre-order
        self.tin = tin  # token index -> its position in ``order``
        self.size = size  # token index -> how many tokens its subtree holds
        self.lo = lo  # token index -> the smallest index in its subtree
        self.hi = hi  # token index -> the largest index in its subtree

    def members(self, i: int) -> list[int]:
        """The token indices of ``i``'s subtree (in pre-order, not sorted)."""
        return self.order[self.tin[i] : self.tin[i] + self.size[i]]

    def contains(self, root: int, i: int) -> bool:
        """Whether token ``i`` is in ``root``'s subtree (``root`` itself included)."""
        return self.tin[root] <= self.tin[i] < self.tin[root] + self.size[root]

    def contiguous(self, i: int) -> bool:
        return self.hi[i] - self.lo[i] + 1 == self.size[i]


def _build_tree(doc: Doc) -> _Tree | None:
    n = len(doc)
    heads = [t.head.i for t in doc]
    l_edge = [t.left_edge.i for t in doc]
    r_edge = [t.right_edge.i for t in doc]
    children: list[list[int]] = [[] for _ in range(n)]
    roots = []
    for i, h in enumerate(heads):
        if h != i and l_edge[h] <= i <= r_edge[h]:
            children[h].append(i)  # in index order, as lefts then rights give them
        else:
            roots.append(i)  # a root, or a child its head does not see
    order: list[int] = []
    tin = [-1] * n
    stack = roots[::-1]
    while stack:
        x = stack.pop()
        if tin[x] >= 0:
            return None  # not a tree
        tin[x] = len(order)
        order.append(x)
        stack.extend(reversed(children[x]))
    if len(order) != n:
        return None  # a cycle: no walk reaches it
    size = [1] * n
    lo = list(range(n))
    hi = list(range(n))
    for x in reversed(order):
        for c in children[x]:
            size[x] += size[c]
            lo[x] = min(lo[x], lo[c])
            hi[x] = max(hi[x], hi[c])
    return _Tree(children, order, tin, size, lo, hi)


def tree_of(doc: Doc) -> _Tree | None:
    """The doc's :class:`_Tree`, built once (``None`` if the parse is not a tree)."""
    if "claimgraph_tree" not in doc.user_data:
        doc.user_data["claimgraph_tree"] = _build_tree(doc)
    tree = doc.user_data["claimgraph_tree"]
    return tree if isinstance(tree, _Tree) else None


def children(tok: Token) -> list[Token]:
    """``list(tok.children)``, from the doc's tree: spaCy finds a token's children by
    scanning every token between its left and right edge, on each call (quadratic when
    each clause holds the rest of the text)."""
    doc = tok.doc
    tree = tree_of(doc)
    if tree is None:
        return list(tok.children)
    return [doc[i] for i in tree.children[tok.i]]


def subtree_indices(tok: Token) -> list[int]:
    """The token indices of ``tok.subtree`` (in no particular order)."""
    tree = tree_of(tok.doc)
    if tree is None:
        return [t.i for t in tok.subtree]
    return tree.members(tok.i)


def subtree_end(tok: Token) -> int:
    """The largest token index in ``tok.subtree``."""
    tree = tree_of(tok.doc)
    if tree is None:
        return max(t.i for t in tok.subtree)
    return tree.hi[tok.i]


def subtree_range(tok: Token, exclude: Iterable[Token] = ()) -> tuple[int, int]:
    """Character range of ``tok``'s subtree, stopping at excluded child subtrees.

    The range is contiguous: excluded subtrees at either edge shrink it; excluded
    subtrees in the middle stay inside (they are rare, and content must be one run).
    """
    doc = tok.doc
    tree = tree_of(doc)
    if tree is None:
        return _subtree_range_walked(tok, exclude)
    i = tok.i
    ex = [t.i for t in exclude]
    if any(tree.contains(x, i) for x in ex):
        # an excluded subtree holds tok, and so all of tok's subtree
        return tok.idx, tok.idx + len(tok.text)
    # the contiguous run of kept subtree tokens around tok
    if tree.contiguous(i):
        lo, hi = tree.lo[i], tree.hi[i]
        for x in ex:
            if tree.hi[x] < lo or tree.lo[x] > hi:
                continue  # entirely outside tok's subtree
            if tree.contiguous(x):
                if tree.hi[x] < i:
                    lo = max(lo, tree.hi[x] + 1)
                elif tree.lo[x] > i:
                    hi = min(hi, tree.lo[x] - 1)
                continue
            for j in tree.members(x):
                if lo <= j < i:
                    lo = j + 1
                elif i < j <= hi:
                    hi = j - 1
    else:

        def kept(j: int) -> bool:
            return tree.contains(i, j) and not any(tree.contains(x, j) for x in ex)

        lo = hi = i
        while lo - 1 >= 0 and kept(lo - 1):
            lo -= 1
        while hi + 1 < len(doc) and kept(hi + 1):
            hi += 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def _subtree_range_walked(tok: Token, exclude: Iterable[Token] = ()) -> tuple[int, int]:
    """:func:`subtree_range` by walking ``Token.subtree`` (when the parse is no tree)."""
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
    """Which quote, if any, a character offset falls inside; the quotes near an offset.

    Quotes never overlap (``find_quotes``), so once in order of their starts, their ends
    ascend too and every lookup is a binary search (a scan of every quote for every cue
    was quadratic in text of thousands of quotes).
    """

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = sorted(quotes, key=lambda q: q.start)
        self._starts = [q.start for q in self.quotes]
        self._ends = [q.end for q in self.quotes]
        # prefix sums of quote lengths, for quoted_chars
        self._lengths = list(accumulate((q.end - q.start for q in self.quotes), initial=0))

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
        lo, hi = self._overlap(start, end)
        return self.quotes[lo:hi]

    def _overlap(self, start: int, end: int) -> tuple[int, int]:
        """The quotes overlapping ``[start, end)`` as a slice of :attr:`quotes`."""
        lo = bisect_right(self._ends, start)  # the first quote ending after start
        hi = bisect_left(self._starts, end)  # the first quote starting at or after end
        return lo, max(lo, hi)

    def edge_quotes(self, start: int, end: int) -> list[Quote]:
        """The first and the last quote overlapping ``[start, end)`` (one if they are the
        same, none if none): only they can hold ``start`` or ``end`` (quotes never
        overlap)."""
        lo, hi = self._overlap(start, end)
        if hi - lo <= 2:
            return self.quotes[lo:hi]
        return [self.quotes[lo], self.quotes[hi - 1]]

    def quoted_chars(self, start: int, end: int) -> int:
        """How many characters of ``[start, end)`` lie inside quotes (marks included):
        every overlapping quote whole, less what the first and the last stick out."""
        lo, hi = self._overlap(start, end)
        if lo == hi:
            return 0
        first, last = self.quotes[lo], self.quotes[hi - 1]
        return (
            self._lengths[hi]
            - self._lengths[lo]
            - max(0, start - first.start)
            - max(0, last.end - end)
        )

    def first_from(self, offset: int) -> Quote | None:
        """The first quote that starts at or after ``offset``."""
        i = bisect_left(self._starts, offset)
        return self.quotes[i] if i < len(self.quotes) else None

    def last_before(self, offset: int) -> Quote | None:
        """The last quote that ends at or before ``offset``."""
        i = bisect_right(self._ends, offset)
        return self.quotes[i - 1] if i > 0 else None


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


def verb_in(doc: Doc, start: int, end: int) -> bool:
    """Whether a token of ``doc[start:end]`` is a verb (``pos_ == "VERB"``, not
    punctuation), from an index of the doc's verbs built once."""
    verbs = doc.user_data.get("claimgraph_verbs")
    if verbs is None:
        verbs = [t.i for t in doc if t.pos_ == "VERB" and not t.is_punct]
        doc.user_data["claimgraph_verbs"] = verbs
    i = bisect_left(verbs, start)
    return i < len(verbs) and verbs[i] < end


def sentences(doc: Doc) -> list[SpacySpan]:
    """The doc's sentences, computed once."""
    sents = doc.user_data.get("claimgraph_sents")
    if sents is None:
        sents = list(doc.sents)
        doc.user_data["claimgraph_sents"] = sents
    return sents


def quote_index(doc: Doc) -> QuoteIndex:
    """The doc's quotations (:func:`~claimgraph.attribution.quotes.find_quotes`), found
    once, for code that has the doc and not the engine's index."""
    index = doc.user_data.get("claimgraph_quotes")
    if index is None:
        index = doc.user_data["claimgraph_quotes"] = QuoteIndex(find_quotes(doc_text(doc)))
    return index
