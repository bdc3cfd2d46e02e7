"""The store's schema as an ordered list of migrations, each applied once, in a transaction.

``schema_migrations`` records which ran. Add a migration by appending to
:data:`MIGRATIONS`; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

Migration = tuple[str, Callable[[sqlite3.Connection], None]]


def _m001_core(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE articles (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,            -- content hash (Article.id)
            title TEXT, url TEXT, outlet TEXT, author TEXT,
            published TEXT,                     -- ISO 8601 as given
            source TEXT,                        -- where it was read from
            text TEXT NOT NULL,
            entities TEXT NOT NULL DEFAULT '[]',-- JSON: the analysis' own entities
            wire TEXT,                          -- wire service named in the text ("AP")
            reprint_of TEXT,                    -- id of the original this reprints
            similarity REAL,                    -- estimated Jaccard with the original
            signature BLOB,                     -- MinHash signature (uint64 little-endian)
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_reprint_of ON articles(reprint_of);

        CREATE TABLE article_bands (
            band INTEGER NOT NULL,
            key INTEGER NOT NULL,
            article_id TEXT NOT NULL,
            PRIMARY KEY (band, key, article_id)
        ) WITHOUT ROWID;

        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            anonymous INTEGER NOT NULL DEFAULT 0,
            affiliation TEXT
        );
        CREATE TABLE entity_aliases (
            norm TEXT NOT NULL,                 -- normalised alias, the lookup key
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            alias TEXT NOT NULL,
            PRIMARY KEY (norm, entity_id)
        ) WITHOUT ROWID;
        CREATE INDEX entity_aliases_entity ON entity_aliases(entity_id);

        CREATE TABLE statements (
            rowid INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id),
            sid TEXT NOT NULL,
            kind TEXT NOT NULL,
            stance TEXT NOT NULL,
            confidence REAL NOT NULL,
            speaker_name TEXT,
            speaker_mention TEXT,
            speaker_type TEXT,
            anonymous INTEGER NOT NULL DEFAULT 0,
            affiliation TEXT,
            entity_id INTEGER REFERENCES entities(id),
            cue TEXT,
            content TEXT NOT NULL,
            content_start INTEGER NOT NULL,
            content_end INTEGER NOT NULL,
            relay TEXT NOT NULL DEFAULT '[]',   -- JSON list, nearest first
            data TEXT NOT NULL,                 -- JSON: Statement.to_dict()
            UNIQUE (article_id, sid)
        );
        CREATE INDEX statements_entity ON statements(entity_id);

        CREATE TABLE claims (
            id TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            tracked INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE claim_members (
            article_id TEXT NOT NULL,
            sid TEXT NOT NULL,
            claim_id TEXT NOT NULL REFERENCES claims(id),
            stance TEXT NOT NULL,
            confidence REAL NOT NULL,
            match_text TEXT NOT NULL,
            PRIMARY KEY (article_id, sid)
        ) WITHOUT ROWID;
        CREATE INDEX claim_members_claim ON claim_members(claim_id);

        -- external-content FTS5: the text lives once, in articles and statements
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid');
        CREATE VIRTUAL TABLE statements_fts USING fts5(
            speaker_name, content, content='statements', content_rowid='rowid');
        """
    )


def _m002_date_index(db: sqlite3.Connection) -> None:
    db.execute("CREATE INDEX statements_article ON statements(article_id)")


def _m003_claim_stats(db: sqlite3.Connection) -> None:
    from . import stats

    db.executescript(
        """
        CREATE TABLE claim_stats (
            claim_id TEXT PRIMARY KEY,
            supporters INTEGER NOT NULL,
            deniers INTEGER NOT NULL,
            others INTEGER NOT NULL,
            contested INTEGER NOT NULL,         -- min(supporters, deniers)
            total INTEGER NOT NULL,
            first TEXT,
            last TEXT
        ) WITHOUT ROWID;
        CREATE INDEX claim_stats_rank ON claim_stats(contested DESC, total DESC);
        """
    )
    stats.refresh(db)


def _m004_claim_index(db: sqlite3.Connection) -> None:
    from .claim_index import migrate_index

    migrate_index(db)


def _m005_claim_reviews(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE claim_reviews (
            claim_id TEXT PRIMARY KEY,          -- no foreign key: a claim may be regrouped
            rating REAL NOT NULL,
            best REAL NOT NULL,
            worst REAL NOT NULL,
            text TEXT,                          -- "Mostly false", "Unproven"
            author TEXT,                        -- who rated it (a newsroom, a person)
            updated_at TEXT NOT NULL
        ) WITHOUT ROWID;
        """
    )


MIGRATIONS: list[Migration] = [
    ("core tables, FTS5 indexes", _m001_core),
    ("index statements by article", _m002_date_index),
    ("per-claim counts for ranking", _m003_claim_stats),
    ("claim index: terms (FTS5) and vectors", _m004_claim_index),
    ("ratings a user gives claims (claimgraph review)", _m005_claim_reviews),
]


def migrate(db: sqlite3.Connection) -> list[str]:
    """Apply the migrations not yet recorded; return the names of those applied."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    applied: list[str] = []
    for version, (name, run) in enumerate(MIGRATIONS, start=1):
        db.execute("BEGIN IMMEDIATE")
        try:
            done = db.execute(
                "SELECT 1 FROM schema_migrations WHERE version = ?", (version,)
            ).fetchone()
            if done:
                db.execute("COMMIT")
                continue
            # executescript would commit; run the statements inside our transaction.
            _run_in_transaction(db, run)
            db.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                (version, name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied


class _NoScript:
    """A connection proxy whose ``executescript`` runs statement by statement."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def executescript(self, script: str) -> None:
        for stmt in _split_sql(script):
            self._db.execute(stmt)

    def execute(self, sql: str, params: tuple[object, ...] = ()) -> sqlite3.Cursor:
        return self._db.execute(sql, params)


def _split_sql(script: str) -> list[str]:
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        code = line.split("--", 1)[0]
        buf += code
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def _run_in_transaction(db: sqlite3.Connection, run: Callable[[sqlite3.Connection], None]) -> None:
    run(_NoScript(db))  # type: ignore[arg-type]
