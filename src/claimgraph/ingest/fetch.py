"""Fetch an article over HTTP(S), refusing what a server-side fetcher must not reach.

Every address the host name resolves to is checked, before the first request and after
each redirect (redirects are followed by hand, at most ``max_redirects``): loopback,
private, link-local (cloud metadata at 169.254.169.254), multicast, reserved and
unspecified addresses are refused. The body is read in chunks and refused past
``max_bytes``. The name is resolved once per request: the connection goes to the address
that was checked (the ``Host`` header and the TLS server name stay the host name, so
virtual hosts and certificates work), so a hostile DNS server that answers differently
the second time (DNS rebinding) is never asked a second time.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..errors import FetchError

DEFAULT_TIMEOUT = 15.0
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_MAX_REDIRECTS = 5
USER_AGENT = "claimgraph/0.1 (+https://github.com/claimgraph)"


@dataclass(frozen=True)
class Fetched:
    url: str  # the final URL, after redirects
    content_type: str
    body: bytes


def is_url(s: str) -> bool:
    return s.startswith(("http://", "https://"))


def check_address(ip: str) -> str | None:
    """Why ``ip`` must not be fetched, or ``None`` when it is a public address."""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    for test, why in (
        (addr.is_loopback, "a loopback address"),
        (addr.is_link_local, "a link-local address (cloud metadata lives there)"),
        (addr.is_private, "a private address"),
        (addr.is_multicast, "a multicast address"),
        (addr.is_reserved, "a reserved address"),
        (addr.is_unspecified, "an unspecified address"),
    ):
        if test:
            return why
    if not addr.is_global:
        return "not a public address"
    return None


Resolver = Callable[[str, int], list[str]]


def _resolve(host: str, port: int) -> list[str]:
    return [str(i[4][0]) for i in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def check_url(url: str, *, resolve: Resolver = _resolve) -> list[str]:
    """Refuse a URL whose scheme is not http(s) or whose host resolves to any address
    that is not public; return the addresses it resolves to (all of them public)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(
            f"only http and https URLs can be fetched, not {parts.scheme!r}", where=url
        )
    host = parts.hostname
    if not host:
        raise FetchError("the URL has no host", where=url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        ips = resolve(host, port)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve {host!r} ({exc.strerror})", where=url) from exc
    if not ips:
        raise FetchError(f"{host!r} resolves to no address", where=url)
    for ip in ips:
        why = check_address(ip)
        if why:
            raise FetchError(f"refused: {host} resolves to {ip}, {why}", where=url)
    return ips


def pinned(url: str, ip: str) -> tuple[str, dict[str, str], dict[str, Any]]:
    """The request for ``url`` sent to the vetted address ``ip``: the URL with the
    address in place of the name, the ``Host`` header, and the TLS server name."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    at = f"[{addr}]" if addr.version == 6 else str(addr)
    netloc = f"{at}:{parts.port}" if parts.port else at
    shown = f"[{host}]" if ":" in host else host
    host_header = f"{shown}:{parts.port}" if parts.port else shown
    extensions: dict[str, Any] = {}
    if parts.scheme == "https":
        extensions["sni_hostname"] = host
    return parts._replace(netloc=netloc).geturl(), {"Host": host_header}, extensions


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    resolve: Resolver = _resolve,
    transport: Any = None,
) -> Fetched:
    """GET ``url`` within the limits above, or raise :class:`FetchError` saying why.

    ``resolve`` and ``transport`` (an ``httpx`` transport) are for tests.
    """
    import httpx

    current = url
    with httpx.Client(
        follow_redirects=False,
        timeout=timeout,
        headers={"User-Agent": USER_AGENT},
        transport=transport,
    ) as client:
        for _ in range(max_redirects + 1):
            ips = check_url(current, resolve=resolve)
            target, headers, extensions = pinned(current, ips[0])
            try:
                with client.stream("GET", target, headers=headers, extensions=extensions) as resp:
                    if resp.is_redirect:
                        loc = resp.headers.get("location")
                        if not loc:
                            raise FetchError("a redirect with no Location", where=current)
                        current = urljoin(current, loc)
                        continue
                    if resp.status_code >= 400:
                        raise FetchError(f"HTTP status {resp.status_code}", where=current)
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > max_bytes:
                        raise FetchError(
                            f"the page is {int(declared):,} bytes, over the cap of {max_bytes:,}",
                            where=current,
                        )
                    chunks: list[bytes] = []
                    size = 0
                    for chunk in resp.iter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise FetchError(
                                f"the page is over the cap of {max_bytes:,} bytes", where=current
                            )
                        chunks.append(chunk)
                    return Fetched(current, resp.headers.get("content-type", ""), b"".join(chunks))
            except httpx.TimeoutException as exc:
                raise FetchError(f"timed out after {timeout:g} s", where=current) from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"cannot fetch ({exc})", where=current) from exc
    raise FetchError(f"more than {max_redirects} redirects", where=url)
