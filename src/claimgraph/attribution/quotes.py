"""Direct quotations found at the character level.

Handles straight and curly double quotes, guillemets (« », ‹ ›), German „ “, the
typewriter conventions ``...'' and ''...'', and single curly quotes ‘...’ where they
are not apostrophes. A paragraph that opens a quote without closing it continues into
the next paragraph when that paragraph opens with a quote mark (the news convention);
otherwise the quote ends with its paragraph. Unbalanced marks never raise: an opening
mark with nothing to close it is dropped when the paragraph ends.

Only outermost quotes are returned; a quote inside a quote is part of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Mark -> the closing marks that may end a quote it opens.
_OPENERS: dict[str, tuple[str, ...]] = {
    "“": ("”", "“"),  # “...” and the German-style „...“ are handled through „
    "„": ("“", "”"),
    "«": ("»",),
    "»": ("«",),  # Danish/German »...«
    "‹": ("›",),
    '"': ('"',),
    "``": ("''",),
    "''": ("''",),
    "‘": ("’",),
}
_SPACED = frozenset("«»‹›")
_TOKEN = re.compile(r"``|''|[“”„«»‹›\"‘’]")
_PARA = re.compile(r"\n\s*\n|\n(?=\s*[“„«\"‘`'])")


@dataclass(frozen=True)
class Quote:
    """A quotation: ``start``/``end`` include the marks; ``inner`` excludes them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool

    @property
    def inner(self) -> tuple[int, int]:
        return (self.inner_start, self.inner_end)


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def blank_lines(text: str, start: int, end: int) -> int:
    """How many blank lines (paragraph breaks) ``text[start:end]`` holds."""
    return len(_BLANK_LINE.findall(text, start, end))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The paragraphs of ``text`` as ``(start, end)``: blank lines part them, and so does a
    line break before a quote mark; blank paragraphs are left out."""
    out = []
    pos = 0
    for m in _PARA.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _is_apostrophe(text: str, i: int, *, quote_open: bool = False) -> bool:
    """’ between letters (don’t) is an apostrophe; so is a plural possessive (Nations’
    plan) unless a single quote is open, where ’ after an s closes it (‘the camps’)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True
    return not quote_open and before in "sS" and after in " \t"


def _can_open(text: str, i: int, mark: str) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if mark in _SPACED:
        return True  # French typography: « texte »
    if after.isspace():
        return False
    if mark == "‘":
        return not before.isalnum()
    if mark in ('"', "''"):
        return not before.isalnum() or before in "([{"
    return True


def _can_close(text: str, i: int, mark: str) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if mark in ("’", "''") and before.isalnum() and after.isalnum():
        return False
    return mark in _SPACED or not before.isspace()


def _family(mark: str) -> str:
    """Marks of one convention: a paragraph continues a quote only with its own kind."""
    if mark in ('"',):
        return "straight"
    if mark in ("``", "''"):
        return "typewriter"
    if mark in ("“", "”", "„"):
        return "curly"
    return mark


def find_quotes(text: str) -> list[Quote]:
    """Outermost quotations in ``text``, in order, never overlapping."""
    quotes: list[Quote] = []
    carry: tuple[int, str] | None = None  # an open quote continuing from the last paragraph
    for p_start, p_end in paragraphs(text):
        open_at: tuple[int, str] | None = None
        depth_inner: list[str] = []
        first_mark = True
        for m in _TOKEN.finditer(text, p_start, p_end):
            i, mark = m.start(), m.group()
            if open_at is None:
                if (
                    carry is not None
                    and first_mark
                    # only the paragraph's first mark asks (the slice would be
                    # quadratic in a paragraph of thousands of marks)
                    and not text[p_start:i].strip()
                    and _family(mark) == _family(carry[1])
                ):
                    # A continuation paragraph: the quote goes on from the last one.
                    open_at = (carry[0], carry[1])
                    quotes.pop()  # replace the provisional end at the paragraph break
                    carry = None
                    first_mark = False
                    continue
                if (
                    carry is not None
                    and first_mark
                    and mark in _OPENERS[carry[1]]
                    and _can_close(text, i, mark)
                    and not (mark == "’" and _is_apostrophe(text, i, quote_open=True))
                ):
                    # The quote goes on with no mark of its own and closes here: this
                    # paragraph up to the mark is a quotation too (the one before
                    # keeps its provisional end at the paragraph break).
                    quotes.append(Quote(p_start, i + len(mark), p_start, i, True))
                    carry = None
                    first_mark = False
                    continue
                first_mark = False
                if mark == "’" or mark == "”":
                    continue
                if mark in _OPENERS and _can_open(text, i, mark):
                    open_at = (i, mark)
                    depth_inner = []
                continue
            start, opener = open_at
            closers = _OPENERS[opener]
            if depth_inner:
                inner_open = depth_inner[-1]
                if mark in _OPENERS[inner_open] and _can_close(text, i, mark):
                    if mark == "’" and _is_apostrophe(text, i):
                        continue
                    depth_inner.pop()
                    continue
            if mark in closers and _can_close(text, i, mark):
                if mark == "’" and _is_apostrophe(text, i, quote_open=opener == "‘"):
                    continue
                end = i + len(mark)
                quotes.append(Quote(start, end, start + len(opener), i, True))
                open_at = None
                continue
            if mark in ("‘", "'", "«", "‹", "„") or (mark == '"' and opener != '"'):
                if mark in _OPENERS and _can_open(text, i, mark):
                    depth_inner.append(mark)
        if open_at is not None:
            start, opener = open_at
            end = p_end
            while end > start and text[end - 1].isspace():
                end -= 1
            quotes.append(Quote(start, end, start + len(opener), end, False))
            carry = open_at
        else:
            carry = None
    return [
        q for q in quotes if q.inner_end > q.inner_start and text[q.inner[0] : q.inner[1]].strip()
    ]
