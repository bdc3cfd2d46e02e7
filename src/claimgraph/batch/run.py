"""Running the pipeline over many shards on Dask.

:func:`run` plans the shards, skips those already finished in the output directory,
and submits the rest, one task per shard, to a Dask cluster: a :class:`LocalCluster`
with one single-threaded worker process per core by default, or an existing cluster
given by its scheduler address. Workers need claimgraph and the spaCy pipeline
installed, and must see the inputs and the output directory (a shared file system or an
fsspec URL such as ``s3://``).
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import BatchError
from .output import DISK_FULL, TMP, OutputDir
from .shards import Shard, plan
from .task import PreloadPipeline, process_shard

COUNTS = ("articles", "statements", "entities", "words", "errors", "skipped", "duplicates")


@dataclass
class BatchSummary:
    """What a run did. Counts cover every shard of the inputs, resumed ones included."""

    out: str
    shards: int = 0
    resumed: int = 0  # finished by an earlier run, skipped now
    processed: int = 0  # finished by this run
    run_articles: int = 0  # articles analysed by this run
    cpu_seconds: float = 0.0  # CPU time the worker processes spent on this run's shards
    failed: list[tuple[str, str]] = field(default_factory=list)  # (shard id, reason)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    workers: dict[str, float] = field(default_factory=dict)  # address -> peak RSS MiB
    pipelines: dict[str, set[int]] = field(default_factory=dict)  # address -> pipeline ids
    startup_seconds: float = 0.0  # starting the cluster and loading spaCy on workers
    seconds: float = 0.0  # running the shards

    @property
    def finished(self) -> int:
        return self.resumed + self.processed

    def add(self, report: dict[str, Any]) -> None:
        for k in COUNTS:
            self.counts[k] += int(report.get(k, 0))

    def record(self, report: dict[str, Any]) -> None:
        """Count a shard this run finished."""
        self.processed += 1
        self.run_articles += int(report["articles"])
        self.cpu_seconds += float(report.get("cpu_seconds", 0.0))
        self.add(report)
        who = str(report.get("worker") or f"pid {report.get('pid')}")
        self.workers[who] = max(self.workers.get(who, 0.0), float(report["peak_rss_mb"]))
        self.pipelines.setdefault(who, set()).add(int(report["pipeline_id"]))


def out_url(out: str) -> str:
    """The output folder as a URL: a local path made absolute, a remote URL as given."""
    return out if "://" in out else os.path.abspath(out)


def _clean_tmp(out: OutputDir) -> None:
    """Remove what a killed run left half-written."""
    fs = out.fs
    for p in fs.ls(out.path(TMP), detail=False):
        fs.rm(p)


def _disk_full(output: OutputDir, why: str, finished: int, shards: int) -> BatchError:
    return BatchError(
        f"the disk is full ({why}); {finished} of {shards} shards finished and are kept in "
        f"{output.url}. Free some space and run the same command again: it does the rest"
    )


def _client(scheduler: str | None, workers: int | None, processes: bool) -> tuple[Any, Any]:
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(
        n_workers=workers or os.cpu_count() or 1,
        threads_per_worker=1,
        processes=processes,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    return Client(cluster), cluster


def run(
    inputs: Sequence[str],
    out: str,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    shard_size: int = 200,
    pipeline: str | None = None,
    batch_size: int = 32,
    max_chars: int | None = None,
    engine: str | None = None,
    processes: bool = True,
    progress: Callable[[BatchSummary], None] | None = None,
) -> BatchSummary:
    """Analyse every record of ``inputs`` into Parquet under ``out``; see the module doc.

    ``workers`` is the number of worker processes of the local cluster (default: one per
    core); it is ignored with ``scheduler``. ``engine`` (``rules``, ``learned``, ``auto``)
    is the attribution engine on the workers (default: their ``CLAIMGRAPH_ATTRIBUTION``).
    ``processes=False`` runs the workers as threads in this process (for tests).
    """
    output = OutputDir(out_url(out))
    shards = plan(inputs, shard_size)
    try:
        output.prepare()
        _clean_tmp(output)
    except OSError as exc:
        if exc.errno in DISK_FULL:
            raise _disk_full(output, str(exc.strerror or exc), 0, len(shards)) from exc
        raise
    summary = BatchSummary(out=output.url, shards=len(shards))
    done = output.finished()
    todo: list[Shard] = []
    for s in shards:
        if s.id in done:
            summary.resumed += 1
            summary.add(done[s.id])
        else:
            todo.append(s)
    if progress:
        progress(summary)
    if not todo:
        return summary

    from distributed import as_completed

    t0 = time.perf_counter()
    client, cluster = _client(scheduler, workers, processes)
    try:
        client.register_plugin(PreloadPipeline(pipeline))
        summary.startup_seconds = time.perf_counter() - t0
        t1 = time.perf_counter()
        # two runs of the same input into different outputs on one cluster must not share
        run_key = hashlib.sha256(output.url.encode("utf-8")).hexdigest()[:8]
        futures = [
            client.submit(
                process_shard,
                s,
                output.url,
                pipeline_name=pipeline,
                batch_size=batch_size,
                max_chars=max_chars,
                engine=engine,
                key=f"claimgraph-shard-{run_key}-{s.id}",
                retries=1,
            )
            for s in todo
        ]
        ids = {f.key: s.id for f, s in zip(futures, todo, strict=True)}
        full: str | None = None
        for fut in as_completed(futures):
            try:
                report = fut.result()
            except OSError as exc:
                if exc.errno not in DISK_FULL:
                    summary.failed.append((ids[fut.key], f"{type(exc).__name__}: {exc}"))
                else:
                    full = full or str(exc.strerror or exc)
            except Exception as exc:
                summary.failed.append((ids[fut.key], f"{type(exc).__name__}: {exc}"))
            else:
                if "disk_full" in report:
                    full = full or str(report["disk_full"])
                else:
                    summary.record(report)
            fut.release()
            if full is not None:  # no shard can be written: stop, keeping the finished ones
                client.cancel(futures)
                break
            if progress:
                progress(summary)
        summary.seconds = time.perf_counter() - t1
        if full is not None:
            raise _disk_full(output, full, summary.finished, summary.shards)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return summary
