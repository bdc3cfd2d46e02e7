"""10,000 articles end to end through ``claimgraph batch``, then killed half-way and rerun.

1. writes ``--articles`` synthetic articles (bench/synth.py) to a JSON Lines file;
2. the baseline: an uninterrupted ``claimgraph batch`` (a subprocess, local cluster,
   ``--workers`` processes), timed end to end: articles per second;
3. the same command into another directory, killed with SIGKILL (its whole process
   group: the CLI, the scheduler and the worker processes) once half the shards are
   done, then rerun to completion;
4. compares the two outputs row for row (every column of statements and entities, and
   the article ids) and prints whether they are identical, and the time of
   killed + rerun against the uninterrupted run.

    python bench/bench_10k.py --articles 10000 --shard-size 100 --workers 2

Target (issue 5): the killed-and-rerun output holds exactly the statements of the
uninterrupted run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import engine
import synth

CLI = [sys.executable, "-c", "from claimgraph.cli import main; main()", "batch"]


def _cmd(src: Path, out: Path, args: argparse.Namespace) -> list[str]:
    return [*CLI, str(src), "--out", str(out), "--workers", str(args.workers),
            "--shard-size", str(args.shard_size), "--no-progress"]  # fmt: skip


def _markers(out: Path) -> int:
    d = out / "_done"
    return len(list(d.glob("*.json"))) if d.exists() else 0


def _rows(out: Path, table: str) -> list[tuple[Any, ...]]:
    import pyarrow.parquet as pq

    def frozen(v: Any) -> Any:
        if isinstance(v, list):
            return tuple(frozen(x) for x in v)
        if isinstance(v, dict):
            return tuple(sorted((k, frozen(x)) for k, x in v.items()))
        return v

    rows = []
    for p in sorted((out / table).glob("*.parquet")):
        t = pq.read_table(p)
        if table == "articles":
            t = t.drop(["text"])
        rows.extend(tuple(frozen(v) for v in r.values()) for r in t.to_pylist())
    return sorted(rows, key=repr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--shard-size", type=int, default=100)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--dir", default=None, help="work directory (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    engine.add_option(ap)
    args = ap.parse_args()
    engine.apply(args.engine)

    work = Path(args.dir or tempfile.mkdtemp(prefix="cg-bench-10k-"))
    work.mkdir(parents=True, exist_ok=True)
    src = synth.write_jsonl(work / "input.jsonl", args.articles, args.seed)
    shards = -(-args.articles // args.shard_size)
    print(f"{args.articles:,} articles in {shards} shards of {args.shard_size}, "
          f"{args.workers} workers; work directory {work}")  # fmt: skip

    clean, killed = work / "clean", work / "killed"
    for d in (clean, killed):
        shutil.rmtree(d, ignore_errors=True)

    print(f"load average before: {os.getloadavg()[0]:.2f}", flush=True)
    t0 = time.perf_counter()
    res = subprocess.run(_cmd(src, clean, args), capture_output=True, text=True, check=False)
    t_clean = time.perf_counter() - t0
    print(res.stdout.rstrip())
    if res.returncode:
        sys.exit(f"uninterrupted run failed ({res.returncode}): {res.stderr[-2000:]}")
    print(f"uninterrupted: {t_clean:.1f} s end to end, {args.articles / t_clean:.1f} articles/s; "
          f"load average {os.getloadavg()[0]:.2f}", flush=True)  # fmt: skip

    t0 = time.perf_counter()
    proc = subprocess.Popen(
        _cmd(src, killed, args),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while _markers(killed) < shards // 2:
            if proc.poll() is not None:
                sys.exit("the run ended before it could be killed half-way")
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    t_kill = time.perf_counter() - t0
    print(f"killed after {t_kill:.1f} s with {_markers(killed)}/{shards} shards done", flush=True)
    t0 = time.perf_counter()
    res = subprocess.run(_cmd(src, killed, args), capture_output=True, text=True, check=False)
    t_rerun = time.perf_counter() - t0
    print(res.stdout.rstrip())
    if res.returncode:
        sys.exit(f"rerun failed ({res.returncode}): {res.stderr[-2000:]}")
    print(f"rerun: {t_rerun:.1f} s; killed + rerun {t_kill + t_rerun:.1f} s = "
          f"{(t_kill + t_rerun) / t_clean:.2f}x the uninterrupted run; "
          f"load average {os.getloadavg()[0]:.2f}")  # fmt: skip

    same = True
    for table in ("articles", "statements", "entities"):
        a, b = _rows(clean, table), _rows(killed, table)
        ok = a == b
        same &= ok
        print(f"{table:10s}: uninterrupted {len(a):,} rows, killed+rerun {len(b):,} rows, "
              f"identical: {ok}")  # fmt: skip
    print("RESULT:", "identical" if same else "DIFFERENT")
    if not args.keep and not args.dir:
        shutil.rmtree(work)
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
