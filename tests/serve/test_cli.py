"""``claimgraph serve`` as a user runs it: a subprocess listening on a free port."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from .conftest import free_port
from .corpus import build


@contextmanager
def serving(db: Path, *args: str) -> Iterator[tuple[str, list[str]]]:
    """``claimgraph serve --db DB ARGS`` on a free port, once it answers: its base URL,
    and a list that holds what it wrote to stderr once it has stopped."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimgraph", "serve", "--db", str(db), "--port", str(port),
         *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    err: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{url}/api/stats", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.communicate()[1]
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        yield url, err
    finally:
        proc.terminate()
        err.append(proc.communicate(timeout=20)[1])


def test_serve_command_serves_the_store(tmp_path: Path) -> None:
    db = build(tmp_path / "cli.db").path
    with serving(db) as (url, err):
        assert httpx.get(f"{url}/api/stats", timeout=5).json()["articles"] == 3
        # read-only by default
        resp = httpx.post(f"{url}/api/articles", json={"text": "x"}, timeout=5)
        assert resp.status_code == 403 and resp.json()["error"]["code"] == "CG403"
        assert "<svg" in httpx.get(f"{url}/claims/Cspill", timeout=5).text
    assert "read-only" in err[0] and str(db) in err[0]


def test_serve_with_several_processes(tmp_path: Path) -> None:
    """``--workers 2``: two processes built from the same options answer on one port, with
    the same safety layers (read-only, the Host check) as one."""
    db = build(tmp_path / "workers.db").path
    with serving(db, "--workers", "2") as (url, err):
        with httpx.Client(base_url=url, timeout=5) as client:
            stats = client.get("/api/stats").json()
            pages = [client.get("/claims/Cspill") for _ in range(8)]
            refused = client.post("/api/articles", json={"text": "x"})
            rebound = client.get("/api/stats", headers={"Host": "rebind.example"})
        assert stats["articles"] == 3
        assert all(p.status_code == 200 and "<svg" in p.text for p in pages)
        assert refused.status_code == 403
        assert rebound.status_code == 421
    assert "2 processes" in err[0] and "read-only" in err[0]


def test_app_options_survive_the_environment() -> None:
    from claimgraph.serve.app import AppOptions

    opts = AppOptions("/data/x.db", token="t0k", allow_write=True, max_body=5000,
                      hosts=("localhost", "news.example"))  # fmt: skip
    assert AppOptions.from_json(opts.to_json()) == opts
    assert AppOptions.from_json(AppOptions("/data/x.db").to_json()).hosts is None
