"""The store: a corpus of analysed articles, speakers and claims in one SQLite file.

Only this package speaks SQL. The read API (what the CLI, the REST API and the web
pages call) returns model objects or the small frozen dataclasses of
:mod:`claimgraph.store.views`, each with ``to_dict()``::

    from claimgraph.store import Store

    store = Store.open(path=None)            # None: CLAIMGRAPH_DB or the user data dir
    store.add(analysis, place=None, propositions=None) -> bool
        # False (nothing changes) when already stored; ``place`` (claims.assign) is
        # called inside the transaction with the claim index and says where members go
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
    store.article_claims(article_id) -> list[str]    # claims its statements are in
    store.add_claims(claims, propositions)   # claims made elsewhere; a member row once
    store.track_claim(id, text, terms); store.merge_claims(keep, other)
    store.split_claim(id, member_keys, new_id); store.unclaimed() -> [(article, sid)]
    store.close()                            # or use ``with Store.open(...) as store:``

Writes: each :meth:`Store.add` is one transaction (article, statements, speakers,
reprint link, claim members and the claim index rows they touch), so a crash loses
nothing committed and two writers never rewrite each other's members. The file is in WAL
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
