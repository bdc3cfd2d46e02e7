"""Load test on loopback: 64 connections hammer the read endpoints for 60 seconds while
``claimgraph ingest`` writes into the same store.

    .venv/bin/python bench/bench_load.py [--seconds 60] [--connections 64] [--seed-articles 150]
    .venv/bin/python bench/bench_load.py --client wrk     # wrk (apt-get install wrk) instead

Builds a store in a temporary directory (the demo corpus, then ``--seed-articles``
generated articles, all through the real engine), starts ``claimgraph serve`` on a free
127.0.0.1 port (read-only; ``--workers`` server processes, 2 by default: one process
answers on one core at most, and here it shares two with the ingest and the client)
and ``claimgraph ingest`` of more generated articles into the same file, then runs
``--connections`` concurrent clients (httpx, one keep-alive connection each) over the
API and the pages for ``--seconds``. Prints requests, status counts, server errors (5xx)
and client errors (connection failures, timeouts), latency p50/p90/p99/max overall and
per endpoint, how many articles the ingest committed during the run, and the machine's
load average. With ``--client wrk`` the same URLs are cycled by wrk (2 threads, a Lua
script counting 5xx), whose client costs far less CPU than
Python's. Nothing but 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote_plus

import httpx

CLI = [sys.executable, "-m", "claimgraph"]
PEOPLE = ["Ines Okafor", "Rui Damas", "Lea Varga", "Omar Sato", "Nina Holt", "Paul Weir"]
ORGS = ["the water board", "the ferry union", "the harbour office", "the council"]
TOPICS = [
    "the harbour will close in May",
    "the ferry fares will rise next year",
    "the bridge over the Tallow river is unsafe",
    "the council hid the budget report",
    "the dam is leaking",
]


def article(i: int) -> dict[str, str]:
    rnd = random.Random(i)
    a, b = rnd.sample(PEOPLE, 2)
    topic = rnd.choice(TOPICS)
    text = (
        f"Story {i} from the Tallow valley.\n\n"
        f'"{topic[0].upper()}{topic[1:]}," said {a}, a spokesperson for {rnd.choice(ORGS)}. '
        f"{b} denied that {topic}, and said residents would be told on day {i % 28 + 1}.\n\n"
        f"According to the Tallow Times, {rnd.choice(ORGS)} will meet again in hall {i}."
    )
    return {
        "text": text,
        "title": f"Story {i}",
        "outlet": ["Tallow Times", "Valley Post", "Coast Wire"][i % 3],
        "published": f"2026-03-{i % 28 + 1:02d}",
    }


def write_jsonl(path: Path, start: int, n: int) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i in range(start, start + n):
            f.write(json.dumps(article(i)) + "\n")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def urls(base: str) -> list[tuple[str, str]]:
    """(endpoint group, URL) for the read endpoints, from what the store holds."""
    with httpx.Client(base_url=base, timeout=30) as c:
        arts = c.get("/api/articles", params={"limit": 50}).json()["items"]
        spk = c.get("/api/speakers", params={"limit": 20}).json()["items"]
        cls = c.get("/api/claims", params={"limit": 20}).json()["items"]
    out = [
        ("api/stats", "/api/stats"),
        ("api/articles", "/api/articles?limit=20"),
        ("api/statements", "/api/statements?limit=50"),
        ("api/speakers", "/api/speakers?limit=50"),
        ("api/claims", "/api/claims?limit=20"),
        ("page /", "/"),
        ("page /claims", "/claims"),
    ]
    for w in ("dam", "harbour closed", "ferry fares", "leaking", "budget report", "bridge"):
        q = quote_plus(w)  # wrk sends the target as given: no raw spaces
        out.append(("api/search", f"/api/search?q={q}"))
        out.append(("page /search", f"/search?q={q}"))
    for a in arts[:20]:
        out.append(("api/articles/ID", f"/api/articles/{a['id']}"))
        out.append(("page /articles/ID", f"/articles/{a['id']}"))
    for s in spk:
        out.append(("api/speakers/ID/statements", f"/api/speakers/{s['id']}/statements"))
        out.append(("page /speakers/ID", f"/speakers/{s['id']}"))
    for c_ in cls:
        out.append(("api/claims/ID", f"/api/claims/{c_['id']}"))
        out.append(("page /claims/ID", f"/claims/{c_['id']}"))
    return out


async def run_load(
    base: str, targets: list[tuple[str, str]], seconds: float, conns: int
) -> tuple[dict[str, list[float]], Counter[str], Counter[str]]:
    lat: dict[str, list[float]] = defaultdict(list)
    status: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    deadline = time.perf_counter() + seconds

    async def worker(k: int) -> None:
        rnd = random.Random(k)
        last = time.perf_counter()  # when this connection's previous response ended
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            while time.perf_counter() < deadline:
                group, url = rnd.choice(targets)
                t = time.perf_counter()
                try:
                    r = await client.get(url, headers={"accept": "text/html"})
                    await r.aread()
                except httpx.HTTPError as exc:
                    # the connection's idle time before the failed request: near the
                    # server's keep-alive timeout, the close raced the request
                    failures[f"{type(exc).__name__} after {t - last:.1f} s idle"] += 1
                    last = time.perf_counter()
                    continue
                last = time.perf_counter()
                lat[group].append(last - t)
                status[str(r.status_code)] += 1

    await asyncio.gather(*(worker(k) for k in range(conns)))
    return lat, status, failures


WRK_LUA = """
local paths = {%s}
local i = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) errors5 = 0; i = math.random(#paths) end
function request()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i], {["Accept"] = "text/html"})
end
function response(status, headers, body) if status >= 500 then errors5 = errors5 + 1 end end
function done(summary, latency, requests)
  local e = 0
  for _, t in ipairs(threads) do e = e + t:get("errors5") end
  io.write(string.format("server errors (5xx): %%d\\n", e))
  for _, p in ipairs({50, 90, 99}) do
    io.write(string.format("p%%d %%.1f ms\\n", p, latency:percentile(p) / 1000))
  end
