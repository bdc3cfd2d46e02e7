"""The data model: small, typed, frozen, serialisable.

Nothing here imports spaCy or any other part of claimgraph. Every span is a pair of
character offsets into the text of the article it belongs to, with the text it covers,
so that ``article.text[span.start:span.end] == span.text`` always holds.

Every value round-trips through JSON: ``X.from_dict(x.to_dict()) == x``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

__all__ = [
    "Analysis",
    "Article",
    "Claim",
    "ClaimStatement",
    "Entity",
    "Kind",
    "Span",
    "Speaker",
    "SpeakerType",
    "Stance",
    "Statement",
    "content_hash",
]


class Kind(StrEnum):
    """How a statement is attributed."""

    DIRECT = "direct"  # "...," he said
    INDIRECT = "indirect"  # he said that ...
    MIXED = "mixed"  # indirect with quoted fragments
    ACCORDING_TO = "according_to"  # according to X, ...
    NOMINAL = "nominal"  # X's denial that ...; claims of ...


class Stance(StrEnum):
    """How the speaker holds the content (or, in a claim, how a statement bears on it)."""

    ASSERTS = "asserts"
    SUPPORTS = "supports"
    DENIES = "denies"
    QUESTIONS = "questions"
    CALLS_FOR_INVESTIGATION = "calls_for_investigation"
    CALLS_FOR_ACTION = "calls_for_action"
    NEUTRAL = "neutral"


class SpeakerType(StrEnum):
    """What kind of source a speaker is; unresolved ones keep a type instead of vanishing."""

    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"  # a government named by its country ("Britain said")
    GROUP = "group"  # "human rights groups", "activists"
    ANONYMOUS = "anonymous"  # "a spokesperson for X", "officials"
    DOCUMENT = "document"  # "a report", "the statement"
    UNRESOLVED_PRONOUN = "unresolved_pronoun"
    UNRESOLVED = "unresolved"


@dataclass(frozen=True, order=True)
class Span:
    """``text`` is ``source[start:end]`` of the article the span belongs to."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span offsets [{self.start}, {self.end})")
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"span text has {len(self.text)} characters, offsets say {self.end - self.start}"
            )

    @classmethod
    def of(cls, source: str, start: int, end: int) -> Span:
        return cls(start, end, source[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        return cls(int(d["start"]), int(d["end"]), str(d["text"]))

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    @property
    def length(self) -> int:
        return self.end - self.start


def content_hash(text: str) -> str:
    """A stable id for an article text (sha256 of its NFC-unaltered UTF-8 bytes)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Article:
    """An article as ingested: its text and what is known about it."""

    text: str
    id: str = ""
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    source: str | None = None  # where it was read from: a path, a URL, "stdin", "file.jsonl:12"

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", content_hash(self.text))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "author": self.author,
            "published": self.published,
            "source": self.source,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        return cls(
            text=str(d["text"]),
            id=str(d.get("id") or ""),
            title=d.get("title"),
            url=d.get("url"),
            outlet=d.get("outlet"),
            author=d.get("author"),
            published=d.get("published"),
            source=d.get("source"),
        )


@dataclass(frozen=True)
class Entity:
    """A person, organisation or group, as resolved within one article."""

    id: str  # unique within the analysis: "E1", "E2", ...
    name: str  # canonical name: the longest proper name used for it
    type: SpeakerType
    aliases: tuple[str, ...] = ()  # other ways the article names it
    mentions: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type.value,
            "aliases": list(self.aliases),
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(
            id=str(d["id"]),
            name=str(d["name"]),
            type=SpeakerType(d["type"]),
            aliases=tuple(d.get("aliases") or ()),
            mentions=tuple(Span.from_dict(m) for m in d.get("mentions") or ()),
        )


@dataclass(frozen=True)
class Speaker:
    """Who a statement is attributed to.

    ``mention`` is the words in the text (the full noun phrase); ``name`` the resolved
    name ("Dmitry Peskov" for "a spokesman for the Russian president"). An anonymous
    source keeps its own description as ``name`` and records whom it speaks for in
    ``affiliation``. ``confidence`` is that of the resolution.
    """

    mention: Span | None
    name: str | None
    type: SpeakerType
    entity: str | None = None  # Entity.id
    anonymous: bool = False
    affiliation: str | None = None
    confidence: float = 1.0

    @property
    def resolved(self) -> bool:
        return self.name is not None and self.type not in (
            SpeakerType.UNRESOLVED,
            SpeakerType.UNRESOLVED_PRONOUN,
        )

    def to_dict(self) -> dict[str, Any]:
        m = self.mention
        return {
            "mention": m.text if m is not None else None,
            "name": self.name,
            "start": m.start if m is not None else None,
            "end": m.end if m is not None else None,
            "type": self.type.value,
            "entity": self.entity,
            "anonymous": self.anonymous,
            "affiliation": self.affiliation,
            "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Speaker:
        mention = None
        if d.get("mention") is not None and d.get("start") is not None:
            mention = Span(int(d["start"]), int(d["end"]), str(d["mention"]))
        return cls(
            mention=mention,
            name=d.get("name"),
            type=SpeakerType(d.get("type") or "unresolved"),
            entity=d.get("entity"),
            anonymous=bool(d.get("anonymous")),
            affiliation=d.get("affiliation"),
            confidence=float(d.get("confidence", 1.0)),
        )


def _pieces_to_dict(main: Span, pieces: tuple[Span, ...]) -> dict[str, Any]:
    d = main.to_dict()
    if len(pieces) > 1:
        d["spans"] = [p.to_dict() for p in pieces]
    return d


def _pieces_from_dict(d: dict[str, Any]) -> tuple[Span, tuple[Span, ...]]:
    main = Span.from_dict(d)
    pieces = tuple(Span.from_dict(p) for p in d.get("spans") or ())
    return main, pieces or (main,)


@dataclass(frozen=True)
class Statement:
    """One attributed statement: a speaker, a cue and a content.

    ``content`` covers the whole content; when the content comes in several pieces
    (a quote split around its cue) ``content_pieces`` lists them and ``content`` spans
    from the first to the last. Likewise ``cue_pieces`` for "did not ... say".
    ``relay`` lists the outlets the statement reached this article through, nearest
    first ("according to Associated Press" -> ("Associated Press",)).
    """

    id: str  # unique within the analysis: "S1", "S2", ...
    kind: Kind
    content: Span
    speaker: Speaker | None
    cue: Span | None
    stance: Stance = Stance.ASSERTS
    confidence: float = 1.0
    relay: tuple[str, ...] = ()
    content_pieces: tuple[Span, ...] = ()
    cue_pieces: tuple[Span, ...] = ()
    addressee: str | None = None
    sentence: Span | None = None  # the sentence(s) holding the statement, for display

    def __post_init__(self) -> None:
        if not self.content_pieces:
            object.__setattr__(self, "content_pieces", (self.content,))
        if self.cue is not None and not self.cue_pieces:
            object.__setattr__(self, "cue_pieces", (self.cue,))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "stance": self.stance.value,
            "confidence": round(self.confidence, 3),
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": _pieces_to_dict(self.cue, self.cue_pieces) if self.cue is not None else None,
            "content": _pieces_to_dict(self.content, self.content_pieces),
            "relay": list(self.relay),
            "addressee": self.addressee,
            "sentence": self.sentence.to_dict() if self.sentence is not None else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Statement:
        content, content_pieces = _pieces_from_dict(d["content"])
        cue: Span | None = None
        cue_pieces: tuple[Span, ...] = ()
        if d.get("cue") is not None:
            cue, cue_pieces = _pieces_from_dict(d["cue"])
        return cls(
            id=str(d["id"]),
            kind=Kind(d["kind"]),
            content=content,
            speaker=Speaker.from_dict(d["speaker"]) if d.get("speaker") else None,
            cue=cue,
            stance=Stance(d.get("stance") or "asserts"),
            confidence=float(d.get("confidence", 1.0)),
            relay=tuple(d.get("relay") or ()),
            content_pieces=content_pieces,
            cue_pieces=cue_pieces,
            addressee=d.get("addressee"),
            sentence=Span.from_dict(d["sentence"]) if d.get("sentence") is not None else None,
        )

    def with_stance(self, stance: Stance) -> Statement:
        return replace(self, stance=stance)


@dataclass(frozen=True)
class Analysis:
    """One article with everything attribution found in it."""

    article: Article
    statements: tuple[Statement, ...] = ()
    entities: tuple[Entity, ...] = ()

    @property
    def text(self) -> str:
        return self.article.text

    def entity(self, entity_id: str) -> Entity | None:
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None

    def to_dict(self) -> dict[str, Any]:
        a = self.article.to_dict()
        text = a.pop("text")
        return {
            "text": text,
            "article": a,
            "statements": [s.to_dict() for s in self.statements],
            "entities": [e.to_dict() for e in self.entities],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Analysis:
        meta = dict(d.get("article") or {})
        meta["text"] = d["text"]
        return cls(
            article=Article.from_dict(meta),
            statements=tuple(Statement.from_dict(s) for s in d.get("statements") or ()),
            entities=tuple(Entity.from_dict(e) for e in d.get("entities") or ()),
        )


@dataclass(frozen=True)
class ClaimStatement:
    """A statement's membership in a claim, with its stance toward the claim."""

    article_id: str
    statement_id: str
    stance: Stance
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article_id,
            "statement": self.statement_id,
            "stance": self.stance.value,
            "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ClaimStatement:
        return cls(
            article_id=str(d["article"]),
            statement_id=str(d["statement"]),
            stance=Stance(d["stance"]),
            confidence=float(d.get("confidence", 1.0)),
        )


@dataclass(frozen=True)
class Claim:
    """A proposition that statements, possibly across articles, are about."""

    id: str
    text: str
    members: tuple[ClaimStatement, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "members": [m.to_dict() for m in self.members]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        return cls(
            id=str(d["id"]),
            text=str(d["text"]),
            members=tuple(ClaimStatement.from_dict(m) for m in d.get("members") or ()),
        )
