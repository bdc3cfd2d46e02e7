"""Issue 17 (what an outside attack broke), one regression test per item fixed here."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.ingest.sources import read_sources
from claimgraph.model import Analysis, Article, Kind, Span, Speaker, SpeakerType, Statement
from claimgraph.store import Store

GOOD = "The harbour master said the quay would reopen in June, after the storm repairs."


def test_jsonl_integer_of_5000_digits_is_one_bad_record(tmp_path: Path) -> None:
    """Item 3: json.loads raises ValueError (not JSONDecodeError) past 4,300 digits."""
    path = tmp_path / "in.jsonl"
    with path.open("w", encoding="utf-8") as f:
        f.write(json.dumps({"text": GOOD + " One."}) + "\n")
        f.write('{"text": "' + GOOD + ' Two.", "id": ' + "1" * 5000 + "}\n")
        f.write(json.dumps({"text": GOOD + " Three."}) + "\n")
    got = list(read_sources([str(path)]))
    assert [type(x).__name__ for x in got] == ["Article", "IngestError", "Article"]
    assert "in.jsonl:2" in str(got[1]) and "digits" in str(got[1])
    # from standard input, through the CLI: one error line, the good records kept, exit 2
    db = tmp_path / "s.db"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent / "corpus"))
    p = subprocess.run(
        [sys.executable, "-m", "claimgraph", "ingest", "-", "--db", str(db), "--no-claims",
         "--analyzer", "fake_analyzer:analyze_batch"],
        input=path.read_text(encoding="utf-8"), capture_output=True, text=True, timeout=300,
        env=env,
    )  # fmt: skip
    assert p.returncode == 2, p.stderr
    assert "Traceback" not in p.stderr
    assert sum(1 for line in p.stderr.splitlines() if line.startswith("error:")) == 1
    with Store.open(db) as store:
        assert store.counts().articles == 2


def _one(text: str, name: str) -> Analysis:
    i = text.index(name)
    c = text.index("the quay")
    st = Statement(
        id="S1",
        kind=Kind.INDIRECT,
        content=Span.of(text, c, len(text) - 1),
        speaker=Speaker(Span.of(text, i, i + len(name)), name, SpeakerType.PERSON),
        cue=None,
    )
    return Analysis(Article(text=text), (st,))


def test_who_with_no_name_finds_nobody(tmp_path: Path) -> None:
    """Item 11: "???", "_", "%" and a NUL matched every alias (LIKE wildcards, an empty
    pattern) and returned the busiest speaker."""
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        store.add(_one("Ana Ruiz said the quay would reopen in June.", "Ana Ruiz"))
        store.add(_one("Tom Bell said the quay would close in May.", "Tom Bell"))
        for q in ("???", "_", "%", "\x00", "  "):
            assert store.find_speaker(q) is None, repr(q)
        assert store.speakers("%") == [] and store.count_speakers("_") == 0
        assert store.find_speaker("Ruiz") is not None  # names still work
    r = CliRunner().invoke(main, ["who", "???", "--db", str(db)])
    assert r.exit_code != 0 and "Ana Ruiz" not in r.output and "Tom Bell" not in r.output


def test_store_file_is_sqlite(tmp_path: Path) -> None:
    """The escape character reaches SQLite as one backslash (a literal % is found)."""
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        store.add(_one("Ana 100% Ruiz said the quay would reopen in June.", "Ana 100% Ruiz"))
        assert store.find_speaker("100%") is not None
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_published_and_url_are_checked_at_ingest(tmp_path: Path) -> None:
    """Item 10: a claim's date range showed '2026-03-11 – {{7*7}}' and ClaimReview carried
    "url": "javascript:alert(1)//0": bad values are dropped with a warning, the article kept."""
    from claimgraph.ingest.validate import iso_date, web_url

    assert iso_date("2026-03-11") and iso_date("2026-03-11T09:30:00Z")
    assert iso_date("{{7*7}}") is None and iso_date("March 3") is None
    assert web_url("https://example.org/a") and web_url("javascript:alert(1)//0") is None
    assert web_url("http://") is None and web_url("https://a.example/\nx") is None
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"text": GOOD, "published": "{{7*7}}", "url": "javascript:alert(1)//0"}) + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent / "corpus"))
    p = subprocess.run(
        [sys.executable, "-m", "claimgraph", "ingest", str(path), "--db", str(db),
         "--analyzer", "fake_analyzer:analyze_batch"],
        capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    warnings = [x for x in p.stderr.splitlines() if x.startswith("warning:")]
    assert len(warnings) == 2 and "in.jsonl:1" in warnings[0]
    with Store.open(db) as store:
        (ref,) = store.articles()
        assert ref.published is None and ref.url is None


def test_api_refuses_a_bad_published_or_url() -> None:
    from claimgraph.errors import InputError
    from claimgraph.serve.write import article_from_input

    for field, value in (("published", "{{7*7}}"), ("url", "javascript:alert(1)//0")):
        try:
            article_from_input(text=GOOD, **{field: value})
        except InputError as exc:
            assert exc.where == field
        else:
            raise AssertionError(f"{field}={value!r} was accepted")
    ok = article_from_input(text=GOOD, published="2026-03-11", url="https://a.example/x")
    assert ok.published == "2026-03-11" and ok.url == "https://a.example/x"


def test_a_rebound_name_cannot_reach_a_loopback_server(tmp_path: Path) -> None:
    """Item 4: a page on rebind.attacker.example resolving to 127.0.0.1 wrote to a loopback
    server started with --allow-write and no token (its Origin matched its own Host)."""
    from fastapi.testclient import TestClient

    from claimgraph.serve import create_app
    from claimgraph.serve.security import allowed_hosts, host_name

    assert host_name("[::1]:8000") == "::1" and host_name("LocalHost:80") == "localhost"
    assert allowed_hosts("0.0.0.0") is None  # every address, no names given: any host
    hosts = allowed_hosts("127.0.0.1")
    assert hosts is not None and "localhost" in hosts
    Store.open(tmp_path / "s.db").close()
    app = create_app(tmp_path / "s.db", allow_write=True, hosts=hosts)
    attack = {
        "host": "rebind.attacker.example:8000",
        "origin": "http://rebind.attacker.example:8000",
    }
    with TestClient(app, base_url="http://localhost:8000") as client:
        assert client.get("/api/stats").status_code == 200
        assert client.get("/api/stats", headers={"host": "127.0.0.2:8000"}).status_code == 200
        r = client.post("/api/articles", json={"text": GOOD}, headers=attack)
        assert r.status_code == 421
        assert (
            r.json()["error"]["where"] == "host"
            and "--allowed-host" in r.json()["error"]["message"]
        )
        assert client.get("/", headers=attack).status_code == 421
    named = create_app(tmp_path / "s.db", hosts=allowed_hosts("127.0.0.1", ("news.example",)))
    with TestClient(named, base_url="http://news.example") as client:
        assert client.get("/api/stats").status_code == 200


def test_head_store_path_utf16_and_big_files(tmp_path: Path) -> None:
    """Item 12: HEAD answered 405; error bodies showed the store's absolute path to
    unauthenticated clients; UTF-16 text was called binary; analyze read a whole file
    before its size check."""
    from fastapi.testclient import TestClient

    from claimgraph.errors import InputError, StoreError
    from claimgraph.ingest import text as text_mod
    from claimgraph.serve import create_app
    from claimgraph.serve.errors import from_claimgraph

    db = tmp_path / "secret-dir" / "s.db"
    Store.open(db).close()
    with TestClient(create_app(db)) as client:
        got = client.get("/api/stats")
        head = client.head("/api/stats")
        assert head.status_code == 200 and head.content == b""
        assert head.headers["content-type"] == got.headers["content-type"]
        assert client.head("/").status_code == 200
    _status, body = from_claimgraph(StoreError(f"cannot read {db}: damaged", where=str(db)))
    assert str(tmp_path) not in json.dumps(body) and body["error"]["where"] == "s.db"
    # UTF-16 with its byte-order mark is text
    f = tmp_path / "u16.txt"
    f.write_bytes("Ana Ruiz said the quay would reopen.".encode("utf-16"))
    assert text_mod.read_text_file(f).text == "Ana Ruiz said the quay would reopen."
    # a file over the cap is refused after reading no more than the cap
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.truncate(text_mod.MAX_TEXT_BYTES + 10)  # sparse: no disk used
    try:
        text_mod.read_text_file(big)
    except InputError as exc:
        assert "MB" in exc.message and exc.where == str(big)
    else:
        raise AssertionError("a file over the cap was read")


def _mount_tmpfs(where: Path) -> bool:
    import shutil

    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    where.mkdir()
    return subprocess.run(["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", str(where)],
                          capture_output=True).returncode == 0  # fmt: skip


def test_a_store_on_a_read_only_file_system_is_read(tmp_path: Path) -> None:
    """Item 7: every read command failed ("unable to open database file") and doctor
    called the intact store damaged."""
    import pytest

    from claimgraph.corpus import ClaimKeeper

    mnt = tmp_path / "ro"
    if not _mount_tmpfs(mnt):
        pytest.skip("needs root and mount to make a read-only file system")
    try:
        db = mnt / "s.db"
        with Store.open(db) as store:
            ClaimKeeper(store).add(_one("Ana Ruiz said the quay would reopen in June.", "Ana Ruiz"))
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        with Store.open(db, readonly=True) as store:
            assert store.counts().statements == 1 and store.find_speaker("Ruiz") is not None
        runner = CliRunner()
        r = runner.invoke(main, ["who", "Ana Ruiz", "--db", str(db)])
        assert r.exit_code == 0, r.output
        r = runner.invoke(main, ["doctor", "--db", str(db)])
        assert r.exit_code == 0, r.output
        assert "read-only" in r.output and "BAD" not in r.output
        r = runner.invoke(main, ["track", "the quay reopens", "--db", str(db)])
        assert r.exit_code != 0  # a write: one clear error, no traceback
        assert "Traceback" not in r.output
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_an_empty_xml_file_is_an_error(tmp_path: Path) -> None:
    """Item 12: an empty .xml file was accepted silently."""
    for name, data in (("empty.xml", b""), ("blank.rss", b"  \n"), ("none.atom", b"<feed/>")):
        f = tmp_path / name
        f.write_bytes(data)
        got = list(read_sources([str(f)]))
        assert len(got) == 1 and type(got[0]).__name__ in ("IngestError", "InputError"), got
        assert name in str(got[0])


def test_newlines_are_passed_over_in_runs(tmp_path: Path) -> None:
    """Item 12: a .jsonl.gz of 64 MB of newlines took 103 s of CPU, one Python step per
    line. Runs of empty lines now come as one marker per block read, and record numbers
    still count every line."""
    import gzip
    import io

    from claimgraph.ingest import jsonl as jsonl_mod

    markers = list(jsonl_mod.lines_of(io.BytesIO(b"\n" * 3_000_000)))
    assert len(markers) <= 4 and sum(m.n for m in markers) == 3_000_000  # type: ignore[union-attr]
    rec = json.dumps({"text": GOOD}).encode()
    data = b"\n" * 1000 + rec + b"\n\n\nnot json\n" + b"\n" * 5 + rec
    path = tmp_path / "x.jsonl.gz"
    path.write_bytes(gzip.compress(data))
    got = list(read_sources([str(path)]))
    assert [type(x).__name__ for x in got] == ["Article", "IngestError", "Article"]
    assert got[0].source.endswith("x.jsonl.gz:1001")  # type: ignore[union-attr]
    assert "x.jsonl.gz:1004" in str(got[1])
    assert got[2].source.endswith("x.jsonl.gz:1010")  # type: ignore[union-attr]


def test_batch_plans_a_warc_record_without_its_target_uri(tmp_path: Path) -> None:
    """Item 8 (part): batch crashed while planning on a WARC record without
    WARC-Target-URI (warcio raises AttributeError); now the record is one bad record."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from claimgraph.batch.readers import read_shard
    from claimgraph.batch.shards import count_warc, plan

    path = tmp_path / "nouri.warc"
    with path.open("wb") as f:
        w = WARCWriter(f, gzip=False)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        page = b"<html><body><p>" + GOOD.encode() + b"</p></body></html>"
        rec = w.create_warc_record(
            "http://example.org/a", "response", payload=io.BytesIO(page), http_headers=http
        )
        rec.rec_headers.remove_header("WARC-Target-URI")
        w.write_record(rec)
    assert count_warc(str(path)) == 1
    (shard,) = plan([str(path)])
    (record,) = list(read_shard(shard))
    assert record.article is None and record.error and "record 1" in record.where
