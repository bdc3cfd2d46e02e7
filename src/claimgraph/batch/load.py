"""Merging batch output into the store.

Reads the shards that have a completion marker, rebuilds each article's
:class:`Analysis` from its rows, and adds it through the store's API, grouping its
statements into claims with :class:`~claimgraph.corpus.ClaimKeeper` (the same path as
``claimgraph ingest``) unless ``claims`` is off. Articles already in the store are left
as they are, so loading the same output twice adds nothing the second time. An article
the store refuses is counted in ``failed`` and the load goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import BatchError
from .output import CLAIMS_TABLE, TABLES, OutputDir
from .run import out_url
from .tables import analyses_from_tables, prepared_from_rows

if TYPE_CHECKING:
    from ..corpus import ClaimKeeper
    from ..model import Analysis
    from ..store import Store


@dataclass
class LoadSummary:
    shards: int = 0
    articles: int = 0  # read from the output
    added: int = 0  # new in the store
    statements: int = 0  # of the added articles
    failed: list[tuple[str, str]] = field(default_factory=list)  # (shard or source, reason)


def read_shard(output: OutputDir, shard_id: str) -> list[Analysis]:
    """The analyses of one finished shard."""
    arts, stmts, ents = (output.read_table(t, shard_id) for t in TABLES)
    return list(analyses_from_tables(arts, stmts, ents))


def read_claims(output: OutputDir, shard_id: str) -> dict[str, list[dict[str, Any]]]:
    """The claims the workers prepared, by article id (none for older output)."""
    if not output.has_table(CLAIMS_TABLE, shard_id):
        return {}
    by: dict[str, list[dict[str, Any]]] = {}
    for r in output.read_table(CLAIMS_TABLE, shard_id).to_pylist():
        by.setdefault(r["article_id"], []).append(r)
    return by


def load(
    out: str,
    store: Store,
    *,
    claims: bool = True,
    progress: Callable[[LoadSummary], None] | None = None,
) -> LoadSummary:
    """Add every article of the finished shards in ``out`` to ``store``."""
    output = OutputDir(out_url(out))
    if not output.fs.exists(output.path("_done")):
        raise BatchError("not a batch output directory (no _done/ markers)", where=out)
    from ..corpus import ClaimKeeper
    from ..errors import StoreError

    summary = LoadSummary()
    keeper = ClaimKeeper(store) if claims else None
    for shard_id in sorted(output.finished()):
        try:
            analyses = read_shard(output, shard_id)
            prepared = read_claims(output, shard_id) if keeper is not None else {}
        except (OSError, ValueError, KeyError) as exc:
            summary.failed.append((shard_id, f"{type(exc).__name__}: {exc}"))
            continue
        summary.shards += 1
        for analysis in analyses:
            summary.articles += 1
            try:
                added = _add(store, analysis, keeper, prepared.get(analysis.article.id))
            except StoreError as exc:
                summary.failed.append((analysis.article.source or analysis.article.id, str(exc)))
                continue
            if added:
                summary.added += 1
                summary.statements += len(analysis.statements)
        if progress:
            progress(summary)
    return summary


def _add(
    store: Store,
    analysis: Analysis,
    keeper: ClaimKeeper | None,
    claim_rows: list[dict[str, Any]] | None = None,
) -> bool:
    if keeper is not None:
        if claim_rows is not None or not analysis.statements:
            return keeper.add(analysis, prepared_from_rows(analysis, claim_rows or []))
        return keeper.add(analysis)
    return False if store.has(analysis.article.id) else store.add(analysis)
