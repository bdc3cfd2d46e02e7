"""Filtered lists for the pages and the API: statements, speakers and claims narrowed to
a date range, an outlet, a stance and a speaker type (each optional), with their counts.

Read-only queries over the store's tables; the lists keep the store's own orders
(statements by date, speakers most quoted first, claims most contested first).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from ..model import SpeakerType, Stance
from .sqlite import STMT_COLS, STMT_FROM, Store, record_of
from .views import ClaimView, SpeakerRecord, StatementRecord

__all__ = ["Filters", "claims", "network", "outlets", "speakers", "statements"]


@dataclass(frozen=True)
class Filters:
    """What a list is narrowed to; ``None`` leaves a field open.

    ``date_from`` and ``date_to`` are ISO dates, both ends included, compared with the
    article's published date (undated articles drop out of a dated range).
    """

    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None
    stance: Stance | None = None
    speaker_type: SpeakerType | None = None

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) is not None for f in fields(self))

    def params(self) -> dict[str, str | None]:
        """The URL query that gives these filters (``from``, ``to``, ...)."""
        return {
            "from": self.date_from,
            "to": self.date_to,
            "outlet": self.outlet,
            "stance": self.stance.value if self.stance else None,
            "speaker_type": self.speaker_type.value if self.speaker_type else None,
        }

    def where(self) -> tuple[list[str], list[Any]]:
        """SQL conditions over ``statements s``, ``articles a``, ``entities e`` and
        ``claim_members cm`` (as joined by the store's statement queries)."""
        cond: list[str] = []
        args: list[Any] = []
        if self.date_from:
            cond.append("substr(a.published, 1, 10) >= ?")
            args.append(self.date_from[:10])
        if self.date_to:
            cond.append("substr(a.published, 1, 10) <= ?")
            args.append(self.date_to[:10])
        if self.outlet:
            cond.append("a.outlet = ?")
            args.append(self.outlet)
        if self.stance:
            cond.append("COALESCE(cm.stance, s.stance) = ?")
            args.append(self.stance.value)
        if self.speaker_type:
            cond.append("COALESCE(e.type, s.speaker_type) = ?")
            args.append(self.speaker_type.value)
        return cond, args


def _where(f: Filters, extra: str | None = None) -> tuple[str, list[Any]]:
    cond, args = f.where()
    if extra:
        cond.append(extra)
    return (" WHERE " + " AND ".join(cond) if cond else ""), args


def statements(
    store: Store,
    f: Filters,
    *,
    speaker: int | None = None,
    claim: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[StatementRecord], int]:
    """Matching statements by date (oldest first), and how many match in all; also
    narrowed to one speaker (entity id) or one claim when given."""
    cond, args = f.where()
    if speaker is not None:
        cond.append("s.entity_id = ?")
        args.append(speaker)
    if claim is not None:
        cond.append("cm.claim_id = ?")
        args.append(claim)
    where = " WHERE " + " AND ".join(cond) if cond else ""
    rows = store.db.execute(
        f"SELECT {STMT_COLS} FROM {STMT_FROM}{where}"
        " ORDER BY a.published IS NULL, a.published, s.rowid LIMIT ? OFFSET ?",
        (*args, limit, offset),
    )
    total = store.db.execute(f"SELECT COUNT(*) FROM {STMT_FROM}{where}", args).fetchone()[0]
    return [record_of(r) for r in rows], int(total)


def speakers(
    store: Store, f: Filters, *, query: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[list[SpeakerRecord], int]:
    """Speakers with at least one matching statement, most quoted first, and how many."""
    where, args = _where(f, "s.entity_id IS NOT NULL")
    sub = f"SELECT s.entity_id FROM {STMT_FROM}{where}"
    cond = f"e.id IN ({sub})"
    params: list[Any] = list(args)
    if query:
        from .sqlite import has_name, like_pattern

        if not has_name(query):
            cond += " AND 0"

        cond += " AND e.id IN (SELECT entity_id FROM entity_aliases WHERE norm LIKE ? ESCAPE '\\')"
        params.append(like_pattern(query))
    recs = store._speakers(f"WHERE {cond}", tuple(params), limit, offset)
    total = store.db.execute(f"SELECT COUNT(*) FROM entities e WHERE {cond}", params).fetchone()
    return recs, int(total[0])


def claims(
    store: Store, f: Filters, *, limit: int = 30, offset: int = 0
) -> tuple[list[ClaimView], int]:
    """Claims with at least one matching statement, most contested first, and how many.
    The counts on each claim are over all its statements."""
    if not f.active:
        return store.claims(
            limit=limit, offset=offset, with_statements=False
        ), store.counts().claims
    where, args = _where(f, "cm.claim_id IS NOT NULL")
    cond = f"c.id IN (SELECT cm.claim_id FROM {STMT_FROM}{where})"
    rows = store.db.execute(
        "SELECT c.id, c.text, c.tracked, IFNULL(st.supporters, 0), IFNULL(st.deniers, 0),"
        " IFNULL(st.others, 0), st.first, st.last"
        f" FROM claims c LEFT JOIN claim_stats st ON st.claim_id = c.id WHERE {cond}"
        " ORDER BY IFNULL(st.contested, 0) DESC, IFNULL(st.total, 0) DESC,"
        " c.tracked DESC, c.id LIMIT ? OFFSET ?",
        (*args, limit, offset),
    ).fetchall()
    total = store.db.execute(f"SELECT COUNT(*) FROM claims c WHERE {cond}", args).fetchone()[0]
    return [ClaimView(r[0], r[1], bool(r[2]), *r[3:]) for r in rows], int(total)


def outlets(store: Store) -> list[str]:
    """Every outlet named by a stored article, alphabetically (for a filter's choices)."""
    rows = store.db.execute(
        "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet"
    )
    return [r[0] for r in rows]


def network(store: Store, f: Filters, *, max_claims: int = 200) -> dict[str, Any]:
    """The speaker-claim network: speakers and claims as nodes, one edge per (speaker,
    claim, stance) weighted by its statements, over the matching statements of the
    ``max_claims`` most contested matching claims."""
    views, _ = claims(store, f, limit=max_claims)
    keep = {v.id: v for v in views}
    where, args = _where(f, "cm.claim_id IS NOT NULL AND s.entity_id IS NOT NULL")
    rows = store.db.execute(
        "SELECT s.entity_id, COALESCE(e.name, s.speaker_name), COALESCE(e.type, s.speaker_type),"
        f" cm.claim_id, COALESCE(cm.stance, s.stance), COUNT(*) FROM {STMT_FROM}{where}"
        " GROUP BY s.entity_id, cm.claim_id, COALESCE(cm.stance, s.stance)",
        args,
    ).fetchall()
    speakers_: dict[int, dict[str, Any]] = {}
    used: set[str] = set()
    edges: list[dict[str, Any]] = []
    for eid, name, typ, cid, stance, n in rows:
        if cid not in keep:
            continue
        sp = speakers_.setdefault(
            eid, {"id": f"s{eid}", "kind": "speaker", "label": name, "type": typ,
                  "href": f"/speakers/{eid}", "statements": 0},
        )  # fmt: skip
        sp["statements"] += n
        used.add(cid)
        edges.append(
            {"id": f"e{len(edges)}", "source": f"s{eid}", "target": f"c:{cid}",
             "stance": stance, "weight": n}
        )  # fmt: skip
    nodes = list(speakers_.values()) + [
        {"id": f"c:{v.id}", "kind": "claim", "label": v.text, "href": f"/claims/{v.id}",
         "supporters": v.supporters, "deniers": v.deniers}
        for v in views if v.id in used
    ]  # fmt: skip
    return {"nodes": nodes, "edges": edges}
