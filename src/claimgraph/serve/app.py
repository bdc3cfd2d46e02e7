"""The app factory: the JSON API, the pages, static files, errors and safety layers."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match

from .. import __version__
from ..errors import ClaimgraphError
from . import api, pages
from .context import Analyzer, Context, default_analyzer
from .errors import (
    error_body,
    from_claimgraph,
    from_http,
    from_validation,
    http_headers,
    json_error,
    wants_html,
)
from .render import render
from .security import BodyLimit, HeadAsGet, HostCheck, SecurityHeaders
from .stores import StorePool

__all__ = ["APP_FACTORY", "DEFAULT_MAX_BODY", "AppOptions", "app_from_environment", "create_app"]

log = logging.getLogger("claimgraph.serve")

DEFAULT_MAX_BODY = 2_000_000  # bytes in a request body
DEFAULT_MAX_CHARS = 200_000  # characters in a text to analyse

_STATIC = Path(__file__).parent / "static"


def create_app(
    db_path: str | Path,
    *,
    token: str | None = None,
    allow_write: bool = False,
    max_body: int = DEFAULT_MAX_BODY,
    max_chars: int = DEFAULT_MAX_CHARS,
    analyzer: Analyzer | None = None,
    hosts: tuple[str, ...] | None = None,
) -> FastAPI:
    """The claimgraph web app over the store at ``db_path``.

    Read-only unless ``allow_write``; with a ``token`` every write must carry
    ``Authorization: Bearer <token>`` (the serve command insists on one off loopback).
    ``analyzer`` replaces the spaCy pipeline (for tests); bodies over ``max_body``
    bytes get 413. With ``hosts`` (``claimgraph serve`` always gives them, see
    :func:`claimgraph.serve.security.allowed_hosts`) a request for another ``Host`` gets
    421: DNS rebinding cannot reach a loopback server.
    """
    from ..config import get_settings

    settings = get_settings()
    ctx = Context(
        pool=StorePool(db_path),
        analyzer=analyzer or default_analyzer,
        token=token or None,
        allow_write=allow_write,
        max_body=max_body,
        max_chars=max_chars,
        analyze_timeout=settings.analyze_timeout,
        analyze_slots=max(1, settings.analyze_slots),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        ctx.close()
        ctx.pool.close()

    app = FastAPI(
        title="claimgraph",
        version=__version__,
        description=(
            "Who said what in the news: articles, attributed statements, speakers and "
            'claims with their stances. Errors: `{"error": {"code", "message", '
            '"where"}}`. Lists page with `limit`/`offset` and give `total` and `next`.'
        ),
        docs_url=None,  # Swagger UI loads scripts from a CDN; the schema is at /openapi.json
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.ctx = ctx
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")
    _install_error_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=max_body)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    if hosts is not None:
        app.add_middleware(HostCheck, hosts=hosts)
    return app


@dataclass(frozen=True)
class AppOptions:
    """What ``claimgraph serve`` builds its app from; with several server processes each
    one reads them from the environment (:data:`ENV`) and builds its own app."""

    ENV = "CLAIMGRAPH_SERVE_OPTIONS"

    db_path: str
    token: str | None = None
    allow_write: bool = False
    max_body: int = DEFAULT_MAX_BODY
    hosts: tuple[str, ...] | None = None

    def create(self) -> FastAPI:
        return create_app(
            self.db_path,
            token=self.token,
            allow_write=self.allow_write,
            max_body=self.max_body,
            hosts=self.hosts,
        )

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> AppOptions:
        d = json.loads(text)
        if d.get("hosts") is not None:
            d["hosts"] = tuple(d["hosts"])  # JSON has lists only
        return cls(**d)


#: The import string uvicorn starts each server process from.
APP_FACTORY = "claimgraph.serve.app:app_from_environment"


def app_from_environment() -> FastAPI:
    """The app of one of several server processes (see :class:`AppOptions`)."""
    text = os.environ.get(AppOptions.ENV)
    if not text:
        raise RuntimeError(f"{AppOptions.ENV} is not set: start the server with claimgraph serve")
    return AppOptions.from_json(text).create()


def _respond(
    request: Request, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
) -> Response:
    headers = dict(headers or {})
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if wants_html(request):
        page = render(request, "error.html", status=status, error=body["error"], status_code=status)
        page.headers.update(headers)
        return page
    return json_error(status, body, headers)


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path (Starlette names only the first)."""
    methods: set[str] = set()
    scope = {**request.scope, "method": "GET"}
    for route in [*api.router.routes, *pages.router.routes]:
        match, _ = route.matches(scope)
        if match != Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods)


def _install_error_handlers(app: FastAPI) -> None:
    async def on_claimgraph(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ClaimgraphError)
        status, body = from_claimgraph(exc)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        return _respond(request, status, body)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        status, body = from_http(exc)
        headers = http_headers(exc)
        if status == 405:
            headers["Allow"] = ", ".join(_allowed_methods(request))
        return _respond(request, status, body, headers)

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        status, body = from_validation(list(exc.errors()))
        return _respond(request, status, body)

    async def on_crash(request: Request, exc: Exception) -> Response:
        log.exception("%s %s failed", request.method, request.url.path)
        body = error_body("CG490", f"internal error ({type(exc).__name__}); see the server log")
        return _respond(request, 500, body)

    app.add_exception_handler(ClaimgraphError, on_claimgraph)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(Exception, on_crash)
