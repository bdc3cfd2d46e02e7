"""WARC archives -> one :class:`Article` per HTML response record (warcio).

Records that are not HTTP responses, or not HTML, are passed over silently (they are
not articles); an HTML response with no article text becomes an :class:`IngestError`
naming the archive and the record's URL. A record's payload is read (and inflated,
when the archive or the HTTP response is gzip-compressed) in chunks up to
``max_record_bytes``: a record that inflates past it is refused, so a small archive that
expands to gigabytes never fills memory. A record that declares more than
``max_declared_bytes`` (1 GB) ends the reading of the archive with an error: passing over
it would mean inflating all of it. An archive that breaks off or is malformed gives one
error naming the record where reading stopped; the articles before it are kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from ..errors import IngestError
from ..model import Article
from .html import article_from_html

#: The largest record payload read (after decompression), in bytes.
MAX_RECORD_BYTES = 20_000_000
#: A record declaring more than this stops the archive (skipping it means inflating it).
MAX_DECLARED_BYTES = 1_000_000_000
_CHUNK = 1 << 16


def read_warc(
    stream: BinaryIO,
    *,
    where: str,
    max_record_bytes: int = MAX_RECORD_BYTES,
    max_declared_bytes: int = MAX_DECLARED_BYTES,
) -> Iterator[Article | IngestError]:
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    records = iter(ArchiveIterator(stream))
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except Exception as exc:  # warcio raises assorted errors on a broken archive
            yield IngestError(
                f"not a readable WARC archive ({describe(exc)})", where=f"{where}:record {n + 1}"
            )
            return
        n += 1
        declared = record.length if isinstance(record.length, int) else 0
        if declared > max_declared_bytes:
            yield IngestError(
                f"the record declares {declared:,} bytes, over {max_declared_bytes:,}; the "
                "archive is not read past it (MAX_DECLARED_BYTES in claimgraph.ingest.warc)",
                where=f"{where}:record {n}",
            )
            return
        try:
            got = _article(record, where, n, max_record_bytes)
        except IngestError as exc:
            yield exc
            continue
        except Exception as exc:  # a malformed record (bad headers, broken compression)
            yield IngestError(f"unreadable record ({describe(exc)})", where=f"{where}:record {n}")
            continue
        if got is not None:
            yield got


def describe(exc: BaseException) -> str:
    """An exception as a short message: its type and text."""
    return f"{type(exc).__name__}: {exc}"[:300]


def _article(record: Any, where: str, n: int, cap: int) -> Article | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    if "html" not in ctype:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    at = f"{where}:record {n} ({url})"
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
