"""JSON Lines -> one :class:`Article` per line.

Each line is a JSON object. Fields: ``text`` (required, the article text); optional
``title``, ``url``, ``outlet``, ``author``, ``published`` (ISO 8601 date or datetime)
and ``id`` (your own identifier, kept in the article's ``source`` as ``file:line#id``;
the article's own id is always the content hash of ``text``, so the same text is never
stored twice). Blank lines are skipped; a bad
line becomes an :class:`IngestError` naming ``file:line`` and the batch goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ..errors import IngestError
from ..model import Article

FIELDS = ("text", "title", "url", "outlet", "author", "published", "id")


def read_jsonl(lines: Iterable[bytes | str], *, where: str) -> Iterator[Article | IngestError]:
    for n, raw in enumerate(lines, start=1):
        at = f"{where}:{n}"
        try:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as exc:
            yield IngestError(f"the line is not valid UTF-8 (offset {exc.start})", where=at)
            continue
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(f"not valid JSON ({exc.msg} at column {exc.colno})", where=at)
            continue
        try:
            yield article_from_record(rec, where=at)
        except IngestError as exc:
            yield exc


def article_from_record(rec: object, *, where: str) -> Article:
    """An article from one JSON object with the fields above."""
    if not isinstance(rec, dict):
        raise IngestError(f"expected a JSON object, got {type(rec).__name__}", where=where)
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError('the required field "text" is missing or empty', where=where)
    meta: dict[str, str | None] = {}
    for f in FIELDS[1:6]:
        v = rec.get(f)
        if v is not None and not isinstance(v, str):
            raise IngestError(
                f'the field "{f}" must be a string, got {type(v).__name__}', where=where
            )
        meta[f] = v or None
    given = rec.get("id")
    source = f"{where}#{given}" if isinstance(given, (str, int)) and given != "" else where
    return Article(
        text=text,
        title=meta["title"],
        url=meta["url"],
        outlet=meta["outlet"],
        author=meta["author"],
        published=meta["published"],
        source=source,
    )
