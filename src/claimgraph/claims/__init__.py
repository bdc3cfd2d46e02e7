"""Claims: grouping statements across articles into claims, and stance toward a claim.

CONTRACT (the store calls this; keep the signatures, improve the internals)::

    from claimgraph.claims import ClaimBook, stance_toward, cluster_texts

    stance_toward(claim: str, text: str) -> tuple[Stance, float]
        # stance of a text (headline, or statement content with cue/speaker) toward a
        # claim sentence, with a confidence
    cluster_texts(texts: Sequence[str]) -> list[int]
        # one cluster label per text; texts about the same proposition share a label

    book = ClaimBook()
    book = ClaimBook.restore(claims: Iterable[Claim], member_texts: Mapping[str, str])
        # member_texts: "article_id:statement_id" -> the text used for matching
    changed: list[Claim] = book.add(analysis: Analysis)
        # groups this article's statements into existing or new claims, each member with
        # its stance toward the claim; returns the claims created or changed
    book.claims -> list[Claim];  book.member_texts -> dict[str, str]
    book.track(text: str) -> Claim          # a claim the user names; matching statements join it
    book.merge(keep_id: str, other_id: str) -> Claim
    book.split(claim_id: str, member_keys: Sequence[str]) -> tuple[Claim, Claim]

Claim ids are stable strings ("C" + a short hash of the first member key). A statement
belongs to at most one claim.
"""

from __future__ import annotations

from .book import ClaimBook, member_key
from .cluster import cluster_texts
from .members import member_stance, statement_text
from .stance import EMERGENT_LABEL, stance_toward, to_emergent

__all__ = [
    "EMERGENT_LABEL",
    "ClaimBook",
    "cluster_texts",
    "member_key",
    "member_stance",
    "stance_toward",
    "statement_text",
    "to_emergent",
]
