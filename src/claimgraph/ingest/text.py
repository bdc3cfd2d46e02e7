"""Plain text: bytes -> str with clear errors for what is not text, and the headline and
date a plain-text article gives in its first lines.

A plain-text article often opens the way a wire story or a Wikinews page does::

    Dam inspectors find a second crack

    Friday, March 6, 2026

    RIVERTON, March 6, 2026 (Valley Wire) - Inspectors said on Friday ...

:func:`text_metadata` takes the first line as the title when it looks like a headline
(a short line standing alone, not ending like a sentence) and the first date given by a
short date line near the top, or by a dateline before the first paragraph's dash, as
the published date (ISO 8601, ``YYYY-MM-DD``). Dates are read with ``dateparser``; a
date needs its day, month and year. The article text itself is never changed.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from ..errors import InputError
from ..model import Article

#: The largest text file read as one article (bytes); longer articles are refused anyway
#: (CLAIMGRAPH_MAX_CHARS), this keeps a huge file or a device from being read whole.
MAX_TEXT_BYTES = 200_000_000

# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}


def decode_text(data: bytes, *, where: str, encoding: str = "utf-8") -> str:
    """Decode article bytes, refusing binary data and undecodable bytes with a reason."""
    if not data.strip():
        raise InputError("the file is empty (no text to analyse)", where=where)
    for bom, name in ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom) and encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
            # UTF-16 text with its byte-order mark: its NUL bytes are not binary data
            try:
                return data.decode(name)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"the bytes are not valid UTF-16 (offset {exc.start})", where=where
                ) from exc
    sample = data[:8192]
    if b"\x00" in sample or sum(b in _CONTROL for b in sample) > len(sample) * 0.05:
        raise InputError(
            "this looks like a binary file, not text (it holds NUL or control bytes)",
            where=where,
        )
    enc = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the bytes are not valid {encoding} (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); pass --encoding (e.g. --encoding cp1252) or convert the file",
            where=where,
        ) from exc
    except LookupError as exc:
        raise InputError(f"unknown encoding {encoding!r}", where=where) from exc
    return text


def read_text_file(path: str | Path, *, encoding: str = "utf-8") -> Article:
    """An article from a text file, or ``-`` for standard input.

    The article text is exactly the decoded file contents, so offsets index into it.
    """
    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
        where = "<stdin>"
    else:
        p = Path(path)
        where = str(p)
        if p.is_dir():
            raise InputError("is a directory, not a file", where=where)
        try:
            with p.open("rb") as f:  # never more than the cap: /dev/zero, a 1 GB file
                data = f.read(MAX_TEXT_BYTES + 1)
        except FileNotFoundError as exc:
            raise InputError("no such file", where=where) from exc
        except OSError as exc:
            raise InputError(f"cannot read the file ({exc.strerror})", where=where) from exc
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(
            f"over {MAX_TEXT_BYTES // 1_000_000} MB, more than any article: not read further",
            where=where,
        )
    return article_from_text(data, where=where, encoding=encoding)


def article_from_text(
    data: bytes, *, where: str, encoding: str = "utf-8", url: str | None = None
) -> Article:
    """An article from plain-text bytes: the decoded text, exactly, with the title and
    published date its first lines give (see :func:`text_metadata`)."""
    text = decode_text(data, where=where, encoding=encoding)
    title, published = text_metadata(text)
    return Article(text=text, title=title, published=published, source=where, url=url)


#: How far down a date line or dateline is looked for: non-blank lines after the title.
_DATE_LINES = 3
_HEAD_CHARS = 20_000  # only the top of the text is read
_MAX_DATE_LINE = 80  # characters; a longer line is body text, not a date line
_MAX_TITLE = 200
_MAX_TITLE_WORDS = 30
_SENTENCE_END = (".", ",", ";", ":")
_DATELINE_DASHES = (" — ", " – ", " -- ", " - ")


def text_metadata(text: str) -> tuple[str | None, str | None]:
    """``(title, published)`` from the first lines of a plain-text article, each None
    when the text does not give it. ``published`` is an ISO date (``YYYY-MM-DD``)."""
    lines = text[:_HEAD_CHARS].splitlines()
    nonblank = [i for i, line in enumerate(lines[:200]) if line.strip()]
    if not nonblank:
        return None, None
    first = nonblank[0]
    title: str | None = None
    head = " ".join(lines[first].split())
    standalone = first + 1 >= len(lines) or not lines[first + 1].strip()
    after = nonblank[1] if len(nonblank) > 1 else None
    date_next = after is not None and find_date(lines[after], whole_line=True) is not None
    if (
        after is not None  # a text of one line is all body
        and _looks_like_headline(head)
        and (standalone or date_next)
        and find_date(head, whole_line=True) is None
    ):
        title = head
    rest = nonblank[1:] if title else nonblank
    published = None
    for i in rest[:_DATE_LINES]:
        published = find_date(lines[i], whole_line=True)
        if published:
            break
    if published is None and rest:
        # a dateline: "RIVERTON, March 6, 2026 (Valley Wire) - Inspectors said ..."
        for i in rest[:_DATE_LINES]:
            line = lines[i].strip()
            cut = min((line.find(d) for d in _DATELINE_DASHES if line.find(d) > 0), default=-1)
            if 0 < cut <= _MAX_DATE_LINE:
                published = find_date(line[:cut], whole_line=False)
                if published:
                    break
    return title, published


def normalise_date(value: str, *, where: str) -> str:
    """A date given by a user: ISO 8601 kept as given, else read with ``dateparser``
    ("March 6, 2026" -> "2026-03-06"); :class:`InputError` naming ``where`` otherwise."""
    value = value.strip()
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
        return value
    except ValueError:
        pass
    found = find_date(value, whole_line=True)
    if found is None:
        raise InputError(
            f"cannot read {value!r} as a date with day, month and year "
            "(give e.g. 2026-03-06 or 'March 6, 2026')",
            where=where,
        )
    return found


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= _MAX_TITLE_WORDS
        and len(line) <= _MAX_TITLE
        and not line.endswith(_SENTENCE_END)
        and not line.startswith(("-", "*", "#", "•"))
    )


def find_date(line: str, *, whole_line: bool) -> str | None:
    """The ISO date (``YYYY-MM-DD``) a short line gives, with day, month and year, or
    None. With ``whole_line`` the date must be most of the line ("Friday, March 6,
    2026", "Updated: 6 March 2026"), so that a sentence mentioning a date is not taken
    for a date line."""
    line = " ".join(line.split())
    if not line or len(line) > _MAX_DATE_LINE or not any(c.isdigit() for c in line):
        return None
    from dateparser.search import search_dates

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        found = search_dates(line, languages=["en"], settings=settings)
    except (ValueError, OverflowError):  # a date out of range ("March 99, 20261")
        return None
    for words, when in found or ():
        if not isinstance(when, datetime):
            continue
        if whole_line and len(words) < 0.5 * len(line):
            continue
        if not 1000 <= when.year <= 9999:
            continue
        return when.date().isoformat()
    return None
