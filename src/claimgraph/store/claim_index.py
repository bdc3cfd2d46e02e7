"""The claim index inside the store: each claim's terms (FTS5) and vector (a blob).

``claim_terms`` holds one FTS5 row per claim with its stemmed terms (those of its text and
of its members' propositions, the most frequent :data:`~claimgraph.claims.assign.MAX_TERMS`
kept), ``claim_terms_vocab`` counts the claims holding each term, and ``claim_vectors``
the sum of the claim's members' MiniLM vectors (float32) with their count. Placing a new
article reads a few candidate rows and writes the rows of the claims it touched, in the
transaction that stores the article: two writers never see each other's claims
half-written, and nothing here is restored into memory.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from ..claims.assign import MAX_TERMS, Placement, StoredClaim, terms_of

__all__ = ["SqlClaimSource", "migrate_index", "write_placements"]

_BATCH = 400


def migrate_index(db: sqlite3.Connection) -> None:
    """Schema of the claim index, filled from the claims already stored.

    A claim's ``claim_terms`` row has the claim's rowid, so that it is found by key;
    ``claim_index_size`` counts the rows (``COUNT(*)`` on FTS5 reads them all)."""
    db.execute("CREATE VIRTUAL TABLE claim_terms USING fts5(terms)")
    db.execute("CREATE VIRTUAL TABLE claim_terms_vocab USING fts5vocab(claim_terms, 'row')")
    db.execute(
        "CREATE TABLE claim_vectors (claim_id TEXT PRIMARY KEY, n INTEGER NOT NULL,"
        " vec BLOB NOT NULL) WITHOUT ROWID"
    )
    db.execute(
        "CREATE TABLE claim_index_size (one INTEGER PRIMARY KEY CHECK (one = 1),"
        " claims INTEGER NOT NULL)"
    )
    db.execute("INSERT INTO claim_index_size VALUES (1, 0)")
    # how many claims hold each term: a B-tree lookup (fts5vocab walks every segment)
    db.execute(
        "CREATE TABLE claim_term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID"
    )
    db.execute("ALTER TABLE claim_members ADD COLUMN joined_at TEXT")
    # the outlet's own stance toward each claim its article carries (claims.outlet)
    db.execute(
        "CREATE TABLE article_claims (article_id TEXT NOT NULL, claim_id TEXT NOT NULL,"
        " outlet TEXT NOT NULL, PRIMARY KEY (article_id, claim_id)) WITHOUT ROWID"
    )
    db.execute("CREATE INDEX article_claims_claim ON article_claims(claim_id)")
    rows = db.execute(
        "SELECT c.id, c.text, group_concat(m.match_text, ' ') FROM claims c"
        " LEFT JOIN claim_members m ON m.claim_id = c.id GROUP BY c.id"
    ).fetchall()
    for cid, text, members in rows:
        _put_terms(db, cid, terms_of([text, members or ""]))


def _rowid(db: sqlite3.Connection, cid: str) -> int:
    row = db.execute("SELECT rowid FROM claims WHERE id = ?", (cid,)).fetchone()
    if row is None:
        raise KeyError(cid)
    return int(row[0])


def _put_terms(db: sqlite3.Connection, cid: str, terms: Counter[str]) -> None:
    rid = _rowid(db, cid)
    row = db.execute("SELECT terms FROM claim_terms WHERE rowid = ?", (rid,)).fetchone()
    old = set(row[0].split()) if row else set()
    if row:
        db.execute("DELETE FROM claim_terms WHERE rowid = ?", (rid,))
    kept = terms.most_common(MAX_TERMS)
    text = " ".join(" ".join([t] * c) for t, c in kept)
    db.execute("INSERT INTO claim_terms (rowid, terms) VALUES (?, ?)", (rid, text))
    if not row:
        db.execute("UPDATE claim_index_size SET claims = claims + 1")
    _count_terms(db, {t for t, _ in kept} - old, +1)
    _count_terms(db, old - {t for t, _ in kept}, -1)


def _count_terms(db: sqlite3.Connection, terms: set[str], step: int) -> None:
    if not terms:
        return
    db.executemany(
        "INSERT INTO claim_term_df (term, df) VALUES (?, ?)"
        " ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
        [(t, step) for t in sorted(terms)],
    )
    if step < 0:
        db.execute("DELETE FROM claim_term_df WHERE df <= 0")


def _terms(db: sqlite3.Connection, cid: str) -> Counter[str]:
    row = db.execute(
        "SELECT terms FROM claim_terms WHERE rowid = (SELECT rowid FROM claims WHERE id = ?)",
        (cid,),
    ).fetchone()
    return Counter(row[0].split()) if row else Counter()


def recount(db: sqlite3.Connection) -> None:
    """Count the index's rows and terms again (after rows were inserted in bulk)."""
    n = db.execute("SELECT COUNT(*) FROM claim_terms").fetchone()[0]
    db.execute("UPDATE claim_index_size SET claims = ?", (n,))
    db.execute("DELETE FROM claim_term_df")
    db.execute("INSERT INTO claim_term_df (term, df) SELECT term, doc FROM claim_terms_vocab")


