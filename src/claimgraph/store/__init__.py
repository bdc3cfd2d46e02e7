"""The store: a corpus of analysed articles, speakers and claims in one SQLite file.

Only this package speaks SQL. The read API (what the CLI, the REST API and the web
pages call) returns model objects or the small frozen dataclasses of
:mod:`claimgraph.store.views`, each with ``to_dict()``::

    from claimgraph.store import Store

    store = Store.open(path=None)            # None: CLAIMGRAPH_DB or the user data dir
    store.add(analysis) -> bool              # False (nothing changes) when already stored
    store.has(article_id) -> bool
    store.counts() -> Counts                 # articles, statements, speakers, claims, reprints
    store.article(id_or_prefix) -> Analysis | None
    store.article_ref(id_or_prefix) -> ArticleRef | None
    store.articles(limit=50, offset=0) -> list[ArticleRef]          # newest first
    store.reprints(article_id) -> list[ArticleRef]
    store.statements(speaker=None, claim=None, article=None, limit=100, offset=0)
        -> list[StatementRecord]             # oldest first; speaker: entity id or a name
    store.speakers(query=None, limit=50, offset=0) -> list[SpeakerRecord]
    store.speaker(id_or_name) -> SpeakerRecord | None
    store.find_speaker(name) -> int | None   # "Putin" finds "Vladimir Putin"
    store.claims(limit=20, offset=0, with_statements=True) -> list[ClaimView]
        # ranked by how contested: min(supporters, deniers), then size
    store.claim(id) -> ClaimView | None      # .statements: the timeline, with roles
    store.search(text, limit=20, offset=0) -> list[SearchHit]        # FTS5, best first
    store.claim_state() -> (claims, member_texts)    # for ClaimBook.restore
    store.save_claims(claims, member_texts, removed=(), tracked=())
    store.close()                            # or use ``with Store.open(...) as store:``

Writes: each :meth:`Store.add` is one transaction (article, statements, speakers,
reprint link, changed claims), so a crash loses nothing committed. The file is in WAL
mode with a busy timeout, and writers retry while another process holds the lock, so
several processes may ingest into one store at once. Reprints: an article whose text
nearly duplicates a stored one (MinHash, :mod:`claimgraph.ingest.dedup`) is linked to
the original (``ArticleRef.reprint_of``); claim counts count a reprinted statement once.
"""

from .sqlite import Store
from .views import (
    ArticleRef,
    ClaimEntry,
    ClaimRating,
    ClaimView,
    Counts,
    SearchHit,
    SpeakerRecord,
    StatementRecord,
)

__all__ = [
    "ArticleRef",
    "ClaimEntry",
    "ClaimRating",
    "ClaimView",
    "Counts",
    "SearchHit",
    "SpeakerRecord",
    "StatementRecord",
    "Store",
]
