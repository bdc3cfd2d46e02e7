"""The task a Dask worker runs: analyse one shard and write its output.

The spaCy pipeline comes from :func:`claimgraph.nlp.load`, which loads it once per
process; :class:`PreloadPipeline` (a worker plugin) loads it when a worker starts, so
every task on that worker reuses the same pipeline and the first task is not slower.

A record that cannot be read, is empty or too long, or makes the analysis fail, is
written to the shard's errors file and skipped; the shard goes on.
"""

from __future__ import annotations

import logging
import os
import resource
import sys
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from distributed.diagnostics.plugin import WorkerPlugin

from ..errors import InputError
from ..ingest.validate import checked
from ..model import Analysis, Article
from . import tables
from .output import CLAIMS_TABLE, DISK_FULL, TABLES, OutputDir
from .readers import read_shard
from .shards import Shard

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger("claimgraph.batch")


def pipeline(name: str | None) -> Language:
    """The worker's pipeline: loaded on first use, then the same object every time."""
    from .. import nlp

    return nlp.load(name)


class PreloadPipeline(WorkerPlugin):
    """Dask worker plugin: load the spaCy pipeline as the worker starts."""

    name = "claimgraph-preload-pipeline"

    def __init__(self, pipeline_name: str | None) -> None:
        self.pipeline_name = pipeline_name

    def setup(self, worker: Any) -> None:
        pipeline(self.pipeline_name)


_assigners: list[Any] = []


def _assigner() -> Any:
    """The worker's claims assigner (the embedding model loads once per process)."""
    if not _assigners:
        from ..claims.assign import Assigner

        _assigners.append(Assigner())
    return _assigners[0]


def _worker_address() -> str | None:
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):
        return None


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB."""
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / (1024 * 1024) if sys.platform == "darwin" else kb / 1024


def _analyse(nlp: Language, batch: list[tuple[int, Article]]) -> Iterator[tuple[int, Any]]:
    """(record, Analysis) for each article; (record, error text) for one that fails.

    The batch goes through ``nlp.pipe``; if that raises, each article is analysed on its
    own so that one bad article costs only itself.
    """
    from ..pipeline import analysis_from_doc

    try:
        docs = list(nlp.pipe((a.text for _, a in batch), batch_size=len(batch)))
    except Exception:
        for index, article in batch:
            try:
                yield index, analysis_from_doc(nlp(article.text), article)
            except Exception as exc:
                log.debug("%s: analysis failed: %r", article.source, exc)
                yield index, f"analysis failed: {type(exc).__name__}: {exc}"
        return
    for (index, article), doc in zip(batch, docs, strict=True):
        try:
            yield index, analysis_from_doc(doc, article)
        except Exception as exc:
            yield index, f"analysis failed: {type(exc).__name__}: {exc}"


def process_shard(
    shard: Shard,
    out_url: str,
    *,
    pipeline_name: str | None = None,
    batch_size: int = 32,
    max_chars: int | None = None,
    engine: str | None = None,
) -> dict[str, Any]:
    """Analyse ``shard`` and write its tables, errors file and marker; return its report.
    ``engine`` forces the attribution engine (default: the worker's settings)."""
    if engine is not None:
        from ..attribution import learned

        with learned.using(engine):
            return process_shard(
                shard,
                out_url,
                pipeline_name=pipeline_name,
                batch_size=batch_size,
                max_chars=max_chars,
            )
    from ..pipeline import check_article, memory_zone

    t0, cpu0 = time.perf_counter(), time.process_time()
    nlp = pipeline(pipeline_name)
    out = OutputDir(out_url)
    errors: list[dict[str, Any]] = []
    arts: list[dict[str, Any]] = []
    stmts: list[dict[str, Any]] = []
    ents: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    assigner = _assigner()
    seen: set[str] = set()
    skipped = duplicates = words = 0

    def bad(index: int, where: str, reason: str) -> None:
        errors.append({"shard": shard.id, "record": index, "where": where, "reason": reason})

    def flush(batch: list[tuple[int, Article]]) -> None:
        nonlocal words
        by_index = {i: a for i, a in batch}
        # the batch's strings and vocabulary entries are freed after it: workers that run
        # for millions of articles keep a flat memory
        with memory_zone(nlp):
            results = list(_analyse(nlp, batch))
        for index, result in results:
            if isinstance(result, Analysis):
                a, s, e = tables.rows(result, shard=shard.id, record=index)
                words += a["words"]
                arts.append(a)
                stmts.extend(s)
                ents.extend(e)
                # grouping and vectors here, on the worker: load only places claims
                claims.extend(tables.claim_rows(assigner.prepare(result)))
            else:
                bad(index, by_index[index].source or "", result)

    batch: list[tuple[int, Article]] = []
    for rec in read_shard(shard):
        if rec.skipped:
            skipped += 1
            continue
        if rec.article is None:
            bad(rec.index, rec.where, rec.error or "unreadable record")
            continue
        article, _dropped = checked(rec.article)  # a bad published or url is dropped
        try:
            check_article(article, max_chars=max_chars)
        except InputError as exc:
            bad(rec.index, rec.where, exc.message)
            continue
        if article.id in seen:
            duplicates += 1
            continue
        seen.add(article.id)
        batch.append((rec.index, article))
        if len(batch) >= batch_size:
            flush(batch)
            batch = []
    if batch:
        flush(batch)

    try:
        for name, data in zip(TABLES, (arts, stmts, ents), strict=True):
            out.write_table(name, shard.id, tables.to_table(name, data))
        out.write_table(CLAIMS_TABLE, shard.id, tables.to_table(CLAIMS_TABLE, claims))
        out.write_errors(shard.id, errors)
    except OSError as exc:
        if exc.errno not in DISK_FULL:
            raise
        # returned, not raised: Dask would log a traceback for each shard that fails
        return {"id": shard.id, "disk_full": f"{exc.strerror or exc} (writing {out.url})"}
    report = {
        "shard": shard.to_dict(),
        "id": shard.id,
        "articles": len(arts),
        "statements": len(stmts),
        "entities": len(ents),
        "claims": len(claims),
        "words": words,
        "errors": len(errors),
        "skipped": skipped,
        "duplicates": duplicates,
        "seconds": round(time.perf_counter() - t0, 3),
        "cpu_seconds": round(time.process_time() - cpu0, 3),  # of the whole worker process
        "pid": os.getpid(),
        "worker": _worker_address(),
        "pipeline_id": id(nlp),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    try:
        out.write_marker(shard.id, report)
    except OSError as exc:
        if exc.errno not in DISK_FULL:
            raise
        return {"id": shard.id, "disk_full": f"{exc.strerror or exc} (writing {out.url})"}
    return report
