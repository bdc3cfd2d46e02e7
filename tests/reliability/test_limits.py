"""Resource limits: a big JSON Lines file streams with flat memory, a line past the cap
is skipped without being held, an HTML page nested 100,000 deep is handled, a WARC
record that inflates past the cap is refused, an over-long article is refused with the
setting to change.

The 1 GB figures come from ``bench/bench_limits.py`` (see docs/reliability.md).
"""

from __future__ import annotations

import gzip
import io
import json
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest import jsonl as jsonl_mod
from claimgraph.ingest.html import article_from_html
from claimgraph.ingest.sources import read_sources
from claimgraph.ingest.warc import MAX_RECORD_BYTES, read_warc
from claimgraph.model import Article
from claimgraph.pipeline import check_article


def write_jsonl(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            text = f"Story {i}. The harbour master said the quay would reopen in June. " * 3
            f.write(json.dumps({"text": text, "title": f"Story {i}", "id": i}) + "\n")
    return path


def test_jsonl_file_is_read_lazily(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "big.jsonl", 40_000)  # about 9 MB
    size = path.stat().st_size
    tracemalloc.start()
    try:
        records = read_sources([str(path)])
        first = next(records)
        after_first = tracemalloc.get_traced_memory()[1]
        n = 1 + sum(1 for _ in records)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(first, Article) and n == 40_000
    assert after_first < 2_000_000, "the first record should come before the file is read"
    assert peak < size / 4, f"peak {peak:,} bytes for a {size:,}-byte file: not streamed"


def test_jsonl_line_over_the_cap_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    with path.open("wb") as f:
        f.write(json.dumps({"text": "x" * 20_000_000}).encode() + b"\n")
        f.write(json.dumps({"text": "The mayor spoke on Monday."}).encode() + b"\n")
    tracemalloc.start()
    try:
        with path.open("rb") as f:
            out = list(jsonl_mod.read_jsonl_stream(f, where="long.jsonl", max_line_bytes=500_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(out[0], InputError) and "over the limit of 500,000" in out[0].message
    assert out[0].where == "long.jsonl:1"
    assert isinstance(out[1], Article)
    assert peak < 3_000_000  # the 20 MB line was never held


@pytest.mark.parametrize("tag", ["div", "b", "table"])
def test_html_nested_100000_deep(tag: str) -> None:
    words = "The council said on Monday that the dam was safe and would stay open. " * 10
    html = f"<html><body>{f'<{tag}>' * 100_000}<p>{words}</p>{f'</{tag}>' * 100_000}</body></html>"
    t = time.perf_counter()
    try:
        art = article_from_html(html, where="deep.html")
    except InputError as exc:
        assert exc.where == "deep.html"
    else:
        assert art.text.strip()
    assert time.perf_counter() - t < 60


def gzip_warc_bomb(inflated: int, before: bytes = b"") -> bytes:
    """One gzip member holding a WARC response whose HTML payload is ``inflated`` bytes
    (after the records ``before``, in the same member)."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    head = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://bomb.example/\r\n"
        b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        b"WARC-Date: 2026-03-01T00:00:00Z\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(len(http) + inflated).encode() + b"\r\n\r\n"
    )
    c = zlib.compressobj(1, zlib.DEFLATED, 31)
    out = [c.compress(before + head + http)]
    chunk = b"<p>a</p>" * (1 << 17)  # 1 MiB
    for _ in range(inflated // len(chunk)):
        out.append(c.compress(chunk))
    out.append(c.compress(b"\r\n\r\n"))
    out.append(c.flush())
    return b"".join(out)


def test_warc_gzip_bomb_is_capped() -> None:
    bomb = gzip_warc_bomb(48 << 20)  # 48 MiB inflated from about 100 KB
    assert len(bomb) < 2_000_000
    out = list(read_warc(io.BytesIO(bomb), where="bomb.warc.gz", max_record_bytes=8_000_000))
    assert len(out) == 1 and isinstance(out[0], InputError)
    assert "is 50,331,692 bytes" in out[0].message and "over 8,000,000" in out[0].message
    assert "bomb.example" in str(out[0].where)
    assert MAX_RECORD_BYTES < 100_000_000
    # its own gzip member is passed over without inflating it: the next record is read
    page = b"<html><body><p>The mayor said the quay would reopen in June.</p></body></html>"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
    nxt = gzip.compress(
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://ok.example/\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(len(http)).encode() + b"\r\n\r\n" + http + b"\r\n\r\n"
    )
    t = time.perf_counter()
    out = list(read_warc(io.BytesIO(bomb + nxt), where="bomb.warc.gz", max_record_bytes=8_000_000))
    assert [type(x).__name__ for x in out] == ["IngestError", "Article"]
    assert time.perf_counter() - t < 5
    # a record declaring more than the archive limit, sharing its member with others,
    # ends the archive at once (passing over it would mean inflating it all)
    small = gzip.decompress(nxt)
    bomb = gzip_warc_bomb(48 << 20, before=small)
    out = list(read_warc(io.BytesIO(bomb), where="bomb.warc.gz", max_declared_bytes=10_000_000))
    assert [type(x).__name__ for x in out] == ["Article", "IngestError"]
    assert "declares 50,331,6" in out[1].message and "not read past it" in out[1].message


def test_over_long_article_refused_with_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMGRAPH_MAX_CHARS", "1000")
    art = Article(text="The mayor spoke. " * 100, source="long.txt")
    with pytest.raises(InputError, match=r"1,700 characters, over the limit of 1,000") as exc:
        check_article(art)
    assert "CLAIMGRAPH_MAX_CHARS" in exc.value.message and exc.value.where == "long.txt"
    check_article(Article(text="The mayor spoke."))
