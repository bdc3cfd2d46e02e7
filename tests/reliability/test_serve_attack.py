"""The server under attack: hostile content rendered through every page stays inert,
request bodies over the limit are refused, writes off loopback need the token, and a
URL to fetch never reaches loopback, private, link-local or metadata addresses, whether
named directly, through a redirect, or through a name that resolves (or re-resolves)
to one. No traffic leaves the process: fetches go to an injected transport.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from claimgraph.errors import FetchError
from claimgraph.ingest import fetch as fetch_mod
from claimgraph.model import (
    Analysis,
    Article,
    Claim,
    ClaimStatement,
    Entity,
    Kind,
    Span,
    Speaker,
    SpeakerType,
    Stance,
    Statement,
)
from claimgraph.serve import create_app
from claimgraph.serve.security import check_bind
from claimgraph.store import Store

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<svg onload=alert(3)>",
    "<svg><script>alert(4)</script></svg>",
    '"><script>alert(5)</script>',
    "' onmouseover='alert(6)' x='",
    '" onfocus="alert(7)" autofocus="',
    '<a href="javascript:alert(8)">more</a>',
    "</textarea><script>alert(9)</script>",
    "</title><script>alert(10)</script>",
    "<iframe src=javascript:alert(11)></iframe>",
    "<b <i>broken <p",
    "<!-- <style>body{display:none}</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(12)>",
    "<body onload=alert(13)>",
    "<svg><animate onbegin=alert(14) attributeName=x dur=1s>",
]
EVIL_URL = "javascript:alert(15)//"
NAME = '<img src=x onerror=alert("name")> Velasco'


def span_of(text: str, words: str) -> Span:
    i = text.index(words)
    return Span.of(text, i, i + len(words))


def hostile(n: int) -> Analysis:
    payload = PAYLOADS[n % len(PAYLOADS)]
    text = (
        f"{payload}\n\n{NAME} said that {payload} was true. "
        + " ".join(PAYLOADS)
        + f' "{PAYLOADS[(n + 3) % len(PAYLOADS)]}," said the minister. {n}\n'
    )
    art = Article(
        text=text,
        title=f"{payload} {n}",
        outlet=PAYLOADS[(n + 1) % len(PAYLOADS)],
        author=PAYLOADS[(n + 2) % len(PAYLOADS)],
        url=EVIL_URL if n % 2 else f"https://news.example/{payload}",
        published=f"2026-03-{n + 1:02d}",
    )
    ent = Entity("E1", NAME, SpeakerType.PERSON, aliases=(payload,))
    cstart = text.index(" that ") + 6
    s1 = Statement(
        "S1",
        Kind.INDIRECT,
        Span.of(text, cstart, cstart + len(payload) + len(" was true")),
        Speaker(span_of(text, NAME), NAME, SpeakerType.PERSON, entity="E1"),
        span_of(text, "said"),
        stance=Stance.ASSERTS,
        relay=(PAYLOADS[(n + 4) % len(PAYLOADS)],),
    )
    quote = PAYLOADS[(n + 3) % len(PAYLOADS)]
    s2 = Statement(
        "S2",
        Kind.DIRECT,
        span_of(text, quote + ","),
        Speaker(
            span_of(text, "the minister"),
            PAYLOADS[(n + 5) % len(PAYLOADS)],
            SpeakerType.ANONYMOUS,
            anonymous=True,
            affiliation=PAYLOADS[(n + 6) % len(PAYLOADS)],
        ),
        Span.of(text, text.rindex("said"), text.rindex("said") + 4),
        stance=Stance.DENIES,
    )
    return Analysis(art, (s1, s2), (ent,))


def analyzer(article: Article) -> Analysis:
    """/analyze: whatever is pasted, a statement whose speaker is a payload."""
    t = article.text
    return Analysis(
        article,
        (
            Statement(
                "S1",
                Kind.DIRECT,
                Span.of(t, 0, len(t)),
                Speaker(None, PAYLOADS[0], SpeakerType.PERSON),
                None,
            ),
        ),
    )


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Analysis]]:
    path = tmp_path_factory.mktemp("xss") / "xss.db"
    analyses = [hostile(n) for n in range(8)]
    with Store.open(path) as store:
        for a in analyses:
            store.add(a)
        claims = [
            Claim(
                f"C{i}",
                PAYLOADS[i],
                tuple(
                    ClaimStatement(a.article.id, s.id, s.stance)
                    for a in analyses[i::3]
                    for s in a.statements
                ),
            )
            for i in range(3)
        ]
        texts = {f"{m.article_id}:{m.statement_id}": c.text for c in claims for m in c.members}
        store.add_claims(claims, texts)
    return path, analyses


class _Tags(HTMLParser):
    """Every element a browser would build from the page, with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


