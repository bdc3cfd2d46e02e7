"""The HTML pages, read as HTML: everything untrusted is escaped, links are safe, errors
are pages for browsers, forms refuse cross-site posts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimgraph.model import Analysis, Article
from claimgraph.serve import create_app
from claimgraph.store import Store

from .conftest import quote_analyzer
from .corpus import XSS_QUOTE, XSS_TITLE, Corpus

HTML = {"accept": "text/html"}


def test_every_page_renders(client: TestClient, corpus: Corpus) -> None:
    for url in (
        "/",
        "/articles",
        f"/articles/{corpus.a.article.id}",
        f"/articles/{corpus.b.article.id}",
        f"/articles/{corpus.c.article.id}",
        "/claims",
        f"/claims/{corpus.spill}",
        f"/claims/{corpus.inspectors}",
        "/speakers",
        "/speakers?q=watch",
        "/speakers/Whitcombe",
        "/search",
        "/search?q=spill",
        "/analyze",
    ):
        resp = client.get(url, headers=HTML)
        assert resp.status_code == 200, url
        assert resp.headers["content-type"].startswith("text/html")
        assert "<h1" in resp.text, url


def test_untrusted_text_is_escaped(client: TestClient, corpus: Corpus) -> None:
    html = client.get(f"/articles/{corpus.b.article.id}").text
    # the only script element is our own
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/app.js" defer>']
    assert "<img" not in html and "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html  # the title
    assert "&lt;script&gt;alert(&#39;quote&#39;)&lt;/script&gt;" in html  # inside a quote
    assert XSS_TITLE not in html and XSS_QUOTE not in html


def test_javascript_urls_are_not_linked(client: TestClient, corpus: Corpus) -> None:
    html = client.get(f"/articles/{corpus.c.article.id}").text
    assert "javascript:alert(3)" in html  # shown as text
    assert 'href="javascript:' not in html
    good = client.get(f"/articles/{corpus.a.article.id}").text
    assert 'href="https://courier.example/spill"' in good


def test_highlight_markup(client: TestClient, corpus: Corpus) -> None:
    html = client.get(f"/articles/{corpus.b.article.id}").text
    spans = re.findall(r'<span class="hl ([^"]+)" data-s="([^"]+)" title="([^"]*)">', html)
    roles = {cls.split()[0] for cls, _, _ in spans}
    assert roles == {"hl-speaker", "hl-cue", "hl-content"}
    # the nested statement: S3's content sits inside S4's
    nested = [
        c for c, s, _ in spans if c.startswith("hl-content") and set(s.split()) == {"S3", "S4"}
    ]
    assert nested == ["hl-content depth-2"]
    # the speaker named inside S4's quote is a speaker, and marked as inside content
    assert "hl-speaker also-content depth-1" in [c for c, s, _ in spans if s in ("S3 S4", "S4 S3")]
    # tooltips name resolved speaker, kind and stance; escaped
    title = next(t for c, s, t in spans if c.startswith("hl-cue") and "S3" in s.split())
    assert "Dana Whitcombe" in title and "nominal" in title and "denies" in title
    # relays shown
    relay = client.get(f"/articles/{corpus.a.article.id}").text
    assert "via Associated Press" in relay


def test_claim_page_svg(client: TestClient, corpus: Corpus) -> None:
    html = client.get(f"/claims/{corpus.spill}").text
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count('class="pt pt-') == 8
    assert "2026-03-01" in svg and "2026-03-05" in svg
    assert 'class="side side-for"' in html and 'class="side side-against"' in html
    assert 'class="pager"' not in html  # eight entries: one window


def test_claim_page_window_keeps_the_whole_summary(client: TestClient, corpus: Corpus) -> None:
    """The page lists a window of the timeline; who first said, repeated and denied the
    claim is read from all of it (the governor's denial is the last entry)."""
    html = client.get(f"/claims/{corpus.spill}", params={"limit": 2}).text
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count('class="pt pt-') == 2
    summary = html[html.index('class="claim-summary"') : html.index("<h2>Timeline")]
    denied = summary[summary.index("Denied") :]
    assert "Ellis Brandt" in denied and "Dana Whitcombe" in denied
    assert 'class="pager"' in html and f"/claims/{corpus.spill}?limit=2&amp;offset=2" in html


def test_errors_are_pages_for_browsers(client: TestClient) -> None:
    resp = client.get("/claims/Cnothing", headers=HTML)
    assert resp.status_code == 404 and resp.headers["content-type"].startswith("text/html")
    assert "CG310" in resp.text and "Cnothing" in resp.text
    # and JSON for everyone else
    assert client.get("/claims/Cnothing").json()["error"]["code"] == "CG310"
    resp = client.get("/articles/<b>x</b>", headers=HTML)
    assert resp.status_code == 404 and "<b>x</b>" not in resp.text


def test_analyze_form_shows_highlights_without_storing(client: TestClient) -> None:
    text = '"We open on Monday <i>sharp</i>," said Rosa Delgado.'
    resp = client.post("/analyze", data={"text": text}, headers=HTML)
    assert resp.status_code == 200
    assert '<span class="hl hl-speaker' in resp.text and ">Rosa Delgado</span>" in resp.text
    assert "&lt;i&gt;sharp&lt;/i&gt;" in resp.text and "<i>sharp" not in resp.text
    assert "Stored as" not in resp.text
    assert client.get("/api/stats").json()["articles"] == 3


def test_analyze_form_refuses_cross_site_posts(client: TestClient) -> None:
    resp = client.post(
        "/analyze",
        data={"text": '"Hi," said Bo Lund.'},
        headers={"origin": "https://evil.example"},
    )
    assert resp.status_code == 403 and resp.json()["error"]["code"] == "CG403"


def test_analyze_form_stores_with_the_token(fresh_db: Path) -> None:
    app = create_app(fresh_db, token="tok", allow_write=True, analyzer=quote_analyzer)
    text = '"The pier reopens," said Ivo Marek.'
    with TestClient(app) as c:
        assert 'name="token"' in c.get("/analyze").text
        denied = c.post("/analyze", data={"text": text, "store": "1", "token": "nope"})
        assert denied.status_code == 401
        ok = c.post("/analyze", data={"text": text, "store": "1", "token": "tok"})
        assert ok.status_code == 200 and "Stored as" in ok.text
        assert c.get("/api/stats").json()["articles"] == 4


def test_pages_over_an_empty_store(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "empty.db")) as c:
        home = c.get("/")
        assert home.status_code == 200 and "The store is empty" in home.text
        for url in ("/articles", "/claims", "/speakers", "/search?q=anything", "/analyze"):
            assert c.get(url).status_code == 200, url
        assert c.get("/api/articles").json() == {
            "items": [],
            "limit": 20,
            "offset": 0,
            "total": 0,
            "next": None,
        }


