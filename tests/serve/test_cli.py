"""``claimgraph serve`` as a user runs it: a subprocess listening on a free port."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx

from .conftest import free_port
from .corpus import build


def test_serve_command_serves_the_store(tmp_path: Path) -> None:
    db = build(tmp_path / "cli.db").path
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimgraph", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                stats = httpx.get(f"{url}/api/stats", timeout=2).json()
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.communicate()[1]
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert stats["articles"] == 3
        # read-only by default
        resp = httpx.post(f"{url}/api/articles", json={"text": "x"}, timeout=5)
        assert resp.status_code == 403 and resp.json()["error"]["code"] == "CG403"
        assert "<svg" in httpx.get(f"{url}/claims/Cspill", timeout=5).text
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert "read-only" in err and str(db) in err
