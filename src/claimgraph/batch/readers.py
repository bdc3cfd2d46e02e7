"""Reading the records of one shard as articles, or as the reason a record is bad.

Each record comes out as a :class:`Record`: an :class:`Article`, or the reason it
could not be read (kept for the shard's errors file), or a note that it is not an
article at all (a WARC response holding an image), which is skipped without counting
as an error. Nothing here raises for a bad record; a shard whose input cannot be opened
raises, and the batch reports that shard as failed.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import ClaimgraphError, IngestError
from ..ingest.feeds import read_feed
from ..ingest.formats import kind_of
from ..ingest.html import article_from_html
from ..ingest.jsonl import article_from_record
from ..ingest.text import decode_text
from ..ingest.warc import RawRecord, article_of, describe, iter_records
from ..model import Article
from .shards import Shard, open_input, read_all


@dataclass(frozen=True)
class Record:
    index: int  # record number in its input (line number - 1 for JSON Lines)
    where: str  # "file.jsonl:12", a WARC's "file.warc.gz#3 <url>", or a file path
    article: Article | None = None
    error: str | None = None
    skipped: bool = False  # not an article (e.g. an image in a WARC): no error


def read_shard(shard: Shard) -> Iterator[Record]:
    if shard.kind == "jsonl":
        yield from _jsonl(shard)
    elif shard.kind == "warc":
        yield from _warc(shard)
    elif shard.kind == "feed":
        yield from _feed(shard)
    elif shard.kind == "files":
        for i, url in enumerate(shard.files):
            yield _file(shard.start + i, url)
    else:
        raise ValueError(f"unknown shard kind {shard.kind!r}")


def _jsonl(shard: Shard) -> Iterator[Record]:
    with open_input(shard.url) as f:
        lines = itertools.islice(f, shard.start, shard.start + shard.count)
        for index, raw in enumerate(lines, start=shard.start):
            where = f"{shard.url}:{index + 1}"
            if not raw.strip():
                yield Record(index, where, skipped=True)
                continue
            try:
                obj = json.loads(raw)
            except (ValueError, UnicodeDecodeError) as exc:
                yield Record(index, where, error=f"not valid JSON ({exc})")
                continue
            except RecursionError:
                yield Record(index, where, error="the JSON is nested too deeply to read")
                continue
            try:
                yield Record(index, where, article_from_record(obj, where=where))
            except IngestError as exc:
                yield Record(index, where, error=exc.message)


def _feed(shard: Shard) -> Iterator[Record]:
    """Items ``start..start+count`` of an RSS or Atom feed (an unreadable feed is one
    record, its error, as :func:`claimgraph.batch.shards.count_feed` counts it)."""
    items = read_feed(read_all(shard.url), where=shard.url)
    chosen = itertools.islice(items, shard.start, shard.start + shard.count)
    for index, got in enumerate(chosen, start=shard.start):
        where = f"{shard.url}:item {index + 1}"
        if isinstance(got, Article):
            yield Record(index, where, got)
        else:
            yield Record(index, where, error=got.message)


def _warc(shard: Shard) -> Iterator[Record]:
    """Records ``start..start+count`` of the archive as
    :func:`claimgraph.ingest.warc.iter_records` frames them (every record counts, a
    damaged stretch is one bad record); HTML responses are articles, the rest is skipped."""
    nxt = shard.start
    with open_input(shard.url, decompress=False) as raw:
        try:
            chosen = itertools.islice(iter_records(raw), shard.start, shard.start + shard.count)
            for rec in chosen:
                yield _warc_record(shard.url, rec)
                nxt = rec.number
        except Exception as exc:  # an unforeseen failure: the rest of the shard is one error
            where = f"{shard.url}:record {nxt + 1}"
            yield Record(nxt, where, error=f"not a readable WARC archive ({describe(exc)})")


def _warc_record(url: str, rec: RawRecord) -> Record:
    index = rec.number - 1
    got = article_of(rec, url)
    if got is None:
        target = rec.target()
        where = f"{url}:record {rec.number} ({target})" if target else rec.where(url)
        return Record(index, where, skipped=True)
    if isinstance(got, Article):
        return Record(index, got.source or rec.where(url), got)
    return Record(index, got.where or rec.where(url), error=got.message)


def _decode(index: int, where: str, data: bytes, kind: str, url: str | None) -> Record:
    try:
        if kind == "html":
            return Record(index, where, article_from_html(data, where=where, url=url))
        return Record(index, where, Article(text=decode_text(data, where=where), source=where))
    except ClaimgraphError as exc:
        return Record(index, where, error=exc.message)
    except (ValueError, UnicodeDecodeError) as exc:
        return Record(index, where, error=str(exc))


def _file(index: int, url: str) -> Record:
    try:
        with open_input(url) as f:
            data = f.read()
    except OSError as exc:
        return Record(index, url, error=f"cannot read the file ({exc})")
    return _decode(index, url, data, kind_of(url) or "text", None)
