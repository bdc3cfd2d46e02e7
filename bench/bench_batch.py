"""Dask scaling: the same input with 1 worker, then with 2 (or ``--workers``).

Writes ``--articles`` synthetic articles (bench/synth.py) to one JSON Lines file and
runs ``claimgraph.batch.run.run`` over it with a fresh local cluster for each worker
count (worker processes, one thread each). The baseline is the first worker count,
measured in the same run. Reports, per run: cluster start-up (spawning workers and
loading spaCy in each), processing time and articles/s (from submitting the first
shard to the last result), end to end, and each worker's peak resident memory
(``ru_maxrss`` of the worker process).

    python bench/bench_batch.py --articles 2000 --shard-size 50 --workers 1,2

Target (issue 5): 2 workers >= 1.7x 1 worker. On a 2-core machine this needs both
cores free: the load average is printed before and after each run.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import engine
import synth


def sizing(results: list[tuple[int, float, Any]], feed: int, busy: float) -> None:
    """Cores for a feed of ``feed`` articles a day, from the measured rates: by wall clock
    on this machine as it was (conservative when it was busy), and by CPU seconds per
    article (what dedicated cores give)."""
    base_n, base_rate, _ = results[0]
    n, rate, s = results[-1]
    mem = max(s.workers.values())
    per_core = base_rate / base_n
    eff = rate / (n * per_core)
    per_cpu = s.run_articles / s.cpu_seconds
    for label, r in (("wall clock", per_core * eff), ("CPU time", per_cpu)):
        need = feed / (86_400 * r * busy)
        print(
            f"sizing by {label}: {r:.2f} articles/s per core at {n} workers; a feed of "
            f"{feed:,} articles/day at most {busy:.0%} busy needs {feed:,} / (86,400 x {r:.2f} "
            f"x {busy}) = {need:.2f} -> {math.ceil(need)} cores, "
            f"{math.ceil(need) * mem / 1024:.1f} GiB at {mem:.0f} MiB per worker"
        )


def _spin(seconds: float) -> int:
    """Busy work for the machine's own parallelism baseline."""
    end, n = time.perf_counter() + seconds, 0
    while time.perf_counter() < end:
        n += 1
    return n


def machine_parallelism(n: int, seconds: float = 3.0) -> float:
    """How much more CPU-bound work ``n`` processes get done than one, on this machine
    now: the ceiling any ``n``-worker ratio can reach (a shared or oversubscribed host
    gives much less than ``n``)."""
    import multiprocessing

    one = _spin(seconds)
    with multiprocessing.get_context("spawn").Pool(n) as pool:
        many = sum(pool.map(_spin, [seconds] * n))
    return many / one


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--shard-size", type=int, default=50)
    ap.add_argument("--workers", default="1,2", help="worker counts, first is the baseline")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--dir", default=None, help="work directory (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    ap.add_argument("--feed", type=int, default=1_000_000, help="articles a day, for sizing")
    ap.add_argument("--busy", type=float, default=0.5, help="target share of time busy")
    engine.add_option(ap)
    args = ap.parse_args()
    engine.apply(args.engine)

    from claimgraph.batch.run import run

    counts = [int(w) for w in args.workers.split(",")]
    work = Path(args.dir or tempfile.mkdtemp(prefix="cg-bench-batch-"))
    work.mkdir(parents=True, exist_ok=True)
    src = synth.write_jsonl(work / "input.jsonl", args.articles, args.seed)
    words = sum(len(r["text"].split()) for r in synth.generate(args.articles, args.seed))
    print(f"{args.articles:,} articles ({words:,} words), shards of {args.shard_size}; "
          f"{os.cpu_count()} cores")  # fmt: skip
    results = []
    for n in counts:
        out = work / f"out-{n}"
        shutil.rmtree(out, ignore_errors=True)
        load0 = os.getloadavg()[0]
        t0 = time.perf_counter()
        s = run([str(src)], str(out), workers=n, shard_size=args.shard_size)
        wall = time.perf_counter() - t0
        load1 = os.getloadavg()[0]
        rate = s.run_articles / s.seconds
        results.append((n, rate, s))
        mem = ", ".join(f"{mb:.0f}" for mb in sorted(s.workers.values()))
        print(
            f"{n} worker(s): {rate:6.1f} articles/s ({words / s.seconds:,.0f} words/s) over "
            f"{s.seconds:.1f} s, start-up {s.startup_seconds:.1f} s, end to end {wall:.1f} s "
            f"({s.run_articles / wall:.1f} articles/s); {s.counts['statements']:,} statements; "
            f"peak RSS per worker {mem} MiB; load average {load0:.2f} -> {load1:.2f}; "
            f"the workers got {s.cpu_seconds / s.seconds:.2f} cores of CPU "
            f"({s.run_articles / s.cpu_seconds:.1f} articles per CPU second)"
        )
        if s.failed or s.counts["errors"]:
            print(f"  !! {len(s.failed)} failed shards, {s.counts['errors']} bad records")
    base_n, base_rate, base = results[0]
    for n, rate, s in results[1:]:
        ceiling = machine_parallelism(n) / (machine_parallelism(base_n) if base_n > 1 else 1.0)
        print(
            f"baseline: {n} busy processes do {ceiling:.2f}x the work of {base_n} on this "
            f"machine now; the workers reach {rate / base_rate / ceiling:.0%} of that ceiling"
        )
        same = s.counts == base.counts
        per_cpu = (s.run_articles / s.cpu_seconds) / (base.run_articles / base.cpu_seconds)
        print(
            f"ratio {n} workers / {base_n}: {rate / base_rate:.2f}x"
            f"{'   (target >= 1.7x)' if (base_n, n) == (1, 2) else ''}; same counts: {same}; "
            f"articles per CPU second {per_cpu:.2f}x (below 1: Dask overhead; a wall ratio "
            f"below {n / base_n:.0f}x with this near 1 means the cores were busy elsewhere)"
        )
    sizing(results, args.feed, args.busy)
    if not args.keep and not args.dir:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
