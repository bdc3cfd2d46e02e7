"""Merging batch output into the store.

Reads the shards that have a completion marker, rebuilds each article's
:class:`Analysis` from its rows, groups its statements into claims with the
:class:`~claimgraph.claims.ClaimBook` restored from the store (unless ``claims`` is
off), and adds it through the store's API. Articles already in the store are left as
they are, so loading the same output twice adds nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import BatchError
from .output import TABLES, OutputDir
from .run import _out_url
from .tables import analyses_from_tables

if TYPE_CHECKING:
    from ..claims import ClaimBook
    from ..model import Analysis
    from ..store import Store


@dataclass
class LoadSummary:
    shards: int = 0
    articles: int = 0  # read from the output
    added: int = 0  # new in the store
    statements: int = 0  # of the added articles
    failed: list[tuple[str, str]] = field(default_factory=list)  # (shard id, reason)


def read_shard(output: OutputDir, shard_id: str) -> list[Analysis]:
    """The analyses of one finished shard."""
    arts, stmts, ents = (output.read_table(t, shard_id) for t in TABLES)
    return list(analyses_from_tables(arts, stmts, ents))


def load(
    out: str,
    store: Store,
    *,
    claims: bool = True,
    progress: Callable[[LoadSummary], None] | None = None,
) -> LoadSummary:
    """Add every article of the finished shards in ``out`` to ``store``."""
    output = OutputDir(_out_url(out))
    if not output.fs.exists(output.path("_done")):
        raise BatchError("not a batch output directory (no _done/ markers)", where=out)
    summary = LoadSummary()
    book = None
    if claims:
        from ..claims import ClaimBook

        book = ClaimBook.restore(*store.claim_state())
    for shard_id in sorted(output.finished()):
        try:
            analyses = read_shard(output, shard_id)
        except (OSError, ValueError, KeyError) as exc:
            summary.failed.append((shard_id, f"{type(exc).__name__}: {exc}"))
            continue
        summary.shards += 1
        for analysis in analyses:
            summary.articles += 1
            if _add(store, analysis, book):
                summary.added += 1
                summary.statements += len(analysis.statements)
        if progress:
            progress(summary)
    return summary


def _add(store: Store, analysis: Analysis, book: ClaimBook | None) -> bool:
    if store.has(analysis.article.id):
        return False
    if book is None:
        return store.add(analysis)
    changed = book.add(analysis)
    return store.add(analysis, claims=changed, member_texts=book.member_texts)
