"""Planning shards and reading their records (JSON Lines, WARC, directories)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from claimgraph.batch.readers import read_shard
from claimgraph.batch.shards import kind_of, plan
from claimgraph.errors import BatchError

from .conftest import articles, write_jsonl


def test_jsonl_is_cut_into_ranges_with_stable_ids(tmp_path: Path) -> None:
    f = write_jsonl(tmp_path / "a.jsonl", articles(7, seed=1))
    shards = plan([str(f)], shard_size=3)
    assert [(s.start, s.count) for s in shards] == [(0, 3), (3, 3), (6, 1)]
    assert [s.id for s in plan([str(f)], shard_size=3)] == [s.id for s in shards]
    assert len({s.id for s in shards}) == 3
    assert plan([str(f), str(f)], shard_size=3) == shards  # named twice, read once
    got = [r.article.title for s in shards for r in read_shard(s) if r.article]
    assert got == [a["title"] for a in articles(7, seed=1)]


def test_jsonl_bad_lines_become_error_records(tmp_path: Path) -> None:
    good = articles(2, seed=2)
    f = write_jsonl(tmp_path / "b.jsonl", [good[0], "{not json", "", '["a list"]', good[1]])
    (shard,) = plan([str(f)], shard_size=10)
    recs = list(read_shard(shard))
    assert [r.index for r in recs] == [0, 1, 2, 3, 4]
    assert recs[0].article is not None and recs[4].article is not None
    assert recs[1].error and "JSON" in recs[1].error and recs[1].where.endswith("b.jsonl:2")
    assert recs[2].skipped and recs[2].error is None  # a blank line is not an error
    assert recs[3].error and recs[3].article is None


def test_directory_of_text_files_is_grouped(tmp_path: Path) -> None:
    for i, a in enumerate(articles(5, seed=3)):
        (tmp_path / f"{i}.txt").write_text(a["text"], encoding="utf-8")
    (tmp_path / "notes.csv").write_text("ignored", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    shards = plan([str(tmp_path)], shard_size=4)
    assert [s.count for s in shards] == [4, 2]
    recs = [r for s in shards for r in read_shard(s)]
    assert sum(r.article is not None for r in recs) == 5
    (bad,) = [r for r in recs if r.error]
    assert bad.where.endswith("empty.txt") and "empty" in bad.error


def test_unknown_or_missing_inputs_are_refused(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("a,b", encoding="utf-8")
    with pytest.raises(BatchError, match="unknown input type"):
        plan([str(tmp_path / "x.csv")])
    with pytest.raises(BatchError, match="no such file"):
        plan([str(tmp_path / "nope.jsonl")])
    assert kind_of("a.warc.gz") == "warc" and kind_of("b.ndjson.gz") == "jsonl"


def _warc(path: Path, pages: list[tuple[str, str, bytes]]) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        w = WARCWriter(f, gzip=True)
        for url, ctype, body in pages:
            status = "404 Not Found" if "missing" in url else "200 OK"
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.0")
            w.write_record(
                w.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )
    return path


def test_warc_records_are_read_by_range(tmp_path: Path) -> None:
    texts = [a["text"] for a in articles(3, seed=4)]

    def page(t: str) -> bytes:
        paras = "".join(f"<p>{p}</p>" for p in t.split("\n\n")[1:])
        body = f"<html><head><title>T</title></head><body><article>{paras}</article></body>"
        return (body + "</html>").encode()

    f = _warc(
        tmp_path / "crawl.warc.gz",
        [
            ("https://news.example/1", "text/html", page(texts[0])),
            ("https://news.example/logo.png", "image/png", b"\x89PNG..."),
            ("https://news.example/missing", "text/html", b"<html>gone</html>"),
            ("https://news.example/2", "text/html; charset=utf-8", page(texts[1])),
            ("https://news.example/3", "text/html", page(texts[2])),
        ],
    )
    shards = plan([str(f)], shard_size=2)
    assert [(s.start, s.count) for s in shards] == [(0, 2), (2, 2), (4, 1)]
    recs = [r for s in shards for r in read_shard(s)]
    assert [r.index for r in recs] == [0, 1, 2, 3, 4]
    arts = [r.article for r in recs if r.article]
    assert [a.url for a in arts] == [f"https://news.example/{i}" for i in (1, 2, 3)]
    assert "logo.png" in recs[1].where and recs[1].skipped
    assert recs[2].error and "404" in recs[2].error


def test_malformed_warc_record_and_deep_json_are_bad_records(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Inputs the ingest fuzzers crashed on are bad records in batch too, not crashes."""
    from claimgraph.batch.readers import read_shard
    from claimgraph.batch.shards import Shard

    warc = tmp_path / "bad.warc"
    warc.write_bytes(
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response"
        b"\r\nContent-Length: 40\r\n\r\n"
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>\r\n\r\n"
    )
    jsonl = tmp_path / "deep.jsonl"
    jsonl.write_text("[" * 100_000 + "]" * 100_000 + '\n{"text": "Ana Roth said so."}\n')
    recs = list(read_shard(Shard(url=str(warc), kind="warc", start=0, count=5)))
    assert recs and all(r.article is None for r in recs)
    assert any(r.error for r in recs)
    recs = list(read_shard(Shard(url=str(jsonl), kind="jsonl", start=0, count=2)))
    assert recs[0].error == "the JSON is nested too deeply to read"
    assert recs[1].article is not None
