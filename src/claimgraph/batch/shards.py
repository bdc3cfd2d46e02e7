"""Cutting batch inputs into shards: runs of records that one task analyses.

An input is a file of one of the formats in :mod:`claimgraph.ingest.formats` (the table
the CLI's inputs are read by too): a JSON Lines file (``.jsonl``, ``.ndjson``,
optionally ``.gz``/``.bz2``/``.xz``/``.zst``), a WARC file (``.warc``, ``.warc.gz``), an
RSS or Atom feed (``.rss``, ``.atom``, ``.xml``), a text or HTML file; a directory
holding any of these (searched recursively), or a glob. Each may be a local path or an
fsspec URL (``s3://...``, ``gcs://...``, ``https://...``). JSON Lines, WARC and feeds
are cut into shards by record; text and HTML files are grouped.

A shard is identified by its input and its record range, so the same inputs and
``shard_size`` give the same shard ids on every run: that is what lets a rerun skip
the shards already finished.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ..errors import BatchError
from ..ingest.formats import FORMATS, format_of, kind_of

__all__ = ["Shard", "count_feed", "count_jsonl", "count_warc", "kind_of", "plan"]


@dataclass(frozen=True)
class Shard:
    """Records ``[start, start + count)`` of one JSON Lines, WARC or feed file, or a list
    of text/HTML files (``kind == "files"``, ``files`` holds their URLs)."""

    url: str
    kind: str  # "jsonl" | "warc" | "feed" | "files"
    start: int
    count: int
    files: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """Stable, file-name-safe: ``<input stem>-<first record>-<hash>``."""
        key = "\n".join([self.url, self.kind, str(self.start), str(self.count), *self.files])
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
        stem = self.url.rstrip("/").rsplit("/", 1)[-1] or "input"
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", stem)[:40]
        return f"{stem}-{self.start:09d}-{digest}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "kind": self.kind,
            "start": self.start,
            "count": self.count,
            "files": list(self.files),
        }


@contextmanager
def open_input(url: str, *, decompress: bool = True) -> Iterator[Any]:
    """An input opened for reading, local or remote, decompressed as its suffix says
    (``.gz``, ``.bz2``, ``.xz``, ``.zst``) unless ``decompress`` is false, with
    ``readline`` and line iteration."""
    import fsspec

    with fsspec.open(url, "rb", compression="infer" if decompress else None) as f:
        # a zstandard reader reads but has no lines: buffer it
        yield f if isinstance(f, io.IOBase) else io.BufferedReader(f)


def count_jsonl(url: str) -> int:
    """Lines in a JSON Lines file (a last line without a newline counts)."""
    n = 0
    last = b"\n"
    with open_input(url) as f:
        while chunk := f.read(1 << 20):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    return n + (last != b"\n")


def count_warc(url: str) -> int:
    """Records in a WARC file, of every type, as :func:`claimgraph.ingest.warc.iter_records`
    frames them (a damaged stretch counts as one record; a gzip archive is read raw,
    member by member)."""
    from ..ingest.warc import iter_records

    with open_input(url, decompress=False) as raw:
        return sum(1 for _ in iter_records(raw))


def read_all(url: str) -> bytes:
    """The whole (decompressed) file."""
    with open_input(url) as f:
        data: bytes = f.read()
    return data


def count_feed(url: str) -> int:
    """Items in an RSS or Atom feed (an unreadable feed counts one, its error)."""
    from ..ingest.feeds import read_feed

    return sum(1 for _ in read_feed(read_all(url), where=url))


COUNTERS = {"jsonl": count_jsonl, "warc": count_warc, "feed": count_feed}


def _expand(url: str) -> tuple[Any, list[str], bool]:
    """The filesystem, the paths an input names (sorted), and whether it was a directory."""
    from fsspec.core import url_to_fs

    fs, path = url_to_fs(url)
    if any(c in path for c in "*?["):
        return fs, sorted(fs.glob(path)), True
    if not fs.exists(path):
        raise BatchError("no such file or directory", where=url)
    if fs.isdir(path):
        return fs, sorted(p for p in fs.find(path) if not fs.isdir(p)), True
    return fs, [path], False


def _url(fs: Any, path: str) -> str:
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    return path if protocol in ("file", "local") else fs.unstrip_protocol(path)


def _ranges(url: str, kind: str, total: int, size: int) -> Iterator[Shard]:
    for start in range(0, total, size):
        yield Shard(url, kind, start, min(size, total - start))


def plan(inputs: Sequence[str], shard_size: int = 200) -> list[Shard]:
    """The shards of ``inputs``, at most ``shard_size`` records each, in input order.

    Files in a directory with an unknown suffix are ignored; an input named explicitly
    with an unknown suffix is refused.
    """
    if shard_size < 1:
        raise BatchError(f"--shard-size must be at least 1, not {shard_size}")
    shards: list[Shard] = []
    loose: list[str] = []  # text and HTML files, grouped shard_size at a time
    for given in inputs:
        fs, paths, is_dir = _expand(given)
        for path in paths:
            url = _url(fs, path)
            fmt = format_of(path)
            if fmt is None:
                if not is_dir:
                    known = ", ".join(f.suffixes[0] for f in FORMATS)
                    raise BatchError(
                        f"unknown input type: expected {known} (see claimgraph.ingest.formats) "
                        "or a directory of them",
                        where=url,
                    )
                continue
            if fmt.records:
                total = COUNTERS[fmt.kind](url)
                shards.extend(_ranges(url, fmt.kind, total, shard_size))
            else:
                loose.append(url)
    for start in range(0, len(loose), shard_size):
        group = tuple(loose[start : start + shard_size])
        shards.append(Shard(group[0], "files", start, len(group), group))
    seen: set[str] = set()
    unique = []
    for s in shards:  # the same input named twice is analysed once
        if s.id not in seen:
            seen.add(s.id)
            unique.append(s)
    return unique