@pytest.fixture()
def demo_like(tmp_path: Path) -> tuple[Path, str, str]:
    """A wire story and its reprint (same words, a later date, another outlet)."""
    body = (
        "The regional ferry union voted on Monday to hold a one-day strike next week, "
        "after talks with the operator over rosters and pay broke down late on Sunday "
        "night. Union officials said the stoppage would affect every crossing on the "
        "northern routes, and that passengers should plan for long delays. The operator "
        "said it regretted the decision and hoped to return to talks before the date. "
        "Commuters on the island routes said they would look for other ways to work.\n"
    )
    wire = Article(text=body, title="Ferry strike called", outlet="Wire", published="2026-05-01")
    copy = Article(
        text=body + "Reporting by the wire.\n",
        title="Ferry strike called",
        outlet="Town Paper",
        published="2026-05-02",
    )
    db = tmp_path / "reprints.db"
    with Store.open(db) as store:
        store.add(Analysis(wire))
        store.add(Analysis(copy))
        ref = store.article_ref(copy.id)
        assert ref is not None and ref.reprint_of == wire.id
    return db, wire.id, copy.id


def test_reprints_are_linked_both_ways(demo_like: tuple[Path, str, str]) -> None:
    db, original, reprint = demo_like
    with TestClient(create_app(db)) as c:
        assert f'href="/articles/{reprint}"' in c.get(f"/articles/{original}").text
        assert f'href="/articles/{original}"' in c.get(f"/articles/{reprint}").text