OUR_TAGS = {
    "html", "head", "meta", "title", "link", "script", "body", "header", "nav", "main",
    "footer", "a", "h1", "h2", "h3", "p", "div", "span", "ul", "ol", "li", "table", "thead",
    "tbody", "tr", "th", "td", "form", "input", "textarea", "label", "button", "select",
    "option", "mark", "small", "strong", "em", "b", "i", "br", "section", "article",
    "aside", "details", "summary", "dl", "dt", "dd", "time", "abbr", "code", "pre", "svg",
    "g", "line", "rect", "circle", "text", "path", "polyline", "figure",
    "figcaption", "blockquote", "q", "sup", "sub", "hr", "fieldset", "legend", "caption",
}  # fmt: skip


def assert_inert(html: str, url: str) -> None:
    for p in [*PAYLOADS, NAME]:
        assert p not in html, f"{url}: unescaped payload {p!r}"
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag in OUR_TAGS, f"{url}: a <{tag}> element came from the content"
        for name, value in attrs:
            assert not name.startswith("on"), f"{url}: <{tag} {name}=...>"
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                v = (value or "").strip().lower()
                assert not v.startswith(("javascript:", "data:", "vbscript:")), (url, tag, v)
        if tag == "script":
            assert dict(attrs).get("src", "").startswith("/static/"), f"{url}: inline script"


def test_every_page_escapes_hostile_content(hostile_store: tuple[Path, list[Analysis]]) -> None:
    path, analyses = hostile_store
    app = create_app(path, allow_write=True, analyzer=analyzer)
    with TestClient(app) as client:
        speakers = client.get("/api/speakers", params={"limit": 100}).json()["items"]
        assert any(s["name"] == NAME for s in speakers)
        urls = ["/", "/articles", "/claims", "/speakers", "/analyze"]
        urls += [f"/articles/{a.article.id}" for a in analyses]
        urls += [f"/claims/C{i}" for i in range(3)]
        urls += [f"/speakers/{s['id']}" for s in speakers]
        urls += ["/search?q=script", "/search?q=alert", "/search?q=onerror+img"]
        urls += ["/speakers?q=%3Cscript%3E", "/search?q=%3Csvg%20onload%3Dalert(1)%3E"]
        urls += ["/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/nowhere/%3Cscript%3E"]
        pages = 0
        for url in urls:
            r = client.get(url, headers={"accept": "text/html"})
            assert r.status_code in (200, 404), (url, r.status_code)
            assert "script-src 'self'" in r.headers["content-security-policy"]
            assert_inert(r.text, url)
            pages += 1
        hits = client.get("/search", params={"q": "alert"}).text
        assert "<mark>alert</mark>" in hits  # \x02/\x03 markers become <mark>, nothing else
        found = client.get("/api/search", params={"q": "alert", "limit": 5}).json()
        assert found["total"] > len(found["items"]) == 5 and found["next"]
        for p in PAYLOADS:
            r = client.post("/analyze", data={"text": f"{p} said the mayor.", "title": p})
            assert r.status_code == 200
            assert_inert(r.text, f"POST /analyze {p}")
    assert pages >= 30


def test_request_size_limits(tmp_path: Path) -> None:
    app = create_app(tmp_path / "s.db", allow_write=True, analyzer=analyzer, max_body=10_000)
    with TestClient(app) as client:
        big = {"text": "word " * 5_000, "store": False}
        r = client.post("/api/articles", json=big)
        assert r.status_code == 413 and r.json()["error"]["code"] == "CG413"

        def chunks() -> Iterator[bytes]:  # no Content-Length: read up to the cap, then 413
            for _ in range(50):
                yield b"x" * 1000

        r = client.post("/api/articles", content=chunks(), headers={"content-type": "text/plain"})
        assert r.status_code == 413
        r = client.get("/api/search", params={"q": "a" * 5_000})
        assert r.status_code == 422
        r = client.post("/analyze", data={"text": "y" * 20_000})
        assert r.status_code == 413


def test_writes_off_loopback_need_the_token(tmp_path: Path) -> None:
    from claimgraph.serve.errors import Forbidden

    for host in ("0.0.0.0", "192.168.1.10", "::", "example.org"):
        with pytest.raises(Forbidden, match="no token"):
            check_bind(host, allow_write=True, token=None)
        check_bind(host, allow_write=True, token="s3cret")
        check_bind(host, allow_write=False, token=None)
    for host in ("127.0.0.1", "::1", "localhost"):
        check_bind(host, allow_write=True, token=None)
    from click.testing import CliRunner

    from claimgraph.cli import main

    args = ["serve", "--db", str(tmp_path / "s.db"), "--host", "0.0.0.0", "--allow-write"]
    refused = CliRunner().invoke(main, args, env={"CLAIMGRAPH_TOKEN": None})
    assert refused.exit_code != 0 and "no token" in refused.output
    app = create_app(tmp_path / "s.db", allow_write=True, token="s3cret", analyzer=analyzer)
    body = {"text": '"The dam is leaking," said Marta Velasco.'}
    with TestClient(app) as client:
        assert client.post("/api/articles", json=body).status_code == 401
        bad = {"authorization": "Bearer wrong"}
        assert client.post("/api/articles", json=body, headers=bad).status_code == 401
        r = client.post("/analyze", data={"text": body["text"], "store": "true"})
        assert r.status_code == 401
        ok = {"authorization": "Bearer s3cret"}
        assert client.post("/api/articles", json=body, headers=ok).status_code == 201


