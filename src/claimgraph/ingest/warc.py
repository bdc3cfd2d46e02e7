"""WARC archives -> one :class:`Article` per HTML response record (warcio).

Records that are not HTTP responses, or not HTML, are passed over silently (they are
not articles); an HTML response with no article text becomes an :class:`IngestError`
naming the archive and the record's URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from ..errors import IngestError
from ..model import Article
from .html import article_from_html


def read_warc(stream: BinaryIO, *, where: str) -> Iterator[Article | IngestError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    try:
        for record in ArchiveIterator(stream):
            n += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            if "html" not in ctype:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            at = f"{where}:record {n} ({url})"
            status = record.http_headers.get_statuscode()
            if status and not status.startswith("2"):
                yield IngestError(f"HTTP status {status}, not a page", where=at)
                continue
            date = record.rec_headers.get_header("WARC-Date")
            try:
                body = record.content_stream().read()
                art = article_from_html(body, where=at, url=url)
            except IngestError as exc:
                yield exc
                continue
            if not art.published and date:
                art = Article(**{**art.to_dict(), "published": date[:10]})
            yield art
    except ArchiveLoadFailed as exc:
        yield IngestError(f"not a readable WARC archive ({exc})", where=f"{where}:record {n + 1}")
