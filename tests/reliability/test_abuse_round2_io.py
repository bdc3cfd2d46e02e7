"""Issue 17, round two, the input/output items: damaged and truncated WARC archives
(item 8), writing into a malformed store (item 9), a full disk during batch (item 12)."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.errors import IngestError
from claimgraph.ingest.warc import read_warc
from claimgraph.model import Article
from claimgraph.store import Store

GOOD = "The harbour master said the quay would reopen in June, after the storm repairs."
N = 10  # records in the archive
BAD = 3  # the damaged record (0-based): record 4


def _warc(gz: bool) -> tuple[bytes, list[int]]:
    """N HTML responses; the bytes and where each record starts."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    starts = []
    for i in range(N):
        starts.append(buf.tell())
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        page = f"<html><body><p>Story {i}. {GOOD}</p></body></html>".encode()
        rec = w.create_warc_record(
            f"http://example.org/{i}", "response", payload=io.BytesIO(page), http_headers=http
        )
        w.write_record(rec)
    return buf.getvalue(), starts


def _damaged(data: bytes, at: int, flip: int = 0x20) -> bytes:
    out = bytearray(data)
    out[at] ^= flip
    return bytes(out)


def _kinds(out: list[Article | IngestError]) -> tuple[int, list[IngestError]]:
    return sum(isinstance(x, Article) for x in out), [x for x in out if not isinstance(x, Article)]


def test_one_damaged_warc_header_byte_loses_only_its_record() -> None:
    """Item 8: one damaged header byte made warcio stop (ArchiveLoadFailed, or an
    AttributeError on a header line run into the next) and every record after it was
    lost; a damaged Content-Length swallowed the rest silently. Now the reader finds the
    next record and reports the damaged one as one bad record, with its offset."""
    data, starts = _warc(gz=False)
    head = data[starts[BAD] : data.index(b"\r\n\r\n", starts[BAD])]
    places = {
        "first line": head.index(b"WARC/1.0") + 4,  # WARC\x0f1.0
        "WARC-Type value": head.index(b"response"),  # Response: not a WARC type
        "line end before the target": head.index(b"\nWARC-Target-URI"),  # lines run together
        "target scheme": head.index(b"http://"),  # Http://: its HTTP headers are not read
        "Content-Length name": head.index(b"Content-Length") + 7,  # Content\rLength
        "Content-Length digit": head.index(b"Content-Length: ") + 17,  # a wrong length
    }
    for what, offset in places.items():
        out = list(read_warc(io.BytesIO(_damaged(data, starts[BAD] + offset)), where="x.warc"))
        good, errors = _kinds(out)
        assert good == N - 1 and len(errors) == 1, (what, [str(e) for e in errors])
        assert errors[0].where == f"x.warc:record {BAD + 1} (byte {starts[BAD]:,})", what


