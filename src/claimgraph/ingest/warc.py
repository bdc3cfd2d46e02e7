"""WARC archives -> one :class:`Article` per HTML response record (warcio).

Records that are not HTTP responses, or not HTML, are passed over silently (they are
not articles); an HTML response with no article text becomes an :class:`IngestError`
naming the archive and the record's URL.

claimgraph frames the records itself (:func:`iter_records`: a ``WARC/1.`` header line,
header fields up to a blank line, ``Content-Length`` bytes, the blank lines after them)
and hands each one alone to warcio's parser, so a damaged record is one bad record and
never loses the good ones after it. A record whose header cannot be read, whose
``Content-Length`` does not end where the next record begins, or whose gzip member is
damaged gives one :class:`IngestError` naming the archive, the record's number and its
byte offset, and reading resumes at the next ``WARC/1.`` header (plain archives) or the
next gzip member (compressed ones, where each record is usually its own member). An
archive that breaks off inside a record reports that record as an error.

A record's payload is read (and inflated, when the HTTP response is gzip-compressed) in
chunks up to ``max_record_bytes``: a record over it is refused, so a small archive that
expands to gigabytes never fills memory; in a gzip archive such a record is passed over
by finding the next member, without inflating it. A record that declares more than
``max_declared_bytes`` (1 GB) and cannot be passed over that way (it shares its gzip
member with other records) ends the reading of the archive with an error: passing over
it would mean inflating all of it.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from ..errors import IngestError
from ..model import Article
from .html import article_from_html

#: The largest record payload read (after decompression), in bytes.
MAX_RECORD_BYTES = 20_000_000
#: A record declaring more than this stops the archive (skipping it means inflating it).
MAX_DECLARED_BYTES = 1_000_000_000
#: The longest WARC header block (the fields before the record's content).
MAX_HEAD_BYTES = 1 << 16
#: Record types of WARC 1.0/1.1; any other is reported (a damaged WARC-Type).
WARC_TYPES = frozenset(
    {"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion",
     "continuation"}
)  # fmt: skip
_CHUNK = 1 << 16
_GZIP_MAGIC = b"\x1f\x8b\x08"
_RETAIN = 8 << 20  # raw bytes of one gzip member kept to resynchronise after damage
_TARGET = re.compile(rb"^WARC-Target-URI[ \t]*:[ \t]*<?([^\s<>]+)>?[ \t]*\r?$", re.M)
_LENGTH = re.compile(rb"^content-length[ \t]*:[ \t]*(\d{1,18})[ \t]*\r?$", re.I | re.M)


@dataclass(frozen=True)
class RawRecord:
    """One record as framed in the archive: its header block and content, or an error.

    ``number`` counts every record from 1 (a damaged stretch counts as one); ``offset``
    is the byte where it starts in the file (for a gzip archive, where its member
    starts). ``content`` is only the first bytes of a record over the size cap
    (``oversize`` gives its declared length).
    """

    number: int
    offset: int
    head: bytes = b""
    content: bytes = b""
    error: str | None = None
    oversize: int = 0

    def where(self, archive: str) -> str:
        """``archive:record N (byte OFFSET)``."""
        return f"{archive}:record {self.number} (byte {self.offset:,})"

    def target(self) -> str | None:
        """The record's WARC-Target-URI, as its header gives it."""
        found = _TARGET.search(self.head)
        return found.group(1).decode("latin-1") if found else None


class _Damage(Exception):
    """The bytes at hand are not a readable record (or gzip member)."""


