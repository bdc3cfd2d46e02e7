"""What refusing a damaged store costs an ingest: ``Store.open`` with and without the
``PRAGMA quick_check`` that ``writing=True`` runs first.

    .venv/bin/python bench/bench_open_check.py STORE [--repeat 5]

Opens STORE (copied to a temporary file first, so it is never changed) ``--repeat``
times each way and prints the median time, the store's size and article count, and the
machine's load average. The file is in the page cache after the first open, as it is
for an ingest that follows another command.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from claimgraph.store import Store


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("store")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cg-open-"))
    db = work / "copy.db"
    shutil.copyfile(args.store, db)
    with sqlite3.connect(db) as con:
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    times: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(args.repeat):
        for writing in (False, True):
            t = time.perf_counter()
            Store.open(db, writing=writing).close()
            times[writing].append(time.perf_counter() - t)
    plain, checked = (statistics.median(times[w]) for w in (False, True))
    print(
        f"store: {articles:,} articles, {db.stat().st_size / 1e6:.1f} MB; load average "
        f"{os.getloadavg()[0]:.1f} (1 min)\nStore.open: {plain * 1000:.0f} ms; with the "
        f"quick_check (writing=True): {checked * 1000:.0f} ms (+{(checked - plain) * 1000:.0f} ms)"
    )
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
