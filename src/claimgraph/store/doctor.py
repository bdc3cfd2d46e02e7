"""``claimgraph doctor``: check a store file without changing it.

Checks, in order: the file is there and is an SQLite database; SQLite's
``PRAGMA integrity_check`` (every page, index and constraint); the schema (every
migration recorded, none newer than this version of claimgraph, the expected tables);
foreign keys; and both full-text indexes against the tables they index. Each check
gives a :class:`Finding`; any problem makes :func:`check` report ``ok = False``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from .schema import MIGRATIONS

__all__ = ["Finding", "Report", "check"]

TABLES = (
    "articles",
    "article_bands",
    "entities",
    "entity_aliases",
    "statements",
    "claims",
    "claim_members",
    "claim_stats",
    "articles_fts",
    "statements_fts",
    "schema_migrations",
)
_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Finding:
    check: str
    ok: bool
    detail: str
    repairable: bool = False  # ``doctor --repair`` fixes it in place

    def to_dict(self) -> dict[str, object]:
        return {"check": self.check, "ok": self.ok, "detail": self.detail}


@dataclass
class Report:
    path: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.findings)

    @property
    def repairable(self) -> bool:
        """Every problem found is one ``doctor --repair`` fixes in place."""
        return all(f.ok or f.repairable for f in self.findings)

    def add(self, check: str, ok: bool, detail: str, *, repairable: bool = False) -> bool:
        self.findings.append(Finding(check, ok, detail, repairable))
        return ok

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "ok": self.ok, "findings": [f.to_dict() for f in self.findings]}


def check(path: str | Path) -> Report:
    """Every check above on the store at ``path``; the file is opened read-only."""
    p = Path(path)
    report = Report(str(p))
    if not p.exists():
        report.add("file", False, "no such file")
        return report
    try:
        with p.open("rb") as f:
            head = f.read(16)
    except OSError as exc:
        report.add("file", False, f"cannot read the file ({exc.strerror})")
        return report
    if head != _HEADER:
        what = "empty" if not head else "not an SQLite database (wrong header)"
        report.add("file", False, f"the file is {what}")
        return report
    report.add("file", True, f"SQLite database, {p.stat().st_size:,} bytes")
    try:
        db = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as exc:
        report.add("open", False, f"cannot open it ({exc})")
        return report
    try:
        db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.Error as exc:  # damage shows in the checks below; a read-only file here
        if _read_only(exc):
            # a WAL store on a read-only file system: not even its index file can be made
            db.close()
            db = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
            report.add("file system", True, "read-only: the store is read as it is on disk")
    try:
        _run(db, report)
    finally:
        db.close()
    return report


def _read_only(exc: BaseException) -> bool:
    msg = str(exc).lower()
    return "readonly" in msg or "read-only" in msg or "unable to open database file" in msg


def _run(db: sqlite3.Connection, report: Report) -> None:
    try:
        rows = [r[0] for r in db.execute("PRAGMA integrity_check(20)")]
    except sqlite3.DatabaseError as exc:
        report.add("integrity", False, f"SQLite cannot check the file ({exc})")
        return
    if rows == ["ok"]:
        report.add("integrity", True, "PRAGMA integrity_check: ok")
    else:
        report.add("integrity", False, "; ".join(rows[:5]) + (" ..." if len(rows) > 5 else ""))
    try:
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as exc:
        report.add("schema", False, f"cannot read the schema ({exc})")
        return
    missing = [t for t in TABLES if t not in names]
    if "schema_migrations" in names:
        done = {int(r[0]) for r in db.execute("SELECT version FROM schema_migrations")}
        want = set(range(1, len(MIGRATIONS) + 1))
        newer = sorted(v for v in done if v > len(MIGRATIONS))
        if newer:
            report.add(
                "migrations",
                False,
                f"the store has migrations {newer} this claimgraph does not know: "
                "upgrade claimgraph",
            )
        elif done != want:
            todo = sorted(want - done)
            report.add(
                "migrations",
                True,
                f"migrations {todo} not applied yet (the next write applies them)",
            )
        else:
            report.add("migrations", True, f"{len(done)} of {len(MIGRATIONS)} applied")
    if missing:
        report.add("schema", False, f"missing tables: {', '.join(missing)}")
        return
    report.add("schema", True, f"{len(TABLES)} tables present")
    bad_fk = db.execute("PRAGMA foreign_key_check").fetchall()
    report.add(
        "foreign keys",
        not bad_fk,
        f"{len(bad_fk)} rows point at missing rows"
        + (" (claim members: run claimgraph doctor --repair)" if bad_fk else "")
        if bad_fk
        else "ok",
        repairable=all(r[0] == "claim_members" for r in bad_fk),
    )
    _claims(db, report)
    # FTS5's integrity check is spelled as an INSERT, so it needs a writable connection;
    # it writes nothing, and runs in a transaction that is rolled back.
    path = db.execute("PRAGMA database_list").fetchone()[2]
    try:
        rw = sqlite3.connect(f"{Path(path).as_uri()}?mode=rw", uri=True, timeout=30)
    except sqlite3.Error as exc:
        for fts in ("articles_fts", "statements_fts"):
            report.add(f"search index {fts}", _read_only(exc), f"not checked ({exc})")
        return
    try:
        for fts, table in (("articles_fts", "articles"), ("statements_fts", "statements")):
            try:
                rw.execute("BEGIN")
                rw.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
            except sqlite3.DatabaseError as exc:
                if _read_only(exc):  # the check needs a writable file; nothing is wrong
                    report.add(f"search index {fts}", True, "not checked: read-only file")
                else:
                    report.add(f"search index {fts}", False, f"out of step with {table} ({exc})")
            else:
                n = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                report.add(f"search index {fts}", True, f"matches {table} ({n:,} rows)")
            finally:
                if rw.in_transaction:
                    rw.rollback()
    finally:
        rw.close()


def _claims(db: sqlite3.Connection, report: Report) -> None:
    """Every statement in one claim, every member pointing at a statement and a claim,
    every claim in the claim index (``claimgraph doctor --repair`` fixes all three)."""
    unclaimed = db.execute(
        "SELECT COUNT(*) FROM statements s LEFT JOIN claim_members m"
        " ON m.article_id = s.article_id AND m.sid = s.sid WHERE m.claim_id IS NULL"
    ).fetchone()[0]
    report.add(
        "claim members",
        not unclaimed,
        f"{unclaimed:,} statements belong to no claim (run claimgraph doctor --repair)"
        if unclaimed
        else "every statement belongs to a claim",
        repairable=True,
    )
    dangling = db.execute(
        "SELECT COUNT(*) FROM claim_members m LEFT JOIN claims c ON c.id = m.claim_id"
        " LEFT JOIN statements s ON s.article_id = m.article_id AND s.sid = m.sid"
        " WHERE c.id IS NULL OR s.sid IS NULL"
    ).fetchone()[0]
    report.add(
        "claim links",
        not dangling,
        f"{dangling:,} claim members point at a missing claim or statement"
        " (run claimgraph doctor --repair)"
        if dangling
        else "every member points at its claim and statement",
        repairable=True,
    )
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    if "claim_terms" in names:
        unindexed = db.execute(
            "SELECT COUNT(*) FROM claims c WHERE NOT EXISTS"
            " (SELECT 1 FROM claim_terms t WHERE t.rowid = c.rowid)"
        ).fetchone()[0]
        report.add(
            "claim index",
            not unindexed,
            f"{unindexed:,} claims are missing from the claim index"
            " (run claimgraph doctor --repair)"
            if unindexed
            else "every claim is indexed",
            repairable=True,
        )
