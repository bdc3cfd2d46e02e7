"""JSON Lines -> one :class:`Article` per line.

Each line is a JSON object. Fields: ``text`` (required, the article text); optional
``title``, ``url``, ``outlet``, ``author``, ``published`` (ISO 8601 date or datetime)
and ``id`` (your own identifier, kept in the article's ``source`` as ``file:line#id``;
the article's own id is always the content hash of ``text``, so the same text is never
stored twice). Blank lines are skipped; a bad
line becomes an :class:`IngestError` naming ``file:line`` and the batch goes on.

:func:`read_jsonl_stream` reads a file line by line (memory stays flat however big the
file); a line longer than ``max_line_bytes`` is skipped without being held in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from ..errors import IngestError
from ..model import Article

FIELDS = ("text", "title", "url", "outlet", "author", "published", "id")
#: The longest line read, in bytes (a 1,000,000-character article fits many times over).
MAX_LINE_BYTES = 64_000_000
_CHUNK = 1 << 16


class _TooLong:
    """Stands for a line that was over the limit (its bytes were skipped, not kept)."""

    def __init__(self, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit


class _Blank:
    """Stands for ``n`` blank lines, passed over in one go (a file of newlines costs no
    Python work per line)."""

    def __init__(self, n: int) -> None:
        self.n = n


_READ = 1 << 20


def lines_of(
    stream: BinaryIO, max_line_bytes: int = MAX_LINE_BYTES
) -> Iterator[bytes | _TooLong | _Blank]:
    """The lines of a binary stream, each at most ``max_line_bytes`` long (a longer one is
    read past in chunks and given as a :class:`_TooLong` marker); runs of empty lines
    come as one :class:`_Blank` marker. Read in blocks of a megabyte."""
    pending: list[bytes] = []  # the start of the current line
    size = 0  # its length so far
    while True:
        block = stream.read(_READ)
        if not block:
            if size > max_line_bytes:
                yield _TooLong(size, max_line_bytes)
            elif size:
                yield b"".join(pending)
            return
        start = 0
        while start < len(block):
            nl = block.find(b"\n", start)
            if nl < 0:
                piece = block[start:]
                size += len(piece)
                if size <= max_line_bytes:
                    pending.append(piece)
                else:
                    pending = []
                break
            piece = block[start : nl + 1]
            size += len(piece)
            if size > max_line_bytes:
                yield _TooLong(size, max_line_bytes)
            elif size == 1 and not pending:
                # a run of empty lines: count them at C speed
                run = len(block) - start - len(block[start:].lstrip(b"\n"))
                end = start + run
                yield _Blank(run)
                size = 0
                start = end
                continue
            else:
                pending.append(piece)
                yield b"".join(pending)
            pending, size = [], 0
            start = nl + 1


def read_jsonl_stream(
    stream: BinaryIO, *, where: str, max_line_bytes: int = MAX_LINE_BYTES
) -> Iterator[Article | IngestError]:
    """Articles from a JSON Lines stream, read lazily, one line at a time."""
    return read_jsonl(lines_of(stream, max_line_bytes), where=where)


def read_jsonl(
    lines: Iterable[bytes | str | _TooLong | _Blank], *, where: str
) -> Iterator[Article | IngestError]:
    n = 0
    for raw in lines:
        if isinstance(raw, _Blank):
            n += raw.n
            continue
        n += 1
        at = f"{where}:{n}"
        if isinstance(raw, _TooLong):
            yield IngestError(
                f"the line is {raw.size:,} bytes, over the limit of {raw.limit:,}; skipped",
                where=at,
            )
            continue
        try:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as exc:
            yield IngestError(f"the line is not valid UTF-8 (offset {exc.start})", where=at)
            continue
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(f"not valid JSON ({exc.msg} at column {exc.colno})", where=at)
            continue
        except ValueError as exc:  # an integer of more digits than Python converts
            yield IngestError(f"cannot read the JSON ({exc})", where=at)
            continue
        except RecursionError:
            yield IngestError("the JSON is nested too deeply to read", where=at)
            continue
        try:
            yield article_from_record(rec, where=at)
        except IngestError as exc:
            yield exc


def article_from_record(rec: object, *, where: str) -> Article:
    """An article from one JSON object with the fields above."""
    if not isinstance(rec, dict):
        raise IngestError(f"expected a JSON object, got {type(rec).__name__}", where=where)
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError('the required field "text" is missing or empty', where=where)
    meta: dict[str, str | None] = {}
    for f in FIELDS[1:6]:
        v = rec.get(f)
        if v is not None and not isinstance(v, str):
            raise IngestError(
                f'the field "{f}" must be a string, got {type(v).__name__}', where=where
            )
        meta[f] = v or None
    given = rec.get("id")
    source = f"{where}#{given}" if isinstance(given, (str, int)) and given != "" else where
    return Article(
        text=text,
        title=meta["title"],
        url=meta["url"],
        outlet=meta["outlet"],
        author=meta["author"],
        published=meta["published"],
        source=source,
    )