class _Archive:
    """The archive's bytes, inflated member by member when it is gzip-compressed.

    Reads stop at the end of the current gzip member (:meth:`next_member` moves on),
    and :meth:`resync` finds the next record after damage.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.raw_eof = False
        self.rbuf = bytearray()  # raw bytes from the current member's start (gzip)
        self.rpos = 0  # bytes of rbuf already fed to the inflater
        self.roff = 0  # file offset of rbuf[0]
        self.buf = bytearray()  # bytes (inflated when gzip) not yet consumed
        self.boff = 0  # plain archives: file offset of buf[0]
        self.inflater: Any = None
        self.broken = False  # the current gzip member cannot be inflated further
        self.member_start = True  # nothing of the current member consumed yet
        self._raw_fill(3)
        self.gz = bytes(self.rbuf[:2]) == _GZIP_MAGIC[:2]
        if not self.gz:
            self.buf, self.rbuf = self.rbuf, bytearray()
        else:
            self.inflater = zlib.decompressobj(31)

    # raw bytes ------------------------------------------------------------------------
    def _raw_fill(self, n: int) -> None:
        while len(self.rbuf) - self.rpos < n and not self.raw_eof:
            chunk = self.raw.read(_CHUNK)
            if not chunk:
                self.raw_eof = True
            else:
                self.rbuf += chunk

    # positions ------------------------------------------------------------------------
    def offset(self) -> int:
        """Where the next record starts: its byte, or its gzip member's byte."""
        return self.roff if self.gz else self.boff

    # reading --------------------------------------------------------------------------
    def fill(self, n: int) -> None:
        """Buffer at least ``n`` bytes unless the member (or the file) ends first."""
        if not self.gz:
            while len(self.buf) < n and not self.raw_eof:
                chunk = self.raw.read(_CHUNK)
                if not chunk:
                    self.raw_eof = True
                self.buf += chunk
            return
        while len(self.buf) < n and self.inflater is not None and not self.inflater.eof:
            if self.broken:
                raise _Damage("the gzip member is damaged")
            self._raw_fill(1)
            data = bytes(self.rbuf[self.rpos : self.rpos + _CHUNK])
            if not data:
                self.broken = True
                raise _Damage("the archive ends inside a gzip member (truncated)")
            try:
                out = self.inflater.decompress(data, _CHUNK)
            except zlib.error as exc:
                self.broken = True
                raise _Damage(f"the gzip member is damaged ({exc})") from None
            rest = self.inflater.unused_data if self.inflater.eof else self.inflater.unconsumed_tail
            self.rpos += len(data) - len(rest)
            self.buf += out
            if self.rpos > _RETAIN and not self.inflater.eof:  # one huge member: let go
                del self.rbuf[: self.rpos]
                self.roff += self.rpos
                self.rpos = 0

    def peek(self, n: int) -> bytes:
        self.fill(n)
        return bytes(self.buf[:n])

    def read(self, n: int) -> bytes:
        self.fill(n)
        out = bytes(self.buf[:n])
        self._consume(len(out))
        return out

    def skip(self, n: int) -> int:
        """Pass over ``n`` bytes (fewer when the member or file ends); how many."""
        done = 0
        while done < n:
            self.fill(min(n - done, _CHUNK))
            k = min(n - done, len(self.buf))
            if not k:
                break
            self._consume(k)
            done += k
        return done

    def _consume(self, n: int) -> None:
        if n:
            del self.buf[:n]
            self.boff += n
            self.member_start = False

    def unread(self, data: bytes) -> None:
        self.buf[:0] = data
        self.boff -= len(data)

    def at_end(self) -> bool:
        """Nothing left in the current member (gzip) or the file (plain)."""
        self.fill(1)
        return not self.buf

    # members --------------------------------------------------------------------------
    def next_member(self) -> bool:
        """Start inflating the gzip member after the current one; False at the end."""
        del self.rbuf[: self.rpos]
        self.roff += self.rpos
        self.rpos = 0
        self.buf.clear()
        self._raw_fill(3)
        if not self.rbuf:
            self.inflater = None
            return False
        self.member_start = True
        self.broken = False
        self.inflater = zlib.decompressobj(31)
        if bytes(self.rbuf[:3]) != _GZIP_MAGIC:
            self.broken = True
            raise _Damage("bytes that are not a gzip member")
        return True

    def skip_member(self) -> bool:
        """Pass over the rest of the current gzip member without inflating it: find the
        next member (one that inflates to a WARC header). False when there is none."""
        self.buf.clear()
        start = 1
        while True:
            self._raw_fill(start + _CHUNK)
            at = self.rbuf.find(_GZIP_MAGIC, start)
            if at < 0:
                if self.raw_eof:
                    self.roff += len(self.rbuf)
                    self.rbuf.clear()
                    self.rpos = 0
                    self.inflater = None
                    return False
                keep = max(len(self.rbuf) - 2, 0)  # the magic may straddle reads
                del self.rbuf[:keep]
                self.roff += keep
                start = 0
                continue
            self._raw_fill(at + 4096)
            probe = zlib.decompressobj(31)
            try:
                head = probe.decompress(bytes(self.rbuf[at : at + 4096]), 16)
            except zlib.error:
                head = b""
            if head.startswith(b"WARC/1.") or (head and b"WARC/1.".startswith(head)):
                del self.rbuf[:at]
                self.roff += at
                self.rpos = 0
                self.member_start = True
                self.broken = False
                self.inflater = zlib.decompressobj(31)
                return True
            start = at + 1

    def resync(self, *, whole_member: bool) -> bool:
        """Move to the next record after damage; False when the archive has no more.

        A gzip archive skips to its next member when the damage is in the compressed
        data or the damaged record began its member; otherwise the bytes are searched
        for the next line starting ``WARC/1.``.
        """
        if self.gz and (whole_member or self.broken or self.inflater is None):
            return self.skip_member()
        self._consume(1)  # never find the damaged header itself again
        while True:
            try:
                self.fill(_CHUNK)
            except _Damage:
                return self.skip_member()
            at = self.buf.find(b"\nWARC/1.")
            if at >= 0:
                self._consume(at + 1)
                return True
            if len(self.buf) < _CHUNK:  # the member (or the file) has ended
                self._consume(len(self.buf))
                if not self.gz:
                    return False
                try:
                    if not self.next_member():
                        return False
                    if self.peek(7) == b"WARC/1.":
                        return True
                except _Damage:  # the next member is damaged too: skip it whole
                    return self.skip_member()
                continue
            self._consume(len(self.buf) - 7)


