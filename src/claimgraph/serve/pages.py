"""The web pages: server-rendered HTML (Jinja2, autoescaped) over the store."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..errors import NotFoundError
from ..model import Analysis, Article, SpeakerType, Stance
from ..store import filters as flt
from ..store.sqlite import Store
from .api import find_speaker, query_words
from .context import Context, get_context, get_store
from .filtering import FiltersDep
from .highlight import analysis_segments, segment_title
from .present import Page, safe_url, sides
from .render import render
from .security import check_same_origin
from .timeline import layout

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

StoreDep = Annotated[Store, Depends(get_store)]
ContextDep = Annotated[Context, Depends(get_context)]
Limit = Annotated[int, Query(ge=1, le=100)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


def filter_view(store: Store, f: flt.Filters, action: str) -> dict[str, Any]:
    """What the filter form needs."""
    return {
        "filters": f,
        "filter_action": action,
        "outlets": flt.outlets(store),
        "stances": [s.value for s in Stance],
        "speaker_types": [t.value for t in SpeakerType],
    }


def analysis_view(analysis: Analysis, store: Store | None = None) -> dict[str, Any]:
    """What ``_analysis.html`` needs: segments with tooltips, speaker and claim links."""
    segs = analysis_segments(analysis)
    by_id = {s.id: s for s in analysis.statements}
    speaker_links: dict[str, str] = {}
    claims: dict[str, str] = {}
    if store is not None:
        for rec in store.statements(article=analysis.article.id, limit=10_000):
            if rec.entity_id is not None:
                speaker_links[rec.statement.id] = f"/speakers/{rec.entity_id}"
            if rec.claim_id:
                claims[rec.statement.id] = rec.claim_id
    return {
        "analysis": analysis,
        "segments": segs,
        "titles": [segment_title(s, by_id) for s in segs],
        "speaker_links": speaker_links,
        "claims": claims,
    }


@router.get("/")
def home(request: Request, store: StoreDep) -> Response:
    return render(
        request,
        "home.html",
        counts=store.counts(),
        claims=store.claims(limit=8, with_statements=False),
        articles=store.articles(limit=10),
        speakers=store.speakers(limit=12),
    )


@router.get("/articles")
def articles(request: Request, store: StoreDep, limit: Limit = 30, offset: Offset = 0) -> Response:
    fetched = store.articles(limit=limit + 1, offset=offset)
    page = Page.of(
        fetched, limit=limit, offset=offset, total=store.counts().articles, path="/articles"
    )
    return render(request, "articles.html", page=page)


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str, store: StoreDep) -> Response:
    analysis = store.article(article_id) if len(article_id) <= 64 else None
    if analysis is None:
        raise NotFoundError(f"no article {article_id!r} in the store", where="article")
    ref = store.article_ref(analysis.article.id)
    return render(
        request,
        "article.html",
        article=analysis.article,
        ref=ref,
        reprints=store.reprints(analysis.article.id),
        safe_url=safe_url(analysis.article.url),
        **analysis_view(analysis, store),
    )


@router.get("/claims")
def claims(
    request: Request, store: StoreDep, f: FiltersDep, limit: Limit = 30, offset: Offset = 0
) -> Response:
    return _filtered(request, store, f, flt.claims, "claims", limit, offset)


@router.get("/statements")
def statements(
    request: Request, store: StoreDep, f: FiltersDep, limit: Limit = 50, offset: Offset = 0
) -> Response:
    return _filtered(request, store, f, flt.statements, "statements", limit, offset)


def _filtered(
    request: Request,
    store: Store,
    f: flt.Filters,
    fetch: Callable[..., tuple[list[Any], int]],
    name: str,
    limit: int,
    offset: int,
) -> Response:
    """A filtered list page: ``fetch`` one more item than shown, to know there is a next."""
    fetched, total = fetch(store, f, limit=limit + 1, offset=offset)
    path = f"/{name}"
    page = Page.of(fetched, limit=limit, offset=offset, total=total, path=path, params=f.params())
    return render(request, f"{name}.html", page=page, **filter_view(store, f, path))


@router.get("/network")
def network(request: Request, store: StoreDep, f: FiltersDep) -> Response:
    graph = flt.network(store, f)
    return render(
        request,
        "network.html",
        graph=graph,
        claim_count=sum(1 for n in graph["nodes"] if n["kind"] == "claim"),
        speaker_count=sum(1 for n in graph["nodes"] if n["kind"] == "speaker"),
        **filter_view(store, f, "/network"),
    )


@router.get("/claims/{claim_id}")
def claim(
    request: Request, claim_id: str, store: StoreDep, limit: Limit = 100, offset: Offset = 0
) -> Response:
    view = store.claim(claim_id, limit=limit, offset=offset) if len(claim_id) <= 64 else None
    if view is None:
        raise NotFoundError(f"no claim {claim_id!r} in the store", where="claim")
    supporters, deniers, others = sides(view.statements)
    window = Page(list(view.statements), limit, offset, view.total, path=f"/claims/{view.id}")
    return render(
        request,
        "claim.html",
        claim=view,
        page=window,
        voices=[o for o in view.outlets if o.stance != "reports"],
        chart=layout(view.statements),
        supporters=supporters,
        deniers=deniers,
        others=others,
    )


@router.get("/speakers")
def speakers(
    request: Request,
    store: StoreDep,
    f: FiltersDep,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    query = q.strip() if q else None
    if f.active:
        fetched, total = flt.speakers(store, f, query=query, limit=limit + 1, offset=offset)
    else:
        fetched = store.speakers(query or None, limit=limit + 1, offset=offset)
        total = store.count_speakers(query or None)
    page = Page.of(
        fetched, limit=limit, offset=offset, total=total, path="/speakers",
        params={"q": q, **f.params()},
    )  # fmt: skip
    return render(
        request, "speakers.html", page=page, speaker_q=q, **filter_view(store, f, "/speakers")
    )


@router.get("/speakers/{ref}")
def speaker(
    request: Request, ref: str, store: StoreDep, limit: Limit = 100, offset: Offset = 0
) -> Response:
    rec = find_speaker(store, ref)
    fetched = store.statements(speaker=rec.id, limit=limit + 1, offset=offset)
    page = Page.of(
        fetched, limit=limit, offset=offset, total=rec.statements, path=f"/speakers/{rec.id}"
    )
    return render(request, "speaker.html", speaker=rec, page=page)


@router.get("/search")
def search(
    request: Request,
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=500)] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Response:
    page = None
    if q and q.strip():
        words = query_words(q)
        fetched = store.search(words, limit=limit + 1, offset=offset)
        page = Page.of(
            fetched,
            limit=limit,
            offset=offset,
            total=store.count_search(words),
            path="/search",
            params={"q": q},
        )
    return render(request, "search.html", page=page, q=q)


def _analyze_page(request: Request, ctx: Context, **values: Any) -> Response:
    for name in ("analysis", "text", "title", "stored_id"):
        values.setdefault(name, None)
    return render(
        request,
        "analyze.html",
        can_store=ctx.allow_write,
        needs_token=ctx.needs_token,
        max_chars=ctx.max_chars,
        **values,
    )


@router.get("/analyze")
def analyze_form(request: Request, ctx: ContextDep) -> Response:
    return _analyze_page(request, ctx)


@router.post("/analyze", dependencies=[Depends(check_same_origin)])
def analyze_text(
    request: Request,
    ctx: ContextDep,
    text: Annotated[str, Form()],
    title: Annotated[str | None, Form(max_length=1000)] = None,
    store: Annotated[bool, Form()] = False,
    token: Annotated[str | None, Form(max_length=500)] = None,
) -> Response:
    """Analyse pasted text and show it highlighted; store it only when asked."""
    if store:
        ctx.check_write(f"Bearer {token}" if token else None)
    from ..ingest.text import text_metadata

    text = text.replace("\r\n", "\n")
    found_title, published = text_metadata(text)
    article = Article(text=text, title=title or found_title, published=published, source="analyze")
    analysis = ctx.analyze(article)
    stored_id = None
    if store:
        db = ctx.pool.get()
        ctx.writer.add(db, analysis)
        stored_id = analysis.article.id
    return _analyze_page(
        request,
        ctx,
        text=article.text,
        title=title,
        stored_id=stored_id,
        **analysis_view(analysis),
    )
