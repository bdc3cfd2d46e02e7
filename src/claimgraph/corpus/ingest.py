"""Ingest a stream of articles into a store: read, skip what is stored, analyse in
batches, group into claims, commit each article on its own.

A crash loses only the article being written; rerunning skips what is stored (by
content hash) and finishes the job. A record that cannot be read or analysed becomes
one error in the report and the batch goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ..errors import ClaimgraphError, IngestError, InputError, StoreError
from ..ingest.sources import Record, read_sources
from ..ingest.validate import checked
from ..model import Analysis, Article
from ..pipeline import check_article
from ..store import Store
from .claims import ClaimKeeper

#: Analyses a batch of articles, in order. The default runs the spaCy pipeline.
Analyzer = Callable[[Sequence[Article]], Iterable[Analysis]]


def spacy_analyzer(pipeline: str | None = None, batch_size: int | None = None) -> Analyzer:
    """The claimgraph pipeline (spaCy + attribution), loaded on first use."""
    from .. import nlp as nlp_mod
    from ..config import get_settings
    from ..pipeline import analyze_many

    size = batch_size or get_settings().batch_size

    def run(articles: Sequence[Article]) -> Iterator[Analysis]:
        return analyze_many(articles, nlp=nlp_mod.load(pipeline), batch_size=size)

    return run


@dataclass
class IngestReport:
    """What an ingest did: articles read, added, skipped (already stored), errors."""

    read: int = 0
    added: int = 0
    skipped: int = 0
    statements: int = 0
    errors: list[ClaimgraphError] = field(default_factory=list)
    warnings: list[IngestError] = field(default_factory=list)  # kept, a field dropped
    started: float = field(default_factory=time.perf_counter)

    @property
    def failed(self) -> int:
        return len(self.errors)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def to_dict(self) -> dict[str, object]:
        return {
            "read": self.read,
            "added": self.added,
            "skipped": self.skipped,
            "statements": self.statements,
            "failed": self.failed,
            "errors": [e.to_dict() for e in self.errors],
            "warnings": [w.to_dict() for w in self.warnings],
            "seconds": round(self.seconds, 3),
        }


def ingest(
    store: Store,
    inputs: Iterable[str],
    *,
    encoding: str = "utf-8",
    **kwargs: object,
) -> IngestReport:
    """Ingest files, directories, globs, URLs or ``-``; see :func:`ingest_records`."""
    return ingest_records(store, read_sources(inputs, encoding=encoding), **kwargs)  # type: ignore[arg-type]


def ingest_records(
    store: Store,
    records: Iterable[Record],
    *,
    analyzer: Analyzer | None = None,
    batch_size: int = 32,
    claims: bool = True,
    on_error: Callable[[ClaimgraphError], None] | None = None,
    on_progress: Callable[[IngestReport], None] | None = None,
    on_warning: Callable[[IngestError], None] | None = None,
) -> IngestReport:
    """Analyse and store every new article of ``records``.

    ``analyzer`` defaults to :func:`spacy_analyzer`; ``claims=False`` stores statements
    without grouping them into claims. ``on_error`` hears each bad record as it happens,
    ``on_progress`` each article handled.
    """
    analyzer = analyzer or spacy_analyzer(batch_size=batch_size)
    report = IngestReport()
    keeper = ClaimKeeper(store) if claims else None
    seen: set[str] = set()

    def fail(err: ClaimgraphError) -> None:
        report.errors.append(err)
        if on_error:
            on_error(err)

    def store_one(analysis: Analysis) -> None:
        try:
            added = keeper.add(analysis) if keeper else store.add(analysis)
        except StoreError as exc:
            fail(exc)  # the transaction rolled back: the store is as it was
            return
        if added:
            report.added += 1
            report.statements += len(analysis.statements)
        else:
            report.skipped += 1

    def run(batch: list[Article]) -> None:
        try:
            analyses = list(analyzer(batch))
        except Exception:
            # find the culprit: one at a time, so the good articles of the batch are kept
            analyses = []
            for art in batch:
                try:
                    analyses.extend(analyzer([art]))
                except ClaimgraphError as exc:
                    fail(exc)
                except Exception as exc:
                    fail(
                        IngestError(
                            f"analysis failed ({type(exc).__name__}: {exc})",
                            where=art.source or art.id[:12],
                        )
                    )
        for analysis in analyses:
            store_one(analysis)
            if on_progress:
                on_progress(report)

    batch: list[Article] = []
    for rec in records:
        if isinstance(rec, InputError):
            fail(rec)
            continue
        report.read += 1
        if rec.id in seen or store.has(rec.id):
            report.skipped += 1
            if on_progress:
                on_progress(report)
            continue
        rec, problems = checked(rec)
        for problem in problems:  # the article is kept without the bad field
            warning = IngestError(problem, where=rec.source or rec.id[:12])
            report.warnings.append(warning)
            if on_warning:
                on_warning(warning)
        try:
            check_article(rec)
        except InputError as exc:
            fail(exc)
            continue
        seen.add(rec.id)
        batch.append(rec)
        if len(batch) >= batch_size:
            run(batch)
            batch = []
            seen.clear()  # the batch is stored now: store.has() knows it; memory stays flat
    if batch:
        run(batch)
    return report
