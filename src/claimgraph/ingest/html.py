"""HTML pages -> :class:`Article`: main text and metadata with trafilatura."""

from __future__ import annotations

import re
from typing import Any

from ..errors import IngestError
from ..model import Article

_BLANKS = re.compile(r"\n+")


def article_from_html(
    html: str | bytes, *, where: str, url: str | None = None, published: str | None = None
) -> Article:
    """The main text of a page (boilerplate removed), with title, author, date and outlet.

    Paragraphs are separated by a blank line. A page with no extractable text raises
    :class:`IngestError` naming ``where``.
    """
    import trafilatura

    if isinstance(html, bytes):
        html = _decode(html)
    if not html.strip():
        raise IngestError("the page is empty", where=where)
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, favor_precision=True
        )
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise IngestError(f"cannot parse the HTML ({exc})", where=where) from exc
    meta: dict[str, Any] = {}
    if doc is not None:
        meta = doc if isinstance(doc, dict) else doc.as_dict()
    text = meta.get("text")
    if not text or not text.strip():
        raise IngestError("no article text found in the page", where=where)
    return Article(
        text=_BLANKS.sub("\n\n", text.strip()) + "\n",
        title=meta.get("title") or None,
        url=url or meta.get("url") or None,
        outlet=meta.get("sitename") or meta.get("hostname") or None,
        author=meta.get("author") or None,
        published=published or meta.get("date") or None,
        source=where,
    )


def _decode(data: bytes) -> str:
    head = data[:2048].decode("ascii", "ignore").lower()
    m = re.search(r'charset=["\']?([\w-]+)', head)
    enc = m.group(1) if m else "utf-8"
    try:
        return data.decode(enc, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")
