"""Per-claim counts kept up to date on write, so ranking claims reads one small table.

Supporters and deniers are sources: one per (story, speaker, stance), where a story is
an original article with its reprints. ``contested`` is min(supporters, deniers).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from ..claims.story import DENYING as _DENYING
from ..claims.story import SUPPORTING as _SUPPORTING

# the claims stage decides what counts as for and against; this module counts it in SQL
SUPPORTING = tuple(sorted(s.value for s in _SUPPORTING))
DENYING = tuple(sorted(s.value for s in _DENYING))

_BATCH = 500


def refresh(db: sqlite3.Connection, claim_ids: Iterable[str] | None = None) -> None:
    """Recompute ``claim_stats`` for ``claim_ids`` (all claims when ``None``).

    Runs inside the caller's transaction.
    """
    if claim_ids is None:
        db.execute("DELETE FROM claim_stats")
        _compute(db, "", ())
        return
    ids = sorted(set(claim_ids))
    for i in range(0, len(ids), _BATCH):
        chunk = ids[i : i + _BATCH]
        marks = ",".join("?" * len(chunk))
        db.execute(f"DELETE FROM claim_stats WHERE claim_id IN ({marks})", chunk)
        _compute(db, f"WHERE cm.claim_id IN ({marks})", tuple(chunk))


def _compute(db: sqlite3.Connection, where: str, params: tuple[str, ...]) -> None:
    sup = ",".join(f"'{s}'" for s in SUPPORTING)
    den = ",".join(f"'{s}'" for s in DENYING)
    db.execute(
        "INSERT INTO claim_stats"
        " (claim_id, supporters, deniers, others, contested, total, first, last)"
        " SELECT claim_id, sup, den, oth, MIN(sup, den), sup + den + oth, lo, hi FROM ("
        "  SELECT claim_id,"
        f"  COUNT(DISTINCT CASE WHEN stance IN ({sup}) THEN k END) AS sup,"
        f"  COUNT(DISTINCT CASE WHEN stance IN ({den}) THEN k END) AS den,"
        f"  COUNT(DISTINCT CASE WHEN stance NOT IN ({sup},{den}) THEN k END) AS oth,"
        "   MIN(pub) AS lo, MAX(pub) AS hi FROM ("
        "   SELECT cm.claim_id, cm.stance, a.published AS pub,"
        "    COALESCE(a.reprint_of, a.id) || '|' ||"
        "    COALESCE(s.entity_id, s.speaker_name, s.sid) || '|' || cm.stance AS k"
        "   FROM claim_members cm CROSS JOIN articles a ON a.id = cm.article_id"
        "   CROSS JOIN statements s ON s.article_id = cm.article_id AND s.sid = cm.sid"
        f"  {where}"
        "  ) GROUP BY claim_id"
        " )",
        params,
    )
