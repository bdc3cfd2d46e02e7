"""The input formats, one table read by :mod:`.sources` (the CLI's inputs) and by
:mod:`claimgraph.batch.shards` (batch inputs): a format listed here is read by both.

Each :class:`Format` names its kind, the file-name suffixes it is known by, and
whether a file holds one article or a run of records (which batch cuts into shards).
Every format but WARC may also come compressed (:data:`COMPRESSIONS`), read through
:func:`open_binary` here and through fsspec in batch.

To add a format: a row in :data:`FORMATS`, and a reader module in this package whose
function :mod:`.sources` (``read_bytes``) and :mod:`claimgraph.batch.readers` call for
that kind.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
from dataclasses import dataclass
from io import BufferedIOBase
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Format:
    kind: str  # "text", "html", "feed", "warc" or "jsonl"
    suffixes: tuple[str, ...]
    records: bool  # a file holds many articles, counted and cut into shards by batch


#: Compression suffixes :func:`open_binary` reads (batch reads them through fsspec).
COMPRESSIONS = (".gz", ".bz2", ".xz", ".zst")


def _any_compression(*bases: str) -> tuple[str, ...]:
    """Each suffix as it is and with each compression suffix after it."""
    return tuple(b + c for b in bases for c in ("", *COMPRESSIONS))


FORMATS: tuple[Format, ...] = (
    Format("text", _any_compression(".txt", ".text"), False),
    Format("html", _any_compression(".html", ".htm", ".xhtml"), False),
    Format("feed", _any_compression(".rss", ".atom", ".xml"), True),
    # warcio reads gzip (a .warc.gz is gzipped record by record) and nothing else
    Format("warc", (".warc", ".warc.gz", ".arc.gz"), True),
    Format("jsonl", _any_compression(".jsonl", ".ndjson"), True),
)
#: Every suffix a file is recognised by (a directory is searched for these).
SUFFIXES = tuple(s for f in FORMATS for s in f.suffixes)


def format_of(name: str) -> Format | None:
    """The format a file name says, or None (an unknown suffix)."""
    low = name.lower()
    return next((f for f in FORMATS if low.endswith(f.suffixes)), None)


def kind_of(name: str) -> str | None:
    """``"text"``, ``"html"``, ``"feed"``, ``"warc"``, ``"jsonl"`` or None from a file name."""
    f = format_of(name)
    return f.kind if f is not None else None


def compression_of(name: str) -> str | None:
    """The compression suffix a file name ends with (``.gz``, ...), or None."""
    low = name.lower()
    return next((c for c in COMPRESSIONS if low.endswith(c)), None)


def open_binary(path: Path) -> BufferedIOBase:
    """``path`` opened for reading, decompressed as its suffix says."""
    comp = compression_of(path.name)
    if comp == ".gz":
        return gzip.open(path, "rb")
    if comp == ".bz2":
        return bz2.open(path, "rb")
    if comp == ".xz":
        return lzma.open(path, "rb")
    if comp == ".zst":
        return _zstd(path)
    return path.open("rb")


class _ZstdRaw(io.RawIOBase):
    """A ``.zst`` file decompressed in chunks; a file that ends inside a frame raises
    :class:`EOFError`, as gzip, bz2 and lzma do (zstandard's own reader says nothing)."""

    def __init__(self, path: Path) -> None:
        import zstandard

        self._file = path.open("rb")
        self._new = zstandard.ZstdDecompressor().decompressobj
        self._dobj: Any = self._new()
        self._buf = b""

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        while not self._buf:
            chunk = self._file.read(1 << 16)
            if not chunk:
                if not self._dobj.eof:
                    raise EOFError("Compressed file ended before the end of its zstd frame")
                return 0
            while chunk:
                if self._dobj.eof:  # another frame follows
                    self._dobj = self._new()
                self._buf += self._dobj.decompress(chunk)
                chunk = self._dobj.unused_data if self._dobj.eof else b""
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n

    def close(self) -> None:
        self._file.close()
        super().close()


def _zstd(path: Path) -> BufferedIOBase:
    return io.BufferedReader(_ZstdRaw(path))


def decompress_errors() -> tuple[type[BaseException], ...]:
    """What reading a truncated or corrupt compressed file raises besides ``OSError``
    (gzip's, lzma's and zstandard's errors)."""
    import zlib

    import zstandard

    return (EOFError, zlib.error, lzma.LZMAError, zstandard.ZstdError)