# -- URL ingest: no loopback, private, link-local or metadata address -------------------

NAMES = {
    "public.test": ["93.184.216.34"],
    "metadata.test": ["169.254.169.254"],
    "private.test": ["10.0.0.8"],
    "mixed.test": ["93.184.216.35", "127.0.0.1"],
    "v6loop.test": ["::1"],
    "localhost": ["127.0.0.1", "::1"],
}


REAL_FETCH = fetch_mod.fetch


class Net:
    """A resolver and a transport that record what they were asked; nothing leaves."""

    def __init__(self, rebind: bool = False) -> None:
        self.lookups: list[str] = []
        self.requests: list[httpx.Request] = []
        self.rebind = rebind

    def resolve(self, host: str, port: int) -> list[str]:
        self.lookups.append(host)
        if host == "rebind.test":  # public the first time, then loopback
            return ["93.184.216.36"] if self.lookups.count(host) == 1 else ["127.0.0.1"]
        try:
            return NAMES[host]
        except KeyError:
            return [host]  # an address literal resolves to itself

    def handle(self, req: httpx.Request) -> httpx.Response:
        self.requests.append(req)
        assert req.url.host in ("93.184.216.34", "93.184.216.36"), f"traffic to {req.url}"
        path = req.url.path
        if path.startswith("/to/"):
            return httpx.Response(302, headers={"location": "http://" + path[4:] + "/x"})
        return httpx.Response(
            200, html="<html><body><article><p>The dam is leaking, she said.</p></article>"
        )

    def fetch(self, url: str, **kw: object) -> fetch_mod.Fetched:
        return REAL_FETCH(
            url, resolve=self.resolve, transport=httpx.MockTransport(self.handle), **kw
        )  # type: ignore[arg-type]


REFUSED = [
    "http://127.0.0.1/",
    "http://127.1.2.3:8080/admin",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://10.0.0.1/",
    "http://10.255.255.254/",
    "http://172.16.5.4/",
    "http://192.168.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fe80::1]/",
    "http://0.0.0.0/",
    "http://localhost/",
    "http://metadata.test/latest/meta-data/",
    "http://private.test/",
    "http://mixed.test/",
    "http://v6loop.test/",
    "http://public.test/to/127.0.0.1",
    "http://public.test/to/169.254.169.254",
    "http://public.test/to/10.0.0.1",
    "http://public.test/to/metadata.test",
    "http://public.test/to/[::1]",
    "file:///etc/passwd",
    "gopher://public.test/",
]


@pytest.mark.parametrize("url", REFUSED)
def test_fetch_refuses_internal_addresses(url: str) -> None:
    net = Net()
    with pytest.raises(FetchError, match=r"refused|only http"):
        net.fetch(url)
    assert all(r.url.host in ("93.184.216.34",) for r in net.requests)


def test_dns_rebinding_is_closed() -> None:
    """The name is resolved once; the connection goes to the address that was checked."""
    net = Net()
    got = net.fetch("https://rebind.test/story")
    assert got.url == "https://rebind.test/story" and b"dam is leaking" in got.body
    assert net.lookups == ["rebind.test"]
    (req,) = net.requests
    assert req.url.host == "93.184.216.36"
    assert req.headers["host"] == "rebind.test"
    assert req.extensions.get("sni_hostname") == "rebind.test"
    # a second fetch asks again, gets loopback and is refused before any connection
    with pytest.raises(FetchError, match=r"127\.0\.0\.1"):
        net.fetch("https://rebind.test/story")
    assert len(net.requests) == 1


def test_api_fetch_refuses_internal_addresses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    net = Net()
    monkeypatch.setattr(fetch_mod, "fetch", net.fetch)
    app = create_app(tmp_path / "s.db", allow_write=True, analyzer=analyzer)
    with TestClient(app) as client:
        for url in REFUSED[:4] + REFUSED[8:9] + REFUSED[12:13] + REFUSED[16:18]:
            r = client.post("/api/articles", json={"fetch": url})
            assert r.status_code == 400, (url, r.text)
            assert r.json()["error"]["code"] == "CG120"
        r = client.post("/api/articles", json={"fetch": "http://public.test/story"})
        assert r.status_code == 201
    assert {r.url.host for r in net.requests} == {"93.184.216.34"}
