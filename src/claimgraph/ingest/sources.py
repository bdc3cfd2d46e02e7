"""Where articles come from: paths, directories, globs, URLs and standard input.

:func:`read_sources` turns command-line inputs into a stream of :class:`Article` or,
for what cannot be read, :class:`InputError` records (each naming the file and record),
so that a batch goes on past a bad record. Formats are chosen by extension (the table
in :mod:`.formats`, which batch reads too) and, when that says nothing, by sniffing
the bytes:

==========================  ==============================================
``.txt`` ``.text``          one article, the file's text
``.html`` ``.htm``          one article, main text by trafilatura
``.rss`` ``.atom`` ``.xml``  a feed: one article per item
``.warc`` ``.warc.gz``      one article per HTML response record
``.jsonl`` ``.ndjson``      one article per line (see :mod:`.jsonl`), streamed
``<any of these>.gz``       decompressed (also ``.bz2`` ``.xz`` ``.zst``), then read by
                            the name before it
a directory                 every such file below it, recursively, sorted
a glob (``news/*.html``)    every matching file, sorted
``-``                       standard input, sniffed
``http(s)://...``           fetched (see :mod:`.fetch`), by content type
==========================  ==============================================
"""

from __future__ import annotations

import glob
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import IngestError, InputError
from ..model import Article
from .feeds import looks_like_feed, read_feed
from .fetch import Fetched, fetch, is_url
from .formats import SUFFIXES, compression_of, decompress_errors, kind_of, open_binary
from .html import article_from_html
from .jsonl import read_jsonl, read_jsonl_stream
from .text import article_from_text
from .warc import read_warc

Record = Article | InputError

#: The largest single file (after gzip) read whole; JSON Lines and WARC are streamed.
MAX_FILE_BYTES = 200_000_000


def _is_glob(s: str) -> bool:
    return any(c in s for c in "*?[")


def expand(inputs: Iterable[str]) -> Iterator[str | InputError]:
    """Each input as files (directories walked, globs expanded), URLs and ``-`` kept."""
    for item in inputs:
        if item == "-" or is_url(item):
            yield item
        elif os.path.isdir(item):
            found = False
            for root, dirs, files in os.walk(item):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith(".") and f.lower().endswith(SUFFIXES):
                        found = True
                        yield os.path.join(root, f)
            if not found:
                yield IngestError("no readable files in this directory", where=item)
        elif os.path.exists(item):
            yield item
        elif _is_glob(item):
            matches = sorted(m for m in glob.glob(item, recursive=True) if os.path.isfile(m))
            if not matches:
                yield IngestError("no files match this pattern", where=item)
            yield from matches
        else:
            yield IngestError("no such file or directory", where=item)


def read_sources(
    inputs: Iterable[str],
    *,
    encoding: str = "utf-8",
    fetcher: Callable[[str], Fetched] = fetch,
) -> Iterator[Record]:
    """Every article in ``inputs``, in order, with an error record for each bad one."""
    for item in expand(inputs):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            if item == "-":
                yield from read_stdin(encoding=encoding)
            elif is_url(item):
                got = fetcher(item)
                yield from read_bytes(
                    got.body, where=got.url, encoding=encoding, content_type=got.content_type,
                    url=got.url,
                )  # fmt: skip
            else:
                yield from read_path(Path(item), encoding=encoding)
        except InputError as exc:
            yield exc


def read_path(path: Path, *, encoding: str = "utf-8") -> Iterator[Record]:
    where = str(path)
    name = path.name.lower()
    kind = kind_of(name)
    try:
        if kind == "warc":  # warcio reads a compressed archive itself
            with path.open("rb") as f:
                yield from read_warc(f, where=where)
            return
        if kind == "jsonl":  # streamed: memory stays flat however big the file
            with open_binary(path) as f:
                yield from read_jsonl_stream(f, where=where)  # type: ignore[arg-type]
            return
        with open_binary(path) as f:
            data = f.read(MAX_FILE_BYTES + 1)
        comp = compression_of(name)
        if comp is not None:  # read by the name before the compression suffix
            kind = kind_of(name[: -len(comp)])
        if len(data) > MAX_FILE_BYTES:
            yield InputError(
                f"the file is over {MAX_FILE_BYTES:,} bytes (inflated); refused. Split it, "
                "or give articles as JSON Lines, which are streamed",
                where=where,
            )
            return
    except OSError as exc:
        yield InputError(f"cannot read the file ({exc.strerror or exc})", where=where)
        return
    except decompress_errors() as exc:  # a truncated or corrupt compressed file
        yield InputError(f"cannot read the file ({exc})", where=where)
        return
    yield from read_bytes(data, where=where, encoding=encoding, kind=kind)


def read_stdin(*, encoding: str = "utf-8") -> Iterator[Record]:
    """Standard input, sniffed from its first bytes; JSON Lines and WARC are streamed."""
    stream = sys.stdin.buffer
    head = stream.peek(8192)[:8192] if isinstance(stream, io.BufferedReader) else b""
    kind = sniff(head) if head else None
    if kind == "jsonl":
        yield from read_jsonl_stream(stream, where="<stdin>")
    elif kind == "warc":
        yield from read_warc(stream, where="<stdin>")
    else:
        yield from read_bytes(stream.read(), where="<stdin>", encoding=encoding)


def sniff(data: bytes, content_type: str = "") -> str:
    """``text``, ``html``, ``feed``, ``jsonl`` or ``warc`` from a content type or bytes."""
    ct = content_type.lower()
    if "rss" in ct or "atom" in ct:
        return "feed"
    if "html" in ct:
        return "html"
    if "ndjson" in ct or "jsonl" in ct:
        return "jsonl"
    head = data[:1024].lstrip()
    if head.startswith(b"WARC/"):
        return "warc"
    if looks_like_feed(data):
        return "feed"
    low = head[:200].lower()
    if low.startswith((b"<!doctype html", b"<html")) or b"<body" in data[:4096].lower():
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    if "xml" in ct:
        return "feed"
    return "text"


def read_bytes(
    data: bytes,
    *,
    where: str,
    encoding: str = "utf-8",
    kind: str | None = None,
    content_type: str = "",
    url: str | None = None,
) -> Iterator[Record]:
    """Articles from the bytes of one source, of ``kind`` or sniffed."""
    kind = kind or sniff(data, content_type)
    if kind == "warc":
        yield from read_warc(io.BytesIO(data), where=where)
    elif kind == "feed":
        yield from read_feed(data, where=where)
    elif kind == "jsonl":
        yield from read_jsonl(data.splitlines(), where=where)
    elif kind == "html":
        try:
            yield article_from_html(data, where=where, url=url)
        except InputError as exc:
            yield exc
    else:
        try:
            yield article_from_text(data, where=where, encoding=encoding, url=url)
        except InputError as exc:
            yield exc
