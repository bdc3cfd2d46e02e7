"""Adding articles from the server to the store, one writer at a time.

The article is grouped into claims and stored with them by the corpus library's
:class:`~claimgraph.corpus.ClaimKeeper` (one transaction). Input can be plain text,
an HTML page (boilerplate removed), or a URL fetched with the ingest package's guarded
fetcher, which refuses loopback, private, link-local and metadata addresses.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ..corpus import ClaimKeeper
from ..errors import StoreError
from ..model import Analysis, Article
from ..store.sqlite import Store

__all__ = ["Stored", "Writer", "article_from_input"]


@dataclass(frozen=True)
class Stored:
    stored: bool  # False when the article was already in the store
    claims: tuple[str, ...]  # ids of the claims its statements now belong to


class Writer:
    """Serialises writes from the server's threads (SQLite has one writer)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sound = False  # the store passed its check since the last failed write

    def add(self, store: Store, analysis: Analysis) -> Stored:
        with self._lock:
            if not self._sound:  # a damaged store is refused before anything is written
                store.check_sound()
                self._sound = True
            try:
                added = ClaimKeeper(store).add(analysis)
            except StoreError:
                self._sound = False  # check again before the next write
                raise
            if not added:
                return Stored(False, ())
            return Stored(True, tuple(store.article_claims(analysis.article.id)))


def article_from_input(
    *,
    text: str | None = None,
    html: str | None = None,
    fetch_url: str | None = None,
    max_bytes: int = 2_000_000,
    **meta: str | None,
) -> Article:
    """An article from exactly one of ``text``, ``html`` or ``fetch_url``.

    ``meta`` (title, url, outlet, author, published) overrides what the page says.
    """
    from ..errors import InputError
    from ..ingest.validate import checked, iso_date, web_url

    given = [x for x in (text, html, fetch_url) if x is not None]
    if len(given) != 1:
        raise InputError("give exactly one of text, html or fetch", where="article")
    if meta.get("published") and iso_date(str(meta["published"])) is None:
        raise InputError("published must be an ISO 8601 date (2026-03-06)", where="published")
    if meta.get("url") and web_url(str(meta["url"])) is None:
        raise InputError("url must be an absolute http or https address", where="url")
    return checked(_article_from_input(text, html, fetch_url, max_bytes, meta))[0]


def _article_from_input(
    text: str | None,
    html: str | None,
    fetch_url: str | None,
    max_bytes: int,
    meta: dict[str, str | None],
) -> Article:
    url = meta.get("url")
    if text is not None:
        from ..ingest.text import text_metadata

        title, published = text_metadata(text)
        return Article(
            text=text,
            title=meta.get("title") or title,
            url=url,
            outlet=meta.get("outlet"),
            author=meta.get("author"),
            published=meta.get("published") or published,
            source="api",
        )
    if fetch_url is not None:
        from ..ingest.fetch import fetch

        page = fetch(fetch_url, max_bytes=max_bytes)
        html_bytes: str | bytes = page.body
        url = url or page.url
        where = page.url
    else:
        html_bytes = html or ""
        where = "api"
    from ..ingest.html import article_from_html

    art = article_from_html(html_bytes, where=where, url=url, published=meta.get("published"))
    extra = {k: v for k, v in meta.items() if v is not None}
    if extra:
        from dataclasses import replace

        art = replace(art, **extra)
    return art
