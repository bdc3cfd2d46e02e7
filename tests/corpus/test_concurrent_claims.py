"""Several writers at once (three ingests and a writing server) never lose or rewrite
each other's claim members: every statement ends in exactly one claim, grouped as a
sequential run groups them."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from claimgraph.store import Store
from conftest import FAKE, cli, write_corpus

# what the server is sent: articles on the corpus's topics, in the corpus's own words
POSTED = [
    f"Tallow notice {i}. Nina Holt said that the harbour will close in May. "
    f"Readers wrote in on day {i}."
    for i in range(6)
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server(db: Path) -> tuple[subprocess.Popen[str], str]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimgraph", "serve", "--db", str(db), "--port", str(port),
         "--allow-write"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/api/stats", timeout=2).status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError("the server did not start: " + (proc.stderr.read() if proc.stderr else ""))


def _post_all(url: str, errors: list[str]) -> None:
    for text in POSTED:
        r = httpx.post(url + "/api/articles", json={"text": text}, timeout=120)
        if r.status_code not in (200, 201):
            errors.append(f"{r.status_code} {r.text}")


def _grouping(db: Path) -> tuple[int, set[frozenset[tuple[str, str, str]]]]:
    """(statements without a claim, the claims as sets of (article, statement, stance))."""
    with Store.open(db) as s:
        rows = s.db.execute(
            "SELECT m.claim_id, s.article_id, s.sid, m.stance FROM statements s"
            " LEFT JOIN claim_members m ON m.article_id = s.article_id AND m.sid = s.sid"
        ).fetchall()
        dangling = s.db.execute(
            "SELECT COUNT(*) FROM claim_members m LEFT JOIN claims c ON c.id = m.claim_id"
            " WHERE c.id IS NULL"
        ).fetchone()[0]
    assert dangling == 0
    claims: dict[str, set[tuple[str, str, str]]] = {}
    unclaimed = 0
    for cid, aid, sid, stance in rows:
        if cid is None:
            unclaimed += 1
        else:
            claims.setdefault(cid, set()).add((aid, sid, stance))
    return unclaimed, {frozenset(v) for v in claims.values()}


def test_three_ingests_and_a_writing_server_at_once(tmp_path: Path) -> None:
    sources = [write_corpus(tmp_path / f"{k}.jsonl", 16, start=k * 16) for k in range(3)]
    together, alone = tmp_path / "together.db", tmp_path / "alone.db"
    Store.open(together).close()  # created and migrated before the writers race

    server, url = _server(together)
    errors: list[str] = []
    try:
        poster = threading.Thread(target=_post_all, args=(url, errors))
        procs = [
            cli(["ingest", str(src), "--db", str(together), *FAKE, "--batch-size", "2"],
                delay=0.01, wait=False)
            for src in sources
        ]  # fmt: skip
        poster.start()
        for p in procs:
            p.wait(timeout=300)
            assert p.returncode == 0, p.stderr.read()  # type: ignore[union-attr]
        poster.join(timeout=300)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert errors == []

    for src in sources:  # the same work, one writer after another
        p = cli(["ingest", str(src), "--db", str(alone), *FAKE])
        assert p.returncode == 0, p.stderr.read()  # type: ignore[union-attr]
    server, url = _server(alone)
    try:
        _post_all(url, errors)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert errors == []

    unclaimed, groups = _grouping(together)
    assert unclaimed == 0  # every statement belongs to exactly one claim
    with Store.open(together) as s:
        counts = s.counts()
    assert counts.articles == 3 * 16 + len(POSTED)
    assert sum(len(g) for g in groups) == counts.statements >= 3 * 16 * 2 + len(POSTED)
    assert (unclaimed, groups) == _grouping(alone)
