"""Metadata checked at ingest: a published date must be ISO 8601, a url http(s).

Whatever else a record says of itself is data, and data reaches pages, exports and
JSON-LD: a ``published`` of ``{{7*7}}`` or a ``url`` of ``javascript:alert(1)`` is dropped
here, with a warning naming the record, and the article is kept.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from urllib.parse import urlsplit

from ..model import Article

__all__ = ["checked", "iso_date", "web_url"]


def iso_date(value: str) -> str | None:
    """``value`` when it is an ISO 8601 date or date-time, else None."""
    v = value.strip()
    if not v or len(v) > 40:
        return None
    try:
        (datetime.fromisoformat if "T" in v or " " in v else date.fromisoformat)(v)
    except ValueError:
        try:
            datetime.fromisoformat(v.replace("Z", "+00:00"))
        except ValueError:
            return None
    return v


def web_url(value: str) -> str | None:
    """``value`` when it is an absolute http or https URL, else None."""
    v = value.strip()
    if not v or len(v) > 4096 or any(c.isspace() or ord(c) < 32 for c in v):
        return None
    try:
        parts = urlsplit(v)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return v


def checked(article: Article) -> tuple[Article, list[str]]:
    """The article with a bad ``published`` or ``url`` dropped, and what was dropped."""
    problems: list[str] = []
    published, url = article.published, article.url
    if published is not None and iso_date(published) is None:
        problems.append(f"published {published[:60]!r} is not an ISO 8601 date; dropped")
        published = None
    if url is not None and web_url(url) is None:
        problems.append(f"url {url[:80]!r} is not an http(s) address; dropped")
        url = None
    if not problems:
        return article, problems
    return replace(article, published=published, url=url), problems
