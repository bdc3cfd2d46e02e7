"""The SQLite store: one file, WAL mode, one transaction per article."""

from __future__ import annotations

import errno
import functools
import json
import random
import sqlite3
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from ..claims import story
from ..claims.assign import ClaimSource, Placement
from ..errors import InputError, NotFoundError, StoreError
from ..ingest import dedup
from ..model import Analysis, Article, Claim, ClaimStatement, Entity, Stance, Statement
from . import claim_index, stats
from . import entities as ent
from .claim_index import SqlClaimSource
from .schema import MIGRATIONS, migrate
from .views import (
    ArticleRef,
    ClaimEntry,
    ClaimRating,
    ClaimView,
    Counts,
    OutletVoice,
    SearchHit,
    SpeakerRecord,
    StatementRecord,
    speaker_key,
)

T = TypeVar("T")

BUSY_TIMEOUT_MS = 30_000
_RETRIES = 8

_ART_COLS = "a.id, a.title, a.outlet, a.published, a.url, a.wire, a.reprint_of"
STMT_COLS = (
    f"{_ART_COLS}, s.data, COALESCE(e.name, s.speaker_name), s.entity_id, cm.claim_id,"
    " cm.stance, e.type"
)
STMT_FROM = (
    "statements s JOIN articles a ON a.id = s.article_id "
    "LEFT JOIN entities e ON e.id = s.entity_id "
    "LEFT JOIN claim_members cm ON cm.article_id = s.article_id AND cm.sid = s.sid"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _ref(row: Sequence[Any]) -> ArticleRef:
    return ArticleRef(*row[:7])


@functools.lru_cache(maxsize=20_000)
def _statement(data: str) -> Statement:
    """A stored statement's JSON, decoded. Statements are immutable values and decoding
    is most of what a listing costs (a claim page lists hundreds), so each process keeps
    the last 20,000 it decoded, keyed by the stored text itself: a changed row is a
    different key, never a stale value."""
    return Statement.from_dict(json.loads(data))


def record_of(row: Sequence[Any]) -> StatementRecord:
    return StatementRecord(
        article=_ref(row),
        statement=_statement(row[7]),
        speaker=row[8],
        entity_id=row[9],
        claim_id=row[10],
        claim_stance=Stance(row[11]) if row[11] else None,
        entity_type=row[12],
    )


#: Search snippets mark each matched word as MARK_START word MARK_END: control
#: characters that article text does not hold (unlike ``[`` and ``]``).
MARK_START = "\x02"
MARK_END = "\x03"


def _read_only_fs(exc: BaseException) -> bool:
    """The error a store on a read-only file system (or read-only file) gives on open."""
    msg = str(exc).lower()
    return (
        "readonly" in msg
        or "read-only" in msg
        or "unable to open database file" in msg
        or (isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM))
    )


def _open_read_only(where: str) -> sqlite3.Connection:
    """A connection that never writes: ``mode=ro``, else ``immutable=1`` (when not even
    the WAL index can be created beside the file). A store that still needs migrating
    cannot be read this way: it says so."""
    uri = Path(where).resolve().as_uri()
    last: Exception | None = None
    for query in ("mode=ro", "mode=ro&immutable=1"):
        try:
            db = sqlite3.connect(
                f"{uri}?{query}", uri=True, isolation_level=None, check_same_thread=False
            )
            db.execute("PRAGMA query_only = ON")
            done = {r[0] for r in db.execute("SELECT version FROM schema_migrations")}
        except sqlite3.DatabaseError as exc:
            last = exc
            continue
        if len(done) < len(MIGRATIONS):
            db.close()
            raise StoreError(
                "the store is on a read-only file system and needs upgrading: open it once "
                "where it can be written",
                where=where,
            )
        return db
    raise StoreError(f"cannot open the store read-only: {last}", where=where)


