"""A batch killed half-way (SIGKILL) and rerun gives exactly the statements of a clean run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from claimgraph.batch.run import run

from .conftest import articles, statement_tuples, write_jsonl

N = 16


def test_killed_run_resumes_to_the_same_statements(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "feed.jsonl", articles(N, seed=23))
    killed = tmp_path / "killed"
    cli = [sys.executable, "-c", "from claimgraph.cli import main; main()"]
    cmd = [*cli, "batch", str(src), "--out", str(killed)]
    cmd += ["--workers", "1", "--shard-size", "1", "--no-progress"]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    done = killed / "_done"
    deadline = time.monotonic() + 120
    try:
        while not (done.exists() and len(list(done.glob("*.json"))) >= 3):
            assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
            assert time.monotonic() < deadline, "no shard finished within 120 s"
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the CLI and its Dask worker processes
        proc.wait()
    finished = len(list(done.glob("*.json")))
    assert 3 <= finished < N, f"{finished} of {N} shards were done when killed"

    again = run([str(src)], str(killed), workers=1, shard_size=1, processes=False)
    assert again.resumed >= 3 and again.resumed + again.processed == N
    clean = tmp_path / "clean"
    run([str(src)], str(clean), workers=1, shard_size=1, processes=False)
    assert statement_tuples(killed) == statement_tuples(clean)
    assert len(statement_tuples(clean)) > 0