def iter_records(
    stream: BinaryIO,
    *,
    max_record_bytes: int = MAX_RECORD_BYTES,
    max_declared_bytes: int = MAX_DECLARED_BYTES,
) -> Iterator[RawRecord]:
    """The archive's records in order, each framed by its header and Content-Length;
    damage gives one :class:`RawRecord` with an ``error`` and reading resumes after it."""
    arc = _Archive(stream)
    n = 0
    while True:
        at = arc.offset()
        try:
            if _between_records(arc):
                return
            at = arc.offset() if arc.gz else arc.boff
            aligned = arc.gz and arc.member_start
            n += 1
            got = _frame(arc, n, at, aligned, max_record_bytes, max_declared_bytes)
        except _Damage as exc:
            if not _counted(exc):  # between records: a truncated or foreign gzip member
                n += 1
                at = arc.offset()
            yield RawRecord(n, at, error=f"{exc}; reading resumes at the next record")
            if not arc.resync(whole_member=bool(getattr(exc, "aligned", False))):
                return
            continue
        if got is None:  # ends the archive
            return
        yield got
        if got.error and "not read past it" in got.error:
            return


def _counted(exc: _Damage) -> bool:
    return bool(getattr(exc, "counted", False))


def _between_records(arc: _Archive) -> bool:
    """Pass over blank lines and finished gzip members; True at the end of the archive."""
    while True:
        data = arc.peek(64)
        stripped = data.lstrip(b"\r\n")
        if len(stripped) < len(data):
            arc.skip(len(data) - len(stripped))
            continue
        if data:
            return False
        if not arc.gz:
            return True
        if arc.inflater is not None and not arc.inflater.eof:
            arc.fill(1)  # raises on a truncated member
            if arc.buf:
                continue
        if not arc.next_member():
            return True


def _frame(
    arc: _Archive, n: int, at: int, aligned: bool, cap: int, max_declared: int
) -> RawRecord | None:
    def damage(message: str) -> _Damage:
        exc = _Damage(message)
        exc.counted = True  # type: ignore[attr-defined]
        exc.aligned = aligned  # type: ignore[attr-defined]
        return exc

    try:
        start = arc.peek(MAX_HEAD_BYTES)
    except _Damage as exc:
        raise damage(str(exc)) from None
    if start.startswith(b"filedesc://"):
        raise damage(
            "an ARC archive (it starts 'filedesc://'): only WARC is read; convert it to "
            "WARC first (for example with warcio's arc2warc conversion)"
        )
    if not start.startswith(b"WARC/1."):
        shown = start[:16].decode("latin-1")
        raise damage(f"not a WARC record header (it starts {shown!r}, not 'WARC/1.')")
    end = start.find(b"\r\n\r\n")
    if end < 0:
        raise damage(
            "the record's header has no end (no blank line)"
            if len(start) >= MAX_HEAD_BYTES
            else "the archive ends inside a record's header (truncated)"
        )
    head = arc.read(end + 4)
    found = _LENGTH.search(head)
    if found is None:
        raise damage("the record's header has no readable Content-Length")
    length = int(found.group(1))
    try:
        if length > cap:
            if length > max_declared and not aligned:
                return RawRecord(
                    n, at, head, error=f"the record declares {length:,} bytes, over "
                    f"{max_declared:,}; the archive is not read past it (MAX_DECLARED_BYTES "
                    "in claimgraph.ingest.warc)",
                )  # fmt: skip
            prefix = arc.read(min(length, _CHUNK))
            if aligned:
                arc.skip_member()
            elif arc.skip(length - len(prefix)) < length - len(prefix):
                raise damage(f"the archive ends inside the record ({length:,} bytes declared)")
            return RawRecord(n, at, head, prefix, oversize=length)
        content = arc.read(length)
        if len(content) < length:
            raise damage(
                f"the archive ends inside the record: {len(content):,} of its {length:,} "
                "bytes (truncated)"
                if not arc.gz or arc.raw_eof
                else f"the record's gzip member ends after {len(content):,} of its {length:,} bytes"
            )
        _check_end(arc, content, damage)
    except _Damage as exc:
        if _counted(exc):
            raise
        raise damage(str(exc)) from None
    return RawRecord(n, at, head, content)


