"""Claims kept in the store as articles arrive: the :class:`ClaimKeeper`.

Nothing is restored into memory: each article is grouped on its own
(:meth:`Assigner.prepare`, outside any lock), then placed against the store's claim index
inside the transaction that stores it, so several writers (ingests, a writing server) can
run at once and every statement ends in exactly one claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..claims.assign import Assigner, Prepared, claim_id, terms_of
from ..claims.text import normalize
from ..errors import ClaimsError, NotFoundError
from ..model import Analysis, Claim
from ..store import Store
from ..store.views import ClaimView

__all__ = ["ClaimKeeper", "Tracked"]


@dataclass(frozen=True)
class Tracked:
    """A tracked claim and the stored claims already saying it (best first)."""

    claim: Claim
    matches: tuple[tuple[ClaimView, float], ...]


class ClaimKeeper:
    """Adds articles to a store with their statements placed in claims."""

    def __init__(self, store: Store, assigner: Assigner | None = None) -> None:
        self.store = store
        self.assigner = assigner or Assigner()

    def add(self, analysis: Analysis, prepared: Prepared | None = None) -> bool:
        """Group the article's statements into claims and store it all in one
        transaction (``prepared``: its claims as a batch worker prepared them).
        ``False`` when the article was already stored."""
        if self.store.has(analysis.article.id):
            return False
        prepared = prepared or self.assigner.prepare(analysis)
        return self.store.add(
            analysis,
            place=lambda source: self.assigner.place(prepared, source),
            propositions=prepared.propositions,
        )

    def repair(self) -> int:
        """Place statements that belong to no claim (an interrupted older store, a
        failed placement); returns how many were placed."""
        todo: dict[str, set[str]] = {}
        for aid, sid in self.store.unclaimed():
            todo.setdefault(aid, set()).add(sid)
        placed = 0
        for aid, sids in todo.items():
            analysis = self.store.article(aid)
            if analysis is None:
                continue
            part = Analysis(
                analysis.article,
                tuple(s for s in analysis.statements if s.id in sids),
                analysis.entities,
            )
            prepared = self.assigner.prepare(part)
            self.store.place_unclaimed(
                lambda source, p=prepared: self.assigner.place(p, source),  # type: ignore[misc]
                prepared.propositions,
            )
            placed += sum(len(lc.members) for lc in prepared.local)
        return placed

    def track(self, text: str) -> Tracked:
        """A claim the user names; statements ingested later that match it join it.
        Also lists the stored claims that already say it."""
        if not normalize(text):
            raise ClaimsError("cannot track an empty claim")
        cid = claim_id("track:" + normalize(text))
        terms = terms_of([text])
        self.store.track_claim(cid, text.strip(), terms)
        matches = self.matching(text)
        return Tracked(Claim(cid, text.strip()), tuple((v, s) for v, s in matches if v.id != cid))

    def matching(self, text: str, limit: int = 10) -> list[tuple[ClaimView, float]]:
        """Stored claims saying ``text`` (score at the assigner's threshold or more)."""
        terms = terms_of([text])
        vector = None
        if self.assigner.embeddings:
            from ..claims import embed

            vector = embed.embed([text])[0]
        ranked = self.store.claim_candidates(
            lambda source: self.assigner.ranked(terms, vector, source)
        )
        out = []
        for c, score in ranked[:limit]:
            if score >= self.assigner.threshold:
                view = self.store.claim(c.id)
                if view is not None:
                    out.append((view, score))
        return out

    def merge(self, keep_id: str, other_id: str) -> ClaimView:
        self.store.merge_claims(keep_id, other_id)
        return self._view(keep_id)

    def split(self, claim_id_: str, member_keys: Sequence[str]) -> tuple[ClaimView, ClaimView]:
        keys = list(dict.fromkeys(member_keys))
        new_id = claim_id("split:" + (keys[0] if keys else claim_id_))
        self.store.split_claim(claim_id_, keys, new_id)
        return self._view(claim_id_), self._view(new_id)

    def _view(self, cid: str) -> ClaimView:
        view = self.store.claim(cid)
        if view is None:
            raise NotFoundError(f"no claim with id {cid!r}", where="claims")
        return view
