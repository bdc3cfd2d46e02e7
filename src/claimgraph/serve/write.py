"""Adding an analysed article to the store with its claims, one writer at a time.

The claim book is restored from the store, the article's statements are grouped into
claims, and the article and the claims it changed are written in one transaction.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ..claims import ClaimBook
from ..model import Analysis
from ..store.sqlite import Store

__all__ = ["Stored", "Writer"]


@dataclass(frozen=True)
class Stored:
    stored: bool  # False when the article was already in the store
    claims: tuple[str, ...]  # ids of claims created or changed


class Writer:
    """Serialises writes from the server's threads (one SQLite writer)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def add(self, store: Store, analysis: Analysis) -> Stored:
        with self._lock:
            if store.has(analysis.article.id):
                return Stored(False, ())
            claims, texts = store.claim_state()
            book = ClaimBook.restore(claims, texts)
            changed = book.add(analysis)
            stored = store.add(analysis, claims=changed, member_texts=book.member_texts)
            return Stored(stored, tuple(c.id for c in changed) if stored else ())
