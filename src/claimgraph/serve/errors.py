"""One error shape for every response: ``{"error": {"code", "message", "where", ...}}``.

Library errors (:class:`ClaimgraphError`) keep their codes; HTTP-level failures (no such
route, bad parameters, body too large, missing token, a bug) get ``CG4xx`` codes here.
Browsers asking for a page get the same error rendered as HTML, with the same status.
"""

from __future__ import annotations

import os
from typing import Any

from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..errors import (
    ClaimgraphError,
    InputError,
    ModelError,
    NotFoundError,
    ServeError,
    StoreError,
)

__all__ = [
    "BadRequest",
    "Forbidden",
    "HTTPError",
    "PayloadTooLarge",
    "Unauthorized",
    "Unavailable",
    "error_body",
    "json_error",
    "status_of",
]


class HTTPError(ServeError):
    """A serve error with its HTTP status."""

    status = 400


class BadRequest(HTTPError):
    code = "CG422"
    status = 422


class Unauthorized(HTTPError):
    code = "CG401"
    status = 401


class Forbidden(HTTPError):
    code = "CG403"
    status = 403


class PayloadTooLarge(HTTPError):
    code = "CG413"
    status = 413


class Unavailable(HTTPError):
    """The server cannot take on this work now (analysis slots busy, time budget spent)."""

    code = "CG503"
    status = 503


# Codes for HTTP failures that do not start as a ClaimgraphError.
_HTTP_CODES = {
    400: "CG400",
    401: "CG401",
    403: "CG403",
    404: "CG404",
    405: "CG405",
    406: "CG406",
    413: "CG413",
    415: "CG415",
    422: "CG422",
    500: "CG490",
}


def status_of(exc: ClaimgraphError) -> int:
    if isinstance(exc, HTTPError):
        return exc.status
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, InputError):
        return 400
    if isinstance(exc, ModelError):
        return 503
    if isinstance(exc, StoreError):
        return 500
    return 400


def error_body(code: str, message: str, where: str | None = None, **extra: Any) -> dict[str, Any]:
    err: dict[str, Any] = {"code": code, "message": message, "where": where}
    err.update(extra)
    return {"error": err}


def json_error(
    status: int, body: dict[str, Any], headers: dict[str, str] | None = None
) -> Response:
    return JSONResponse(body, status_code=status, headers=headers)


def from_claimgraph(exc: ClaimgraphError) -> tuple[int, dict[str, Any]]:
    body = exc.to_dict()
    if isinstance(exc, StoreError) and exc.where:
        # the store's place on the server's disk is nobody's business but the operator's
        name = os.path.basename(str(exc.where)) or "the store"
        body["message"] = str(body.get("message", "")).replace(str(exc.where), name)
        body["where"] = name
    return status_of(exc), {"error": body}


def http_headers(exc: StarletteHTTPException) -> dict[str, str]:
    """Headers an HTTP error must keep (``Allow`` on 405)."""
    return dict(exc.headers or {})


def from_http(exc: StarletteHTTPException) -> tuple[int, dict[str, Any]]:
    code = _HTTP_CODES.get(exc.status_code, f"CG4{exc.status_code % 100:02d}")
    message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code == 404 and message == "Not Found":
        message = "no such page or endpoint"
    return exc.status_code, error_body(code, message)


def from_validation(errors: list[Any]) -> tuple[int, dict[str, Any]]:
    details = []
    for e in errors:
        loc = ".".join(str(p) for p in e.get("loc", ()) if p != "body") or "request"
        details.append({"field": loc, "message": str(e.get("msg", "invalid"))})
    first = details[0] if details else {"field": "request", "message": "invalid"}
    message = f"{first['field']}: {first['message']}"
    if len(details) > 1:
        message += f" (and {len(details) - 1} more)"
    return 422, error_body("CG422", message, details=details)


def wants_html(request: Request) -> bool:
    """Page requests from a browser get HTML errors; the API always answers JSON."""
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")
