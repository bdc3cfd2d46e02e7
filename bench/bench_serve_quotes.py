"""Quote-heavy text posted to a real server: how long until it is answered, and how.

    .venv/bin/python bench/bench_serve_quotes.py [--nested 999] [--rounds 3]

Starts ``claimgraph serve`` (read-only, no token, the settings of the environment:
CLAIMGRAPH_ANALYZE_TIMEOUT, CLAIMGRAPH_ANALYZE_SLOTS, CLAIMGRAPH_MAX_QUOTE_MARKS) on a
free 127.0.0.1 port over an empty store in a temporary directory, warms it up with one
short article, then posts each hostile text to ``POST /api/articles`` (``"store":
false``) and to ``POST /analyze`` (the form), one at a time, ``--rounds`` times each:

- ``flood``: 12,000 ``"`` (the outside attack's request);
- ``nested``: ``"She said '`` repeated ``--nested`` times (by default 999: one
  quotation mark under the default limit of 1,000, the most such text the server
  analyses);
- ``nested-over``: the same, 1,001 times (over the limit);

and then three nested texts at once (more than the default two analysis slots). Prints
each answer's status, its error code and seconds, the worst per text, and how long a
read (``GET /api/stats``) takes while the analyses run. Nothing but 127.0.0.1 is
contacted.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

CLI = [sys.executable, "-m", "claimgraph"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def post(client: httpx.Client, route: str, text: str) -> tuple[int, str, float]:
    t = time.perf_counter()
    if route == "api":
        r = client.post("/api/articles", json={"text": text, "store": False})
    else:
        r = client.post("/analyze", data={"text": text})
    took = time.perf_counter() - t
    code = ""
    if r.headers.get("content-type", "").startswith("application/json") and r.status_code >= 400:
        code = r.json().get("error", {}).get("code", "")
    return r.status_code, code, took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nested", type=int, default=999)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    texts = {
        "flood": '"' * 12_000,
        "nested": "\"She said '" * args.nested,
        "nested-over": "\"She said '" * 1_001,
    }
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = Path(tmp) / "serve.log"
        with log.open("w") as out:
            server = subprocess.Popen(
                [*CLI, "serve", "--db", str(Path(tmp) / "s.db"), "--port", str(port)],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=os.environ.copy(),
            )
        try:
            with httpx.Client(base_url=base, timeout=600) as client:
                for _ in range(300):
                    try:
                        if client.get("/api/stats").status_code == 200:
                            break
                    except httpx.TransportError:
                        time.sleep(0.2)
                else:
                    raise SystemExit(f"the server did not start: {log.read_text()}")
                status, _, took = post(client, "api", '"The pier will close," the mayor said.')
                print(f"warm-up: {status} in {took:.2f} s", flush=True)
                for name, text in texts.items():
                    for route in ("api", "analyze"):
                        worst = 0.0
                        for _ in range(args.rounds):
                            status, code, took = post(client, route, text)
                            worst = max(worst, took)
                            print(
                                f"{name:12} {route:8} {len(text):>7,} chars  {status} {code:6} "
                                f"{took:6.2f} s",
                                flush=True,
                            )
                            time.sleep(0.5)
                        print(f"{name:12} {route:8} worst {worst:.2f} s", flush=True)
                        wait_for_slots(client)
                concurrent(base, texts["nested"])
        finally:
            server.terminate()
            server.wait(10)


def wait_for_slots(client: httpx.Client) -> None:
    """Wait until no analysis runs on (an answered 503 leaves its analysis running)."""
    for _ in range(600):
        status, _, _ = post(client, "api", "The mayor said so.")
        if status == 200:
            return
        time.sleep(0.5)


def concurrent(base: str, text: str) -> None:
    results: list[tuple[int, str, float]] = []

    def one() -> None:
        with httpx.Client(base_url=base, timeout=600) as c:
            results.append(post(c, "api", text))

    threads = [threading.Thread(target=one) for _ in range(3)]
    for th in threads:
        th.start()
    reads = []
    with httpx.Client(base_url=base, timeout=600) as c:
        while any(th.is_alive() for th in threads):
            t = time.perf_counter()
            c.get("/api/stats")
            reads.append(time.perf_counter() - t)
            time.sleep(0.1)
    for th in threads:
        th.join()
    for status, code, took in sorted(results, key=lambda r: r[2]):
        print(f"3 at once    api      {status} {code:6} {took:6.2f} s", flush=True)
    if reads:
        print(f"reads meanwhile: {len(reads)}, slowest {max(reads):.2f} s", flush=True)


if __name__ == "__main__":
    main()