def test_one_damaged_byte_in_a_gzip_warc_loses_only_its_member() -> None:
    """Item 8, gzip: each record is its own gzip member; the reader resumes at the next
    member instead of stopping at the damage."""
    data, starts = _warc(gz=True)
    for offset in (0, 1, 12, 40, (starts[BAD + 1] - starts[BAD]) // 2):
        out = list(read_warc(io.BytesIO(_damaged(data, starts[BAD] + offset)), where="x.warc.gz"))
        good, errors = _kinds(out)
        assert good == N - 1 and len(errors) == 1, (offset, [str(e) for e in errors])
        assert errors[0].where == f"x.warc.gz:record {BAD + 1} (byte {starts[BAD]:,})"


@pytest.mark.parametrize("gz", [False, True])
def test_a_truncated_warc_reports_its_partial_last_record(
    gz: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Item 8: a WARC cut inside its last record dropped that record with no error and
    exit 0. Now it is one bad record ("truncated"), and ingest exits 2 as for any bad
    record, keeping the others."""
    data, starts = _warc(gz=gz)
    cut = data[: starts[-1] + (len(data) - starts[-1]) // 2]
    out = list(read_warc(io.BytesIO(cut), where="cut.warc"))
    good, errors = _kinds(out)
    assert good == N - 1 and len(errors) == 1
    assert "truncated" in errors[0].message and f"record {N}" in str(errors[0].where)
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(cut)
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent.parent / "corpus"))
    db = tmp_path / "s.db"
    r = CliRunner().invoke(
        main,
        ["ingest", str(path), "--db", str(db), "--no-claims", "--analyzer",
         "fake_analyzer:analyze_batch"],
    )  # fmt: skip
    assert r.exit_code == 2, r.output
    lines = [x for x in r.output.splitlines() if x.startswith("error:")]
    assert len(lines) == 1 and "truncated" in lines[0] and path.name in lines[0]
    with Store.open(db) as store:
        assert store.counts().articles == N - 1


def test_batch_reads_past_a_damaged_warc_record(tmp_path: Path) -> None:
    """Item 8, batch: the shard planner and reader frame records the same way, so a
    damaged record is one bad record and the records after it are read."""
    from claimgraph.batch.readers import read_shard
    from claimgraph.batch.shards import count_warc, plan

    for gz in (False, True):
        data, starts = _warc(gz=gz)
        path = tmp_path / ("d.warc.gz" if gz else "d.warc")
        path.write_bytes(_damaged(data, starts[BAD] + (5 if not gz else 1)))
        assert count_warc(str(path)) == N
        records = [r for shard in plan([str(path)]) for r in read_shard(shard)]
        assert sum(r.article is not None for r in records) == N - 1, gz
        (bad,) = [r for r in records if r.error]
        assert bad.index == BAD and f"record {BAD + 1} (byte {starts[BAD]:,})" in bad.where


def _damaged_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store of 60 articles with one page of its full-text index scribbled over:
    SQLite's quick_check fails, yet an ingest used to write into it."""
    import json
    import sqlite3

    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent.parent / "corpus"))
    src = tmp_path / "in.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for i in range(60):
            text = f"Story {i}. Ana Ruiz{i} said that the quay {i} would reopen in June. " * 5
            f.write(json.dumps({"text": text}) + "\n")
    db = tmp_path / "s.db"
    r = CliRunner().invoke(
        main, ["ingest", str(src), "--db", str(db), "--analyzer", "fake_analyzer:analyze_batch"]
    )
    assert r.exit_code == 0, r.output
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (page,) = con.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'articles_fts_docsize'"
    ).fetchone()
    con.close()
    data = bytearray(db.read_bytes())
    at = (page - 1) * 4096
    data[at + 100 : at + 400] = b"\xa5" * 300
    db.write_bytes(bytes(data))
    return db


def _files(db: Path) -> tuple[bytes, int]:
    """The store's bytes, and how many bytes its write-ahead log holds."""
    wal = db.with_name(db.name + "-wal")
    return db.read_bytes(), wal.stat().st_size if wal.exists() else 0


