"""The JSON API under ``/api``: thin routes over the store's read API.

Lists are paged with ``limit`` and ``offset`` and answer ``{items, limit, offset, total,
next}``; ``total`` counts every item over all pages. Every error has the shape
``{"error": {"code", "message", "where"}}``.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response

from ..errors import InputError, NotFoundError
from ..model import Analysis
from ..store import SpeakerRecord
from ..store import filters as flt
from ..store.sqlite import Store
from .context import Context, get_context, get_store
from .errors import BadRequest
from .filtering import FiltersDep
from .present import Page, breakdown, speaker_key
from .schemas import (
    ERRORS,
    AnalysisOut,
    ArticleIn,
    ArticleRefOut,
    ClaimOut,
    ClaimSummaryOut,
    CountsOut,
    ErrorBody,
    NetworkOut,
    SearchHitOut,
    SpeakerRecordOut,
    StatementRecordOut,
    StoredOut,
)
from .schemas import Page as PageOut
from .write import article_from_input

router = APIRouter(prefix="/api", responses=ERRORS)  # type: ignore[arg-type]

MAX_LIMIT = 100
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"items per page (1-{MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]
ArticleId = Annotated[
    str,
    Path(min_length=6, max_length=64, pattern="^[0-9a-f]+$", description="id or id prefix (6+)"),
]
ClaimId = Annotated[str, Path(min_length=1, max_length=64, pattern="^[A-Za-z0-9_-]+$")]
SpeakerRef = Annotated[
    str, Path(min_length=1, max_length=200, description="speaker id (a number) or a name")
]
StoreDep = Annotated[Store, Depends(get_store)]
ContextDep = Annotated[Context, Depends(get_context)]


def _speaker_ref(ref: str) -> int | str:
    key = speaker_key(ref)
    if key is None:
        raise NotFoundError("no speaker with an empty name", where="speaker")
    return key


def find_speaker(store: Store, ref: str) -> SpeakerRecord:
    """The speaker ``ref`` names (id or name), or a 404 in the JSON error shape."""
    rec = store.speaker(_speaker_ref(ref)) if len(ref) <= 200 else None
    if rec is None:
        raise NotFoundError(f"no speaker {ref!r} in the store", where="speaker")
    return rec


@router.get("/stats", response_model=CountsOut, summary="How much is in the store")
def stats(store: StoreDep) -> dict[str, int]:
    return store.counts().to_dict()


@router.get("/articles", response_model=PageOut[ArticleRefOut], summary="Articles, newest first")
def list_articles(request: Request, store: StoreDep, limit: Limit = 20, offset: Offset = 0) -> Any:
    fetched = store.articles(limit=limit + 1, offset=offset)
    total = store.counts().articles
    page = Page.of(fetched, limit=limit, offset=offset, total=total, path=request.url.path)
    return page.to_dict([a.to_dict() for a in page.items])


@router.get(
    "/articles/{article_id}",
    response_model=AnalysisOut,
    summary="An article with every statement in it (offsets index into text)",
)
def get_article(article_id: ArticleId, store: StoreDep) -> Any:
    analysis = store.article(article_id)
    if analysis is None:
        raise NotFoundError(f"no article {article_id!r} in the store", where="article")
    return analysis.to_dict()


@router.get(
    "/articles/{article_id}/statements",
    response_model=PageOut[StatementRecordOut],
    summary="An article's statements with their resolved speakers and claims",
)
def article_statements(
    request: Request, article_id: ArticleId, store: StoreDep, limit: Limit = 100, offset: Offset = 0
) -> Any:
    if store.article_ref(article_id) is None:
        raise NotFoundError(f"no article {article_id!r} in the store", where="article")
    fetched = store.statements(article=article_id, limit=limit + 1, offset=offset)
    total = store.count_statements(article=article_id)
    page = Page.of(fetched, limit=limit, offset=offset, total=total, path=request.url.path)
    return page.to_dict([r.to_dict() for r in page.items])


@router.get(
    "/statements",
    response_model=PageOut[StatementRecordOut],
    summary="Statements, oldest first; filter by speaker, claim, dates, outlet, stance, "
    "speaker type",
)
def list_statements(
    request: Request,
    store: StoreDep,
    f: FiltersDep,
    speaker: Annotated[str | None, Query(max_length=200, description="id or name")] = None,
    claim: Annotated[str | None, Query(max_length=64)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    sp = _speaker_ref(speaker) if speaker is not None else None
    if f.active:
        eid = sp if isinstance(sp, int) or sp is None else store._speaker_id(sp)
        fetched, total = flt.statements(
            store, f, speaker=eid, claim=claim, limit=limit + 1, offset=offset
        )
    else:
        total = store.count_statements(speaker=sp, claim=claim)
        fetched = store.statements(speaker=sp, claim=claim, limit=limit + 1, offset=offset)
    params = {"speaker": speaker, "claim": claim, **f.params()}
    page = Page.of(
        fetched, limit=limit, offset=offset, total=total, path=request.url.path, params=params
    )
    return page.to_dict([r.to_dict() for r in page.items])


@router.get(
    "/speakers",
    response_model=PageOut[SpeakerRecordOut],
    summary="Speakers, most statements first; q filters by name or alias; the list filters "
    "keep speakers with a matching statement",
)
def list_speakers(
    request: Request,
    store: StoreDep,
    f: FiltersDep,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    query = q.strip() if q else None
    if f.active:
        fetched, total = flt.speakers(store, f, query=query, limit=limit + 1, offset=offset)
    else:
        fetched = store.speakers(query or None, limit=limit + 1, offset=offset)
        total = store.count_speakers(query or None)
    page = Page.of(
        fetched, limit=limit, offset=offset, total=total, path=request.url.path,
        params={"q": q, **f.params()},
    )  # fmt: skip
    return page.to_dict([s.to_dict() for s in page.items])


@router.get("/speakers/{ref}", response_model=SpeakerRecordOut, summary="One speaker")
def get_speaker(ref: SpeakerRef, store: StoreDep) -> Any:
    rec = find_speaker(store, ref)
    return rec.to_dict()


@router.get(
    "/speakers/{ref}/statements",
    response_model=PageOut[StatementRecordOut],
    summary="What a speaker said, oldest first",
)
def speaker_statements(
    request: Request, ref: SpeakerRef, store: StoreDep, limit: Limit = 50, offset: Offset = 0
) -> Any:
    rec = find_speaker(store, ref)
    fetched = store.statements(speaker=rec.id, limit=limit + 1, offset=offset)
    page = Page.of(fetched, limit=limit, offset=offset, total=rec.statements, path=request.url.path)
    return page.to_dict([r.to_dict() for r in page.items])


@router.get(
    "/claims",
    response_model=PageOut[ClaimSummaryOut],
    summary="Claims, most contested first (min of supporters and deniers); the list filters "
    "keep claims with a matching statement",
)
def list_claims(
    request: Request, store: StoreDep, f: FiltersDep, limit: Limit = 20, offset: Offset = 0
) -> Any:
    fetched, total = flt.claims(store, f, limit=limit + 1, offset=offset)
    page = Page.of(
        fetched, limit=limit, offset=offset, total=total, path=request.url.path, params=f.params()
    )
    items = []
    for v in page.items:
        d = v.to_dict()
        d.pop("statements")
        items.append(d)
    return page.to_dict(items)


@router.get(
    "/claims/{claim_id}",
    response_model=ClaimOut,
    summary="A claim: stance breakdown and its timeline (who said what, when)",
)
def get_claim(
    request: Request,
    claim_id: ClaimId,
    store: StoreDep,
    limit: Limit = MAX_LIMIT,
    offset: Offset = 0,
) -> Any:
    view = store.claim(claim_id, limit=limit, offset=offset)
    if view is None:
        raise NotFoundError(f"no claim {claim_id!r} in the store", where="claim")
    d = view.to_dict()
    d["breakdown"] = breakdown(view)
    window = Page(list(view.statements), limit, offset, view.total, path=request.url.path)
    d.update(statements_total=view.total, limit=limit, offset=offset, next=window.next_url)
    return d


@router.get(
    "/network",
    response_model=NetworkOut,
    summary="The speaker-claim network (the list filters apply): nodes and stance edges",
)
def get_network(store: StoreDep, f: FiltersDep) -> Any:
    return flt.network(store, f)


@router.get(
    "/search",
    response_model=PageOut[SearchHitOut],
    summary="Full-text search over statements and articles, best first",
)
def search(
    request: Request,
    store: StoreDep,
    q: Annotated[
        str,
        Query(min_length=1, max_length=500, pattern=r"\w", description="words, all must match"),
    ],
    limit: Limit = 20,
    offset: Offset = 0,
) -> Any:
    words = query_words(q)
    fetched = store.search(words, limit=limit + 1, offset=offset)
    total = store.count_search(words)
    page = Page.of(
        fetched, limit=limit, offset=offset, total=total, path=request.url.path, params={"q": q}
    )
    return page.to_dict([h.to_dict() for h in page.items])


def query_words(q: str) -> str:
    """The words of a search (control characters dropped: SQLite's FTS5 stops at a NUL),
    or a 422 when there are none to look for."""
    clean = "".join(" " if unicodedata.category(c).startswith("C") else c for c in q)
    words = " ".join(
        w for w in clean.replace('"', " ").split() if any(c.isalnum() or c == "_" for c in w)
    )
    if not words:
        raise BadRequest("the search has no words to look for", where="q")
    return words


@router.post(
    "/articles",
    response_model=StoredOut,
    status_code=201,
    summary="Analyse an article (text, HTML or a URL to fetch) and store it",
    responses={
        200: {"model": StoredOut, "description": "Analysed, not stored (store: false)"},
        401: {"model": ErrorBody, "description": "Missing or wrong bearer token"},
        403: {"model": ErrorBody, "description": "Writes are disabled on this server"},
        413: {
            "model": ErrorBody,
            "description": "Body over the size limit, or text with too many quotation marks",
        },
    },
)
def post_article(
    body: ArticleIn,
    response: Response,
    ctx: ContextDep,
    store: StoreDep,
    authorization: Annotated[str | None, Header()] = None,
) -> Any:
    if body.store or body.fetch is not None:
        ctx.check_write(authorization)  # a read-only server never fetches
    meta = {
        "title": body.title,
        "url": body.url,
        "outlet": body.outlet,
        "author": body.author,
        "published": body.published,
    }
    try:
        article = article_from_input(
            text=body.text, html=body.html, fetch_url=body.fetch, max_bytes=ctx.max_body, **meta
        )
    except ValueError as exc:
        raise InputError(str(exc), where="article") from exc
    analysis: Analysis = ctx.analyze(article)
    result = ctx.writer.add(store, analysis) if body.store else None
    if result is None:
        response.status_code = 200
    return {
        "stored": bool(result and result.stored),
        "article": article.id,
        "statements": len(analysis.statements),
        "claims": list(result.claims) if result else [],
        "analysis": analysis.to_dict(),
    }