def _vector(db: sqlite3.Connection, cid: str) -> tuple[int, np.ndarray | None]:
    row = db.execute("SELECT n, vec FROM claim_vectors WHERE claim_id = ?", (cid,)).fetchone()
    if row is None:
        return 0, None
    return int(row[0]), np.frombuffer(row[1], dtype=np.float32).copy()


class SqlClaimSource:
    """:class:`claimgraph.claims.assign.ClaimSource` over a store connection."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def candidates(self, terms: Sequence[str], limit: int) -> list[StoredClaim]:
        if not terms:
            return []
        query = " OR ".join(f'"{t}"' for t in terms)
        rows = self.db.execute(
            "SELECT c.id, c.text, t.terms, v.vec FROM claim_terms t CROSS JOIN claims c"
            " ON c.rowid = t.rowid LEFT JOIN claim_vectors v ON v.claim_id = c.id"
            " WHERE claim_terms MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        ).fetchall()
        return [
            StoredClaim(
                cid,
                text,
                Counter(terms_text.split()),
                np.frombuffer(vec, dtype=np.float32).copy() if vec is not None else None,
            )
            for cid, text, terms_text, vec in rows
        ]

    def frequencies(self, terms: Sequence[str]) -> tuple[dict[str, int], int]:
        df: dict[str, int] = {}
        uniq = sorted(set(terms))
        for i in range(0, len(uniq), _BATCH):
            chunk = uniq[i : i + _BATCH]
            marks = ",".join("?" * len(chunk))
            for term, doc in self.db.execute(
                f"SELECT term, df FROM claim_term_df WHERE term IN ({marks})", chunk
            ):
                df[term] = int(doc)
        n = self.db.execute("SELECT claims FROM claim_index_size").fetchone()[0]
        return df, int(n)


def write_placements(
    db: sqlite3.Connection, placements: Iterable[Placement], propositions: dict[str, str], now: str
) -> set[str]:
    """Insert new claims and members (a member row is written once, never rewritten)
    and update the index rows of the claims touched. Returns their ids."""
    touched: set[str] = set()
    for p in placements:
        if p.new:
            db.execute(
                "INSERT INTO claims (id, text, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at",
                (p.claim_id, p.text, now),
            )
        else:
            db.execute("UPDATE claims SET updated_at = ? WHERE id = ?", (now, p.claim_id))
        db.executemany(
            "INSERT INTO claim_members"
            " (article_id, sid, claim_id, stance, confidence, match_text, joined_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    m.article_id, m.statement_id, p.claim_id, m.stance.value, m.confidence,
                    propositions.get(m.statement_id, ""), now,
                )
                for m in p.members
            ],
        )  # fmt: skip
        terms = _terms(db, p.claim_id)
        if p.new:
            terms.update(terms_of([p.text]))
        terms.update(p.terms)
        _put_terms(db, p.claim_id, terms)
        if p.vector is not None:
            n, old = _vector(db, p.claim_id)
            vec = p.vector if old is None else old + p.vector
            _put_vector(db, p.claim_id, n + len(p.members), vec)
        db.executemany(
            "INSERT INTO article_claims (article_id, claim_id, outlet) VALUES (?, ?, ?)"
            " ON CONFLICT(article_id, claim_id) DO UPDATE SET outlet = CASE"
            " WHEN excluded.outlet = 'reports' THEN outlet ELSE excluded.outlet END",
            [
                (a, p.claim_id, p.outlet.value)
                for a in dict.fromkeys(m.article_id for m in p.members)
            ],
        )
        touched.add(p.claim_id)
    return touched


def index_terms(db: sqlite3.Connection, claim_id: str, terms: Counter[str]) -> None:
    """Set a claim's terms in the index (a claim the user names has no members yet)."""
    _put_terms(db, claim_id, terms)


