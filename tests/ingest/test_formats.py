"""One table of input formats: every format ``ingest`` reads, ``batch`` reads too."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
from collections.abc import Callable
from pathlib import Path

import pytest
import zstandard

from claimgraph.batch import shards as batch_shards
from claimgraph.batch.readers import read_shard
from claimgraph.ingest import formats
from claimgraph.ingest.sources import expand, read_sources
from claimgraph.model import Article

LINES = [
    {"text": "The mayor said the pier will close in June.", "title": "Pier"},
    {"text": "Critics said the plan was rushed, a council member added.", "title": "Plan"},
]
FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Post</title>
<item><title>Pier</title><link>https://example.org/pier</link>
<description>The mayor said the pier will close in June.</description></item>
<item><title>Ferries</title><link>https://example.org/ferries</link>
<description>Ferry crews said they would strike on Monday.</description></item>
<item><title>Dam</title><link>https://example.org/dam</link>
<description>Engineers said the dam was safe, the agency reported.</description></item>
</channel></rss>
"""

COMPRESS: dict[str, Callable[[bytes], bytes]] = {
    "": lambda b: b,
    ".gz": gzip.compress,
    ".bz2": bz2.compress,
    ".xz": lzma.compress,
    ".zst": lambda b: zstandard.ZstdCompressor().compress(b),
}


def _jsonl(path: Path) -> Path:
    data = "".join(json.dumps(x) + "\n" for x in LINES).encode("utf-8")
    path.write_bytes(COMPRESS[formats.compression_of(path.name) or ""](data))
    return path


def test_batch_and_ingest_read_the_same_table() -> None:
    assert batch_shards.kind_of is formats.kind_of
    for fmt in formats.FORMATS:
        for suffix in fmt.suffixes:
            assert formats.kind_of(f"Story{suffix.upper()}") == fmt.kind
    assert formats.kind_of("notes.csv") is None
    assert formats.kind_of("b.ndjson.zst") == "jsonl" and formats.kind_of("c.atom") == "feed"


@pytest.mark.parametrize("comp", sorted(COMPRESS))
def test_ingest_and_batch_read_compressed_json_lines(tmp_path: Path, comp: str) -> None:
    path = _jsonl(tmp_path / f"a.jsonl{comp}")
    got = [r for r in read_sources([str(path)])]
    assert [a.title for a in got if isinstance(a, Article)] == ["Pier", "Plan"], got
    assert list(expand([str(tmp_path)])) == [str(path)]  # a directory finds it
    (shard,) = batch_shards.plan([str(path)])
    assert [r.article.title for r in read_shard(shard) if r.article] == ["Pier", "Plan"]


def test_a_corrupt_compressed_file_is_one_error(tmp_path: Path) -> None:
    for comp in (".bz2", ".xz", ".zst"):
        path = tmp_path / f"bad.jsonl{comp}"
        path.write_bytes(COMPRESS[comp](b'{"text": "x"}\n')[:8])
        (rec,) = list(read_sources([str(path)]))
        assert not isinstance(rec, Article) and "cannot read the file" in rec.message


def test_batch_reads_feeds_item_by_item(tmp_path: Path) -> None:
    feed = tmp_path / "harbour.rss"
    feed.write_text(FEED, encoding="utf-8")
    shards = batch_shards.plan([str(tmp_path)], shard_size=2)
    assert [(s.kind, s.start, s.count) for s in shards] == [("feed", 0, 2), ("feed", 2, 1)]
    recs = [r for s in shards for r in read_shard(s)]
    assert [r.article.title for r in recs if r.article] == ["Pier", "Ferries", "Dam"]
    assert recs[2].where.endswith("harbour.rss:item 3")
    # the same items as ingest reads
    ingested = [a for a in read_sources([str(feed)]) if isinstance(a, Article)]
    assert [a.text for a in ingested] == [r.article.text for r in recs if r.article]


def test_batch_reports_an_unreadable_feed_as_one_bad_record(tmp_path: Path) -> None:
    feed = tmp_path / "broken.xml"
    feed.write_text("<rss><channel><item>", encoding="utf-8")
    (shard,) = batch_shards.plan([str(feed)])
    (rec,) = list(read_shard(shard))
    assert rec.article is None and rec.error


def test_a_zst_file_of_several_frames_is_read_whole(tmp_path: Path) -> None:
    c = zstandard.ZstdCompressor()
    lines = [json.dumps(x).encode("utf-8") + b"\n" for x in LINES]
    path = tmp_path / "two.jsonl.zst"
    path.write_bytes(c.compress(lines[0]) + c.compress(lines[1]))
    got = [a.title for a in read_sources([str(path)]) if isinstance(a, Article)]
    assert got == ["Pier", "Plan"]


def test_compressed_text_and_feeds_are_read_by_both(tmp_path: Path) -> None:
    text = "The mayor said the pier will close in June."
    (tmp_path / "story.txt.xz").write_bytes(lzma.compress(text.encode("utf-8")))
    (tmp_path / "harbour.rss.bz2").write_bytes(bz2.compress(FEED.encode("utf-8")))
    found = sorted(Path(p).name for p in expand([str(tmp_path)]) if isinstance(p, str))
    assert found == ["harbour.rss.bz2", "story.txt.xz"]
    ingested = [a for a in read_sources([str(tmp_path)]) if isinstance(a, Article)]
    assert sorted(a.text[:9] for a in ingested) == [
        "Engineers",
        "Ferry cre",
        "The mayor",
        "The mayor",
    ]
    recs = [r for s in batch_shards.plan([str(tmp_path)]) for r in read_shard(s)]
    assert sorted(r.article.text for r in recs if r.article) == sorted(a.text for a in ingested)
