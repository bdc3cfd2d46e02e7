"""What keeps the server safe: a request-size cap, security headers, the write token,
and the rule that a server reachable from other machines never accepts writes without one.
"""

from __future__ import annotations

import ipaddress
import json
import secrets
from typing import Any

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import error_body

__all__ = [
    "CSP",
    "BodyLimit",
    "SecurityHeaders",
    "check_bind",
    "check_same_origin",
    "is_loopback",
    "token_ok",
]

# Pages load only our own CSS and JS; no inline script, no frames, forms post to us.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)

_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    h = host.strip().strip("[]").lower()
    if h == "localhost":
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def check_bind(host: str, *, allow_write: bool, token: str | None) -> None:
    """Refuse to serve writes without a token on anything but loopback."""
    from .errors import Forbidden

    if allow_write and not token and not is_loopback(host):
        raise Forbidden(
            f"refusing to listen on {host} with writes enabled and no token: pass --token "
            "(or set CLAIMGRAPH_TOKEN), listen on 127.0.0.1, or serve read-only",
            where="serve",
        )


def token_ok(authorization: str | None, token: str) -> bool:
    """Whether an ``Authorization: Bearer ...`` header carries ``token``."""
    if not authorization:
        return False
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return secrets.compare_digest(value.strip().encode(), token.encode())


class BodyLimit:
    """Answers 413 (JSON error shape) to a request body over ``max_bytes``.

    Declared lengths are refused before reading; undeclared (chunked) bodies are read up
    to the cap, then replayed to the app, so nothing past the cap is ever buffered.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_bytes
            except ValueError:
                too_big = False
            if too_big:
                await self._refuse(send)
                return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_bytes:
                await self._refuse(send)
                return
            chunks.append(body)
            more = message.get("more_body", False)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, send: Send) -> None:
        body = error_body(
            "CG413", f"request body is over the limit of {self.max_bytes:,} bytes",
            limit=self.max_bytes,
        )  # fmt: skip
        await send_error(send, 413, body, close=True)


async def send_error(send: Send, status: int, body: dict[str, Any], *, close: bool = False) -> None:
    """Answer from ASGI middleware with the one error shape (the app's handlers are not
    reached from there)."""
    data = json.dumps(body).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(data)).encode()),
        *([(b"connection", b"close")] if close else []),
        *_HEADERS,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})


class SecurityHeaders:
    """Adds the Content-Security-Policy and friends to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in _HEADERS if k not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


def check_same_origin(request: Request) -> None:
    """Refuse a state-changing request sent by another site's page (CSRF).

    Browsers send ``Origin`` with cross-site POSTs; when it names another host than the
    one the request came to, the request is refused. Clients that send no ``Origin``
    (curl, scripts) are not browsers acting for someone else.
    """
    from urllib.parse import urlsplit

    from .errors import Forbidden

    origin = request.headers.get("origin")
    if not origin:
        return
    host = request.headers.get("host", "")
    if origin == "null" or urlsplit(origin).netloc.lower() != host.lower():
        raise Forbidden("cross-site request refused (Origin does not match Host)", where="origin")


LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def host_name(header: str) -> str:
    """The host of a ``Host`` header, without its port, lower case ("[::1]:8000" -> "::1")."""
    h = header.strip().lower()
    if h.startswith("["):
        return h[1 : h.find("]")] if "]" in h else h
    return h.rsplit(":", 1)[0] if h.count(":") == 1 else h


def allowed_hosts(bind: str, extra: tuple[str, ...] = ()) -> tuple[str, ...] | None:
    """The ``Host`` values a server bound to ``bind`` answers to: loopback names, the bind
    address itself, and ``extra`` (``--allowed-host``). ``None`` (any host) when bound to
    every address with no ``--allowed-host``: the operator chose to be reachable by any
    name, and writes there need a token."""
    if bind in ("0.0.0.0", "::", "") and not extra:
        return None
    names = {*LOOPBACK_NAMES, host_name(bind), *(host_name(e) for e in extra)}
    return tuple(sorted(n for n in names if n))


class HostCheck:
    """Refuses a request whose ``Host`` is not one the server was started for (421): a
    page on ``rebind.attacker.example`` resolving to 127.0.0.1 reaches a loopback server,
    but it cannot make the browser send ``Host: localhost``."""

    def __init__(self, app: ASGIApp, hosts: tuple[str, ...]) -> None:
        self.app = app
        self.hosts = frozenset(hosts)

    def _ok(self, host: str) -> bool:
        h = host_name(host)
        return h in self.hosts or (
            "127.0.0.1" in self.hosts and h.startswith("127.") and is_loopback(h)
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), "")
        if self._ok(host):
            await self.app(scope, receive, send)
            return
        body = error_body(
            "CG421",
            f"this server does not answer to host {host[:100]!r}; start it with "
            "--allowed-host NAME to serve that name",
            "host",
        )
        await send_error(send, 421, body)


class HeadAsGet:
    """Answers ``HEAD`` as ``GET`` without the body (HTTP says every GET resource takes
    HEAD; FastAPI routes answer it 405)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def no_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, no_body)
