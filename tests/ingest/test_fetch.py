"""URL fetching: private addresses refused (also after redirects), size and redirect caps."""

from __future__ import annotations

import httpx
import pytest

from claimgraph.errors import FetchError
from claimgraph.ingest.fetch import check_address, check_url, fetch
from claimgraph.ingest.sources import read_sources
from claimgraph.model import Article

HOSTS = {
    "news.example": ["93.184.216.34"],
    "evil.example": ["93.184.216.35", "10.0.0.7"],
    "inside.example": ["192.168.1.4"],
    "meta.example": ["169.254.169.254"],
    "v6.example": ["::1"],
    "mapped.example": ["::ffff:127.0.0.1"],
}


def resolve(host: str, port: int) -> list[str]:
    return HOSTS.get(host, ["127.0.0.1"])


@pytest.mark.parametrize(
    "ip", ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.0.1", "169.254.169.254", "::1",
           "fe80::1", "0.0.0.0", "224.0.0.1", "::ffff:10.0.0.1", "100.64.0.1"],
)  # fmt: skip
def test_refused_addresses(ip: str) -> None:
    assert check_address(ip) is not None


@pytest.mark.parametrize("ip", ["93.184.216.34", "2606:4700::1111", "8.8.8.8"])
def test_public_addresses(ip: str) -> None:
    assert check_address(ip) is None


@pytest.mark.parametrize(
    "url", ["http://evil.example/", "http://inside.example/", "http://meta.example/latest",
            "http://v6.example/", "http://mapped.example/", "http://localhost:8000/",
            "file:///etc/passwd", "ftp://news.example/"],
)  # fmt: skip
def test_check_url_refuses(url: str) -> None:
    with pytest.raises(FetchError):
        check_url(url, resolve=resolve)


def _client(handler):  # type: ignore[no-untyped-def]
    return httpx.MockTransport(handler)


def test_fetch_ok_and_redirect_to_private_refused() -> None:
    def handler(req: httpx.Request) -> httpx.Response:
        if req.url.path == "/moved":
            return httpx.Response(302, headers={"location": "http://inside.example/secret"})
        if req.url.path == "/hop":
            return httpx.Response(301, headers={"location": "/final"})
        return httpx.Response(200, html="<html><body><p>Hello</p></body></html>")

    t = _client(handler)
    got = fetch("http://news.example/hop", resolve=resolve, transport=t)
    assert got.url == "http://news.example/final" and b"Hello" in got.body
    with pytest.raises(FetchError, match=r"192\.168\.1\.4"):
        fetch("http://news.example/moved", resolve=resolve, transport=t)


def test_fetch_caps() -> None:
    def handler(req: httpx.Request) -> httpx.Response:
        if req.url.path == "/loop":
            return httpx.Response(302, headers={"location": "/loop"})
        if req.url.path == "/big":
            return httpx.Response(200, content=b"x" * 5000)
        return httpx.Response(404)

    t = _client(handler)
    with pytest.raises(FetchError, match="redirects"):
        fetch("http://news.example/loop", resolve=resolve, transport=t, max_redirects=3)
    with pytest.raises(FetchError, match="cap"):
        fetch("http://news.example/big", resolve=resolve, transport=t, max_bytes=1000)
    with pytest.raises(FetchError, match="404"):
        fetch("http://news.example/missing", resolve=resolve, transport=t)


def test_fetch_timeout() -> None:
    def handler(req: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=req)

    with pytest.raises(FetchError, match="timed out"):
        fetch("http://news.example/", resolve=resolve, transport=_client(handler), timeout=0.5)


def test_read_sources_with_url() -> None:
    page = (
        "<html><head><title>Quay</title></head><body><article><p>The harbour master said "
        "on Friday that the old quay would reopen in June after two years of repairs to "
        "its walls and steps.</p></article></body></html>"
    )

    def handler(req: httpx.Request) -> httpx.Response:
        return httpx.Response(200, html=page)

    def fetcher(url: str):  # type: ignore[no-untyped-def]
        return fetch(url, resolve=resolve, transport=_client(handler))

    out = list(read_sources(["http://news.example/q", "http://inside.example/"], fetcher=fetcher))
    assert isinstance(out[0], Article) and "old quay" in out[0].text
    assert out[0].url == "http://news.example/q"
    assert isinstance(out[1], FetchError)
