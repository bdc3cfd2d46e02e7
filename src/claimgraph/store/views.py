"""What the store's read API returns: small frozen dataclasses with ``to_dict``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Stance, Statement


@dataclass(frozen=True)
class ArticleRef:
    """An article as it is cited next to a statement (no text)."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None = None
    wire: str | None = None
    reprint_of: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "url": self.url,
            "wire": self.wire,
            "reprint_of": self.reprint_of,
        }


def speaker_key(entity_id: int | None, name: str | None, mention: str | None, sid: str) -> str:
    """Who said a statement, as one key: the speaker entity, else the name, else the
    mention, else the statement itself."""
    if entity_id is not None:
        return f"E{entity_id}"
    return name or mention or sid


@dataclass(frozen=True)
class StatementRecord:
    """A stored statement with its article and its resolved (cross-article) speaker."""

    article: ArticleRef
    statement: Statement
    speaker: str | None  # the cross-article entity's name, else the statement's own
    entity_id: int | None
    claim_id: str | None = None
    claim_stance: Stance | None = None
    entity_type: str | None = None  # the stored entity's type (merged across articles)

    @property
    def speaker_type(self) -> str | None:
        """The speaker's type: the stored entity's when the speaker is one (so it is the
        same in every list and export), else what the analysis said of this mention."""
        if self.entity_type:
            return self.entity_type
        sp = self.statement.speaker
        return sp.type.value if sp is not None else None

    @property
    def date(self) -> str | None:
        return self.article.published

    @property
    def key(self) -> str:
        return f"{self.article.id}:{self.statement.id}"

    @property
    def speaker_key(self) -> str:
        """Who said it, as one key (see :func:`speaker_key`)."""
        sp = self.statement.speaker
        mention = sp.mention.text if sp is not None and sp.mention is not None else None
        return speaker_key(self.entity_id, self.speaker, mention, self.statement.id)

    def to_dict(self) -> dict[str, Any]:
        s = self.statement
        return {
            "key": self.key,
            "speaker": self.speaker,
            "speaker_id": self.entity_id,
            "speaker_type": self.speaker_type,
            "mention": s.speaker.mention.text if s.speaker and s.speaker.mention else None,
            "cue": s.cue.text if s.cue else None,
            "content": s.content.text,
            "kind": s.kind.value,
            "stance": (self.claim_stance or s.stance).value,
            "own_stance": s.stance.value,
            "relay": list(s.relay),
            "confidence": round(s.confidence, 3),
            "claim": self.claim_id,
            "article": self.article.id,
            "date": self.date,
            "outlet": self.article.outlet,
            "title": self.article.title,
        }


@dataclass(frozen=True)
class SpeakerRecord:
    """A speaker merged across articles."""

    id: int
    name: str
    type: str
    aliases: tuple[str, ...]
    anonymous: bool
    affiliation: str | None
    statements: int
    articles: int
    first: str | None
    last: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "anonymous": self.anonymous,
            "affiliation": self.affiliation,
            "statements": self.statements,
            "articles": self.articles,
            "first": self.first,
            "last": self.last,
        }


@dataclass(frozen=True)
class ClaimEntry:
    """One statement in a claim's timeline; reprints of it are folded in."""

    record: StatementRecord
    stance: Stance
    role: str  # "first report", "relay", "support", "denial", "question", ...
    reprinted_in: tuple[ArticleRef, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = self.record.to_dict()
        d["stance"] = self.stance.value
        d["role"] = self.role
        d["reprinted_in"] = [a.to_dict() for a in self.reprinted_in]
        return d


@dataclass(frozen=True)
class OutletVoice:
    """What an article says of a claim in its own voice: ``asserts`` (headline or
    narrative says it), ``reports`` (only others' statements) or ``debunks``."""

    article: ArticleRef
    stance: str

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article.to_dict(), "stance": self.stance}


@dataclass(frozen=True)
class ClaimView:
    """A claim with its counts; ``statements`` holds its timeline, oldest first.

    Counts count a reprinted statement once. ``contested`` is the smaller of supporters
    and deniers: a claim both sides speak to ranks above a one-sided one.
    """

    id: str
    text: str
    tracked: bool
    supporters: int
    deniers: int
    others: int
    first: str | None
    last: str | None
    statements: tuple[ClaimEntry, ...] = ()
    outlets: tuple[OutletVoice, ...] = ()  # each article's own voice toward the claim
    # the whole timeline, when ``statements`` holds a window of it (Store.claim's limit)
    total: int = 0  # entries in the timeline
    breakdown: tuple[tuple[str, int], ...] = ()  # entries per stance, reprints once
    first_said: ClaimEntry | None = None  # the first report
    repeated: tuple[ClaimEntry, ...] = ()  # others for it, each speaker once
    denied: tuple[ClaimEntry, ...] = ()  # against it, each speaker once

    @property
    def contested(self) -> int:
        return min(self.supporters, self.deniers)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "tracked": self.tracked,
            "supporters": self.supporters,
            "deniers": self.deniers,
            "others": self.others,
            "contested": self.contested,
            "first": self.first,
            "last": self.last,
            "statements": [e.to_dict() for e in self.statements],
            "outlets": [o.to_dict() for o in self.outlets],
        }


@dataclass(frozen=True)
class ClaimRating:
    """A rating a user gave a claim (``claimgraph review``); never computed."""

    claim_id: str
    rating: float
    best: float
    worst: float
    text: str | None
    author: str | None
    updated: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim_id,
            "rating": self.rating,
            "best": self.best,
            "worst": self.worst,
            "text": self.text,
            "author": self.author,
            "updated": self.updated,
        }


@dataclass(frozen=True)
class SearchHit:
    """A full-text match: an article (``statement`` None) or a statement in it."""

    article: ArticleRef
    snippet: str
    statement_id: str | None
    speaker: str | None
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "statement" if self.statement_id else "article",
            "article": self.article.to_dict(),
            "statement": self.statement_id,
            "speaker": self.speaker,
            "snippet": self.snippet,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class Counts:
    articles: int
    statements: int
    speakers: int
    claims: int
    reprints: int

    def to_dict(self) -> dict[str, int]:
        return {
            "articles": self.articles,
            "statements": self.statements,
            "speakers": self.speakers,
            "claims": self.claims,
            "reprints": self.reprints,
        }