def _like_escape(text: str) -> str:
    """``text`` matched literally by LIKE ... ESCAPE '\\' (``%`` and ``_`` are wildcards)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def has_name(query: str) -> bool:
    """Whether a speaker query holds anything to look for once normalised."""
    return any(c.isalnum() for c in ent.norm(query))


def like_pattern(name: str) -> str:
    """The LIKE ... ESCAPE '\\' pattern finding aliases that contain ``name``."""
    return f"%{_like_escape(ent.norm(name))}%"


def fts_query(text: str) -> str:
    """User words -> an FTS5 query matching all of them (each quoted, no operators).

    Control characters are dropped (FTS5 stops at a NUL); text with no word left raises
    :class:`InputError`.
    """
    clean = "".join(" " if unicodedata.category(c).startswith("C") else c for c in text)
    words = [w for w in clean.replace('"', " ").split() if w]
    if not words:
        raise InputError("the search has no words to look for", where="search")
    return " ".join(f'"{w}"' for w in words)


class Store:
    """A corpus of analysed articles, their speakers and claims, in one SQLite file.

    Open with :meth:`open`; use as a context manager or call :meth:`close`. Writers take
    the write lock for one article at a time and retry when another process holds it.
    """

    def __init__(self, db: sqlite3.Connection, path: str) -> None:
        self.db = db
        self.path = path

    # -- opening ---------------------------------------------------------------------

    @classmethod
    def open(
        cls, path: str | Path | None = None, *, readonly: bool = False, writing: bool = False
    ) -> Store:
        """Open (creating and migrating if needed) the store at ``path``.

        ``None`` means ``get_settings().db_path`` (``CLAIMGRAPH_DB`` or the user data
        directory). ``":memory:"`` gives a private in-memory store. ``writing`` (ingest,
        batch load) first checks an existing file with :meth:`check_sound` and refuses a
        damaged one before anything, even a migration, is written to it.
        """
        if path is None:
            from ..config import get_settings

            path = get_settings().db_path
        where = str(path)
        try:
            if where != ":memory:":
                p = Path(where)
                if readonly and not p.exists():
                    raise NotFoundError(
                        "no store here yet (run `claimgraph ingest` or `claimgraph demo`)",
                        where=where,
                    )
                p.parent.mkdir(parents=True, exist_ok=True)
            existed = where != ":memory:" and Path(where).is_file() and Path(where).stat().st_size
            db = sqlite3.connect(
                where,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if writing and existed:
                try:
                    quick_check(db, where)
                except StoreError:
                    db.close()
                    raise
            if where != ":memory:":
                _retry(lambda: db.execute("PRAGMA journal_mode = WAL"), where)
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA foreign_keys = ON")
            _retry(lambda: migrate(db), where)
        except (sqlite3.DatabaseError, OSError) as exc:
            if readonly and where != ":memory:" and _read_only_fs(exc):
                return cls(_open_read_only(where), where)
            if isinstance(exc, OSError):
                raise StoreError(f"cannot create the store ({exc.strerror})", where=where) from exc
            raise StoreError(f"cannot open the store: {describe(exc, where)}", where=where) from exc
        return cls(db, where)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction holding the lock from the start (BEGIN IMMEDIATE).

        Whatever fails inside it (a full disk, a damaged file, the commit itself) rolls the
        whole transaction back and raises :class:`StoreError` saying why; what was
        committed before stays.
        """
        try:
            _retry(lambda: self.db.execute("BEGIN IMMEDIATE"), self.path)
        except sqlite3.DatabaseError as exc:
            raise StoreError(describe(exc, self.path), where=self.path) from exc
        try:
            yield self.db
            _retry(lambda: self.db.execute("COMMIT"), self.path)
        except BaseException as exc:
            if self.db.in_transaction:
                # SQLite may have rolled back on its own (it does on a full disk)
                with suppress(sqlite3.Error):
                    self.db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError):
                raise StoreError(describe(exc, self.path), where=self.path) from exc
            raise

    # -- writing ---------------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        return (
            self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
            is not None
        )

    def add(
        self,
        analysis: Analysis,
        *,
        place: Callable[[ClaimSource], Sequence[Placement]] | None = None,
        propositions: Mapping[str, str] | None = None,
    ) -> bool:
        """Store one analysed article with its statements, in one transaction.

        Links it to the original when it reprints a stored article and merges its
        speakers with stored entities. ``place`` (see :mod:`claimgraph.claims.assign`)
        is called inside the transaction with the store's claim index and says which
        claims the statements join; their member rows are written once, with
        ``propositions`` (statement id -> proposition text). Returns ``False``, changing
        nothing, when the article is already here.
        """
        art = analysis.article
        sig = dedup.signature(art.text)
        keys = dedup.bands(sig)
        try:
            with self._write() as db:
                if self.has(art.id):
                    return False
                original, sim = (
                    self._find_original(db, art, sig, keys)
                    if dedup.long_enough(art.text)
                    else (None, None)
                )
                cur = db.execute(
                    "INSERT INTO articles (id, title, url, outlet, author, published, source,"
                    " text, entities, wire, reprint_of, similarity, signature, ingested_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        art.id, art.title, art.url, art.outlet, art.author, art.published,
                        art.source, art.text,
                        json.dumps([e.to_dict() for e in analysis.entities]),
                        dedup.wire_of(art.text), original, sim, dedup.to_bytes(sig), _now(),
                    ),
                )  # fmt: skip
                db.execute(
                    "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
                    (cur.lastrowid, art.title, art.text),
                )
                db.executemany(
                    "INSERT OR IGNORE INTO article_bands (band, key, article_id) VALUES (?, ?, ?)",
                    [(i, k, art.id) for i, k in enumerate(keys)],
                )
                by_id = {e.id: e for e in analysis.entities}
                for st in analysis.statements:
                    self._insert_statement(db, art.id, st, by_id)
                if place is not None:
                    self._place(db, place, propositions or {})
        except StoreError as exc:
            raise StoreError(
                f"cannot store the article in {self.path}: {exc.message}", where=art.source
            ) from exc
        return True

    def _find_original(
        self, db: sqlite3.Connection, art: Article, sig: Any, keys: list[int]
    ) -> tuple[str | None, float | None]:
        cands: set[str] = set()
        for i, k in enumerate(keys):
            rows = db.execute(
                "SELECT article_id FROM article_bands WHERE band = ? AND key = ? LIMIT 50", (i, k)
            ).fetchall()
            cands.update(r[0] for r in rows)
        best: tuple[float, str, str | None, str | None] | None = None
        for cid in cands:
            row = db.execute(
                "SELECT signature, reprint_of, published FROM articles WHERE id = ?", (cid,)
            ).fetchone()
            sim = dedup.similarity(sig, dedup.from_bytes(row[0]))
            if sim >= dedup.REPRINT_THRESHOLD and (best is None or sim > best[0]):
                best = (sim, row[1] or cid, row[2], cid)
        if best is None:
            return None, None
        sim, root, _, _ = best
        root_pub = db.execute("SELECT published FROM articles WHERE id = ?", (root,)).fetchone()
        if art.published and root_pub and root_pub[0] and art.published < root_pub[0]:
            # this one is older than the stored original: it becomes the original
            db.execute(
                "UPDATE articles SET reprint_of = ? WHERE id = ? OR reprint_of = ?",
                (art.id, root, root),
            )
            stats.refresh(
                db,
                [
                    r[0]
                    for r in db.execute(
                        "SELECT DISTINCT claim_id FROM claim_members WHERE article_id IN"
                        " (SELECT id FROM articles WHERE reprint_of = ?)",
                        (art.id,),
                    )
                ],
            )
            return None, None
        return root, sim

    def _insert_statement(
        self, db: sqlite3.Connection, article_id: str, st: Statement, by_id: dict[str, Entity]
    ) -> None:
        sp = st.speaker
        entity = by_id.get(sp.entity) if sp and sp.entity else None
        eid = ent.resolve(db, sp, entity)
        cur = db.execute(
            "INSERT INTO statements (article_id, sid, kind, stance, confidence, speaker_name,"
            " speaker_mention, speaker_type, anonymous, affiliation, entity_id, cue, content,"
            " content_start, content_end, relay, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id, st.id, st.kind.value, st.stance.value, st.confidence,
                sp.name if sp else None,
                sp.mention.text if sp and sp.mention else None,
                sp.type.value if sp else None,
                int(sp.anonymous) if sp else 0,
                sp.affiliation if sp else None,
                eid,
                st.cue.text if st.cue else None,
                st.content.text, st.content.start, st.content.end,
                json.dumps(list(st.relay)), json.dumps(st.to_dict(), ensure_ascii=False),
            ),
        )  # fmt: skip
        db.execute(
            "INSERT INTO statements_fts (rowid, speaker_name, content) VALUES (?, ?, ?)",
            (cur.lastrowid, sp.name if sp else None, st.content.text),
        )

    # -- claims: tracking and editing ---------------------------------------------------

    def add_claims(self, claims: Iterable[Claim], propositions: Mapping[str, str]) -> None:
        """Store claims made elsewhere (by hand, or an earlier export): each member row
        is written once; a statement already in a claim is refused (:class:`InputError`).
        ``propositions`` maps "ARTICLE:SID" to the member's proposition text."""
        from ..claims.assign import terms_of

        with self._write() as db:
            for c in claims:
                keys = [f"{m.article_id}:{m.statement_id}" for m in c.members]
                taken = [
                    k
                    for k, m in zip(keys, c.members, strict=True)
                    if db.execute(
                        "SELECT 1 FROM claim_members WHERE article_id = ? AND sid = ?",
                        (m.article_id, m.statement_id),
                    ).fetchone()
                ]
                if taken:
                    raise InputError(
                        f"already in a claim: {', '.join(taken)}", where=f"claim {c.id}"
                    )
                # one placement per article: propositions are keyed by statement id
                by_article: dict[str, list[ClaimStatement]] = {}
                for m in c.members:
                    by_article.setdefault(m.article_id, []).append(m)
                for i, (aid, members) in enumerate(list(by_article.items()) or [("", [])]):
                    texts = {
                        m.statement_id: propositions.get(f"{aid}:{m.statement_id}", "")
                        for m in members
                    }
                    placement = Placement(
                        c.id, i == 0, c.text, tuple(members), terms_of(texts.values()), None
                    )
                    claim_index.write_placements(db, [placement], texts, _now())
                stats.refresh(db, [c.id])

    def track_claim(self, claim_id: str, text: str, terms: Counter[str]) -> bool:
        """Keep a claim the user names (``claimgraph track``); ``False`` when it was
        already there (it is marked tracked all the same)."""
        with self._write() as db:
            new = db.execute("SELECT 1 FROM claims WHERE id = ?", (claim_id,)).fetchone() is None
            if new:
                db.execute(
                    "INSERT INTO claims (id, text, tracked, updated_at) VALUES (?, ?, 1, ?)",
                    (claim_id, text, _now()),
                )
                claim_index.index_terms(db, claim_id, terms)
            else:
                db.execute("UPDATE claims SET tracked = 1 WHERE id = ?", (claim_id,))
        return new

    def claim_candidates(self, place: Callable[[ClaimSource], T]) -> T:
        """Run ``place`` against the claim index without writing (e.g. to look up the
        stored claims like a text)."""
        return place(SqlClaimSource(self.db))

    def member_propositions(self, claim_id: str) -> dict[str, str]:
        """ "ARTICLE:SID" -> proposition of each member of a claim."""
        return {
            f"{a}:{s}": t
            for a, s, t in self.db.execute(
                "SELECT article_id, sid, match_text FROM claim_members WHERE claim_id = ?",
                (claim_id,),
            )
        }

    def merge_claims(self, keep_id: str, other_id: str) -> None:
        """Move every member of ``other_id`` into ``keep_id``; ``other_id`` is gone."""
        with self._write() as db:
            for cid in (keep_id, other_id):
                if db.execute("SELECT 1 FROM claims WHERE id = ?", (cid,)).fetchone() is None:
                    raise NotFoundError(f"no claim with id {cid!r}", where="merge")
            if keep_id == other_id:
                return
            db.execute(
                "UPDATE claim_members SET claim_id = ? WHERE claim_id = ?", (keep_id, other_id)
            )
            tracked = db.execute("SELECT tracked FROM claims WHERE id = ?", (other_id,)).fetchone()
            if tracked and tracked[0]:
                db.execute("UPDATE claims SET tracked = 1 WHERE id = ?", (keep_id,))
            claim_index.merge(db, keep_id, other_id)
            db.execute("DELETE FROM claim_stats WHERE claim_id = ?", (other_id,))
            db.execute("DELETE FROM claims WHERE id = ?", (other_id,))
            stats.refresh(db, [keep_id])

    def split_claim(self, claim_id: str, member_keys: Sequence[str], new_id: str) -> None:
        """Move members ("ARTICLE:SID") of a claim into a new claim ``new_id``."""
        keys = list(dict.fromkeys(member_keys))
        if not keys:
            raise InputError("split needs at least one member to move", where="split")
        with self._write() as db:
            have = self.member_propositions(claim_id)
            if (
                not have
                and db.execute("SELECT 1 FROM claims WHERE id = ?", (claim_id,)).fetchone() is None
            ):
                raise NotFoundError(f"no claim with id {claim_id!r}", where="split")
            missing = [k for k in keys if k not in have]
            if missing:
                raise InputError(
                    f"not members of claim {claim_id}: {', '.join(missing)}", where="split"
                )
            db.execute(
                "INSERT INTO claims (id, text, updated_at) VALUES (?, ?, ?)",
                (new_id, have[keys[0]] or claim_id, _now()),
            )
            for k in keys:
                aid, sid = k.rsplit(":", 1)
                db.execute(
                    "UPDATE claim_members SET claim_id = ? WHERE article_id = ? AND sid = ?",
                    (new_id, aid, sid),
                )
            claim_index.split(db, claim_id, new_id)
            stats.refresh(db, [claim_id, new_id])

    def article_claims(self, article_id: str) -> list[str]:
        """Ids of the claims an article's statements belong to, in statement order."""
        rows = self.db.execute(
            "SELECT m.claim_id FROM statements s JOIN claim_members m"
            " ON m.article_id = s.article_id AND m.sid = s.sid WHERE s.article_id = ?"
            " ORDER BY s.rowid",
            (article_id,),
        )
        return list(dict.fromkeys(r[0] for r in rows))

    def repair_claim_links(self) -> tuple[int, int]:
        """Drop claim members that point at a missing claim or statement, and index
        claims missing from the claim index. Returns (members dropped, claims indexed)."""
        with self._write() as db:
            gone = db.execute(
                "DELETE FROM claim_members WHERE NOT EXISTS (SELECT 1 FROM claims c"
                " WHERE c.id = claim_members.claim_id) OR NOT EXISTS (SELECT 1 FROM"
                " statements s WHERE s.article_id = claim_members.article_id"
                " AND s.sid = claim_members.sid)"
            ).rowcount
            missing = [
                r[0]
                for r in db.execute(
                    "SELECT id FROM claims c WHERE NOT EXISTS"
                    " (SELECT 1 FROM claim_terms t WHERE t.rowid = c.rowid)"
                )
            ]
            for cid in missing:
                claim_index.rebuild(db, cid)
            stats.refresh(db)
        return gone, len(missing)

    def unclaimed(self, limit: int = 1_000_000) -> list[tuple[str, str]]:
        """(article id, statement id) of statements that belong to no claim."""
        return [
            (r[0], r[1])
            for r in self.db.execute(
                "SELECT s.article_id, s.sid FROM statements s LEFT JOIN claim_members m"
                " ON m.article_id = s.article_id AND m.sid = s.sid WHERE m.claim_id IS NULL"
                " ORDER BY s.rowid LIMIT ?",
                (limit,),
            )
        ]

    def place_unclaimed(
        self, place: Callable[[ClaimSource], Sequence[Placement]], propositions: Mapping[str, str]
    ) -> None:
        """Write claims for statements that have none (``doctor --repair``)."""
        with self._write() as db:
            self._place(db, place, propositions)

    def _place(
        self,
        db: sqlite3.Connection,
        place: Callable[[ClaimSource], Sequence[Placement]],
        propositions: Mapping[str, str],
    ) -> None:
        """Ask ``place`` where members go (in this transaction) and write them."""
        placements = place(SqlClaimSource(db))
        touched = claim_index.write_placements(db, placements, dict(propositions), _now())
        stats.refresh(db, touched)

    def tracked(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT id FROM claims WHERE tracked = 1")}

    # -- reading ---------------------------------------------------------------------

    def counts(self) -> Counts:
        q = self.db.execute
        return Counts(
            articles=q("SELECT COUNT(*) FROM articles").fetchone()[0],
            statements=q("SELECT COUNT(*) FROM statements").fetchone()[0],
            speakers=q("SELECT COUNT(*) FROM entities").fetchone()[0],
            claims=q("SELECT COUNT(*) FROM claims").fetchone()[0],
            reprints=q("SELECT COUNT(*) FROM articles WHERE reprint_of IS NOT NULL").fetchone()[0],
        )

    def _article_id(self, ref: str) -> str | None:
        """A full article id from an id or a unique prefix of at least 6 characters."""
        if self.has(ref):
            return ref
        if len(ref) < 6:
            return None
        rows = self.db.execute(
            "SELECT id FROM articles WHERE id >= ? AND id < ? LIMIT 2", (ref, ref + "\uffff")
        ).fetchall()
        return rows[0][0] if len(rows) == 1 else None

    def article(self, ref: str) -> Analysis | None:
        """The stored analysis of an article (by id or unique id prefix), or ``None``."""
        aid = self._article_id(ref)
        if aid is None:
            return None
        row = self.db.execute(
            "SELECT id, title, url, outlet, author, published, source, text, entities"
            " FROM articles WHERE id = ?",
            (aid,),
        ).fetchone()
        art = Article(
            text=row[7], id=row[0], title=row[1], url=row[2], outlet=row[3], author=row[4],
            published=row[5], source=row[6],
        )  # fmt: skip
        stmts = tuple(
            Statement.from_dict(json.loads(d))
            for (d,) in self.db.execute(
                "SELECT data FROM statements WHERE article_id = ? ORDER BY rowid", (aid,)
            )
        )
        ents = tuple(Entity.from_dict(e) for e in json.loads(row[8]))
        return Analysis(article=art, statements=stmts, entities=ents)

    def article_ref(self, ref: str) -> ArticleRef | None:
        aid = self._article_id(ref)
        if aid is None:
            return None
        row = self.db.execute(f"SELECT {_ART_COLS} FROM articles a WHERE a.id = ?", (aid,))
        return _ref(row.fetchone())

    def articles(self, limit: int = 50, offset: int = 0) -> list[ArticleRef]:
        """Articles, newest first (undated ones last)."""
        rows = self.db.execute(
            f"SELECT {_ART_COLS} FROM articles a"
            " ORDER BY a.published IS NULL, a.published DESC, a.rowid DESC LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [_ref(r) for r in rows]

    def reprints(self, article_id: str) -> list[ArticleRef]:
        """Stored reprints of an article, oldest first."""
        rows = self.db.execute(
            f"SELECT {_ART_COLS} FROM articles a WHERE a.reprint_of = ?"
            " ORDER BY a.published, a.rowid",
            (article_id,),
        )
        return [_ref(r) for r in rows]

    def statements(
        self,
        *,
        speaker: int | str | None = None,
        claim: str | None = None,
        article: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[StatementRecord]:
        """Statements by date (oldest first), filtered by speaker (entity id or name),
        claim id or article id. An unknown speaker name raises :class:`NotFoundError`."""
        where, params = self._statement_filter(speaker, claim, article)
        sql = f"SELECT {STMT_COLS} FROM {STMT_FROM}{where}"
        sql += " ORDER BY a.published IS NULL, a.published, s.rowid LIMIT ? OFFSET ?"
        return [record_of(r) for r in self.db.execute(sql, (*params, limit, offset))]

    def count_statements(
        self,
        *,
        speaker: int | str | None = None,
        claim: str | None = None,
        article: str | None = None,
    ) -> int:
        """How many statements :meth:`statements` lists with these filters (all pages)."""
        where, params = self._statement_filter(speaker, claim, article)
        sql = f"SELECT COUNT(*) FROM {STMT_FROM}{where}"
        return int(self.db.execute(sql, params).fetchone()[0])

    def _statement_filter(
        self, speaker: int | str | None, claim: str | None, article: str | None
    ) -> tuple[str, list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if speaker is not None:
            sp = speaker if isinstance(speaker, int) else self._speaker_id(speaker)
            where.append("s.entity_id = ?")
            params.append(sp)
        if claim is not None:
            where.append("cm.claim_id = ?")
            params.append(claim)
        if article is not None:
            where.append("s.article_id = ?")
            params.append(self._article_id(article) or article)
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def _speaker_id(self, name: str) -> int:
        eid = self.find_speaker(name)
        if eid is None:
            raise NotFoundError(f"no speaker called {name!r} in the store", where=self.path)
        return eid

    def find_speaker(self, name: str) -> int | None:
        """The entity id for a name: exact alias, else unique surname, else unique substring."""
        key = ent.norm(name)
        if not has_name(name):
            return None  # "???", "_", "%", a NUL: no name to look for, not everyone
        toks = ent.person_tokens(name)
        for k in (key, " ".join(toks), f"~{toks[-1]}" if toks else ""):
            if not k:
                continue
            found = {
                r[0]
                for r in self.db.execute(
                    "SELECT entity_id FROM entity_aliases WHERE norm = ?", (k,)
                )
            }
            if len(found) == 1:
                return found.pop()
            if len(found) > 1:
                return self._busiest(found)
        like = {
            r[0]
            for r in self.db.execute(
                "SELECT entity_id FROM entity_aliases WHERE norm LIKE ? ESCAPE '\\' LIMIT 20",
                (f"%{_like_escape(key)}%",),
            )
        }
        return self._busiest(like) if like else None

    def _busiest(self, ids: set[int]) -> int:
        marks = ",".join("?" * len(ids))
        row = self.db.execute(
            f"SELECT entity_id FROM statements WHERE entity_id IN ({marks})"
            " GROUP BY entity_id ORDER BY COUNT(*) DESC LIMIT 1",
            tuple(ids),
        ).fetchone()
        return int(row[0]) if row else min(ids)

    def speaker(self, ref: int | str) -> SpeakerRecord | None:
        """One speaker, by entity id or by name (see :meth:`find_speaker`)."""
        eid = ref if isinstance(ref, int) else self.find_speaker(ref)
        if eid is None:
            return None
        recs = self._speakers("WHERE e.id = ?", (eid,), 1, 0)
        return recs[0] if recs else None

    def speakers(
        self, query: str | None = None, *, limit: int = 50, offset: int = 0
    ) -> list[SpeakerRecord]:
        """Speakers with the most statements first; ``query`` filters by name or alias
        (one with no letter or digit finds nobody)."""
        if query and not has_name(query):
            return []
        if query:
            where = (
                "WHERE e.id IN (SELECT entity_id FROM entity_aliases WHERE norm LIKE ? ESCAPE '\\')"
            )
            return self._speakers(where, (like_pattern(query),), limit, offset)
        return self._speakers("", (), limit, offset)

    def count_speakers(self, query: str | None = None) -> int:
        """How many speakers :meth:`speakers` lists for ``query`` over all pages."""
        if query and not has_name(query):
            return 0
        if query:
            return int(
                self.db.execute(
                    "SELECT COUNT(DISTINCT entity_id) FROM entity_aliases WHERE norm LIKE ?"
                    " ESCAPE '\\'",
                    (like_pattern(query),),
                ).fetchone()[0]
            )
        return int(self.db.execute("SELECT COUNT(*) FROM entities").fetchone()[0])

    def _speakers(
        self, where: str, params: tuple[Any, ...], limit: int, offset: int
    ) -> list[SpeakerRecord]:
        # one pass over each speaker's statements (four subqueries read them four times)
        rows = self.db.execute(
            "SELECT e.id, e.name, e.type, e.anonymous, e.affiliation, COUNT(s.rowid) AS n,"
            " COUNT(DISTINCT s.article_id), MIN(a.published), MAX(a.published)"
            " FROM entities e LEFT JOIN statements s ON s.entity_id = e.id"
            f" LEFT JOIN articles a ON a.id = s.article_id {where}"
            " GROUP BY e.id ORDER BY n DESC, e.name LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        out = []
        for r in rows:
            aliases = tuple(
                sorted(
                    {
                        a
                        for (a,) in self.db.execute(
                            "SELECT alias FROM entity_aliases WHERE entity_id = ?", (r[0],)
                        )
                        if a != r[1]
                    }
                )
            )
            out.append(
                SpeakerRecord(r[0], r[1], r[2], aliases, bool(r[3]), r[4], r[5], r[6], r[7], r[8])
            )
        return out

    def claims(
        self, *, limit: int = 20, offset: int = 0, with_statements: bool = True
    ) -> list[ClaimView]:
        """Claims ranked by how contested they are: min(supporters, deniers), then size.

        Supporters and deniers are sources, a reprinted statement counted once. With
        ``with_statements`` each claim carries its timeline (as :meth:`claim` gives it).
        """
        rows = self.db.execute(
            "SELECT c.id, c.text, c.tracked, IFNULL(st.supporters, 0), IFNULL(st.deniers, 0),"
            " IFNULL(st.others, 0), st.first, st.last"
            " FROM claims c LEFT JOIN claim_stats st ON st.claim_id = c.id"
            " ORDER BY IFNULL(st.contested, 0) DESC, IFNULL(st.total, 0) DESC,"
            " c.tracked DESC, c.id LIMIT ? OFFSET ?",
            (limit, offset),
        )
        views = [ClaimView(r[0], r[1], bool(r[2]), *r[3:]) for r in rows.fetchall()]
        if with_statements:
            views = [self.claim(v.id) or v for v in views]
        return views

    def refresh_claim_stats(self, claim_ids: Iterable[str] | None = None) -> None:
        """Recompute claim counts (all when ``None``, with the claim index's size);
        after :meth:`bulk_insert`."""
        with self._write() as db:
            stats.refresh(db, claim_ids)
            if claim_ids is None:
                claim_index.recount(db)

    def claim(
        self, claim_id: str, *, limit: int | None = None, offset: int = 0
    ) -> ClaimView | None:
        """A claim with its timeline: first report, relays, support, denials, by date.

        A statement reprinted by other outlets appears once, listing where it was
        reprinted; the counts count it once. The timeline, its counts, its stance
        breakdown and who first said, repeated or denied the claim cover every member;
        with ``limit``, ``statements`` holds only the entries ``offset`` to ``offset +
        limit`` (a claim can gather thousands of statements: a page lists a window of
        them, and only those are read in full).
        """
        row = self.db.execute(
            "SELECT id, text, tracked FROM claims WHERE id = ?", (claim_id,)
        ).fetchone()
        if row is None:
            return None
        # what the timeline needs of every member, without the statements' JSON
        members = self.db.execute(
            f"SELECT {_ART_COLS}, s.rowid, s.sid, s.entity_id, COALESCE(e.name, s.speaker_name),"
            " s.speaker_mention, s.relay != '[]', COALESCE(cm.stance, s.stance)"
            f" FROM {STMT_FROM} WHERE cm.claim_id = ?"
            " ORDER BY a.published IS NULL, a.published, s.rowid",
            (claim_id,),
        ).fetchall()
        keys = [speaker_key(m[9], m[10], m[11], m[8]) for m in members]
        stances = [Stance(m[13]) for m in members]
        beats, counts = story.timeline(
            [
                story.Member(
                    article=m[0],
                    story=m[6] or m[0],
                    speaker=key,
                    stance=st,
                    relayed=bool(m[12] or m[6]),
                )
                for m, key, st in zip(members, keys, stances, strict=True)
            ]
        )
        summary = story.summarize(
            [stances[b.index] for b in beats],
            [b.role for b in beats],
            [keys[b.index] for b in beats],
        )
        window = range(len(beats)) if limit is None else range(offset, offset + limit)
        shown = [i for i in window if 0 <= i < len(beats)]
        named = [i for i in (summary.first, *summary.repeated, *summary.denied) if i is not None]
        records = self._records_by_rowid([members[beats[i].index][7] for i in {*shown, *named}])

        def entry(i: int) -> ClaimEntry:
            b = beats[i]
            return ClaimEntry(
                records[members[b.index][7]],
                stances[b.index],
                b.role,
                tuple(_ref(members[j][:7]) for j in b.reprints),
            )

        dates = [m[3] for m in members if m[3]]
        voices = tuple(
            OutletVoice(_ref(r[:7]), r[7])
            for r in self.db.execute(
                f"SELECT {_ART_COLS}, ac.outlet FROM article_claims ac JOIN articles a"
                " ON a.id = ac.article_id WHERE ac.claim_id = ?"
                " ORDER BY a.published IS NULL, a.published, a.rowid",
                (claim_id,),
            )
        )
        by_stance = Counter(stances[b.index].value for b in beats)
        return ClaimView(
            row[0],
            row[1],
            bool(row[2]),
            counts.supporters,
            counts.deniers,
            counts.others,
            min(dates) if dates else None,
            max(dates) if dates else None,
            tuple(entry(i) for i in shown),
            voices,
            total=len(beats),
            breakdown=tuple(
                (st.value, by_stance[st.value]) for st in Stance if by_stance[st.value]
            ),
            first_said=entry(summary.first) if summary.first is not None else None,
            repeated=tuple(entry(i) for i in summary.repeated),
            denied=tuple(entry(i) for i in summary.denied),
        )

    def _records_by_rowid(self, rowids: Iterable[int]) -> dict[int, StatementRecord]:
        """Statement records by their row id (read in chunks SQLite takes as parameters)."""
        ids = sorted(set(rowids))
        out: dict[int, StatementRecord] = {}
        for k in range(0, len(ids), 500):
            chunk = ids[k : k + 500]
            marks = ", ".join("?" * len(chunk))
            for r in self.db.execute(
                f"SELECT s.rowid, {STMT_COLS} FROM {STMT_FROM} WHERE s.rowid IN ({marks})", chunk
            ):
                out[r[0]] = record_of(r[1:])
        return out

    def search(self, text: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Full-text search over statement contents and article texts, best first."""
        q = fts_query(text)
        try:
            st_rows = self.db.execute(
                f"SELECT {_ART_COLS}, s.sid, COALESCE(e.name, s.speaker_name),"
                " snippet(statements_fts, 1, char(2), char(3), '…', 16), bm25(statements_fts)"
                " FROM statements_fts f JOIN statements s ON s.rowid = f.rowid"
                " JOIN articles a ON a.id = s.article_id"
                " LEFT JOIN entities e ON e.id = s.entity_id"
                " WHERE statements_fts MATCH ? ORDER BY bm25(statements_fts) LIMIT ?",
                (q, limit + offset),
            ).fetchall()
            art_rows = self.db.execute(
                f"SELECT {_ART_COLS}, NULL, NULL,"
                " snippet(articles_fts, 1, char(2), char(3), '…', 16), bm25(articles_fts)"
                " FROM articles_fts f JOIN articles a ON a.rowid = f.rowid"
                " WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts) LIMIT ?",
                (q, limit + offset),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"bad search {text!r} ({exc})") from exc
        hits = [SearchHit(_ref(r), r[9], r[7], r[8], -float(r[10])) for r in st_rows]
        hits += [SearchHit(_ref(r), r[9], None, None, -float(r[10])) for r in art_rows]
        # statements first (they say who said it), each kind by relevance; bm25 scores of
        # the two indexes are not comparable
        hits.sort(key=lambda h: (h.statement_id is None, -h.score))
        return hits[offset : offset + limit]

    def count_search(self, text: str) -> int:
        """How many hits :meth:`search` has for ``text`` over all pages."""
        q = fts_query(text)
        try:
            n = self.db.execute(
                "SELECT (SELECT COUNT(*) FROM statements_fts WHERE statements_fts MATCH ?)"
                " + (SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?)",
                (q, q),
            ).fetchone()[0]
        except sqlite3.OperationalError as exc:
            raise StoreError(f"bad search {text!r} ({exc})") from exc
        return int(n)

    # -- ratings a user gives claims (claimgraph review) ----------------------------

    def review(self, claim_id: str) -> ClaimRating | None:
        """The rating a user set on a claim, or ``None`` (claimgraph never rates one)."""
        try:
            row = self.db.execute(
                "SELECT claim_id, rating, best, worst, text, author, updated_at"
                " FROM claim_reviews WHERE claim_id = ?",
                (claim_id,),
            ).fetchone()
        except sqlite3.OperationalError as exc:  # a read-only store not yet migrated
            if "no such table" in str(exc):
                return None
            raise
        return ClaimRating(*row) if row else None

    def set_review(
        self,
        claim_id: str,
        rating: float,
        *,
        best: float = 5,
        worst: float = 1,
        text: str | None = None,
        author: str | None = None,
    ) -> ClaimRating:
        """Store a user's rating of a claim (replacing any earlier one)."""
        if not worst < best:
            raise InputError(f"the worst rating ({worst:g}) must be below the best ({best:g})")
        if not worst <= rating <= best:
            raise InputError(f"the rating {rating:g} is outside {worst:g}..{best:g}")
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._write() as db:
            db.execute(
                "INSERT OR REPLACE INTO claim_reviews VALUES (?, ?, ?, ?, ?, ?, ?)",
                (claim_id, rating, best, worst, text, author, now),
            )
        return ClaimRating(claim_id, rating, best, worst, text, author, now)

    def clear_review(self, claim_id: str) -> bool:
        """Remove a user's rating of a claim; True when there was one."""
        with self._write() as db:
            cur = db.execute("DELETE FROM claim_reviews WHERE claim_id = ?", (claim_id,))
        return cur.rowcount > 0

    # -- bulk loading (benchmarks, imports) ----------------------------------------------

    def bulk_insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Insert raw rows into a store table in one transaction; for benchmarks and
        importers that build rows themselves. Returns the number of rows inserted."""
        if table not in {"articles", "statements", "entities", "entity_aliases", "claims",
                         "claim_members", "claim_terms", "claim_vectors"}:  # fmt: skip
            raise StoreError(f"unknown table {table!r}")
        cols = ", ".join(columns)
        marks = ", ".join("?" * len(columns))
        with self._write() as db:
            cur = db.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)
        return cur.rowcount

    def rebuild_search(self) -> None:
        """Rebuild both full-text indexes from the tables (after :meth:`bulk_insert`)."""
        with self._write() as db:
            db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
            db.execute("INSERT INTO statements_fts(statements_fts) VALUES ('rebuild')")

    def integrity(self) -> str:
        return str(self.db.execute("PRAGMA integrity_check").fetchone()[0])

    def check_sound(self) -> None:
        """Refuse (:class:`StoreError`) a store SQLite finds damaged (``PRAGMA
        quick_check``: every page and b-tree, not the index contents; about the time of
        reading the file once). Writers call it before their first write."""
        quick_check(self.db, self.path)


def quick_check(db: sqlite3.Connection, where: str) -> None:
    """``PRAGMA quick_check`` on ``db``; a damaged store raises :class:`StoreError`
    naming it and pointing to ``claimgraph doctor``."""
    try:
        rows = [str(r[0]) for r in db.execute("PRAGMA quick_check(3)")]
    except sqlite3.DatabaseError as exc:
        rows = [str(exc)]
    if rows == ["ok"]:
        return
    lines = [x.strip() for row in rows for x in row.splitlines()]
    found = "; ".join(x for x in lines if x and not x.startswith("***"))[:200]
    raise StoreError(
        f"the store file is damaged (quick_check: {found}); nothing was written to it. "
        f"Run `claimgraph doctor --db {where}` to see what is wrong",
        where=where,
    )


def describe(exc: sqlite3.Error, path: str) -> str:
    """What an SQLite failure means for the user, and what to do about it."""
    name = getattr(exc, "sqlite_errorname", "")
    if name == "SQLITE_FULL" or "disk is full" in str(exc):
        return (
            f"the disk is full, or the store reached its size limit ({exc}); this write was "
            "rolled back and everything stored before it is kept. Free some space and "
            "run the same command again"
        )
    if (
        name in ("SQLITE_CORRUPT", "SQLITE_NOTADB")
        or "malformed" in str(exc)
        or ("not a database" in str(exc))
    ):
        return (
            f"the store file is damaged or is not a claimgraph store ({exc}); "
            f"run `claimgraph doctor --db {path}` to see what is wrong"
        )
    return f"the store failed ({exc})"


def _guard_reads(names: Sequence[str]) -> None:
    """Turn SQLite failures in the read API into :class:`StoreError` naming the file."""
    for name in names:
        fn = getattr(Store, name)

        def wrapper(self: Store, *args: Any, __fn: Any = fn, **kwargs: Any) -> Any:
            try:
                return __fn(self, *args, **kwargs)
            except sqlite3.DatabaseError as exc:
                raise StoreError(describe(exc, self.path), where=self.path) from exc

        functools.update_wrapper(wrapper, fn)
        setattr(Store, name, wrapper)


_guard_reads(
    [
        "has", "counts", "article", "article_ref", "articles", "reprints", "statements",
        "count_statements", "find_speaker", "speaker", "speakers", "count_speakers", "claims",
        "claim",
        "search", "count_search", "tracked", "integrity", "member_propositions", "unclaimed",
        "article_claims", "review",
    ]
)  # fmt: skip


def _retry(fn: Callable[[], T], where: str) -> T:
    """Run ``fn``, retrying with jittered backoff while another process holds the lock."""
    for attempt in range(_RETRIES):
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            msg = str(exc).lower()
            if ("locked" not in msg and "busy" not in msg) or attempt == _RETRIES - 1:
                if "locked" in msg or "busy" in msg:
                    raise StoreError(
                        "the store stayed locked by another process; try again", where=where
                    ) from exc
                raise
            time.sleep(min(2.0, 0.05 * 2**attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")
