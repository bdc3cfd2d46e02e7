"""The API's response and request bodies, as pydantic models for the OpenAPI schema.

They mirror the ``to_dict`` forms of the data model (``claimgraph.model``) and of the
store's read views (``claimgraph.store.views``); routes return those dicts and FastAPI
checks them against these models.
"""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.json_schema import SkipJsonSchema

from ..model import Kind, SpeakerType, Stance

T = TypeVar("T")


class ErrorDetail(BaseModel):
    model_config = ConfigDict(extra="allow")
    code: str = Field(description="CGnnn: 1xx input, 3xx store, 4xx serve (HTTP)")
    message: str
    where: str | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


ERRORS = {
    400: {"model": ErrorBody, "description": "Bad input"},
    404: {"model": ErrorBody, "description": "Not found"},
    422: {"model": ErrorBody, "description": "Invalid parameters"},
}


class SpanPiece(BaseModel):
    text: str
    start: int
    end: int


class SpanOut(SpanPiece):
    spans: list[SpanPiece] | None = Field(None, description="the pieces, when split")


class SpeakerOut(BaseModel):
    mention: str | None
    name: str | None
    start: int | None
    end: int | None
    type: SpeakerType
    entity: str | None
    anonymous: bool
    affiliation: str | None
    confidence: float


class StatementOut(BaseModel):
    id: str
    kind: Kind
    stance: Stance
    confidence: float
    speaker: SpeakerOut | None
    cue: SpanOut | None
    content: SpanOut
    relay: list[str]
    addressee: str | None
    sentence: SpanPiece | None


class EntityOut(BaseModel):
    id: str
    name: str
    type: SpeakerType
    aliases: list[str]
    mentions: list[SpanPiece]


class ArticleMeta(BaseModel):
    id: str
    title: str | None
    url: str | None
    outlet: str | None
    author: str | None
    published: str | None
    source: str | None


class AnalysisOut(BaseModel):
    text: str
    article: ArticleMeta
    statements: list[StatementOut]
    entities: list[EntityOut]


class ArticleRefOut(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    wire: str | None
    reprint_of: str | None


class StatementRecordOut(BaseModel):
    key: str = Field(description="article id:statement id")
    speaker: str | None
    speaker_id: int | None
    speaker_type: str | None = Field(
        description="person, organization, ...: the stored speaker's, else the mention's"
    )
    mention: str | None
    cue: str | None
    content: str
    kind: Kind
    stance: Stance = Field(description="stance toward its claim, else the speaker's own")
    own_stance: Stance
    relay: list[str]
    confidence: float
    claim: str | None
    article: str
    date: str | None
    outlet: str | None
    title: str | None


class NetworkNodeOut(BaseModel):
    id: str = Field(description='"s<entity id>" for a speaker, "c:<claim id>" for a claim')
    kind: str = Field(description="speaker or claim")
    label: str
    href: str = Field(description="its page")
    type: str | None = None
    statements: int | None = None
    supporters: int | None = None
    deniers: int | None = None


class NetworkEdgeOut(BaseModel):
    id: str
    source: str
    target: str
    stance: Stance
    weight: int = Field(description="statements with this stance")


class NetworkOut(BaseModel):
    nodes: list[NetworkNodeOut]
    edges: list[NetworkEdgeOut]


class ClaimEntryOut(StatementRecordOut):
    role: str = Field(description="first report, relay, support, denial, question, ...")
    reprinted_in: list[ArticleRefOut]


class ClaimSummaryOut(BaseModel):
    id: str
    text: str
    tracked: bool
    supporters: int
    deniers: int
    others: int
    contested: int
    first: str | None
    last: str | None


class ClaimOut(ClaimSummaryOut):
    breakdown: dict[str, int] = Field(
        description="statements per stance over the whole timeline (reprints once)"
    )
    statements: list[ClaimEntryOut] = Field(
        description="the timeline, oldest first: entries offset to offset + limit"
    )
    statements_total: int = Field(description="entries in the whole timeline")
    limit: int
    offset: int
    next: str | None = Field(description="the next window of the timeline, if any")


class SpeakerRecordOut(BaseModel):
    id: int
    name: str
    type: str
    aliases: list[str]
    anonymous: bool
    affiliation: str | None
    statements: int
    articles: int
    first: str | None
    last: str | None


class SearchHitOut(BaseModel):
    type: str = Field(description="statement or article")
    article: ArticleRefOut
    statement: str | None
    speaker: str | None
    snippet: str = Field(
        description="matched words are between \\u0002 and \\u0003 (not in article text)"
    )
    score: float


class CountsOut(BaseModel):
    articles: int
    statements: int
    speakers: int
    claims: int
    reprints: int


class Page(BaseModel, Generic[T]):
    items: list[T]
    limit: int
    offset: int
    total: int | None = Field(description="all matches, when known")
    next: str | None = Field(description="the URL of the next page, if any")


class ArticleIn(BaseModel):
    """An article to analyse (and store, with ``store``): exactly one of ``text``,
    ``html`` (a page; boilerplate is removed) or ``fetch`` (a public http(s) URL the
    server fetches; loopback, private and link-local addresses are refused)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "oneOf": [{"required": ["text"]}, {"required": ["html"]}, {"required": ["fetch"]}]
        },
    )
    # no null allowed: leave a field out instead (the schema says exactly one is present)
    text: Annotated[str, Field(min_length=1)] | SkipJsonSchema[None] = Field(
        None, description="the article's plain text"
    )
    html: Annotated[str, Field(min_length=1)] | SkipJsonSchema[None] = Field(
        None, description="an HTML page"
    )
    fetch: (
        Annotated[str, Field(max_length=2000, pattern=r"^https?://[^/\s?#]+")]
        | SkipJsonSchema[None]
    ) = Field(None, description="an http(s) URL to fetch (needs writes enabled)")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=200)
    author: str | None = Field(None, max_length=200)
    published: str | None = Field(None, max_length=40, description="ISO 8601 date")
    store: bool = Field(True, description="store it (needs writes enabled); else only analyse")

    @model_validator(mode="after")
    def _one_source(self) -> ArticleIn:
        given = [x for x in (self.text, self.html, self.fetch) if x is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or fetch")
        return self


class StoredOut(BaseModel):
    stored: bool = Field(description="false when the article was already in the store")
    article: str
    statements: int
    claims: list[str] = Field(description="claims created or changed")
    analysis: AnalysisOut