def _put_vector(db: sqlite3.Connection, claim_id: str, n: int, vec: np.ndarray | None) -> None:
    """Set a claim's member-vector sum (none: the claim is matched on its terms)."""
    db.execute("DELETE FROM claim_vectors WHERE claim_id = ?", (claim_id,))
    if vec is not None and n:
        db.execute(
            "INSERT INTO claim_vectors (claim_id, n, vec) VALUES (?, ?, ?)",
            (claim_id, n, vec.astype(np.float32).tobytes()),
        )


def drop(db: sqlite3.Connection, claim_id: str) -> None:
    """Remove a claim's index rows (before its ``claims`` row goes)."""
    row = db.execute(
        "SELECT rowid, terms FROM claim_terms WHERE rowid ="
        " (SELECT rowid FROM claims WHERE id = ?)",
        (claim_id,),
    ).fetchone()
    if row:
        db.execute("DELETE FROM claim_terms WHERE rowid = ?", (row[0],))
        db.execute("UPDATE claim_index_size SET claims = claims - 1")
        _count_terms(db, set(row[1].split()), -1)
    db.execute("DELETE FROM claim_vectors WHERE claim_id = ?", (claim_id,))


def rebuild(db: sqlite3.Connection, claim_id: str) -> None:
    """A claim's terms from its text and members' propositions; its vector is kept only
    as a sum over members that did not move, so it is dropped and rebuilt as members
    join again (a merge or split is rare and made by hand)."""
    row = db.execute("SELECT text FROM claims WHERE id = ?", (claim_id,)).fetchone()
    texts = [row[0] if row else ""] + [
        r[0]
        for r in db.execute("SELECT match_text FROM claim_members WHERE claim_id = ?", (claim_id,))
    ]
    _put_terms(db, claim_id, terms_of(texts))


def merge(db: sqlite3.Connection, keep_id: str, other_id: str) -> None:
    """Index rows after moving every member of ``other_id`` into ``keep_id``."""
    n1, v1 = _vector(db, keep_id)
    n2, v2 = _vector(db, other_id)
    db.execute(
        "INSERT OR IGNORE INTO article_claims (article_id, claim_id, outlet)"
        " SELECT article_id, ?, outlet FROM article_claims WHERE claim_id = ?",
        (keep_id, other_id),
    )
    db.execute("DELETE FROM article_claims WHERE claim_id = ?", (other_id,))
    drop(db, other_id)
    rebuild(db, keep_id)
    vec = v1 if v2 is None else (v2 if v1 is None else v1 + v2)
    _put_vector(db, keep_id, n1 + n2, vec)


def split(db: sqlite3.Connection, claim_id: str, new_id: str) -> None:
    """Index rows after moving some members of ``claim_id`` into ``new_id``."""
    for cid in (claim_id, new_id):
        rebuild(db, cid)
    # each article keeps its voice toward the claims its statements are now in
    db.execute(
        "INSERT OR IGNORE INTO article_claims (article_id, claim_id, outlet)"
        " SELECT DISTINCT m.article_id, ?, COALESCE(ac.outlet, 'reports') FROM claim_members m"
        " LEFT JOIN article_claims ac ON ac.article_id = m.article_id AND ac.claim_id = ?"
        " WHERE m.claim_id = ?",
        (new_id, claim_id, new_id),
    )
    db.execute(
        "DELETE FROM article_claims WHERE claim_id = ? AND article_id NOT IN"
        " (SELECT article_id FROM claim_members WHERE claim_id = ?)",
        (claim_id, claim_id),
    )
    # the vector sum cannot be split without the members' own vectors: both claims
    # are matched on their terms until new members bring vectors again
    db.execute("DELETE FROM claim_vectors WHERE claim_id IN (?, ?)", (claim_id, new_id))