def test_nothing_is_written_into_a_malformed_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Item 9: `claimgraph ingest` wrote into a store that doctor calls malformed (exit
    0). Now ingest, batch load and the server's write path refuse it with one error
    naming the store and `claimgraph doctor`, and the files are left as they were."""
    import sqlite3

    db = _damaged_store(tmp_path, monkeypatch)
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA quick_check").fetchone()[0] != "ok"
    con.close()
    doctor = CliRunner().invoke(main, ["doctor", "--db", str(db)])
    assert doctor.exit_code == 4
    before = _files(db)
    one = tmp_path / "one.jsonl"
    one.write_text('{"text": "Tom Bell said that the ferry fares would rise in May."}\n')
    runner = CliRunner()
    r = runner.invoke(
        main,
        ["ingest", str(one), "--db", str(db), "--analyzer", "fake_analyzer:analyze_batch"],
    )
    assert r.exit_code == 4, r.output
    errors = [x for x in r.output.splitlines() if x.startswith("error:")]
    assert len(errors) == 1 and str(db) in errors[0] and "claimgraph doctor" in errors[0]
    assert "damaged" in errors[0] and "Traceback" not in r.output
    assert _files(db) == before
    out = tmp_path / "batch-out"
    out.mkdir()
    r = runner.invoke(main, ["load", str(out), "--db", str(db)])
    assert r.exit_code == 4 and "claimgraph doctor" in r.output
    assert _files(db) == before

    from fake_analyzer import analyze_one  # type: ignore[import-not-found]
    from fastapi.testclient import TestClient

    from claimgraph.serve import create_app

    app = create_app(db, allow_write=True, analyzer=analyze_one)
    with TestClient(app) as client:
        r = client.post("/api/articles", json={"text": "Tom Bell said that fares would rise."})
        assert r.status_code == 500 and r.json()["error"]["code"] == "CG300"
        assert "claimgraph doctor" in r.json()["error"]["message"]
    assert _files(db) == before


def test_a_full_disk_during_batch_is_one_error_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Item 12: a full disk during `claimgraph batch` printed Dask tracebacks. Now the
    run stops at the first ENOSPC with one `error:` line saying the disk is full and
    what to do; the shards finished before it are kept (and a rerun skips them)."""
    import errno
    import json

    from claimgraph.batch import run as run_mod
    from claimgraph.batch.output import OutputDir

    src = tmp_path / "in.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for i in range(9):
            f.write(json.dumps({"text": f"Story {i}. Ana Ruiz said the quay would reopen."}) + "\n")
    client = run_mod._client  # in process (threads), one worker: shards run in order
    monkeypatch.setattr(run_mod, "_client", lambda s, w, p: client(s, 1, False))
    put = OutputDir._put
    writes: list[str] = []

    def full_after_one_shard(self: OutputDir, data: bytes, final: str) -> None:
        if any("_done" in w for w in writes):  # one shard written whole, then the disk fills
            raise OSError(errno.ENOSPC, "No space left on device")
        writes.append(final)
        put(self, data, final)

    monkeypatch.setattr(OutputDir, "_put", full_after_one_shard)
    out = tmp_path / "out"
    r = CliRunner().invoke(
        main, ["batch", str(src), "--out", str(out), "--shard-size", "3", "--engine", "rules"]
    )
    err = capfd.readouterr().err
    assert r.exit_code != 0, r.output
    assert "Traceback" not in r.output + err, r.output + err
    lines = [x for x in r.output.splitlines() if x.startswith("error:")]
    assert len(lines) == 1, r.output
    assert "disk is full" in lines[0] and "run the same command again" in lines[0]
    assert "1 of 3 shards" in lines[0]
    assert len(list((out / "_done").iterdir())) == 1  # the finished shard is kept
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert not logged, logged  # Dask's "Compute Failed" with a traceback, once per shard


def test_the_server_keeps_an_idle_connection_past_the_client_pool_expiry(
    tmp_path: Path,
) -> None:
    """Item 13: the load test's client ReadErrors. uvicorn closed keep-alive connections
    after 5 s idle, the time httpx's pool keeps them too, so a client reusing one at about
    5 s raced the close and got its request reset (bench/bench_keepalive.py: 4 ReadErrors
    and 19 RemoteProtocolErrors in 60 s with 64 connections idle 4.97-5.03 s). The
    server now keeps them 75 s (`--keep-alive`): a request after 6 s idle is answered."""
    import contextlib
    import socket
    import subprocess
    import sys
    import time

    Store.open(tmp_path / "s.db").close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "claimgraph", "serve", "--db", str(tmp_path / "s.db"),
         "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    request = f"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()

    def answer(conn: socket.socket) -> bytes:
        conn.sendall(request)
        data = b""
        while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
            chunk = conn.recv(65536)
            if not chunk:
                break
            data += chunk
        return data

    try:
        for _ in range(200):
            try:
                conn = socket.create_connection(("127.0.0.1", port), timeout=30)
                break
            except OSError:
                time.sleep(0.1)
        with conn:
            assert answer(conn).startswith(b"HTTP/1.1 200")
            time.sleep(6)  # longer than uvicorn's default keep-alive (5 s)
            again = b""
            with contextlib.suppress(OSError):  # closed: reset, or nothing to read
                again = answer(conn)
            assert again.startswith(b"HTTP/1.1 200"), again[:100]
    finally:
        server.terminate()
        server.wait(timeout=30)
