"""RSS and Atom feeds -> one :class:`Article` per item (feedparser).

An item's text is its full content when the feed carries it, else its summary; HTML in
either is reduced to text. Items with no text become :class:`IngestError` records, and
the feed goes on.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from ..errors import IngestError
from ..model import Article
from .markup import html_to_text


def looks_like_feed(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def read_feed(data: bytes, *, where: str) -> Iterator[Article | IngestError]:
    """Every item of an RSS or Atom feed, or an error naming the item."""
    import feedparser

    if not data.strip():
        yield IngestError("the file is empty (no feed, no page)", where=where)
        return
    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser raises assorted errors on broken encodings
        yield IngestError(
            f"not a readable RSS or Atom feed ({type(exc).__name__}: {exc})"[:400], where=where
        )
        return
    if parsed.bozo and not parsed.entries:
        why = parsed.get("bozo_exception")
        yield IngestError(f"not a readable RSS or Atom feed ({why})", where=where)
        return
    if not parsed.entries:
        yield IngestError("not an RSS or Atom feed with items (none found)", where=where)
        return
    outlet = parsed.feed.get("title") or None
    for i, entry in enumerate(parsed.entries, start=1):
        at = f"{where}:item {i}"
        try:
            yield _article(entry, outlet, at)
        except IngestError as exc:
            yield exc
        except Exception as exc:  # a malformed item (odd dates, odd content shapes)
            yield IngestError(f"unreadable item ({type(exc).__name__}: {exc})"[:400], where=at)


def _article(entry: Any, outlet: str | None, where: str) -> Article:
    html = ""
    for c in entry.get("content") or ():
        if c.get("value"):
            html = c["value"]
            break
    html = html or entry.get("summary") or entry.get("description") or ""
    text = html_to_text(html)
    if not text.strip():
        raise IngestError("the item has no content or summary text", where=where)
    published = None
    for key in ("published_parsed", "updated_parsed"):
        t = entry.get(key)
        if t:
            published = time.strftime("%Y-%m-%dT%H:%M:%SZ", t)
            break
    return Article(
        text=text,
        title=entry.get("title") or None,
        url=entry.get("link") or None,
        outlet=outlet,
        author=entry.get("author") or None,
        published=published,
        source=where,
    )