def _check_end(arc: _Archive, content: bytes, damage: Any) -> None:
    """After the content: blank lines, then the next record, the member's end or the
    file's. Anything else means the Content-Length is wrong: the bytes go back to be
    searched for the next record."""
    tail = arc.peek(64)
    blank = len(tail) - len(tail.lstrip(b"\r\n"))
    rest = tail[blank:]
    if not rest or b"WARC/1.".startswith(rest[:7]) or rest.startswith(b"WARC/1."):
        return
    if tail[:blank] == b"\r\n\r\n":  # this record ends right; the next one is damaged
        return
    off_by_one = sum(a != b for a, b in zip(tail[:4], b"\r\n\r\n", strict=False)) == 1
    if tail.find(b"WARC/1.") == 4 and off_by_one:
        arc.skip(4)  # one damaged byte in the blank lines between two good records
        return
    arc.unread(content)
    raise damage(
        "the record's content does not end where its Content-Length says (a damaged "
        "length, or a damaged record after it)"
    )


def read_warc(
    stream: BinaryIO,
    *,
    where: str,
    max_record_bytes: int = MAX_RECORD_BYTES,
    max_declared_bytes: int = MAX_DECLARED_BYTES,
) -> Iterator[Article | IngestError]:
    for raw in iter_records(
        stream, max_record_bytes=max_record_bytes, max_declared_bytes=max_declared_bytes
    ):
        got = article_of(raw, where, max_record_bytes)
        if got is not None:
            yield got


def article_of(
    raw: RawRecord, where: str, cap: int = MAX_RECORD_BYTES
) -> Article | IngestError | None:
    """The article in one framed record, an error, or None (not an article)."""
    if raw.error is not None:
        return IngestError(raw.error, where=raw.where(where))
    try:
        record = parse_record(raw)
    except Exception as exc:  # warcio raises assorted errors on malformed headers
        return IngestError(f"unreadable record ({describe(exc)})", where=raw.where(where))
    try:
        return _article(record, raw, where, cap)
    except IngestError as exc:
        return exc
    except Exception as exc:  # a malformed record (bad headers, broken compression)
        return IngestError(f"unreadable record ({describe(exc)})", where=raw.where(where))


def parse_record(raw: RawRecord) -> Any:
    """warcio's record for one framed record; raises ``ValueError`` for a damaged type
    or a response whose HTTP headers cannot be read."""
    from warcio.recordloader import ArcWarcRecordLoader

    record = ArcWarcRecordLoader().parse_record_stream(
        io.BytesIO(raw.head + raw.content), known_format="warc"
    )
    kind = record.rec_type
    if kind not in WARC_TYPES:
        raise ValueError(f"unknown WARC-Type {kind!r}")
    ctype = (record.content_type or "").lower()
    if kind == "response" and ctype.startswith("application/http") and not record.http_headers:
        uri = record.rec_headers.get_header("WARC-Target-URI")
        raise ValueError(f"an HTTP response whose headers cannot be read (target {uri!r})")
    return record


def describe(exc: BaseException) -> str:
    """An exception as a short message: its type and text."""
    return f"{type(exc).__name__}: {exc}"[:300]


def _article(record: Any, raw: RawRecord, where: str, cap: int) -> Article | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    if "html" not in ctype:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    at = f"{where}:record {raw.number} ({url})"
    if raw.oversize:
        raise IngestError(
            f"the record is {raw.oversize:,} bytes, over {cap:,}; refused (the cap is "
            "MAX_RECORD_BYTES in claimgraph.ingest.warc)",
            where=at,
        )
    status = record.http_headers.get_statuscode()
    if status and not status.startswith("2"):
        raise IngestError(f"HTTP status {status}, not a page", where=at)
    date = record.rec_headers.get_header("WARC-Date")
    body = read_capped(record.content_stream(), cap, at)
    art = article_from_html(body, where=at, url=url)
    if not art.published and date:
        art = Article(**{**art.to_dict(), "published": date[:10]})
    return art


def read_capped(stream: Any, cap: int, where: str) -> bytes:
    """Read a (decompressing) stream in chunks; refuse it once it passes ``cap`` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > cap:
            raise IngestError(
                f"the record inflates to over {cap:,} bytes; refused (the cap is "
                "MAX_RECORD_BYTES in claimgraph.ingest.warc)",
                where=where,
            )
        chunks.append(chunk)
