"""Claims kept in step between a :class:`ClaimBook` and a :class:`Store`."""

from __future__ import annotations

from collections.abc import Sequence

from ..claims import ClaimBook
from ..model import Analysis, Claim
from ..store import Store


class ClaimKeeper:
    """A claim book restored from the store; every change is written back to it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        claims, texts = store.claim_state()
        self.book = ClaimBook.restore(claims, texts)
        self._ids = {c.id for c in self.book.claims}

    def _texts(self, claims: Sequence[Claim]) -> dict[str, str]:
        texts = self.book.member_texts
        return {
            f"{m.article_id}:{m.statement_id}": texts.get(f"{m.article_id}:{m.statement_id}", "")
            for c in claims
            for m in c.members
        }

    def _gone(self) -> list[str]:
        now = {c.id for c in self.book.claims}
        gone = sorted(self._ids - now)
        self._ids = now
        return gone

    def add(self, analysis: Analysis) -> bool:
        """Group the article's statements into claims and store it all in one
        transaction. ``False`` when the article was already stored."""
        if self.store.has(analysis.article.id):
            return False
        changed = self.book.add(analysis)
        return self.store.add(
            analysis,
            claims=changed,
            member_texts=self._texts(changed),
            removed_claims=self._gone(),
        )

    def track(self, text: str) -> Claim:
        claim = self.book.track(text)
        self.store.save_claims([claim], self._texts([claim]), tracked=[claim.id])
        self._ids.add(claim.id)
        return claim

    def merge(self, keep_id: str, other_id: str) -> Claim:
        claim = self.book.merge(keep_id, other_id)
        self.store.save_claims([claim], self._texts([claim]), removed=self._gone())
        return claim

    def split(self, claim_id: str, member_keys: Sequence[str]) -> tuple[Claim, Claim]:
        rest, new = self.book.split(claim_id, member_keys)
        self._ids.add(new.id)
        self.store.save_claims([rest, new], self._texts([rest, new]), removed=self._gone())
        return rest, new
