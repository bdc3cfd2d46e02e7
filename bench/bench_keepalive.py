"""Why the load test saw client ``ReadError``s: connections reused as the server's
keep-alive timer closes them.

    .venv/bin/python bench/bench_keepalive.py [--seconds 60] [--connections 64]
        [--idle 4.8 5.2] [--keep-alive SECONDS]

Starts ``claimgraph serve`` on the demo store (127.0.0.1, a free port; with
``--keep-alive`` when given, else the server's default), then runs ``--connections``
keep-alive clients (httpx, one connection each) that each send a request, wait a random
time in the ``--idle`` range and send the next one on the same connection. A server
that closes idle connections after about that long races with the client's next
request: when the request reaches the server just before it closes the socket, the
kernel answers it with a reset (unread data on a closed socket) and the client gets
``ReadError``; a request sent just after the close gets ``RemoteProtocolError`` or
is retried on a new connection. Prints the requests, the failures by type, and the
machine's load average. Nothing but 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

CLI = [sys.executable, "-m", "claimgraph"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def clients(base: str, seconds: float, conns: int, idle: tuple[float, float]) -> Counter[str]:
    out: Counter[str] = Counter()
    deadline = time.perf_counter() + seconds

    async def one(k: int) -> None:
        rnd = random.Random(k)
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            while time.perf_counter() < deadline:
                try:
                    r = await client.get("/api/stats")
                    out[str(r.status_code)] += 1
                except httpx.HTTPError as exc:
                    out[type(exc).__name__] += 1
                await asyncio.sleep(rnd.uniform(*idle))

    await asyncio.gather(*(one(k) for k in range(conns)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--idle", type=float, nargs=2, default=(4.8, 5.2))
    ap.add_argument("--keep-alive", type=int, default=None)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cg-keepalive-"))
    db = work / "demo.db"
    subprocess.run([*CLI, "demo", "--db", str(db)], check=True, capture_output=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    extra = ["--keep-alive", str(args.keep_alive)] if args.keep_alive is not None else []
    log = (work / "serve.log").open("w")
    server = subprocess.Popen(
        [*CLI, "serve", "--db", str(db), "--port", str(port), *extra], stdout=log, stderr=log
    )
    try:
        for _ in range(300):
            try:
                httpx.get(f"{base}/api/stats", timeout=5)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        load0 = os.getloadavg()[0]
        got = asyncio.run(clients(base, args.seconds, args.connections, tuple(args.idle)))
        load1 = os.getloadavg()[0]
    finally:
        server.terminate()
        server.wait(timeout=60)
    fails = {k: v for k, v in got.items() if not k.isdigit()}
    print(
        f"keep-alive {args.keep_alive if args.keep_alive is not None else 'default'}; "
        f"{args.connections} connections idle {args.idle[0]}-{args.idle[1]} s between "
        f"requests for {args.seconds:.0f} s; load {load0:.1f} -> {load1:.1f}"
    )
    print(f"responses {sum(v for k, v in got.items() if k.isdigit())}, failures {fails or 0}")


if __name__ == "__main__":
    main()