end
"""


def run_wrk(base: str, targets: list[tuple[str, str]], seconds: float, conns: int) -> str:
    import shutil

    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    script = Path(tempfile.mkdtemp(prefix="cg-wrk-")) / "paths.lua"
    script.write_text(WRK_LUA % ", ".join(json.dumps(u) for _, u in targets))
    out = subprocess.run(
        [wrk, "-t", "2", "-c", str(conns), "-d", f"{int(seconds)}s", "--timeout", "60s",
         "--latency", "-s", str(script), base],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    if out.stderr.strip():  # a Lua error would make wrk fall back to one URL
        raise SystemExit(f"wrk: {out.stderr.strip()}")
    return out.stdout


def pct(xs: list[float], p: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(p / 100 * len(s)))] * 1000 if s else float("nan")


def counts(base: str) -> dict[str, int]:
    return dict(httpx.get(f"{base}/api/stats", timeout=30).json())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--seed-articles", type=int, default=150)
    ap.add_argument("--ingest-articles", type=int, default=20_000)
    ap.add_argument("--client", choices=["python", "wrk"], default="python")
    ap.add_argument(
        "--workers", type=int, default=2, help="claimgraph serve --workers (server processes)"
    )
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cg-load-"))
    db = work / "load.db"
    env = {**os.environ, "CLAIMGRAPH_DB": str(db)}
    t = time.perf_counter()
    subprocess.run([*CLI, "demo", "--db", str(db)], env=env, check=True, capture_output=True)
    seed = write_jsonl(work / "seed.jsonl", 0, args.seed_articles)
    subprocess.run([*CLI, "ingest", str(seed), "--db", str(db)], env=env, check=True,
                   capture_output=True)  # fmt: skip
    print(f"store built in {time.perf_counter() - t:.0f} s: {db}")
    more = write_jsonl(work / "more.jsonl", args.seed_articles, args.ingest_articles)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = (work / "serve.log").open("w")
    server = subprocess.Popen(
        [*CLI, "serve", "--db", str(db), "--port", str(port), "--workers", str(args.workers)],
        env=env,
        stdout=log,
        stderr=log,
    )
    writer = None
    try:
        for _ in range(300):
            try:
                before = counts(base)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise SystemExit("the server did not start; see " + str(work / "serve.log"))
        targets = urls(base)
        print(f"before: {before}; {len(targets)} distinct URLs")
        wlog = (work / "ingest.log").open("w")
        writer = subprocess.Popen(
            [*CLI, "ingest", str(more), "--db", str(db)], env=env, stdout=wlog, stderr=wlog
        )
        for _ in range(600):  # wait until the ingest has loaded its models and commits
            mid = counts(base)
            if mid["articles"] > before["articles"] or writer.poll() is not None:
                break
            time.sleep(0.5)
        load0 = os.getloadavg()
        t = time.perf_counter()
        if args.client == "wrk":
            wrk_out = run_wrk(base, targets, args.seconds, args.connections)
            lat, status, failures = {}, Counter(), Counter()
        else:
            lat, status, failures = asyncio.run(
                run_load(base, targets, args.seconds, args.connections)
            )
        took = time.perf_counter() - t
        load1 = os.getloadavg()
        after = counts(base)
        writer_alive = writer.poll() is None
    finally:
        if writer is not None:
            writer.terminate()
            writer.wait(timeout=60)
        server.terminate()
        server.wait(timeout=60)
    print(
        f"machine: {os.cpu_count()} cores, {args.workers} server processes; load average"
        f" {load0[0]:.1f} at the start, "
        f"{load1[0]:.1f} at the end (1 min)"
    )
    print(
        f"ingest during the run: articles {mid['articles']} -> {after['articles']} "
        f"(+{after['articles'] - mid['articles']}), statements {mid['statements']} -> "
        f"{after['statements']}; still writing at the end: {writer_alive}"
    )
    tracebacks = (work / "serve.log").read_text().count("Traceback")
    if args.client == "wrk":
        print(wrk_out)
        print(f"server log: {tracebacks} tracebacks; files in {work}")
        bad = "server errors (5xx): 0" not in wrk_out or "Socket errors" in wrk_out
        sys.exit(1 if bad or tracebacks else 0)
    every = [x for xs in lat.values() for x in xs]
    n = len(every)
    errors5 = sum(v for k, v in status.items() if k.startswith("5"))
    print(
        f"load: {args.connections} connections for {took:.0f} s: {n:,} responses "
        f"({n / took:.0f}/s), status {dict(status)}, server errors (5xx): {errors5}, "
        f"client failures: {dict(failures) or 0}"
    )
    print(
        f"latency ms: p50 {pct(every, 50):.0f}, p90 {pct(every, 90):.0f}, "
        f"p99 {pct(every, 99):.0f}, max {max(every) * 1000:.0f}"
    )
    print(f"{'endpoint':<28} {'n':>6} {'p50':>7} {'p99':>7}")
    for group in sorted(lat):
        xs = lat[group]
        print(f"{group:<28} {len(xs):>6} {pct(xs, 50):>7.0f} {pct(xs, 99):>7.0f}")
    print(f"server log: {tracebacks} tracebacks; files in {work}")
    if errors5 or tracebacks or failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
