"""Pages over real engine output: the founding article (needs ../shared, skipped without
it) and the demo corpus shipped in the package. These depend on the attribution engine
and the claims grouping, and check what a reader must see, not exact numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from claimgraph.corpus import ingest, load_demo
from claimgraph.serve import create_app
from claimgraph.store import ClaimView, Store

from .conftest import screenshot, serving


@dataclass
class Served:
    db: Path
    client: TestClient
    article_ids: list[str]


def _serve_store(db: Path) -> Iterator[Served]:
    with Store.open(db) as store:
        ids = [a.id for a in store.articles(limit=1000)]
    with TestClient(create_app(db)) as c:
        yield Served(db, c, ids)


@pytest.fixture(scope="module")
def golden(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Iterator[Served]:
    from shared_corpora import shared_path  # skips when ../shared is absent

    text_file = shared_path("golden", "chechnya-purge.txt")
    db = tmp_path_factory.mktemp("golden") / "golden.db"
    with Store.open(db) as store:
        report = ingest(store, [str(text_file)])
        assert report.added == 1, report.to_dict()
    yield from _serve_store(db)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> Iterator[Served]:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store.open(db) as store:
        report = load_demo(store)
        assert report.added > 20 and not report.errors, report.to_dict()
    yield from _serve_store(db)


def purge_claim(db: Path, article_id: str) -> ClaimView:
    """The founding article's main claim: the one most of its statements belong to."""
    with Store.open(db) as store:
        counts: dict[str, int] = {}
        for rec in store.statements(article=article_id, limit=1000):
            if rec.claim_id:
                counts[rec.claim_id] = counts.get(rec.claim_id, 0) + 1
        assert counts, "no statement of the founding article is in a claim"
        view = store.claim(max(counts, key=lambda c: counts[c]))
        assert view is not None
        return view


def test_founding_article_shows_every_statement(golden: Served) -> None:
    (aid,) = golden.article_ids
    analysis = golden.client.get(f"/api/articles/{aid}").json()
    assert len(analysis["statements"]) >= 5
    html = golden.client.get(f"/articles/{aid}").text
    text_html = html[html.index('id="article-text"') : html.index("</section>")]
    highlighted = set(" ".join(re.findall(r'data-s="([^"]+)"', text_html)).split())
    assert highlighted == {s["id"] for s in analysis["statements"]}
    for s in analysis["statements"]:
        assert re.search(rf'class="hl hl-content[^"]*" data-s="[^"]*\b{s["id"]}\b', text_html) or (
            re.search(rf'also-content[^"]*" data-s="[^"]*\b{s["id"]}\b', text_html)
        ), f"{s['id']} has no content highlight"


def test_founding_purge_claim_has_supporters_and_deniers(golden: Served) -> None:
    (aid,) = golden.article_ids
    view = purge_claim(golden.db, aid)
    assert "purge" in view.text.lower() or any(
        "purge" in e.record.statement.content.text.lower() for e in view.statements
    )
    assert view.supporters >= 1 and view.deniers >= 1
    html = golden.client.get(f"/claims/{view.id}").text
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count('class="pt pt-') == len(view.statements)
    assert "pt-denies" in svg and ("pt-asserts" in svg or "pt-supports" in svg)
    for_col = html[html.index("side side-for") : html.index("side side-against")]
    against_col = html[html.index("side side-against") :]
    assert "Novaya Gazeta" in for_col
    assert "Peskov" in against_col or "Kadyrov" in against_col


def test_demo_corpus_claim_and_article_pages_render(demo: Served) -> None:
    c = demo.client
    total = c.get("/api/stats").json()["claims"]
    assert total > 10
    seen = 0
    offset = 0
    while True:
        page = c.get("/api/claims", params={"limit": 100, "offset": offset}).json()
        for claim in page["items"]:
            resp = c.get(f"/claims/{claim['id']}")
            assert resp.status_code == 200, claim["id"]
            assert '<svg class="timeline"' in resp.text
            seen += 1
        if not page["next"]:
            break
        offset += 100
    assert seen == total
    for aid in demo.article_ids:
        assert c.get(f"/articles/{aid}").status_code == 200
    for sp in c.get("/api/speakers", params={"limit": 100}).json()["items"]:
        assert c.get(f"/speakers/{sp['id']}").status_code == 200


@pytest.mark.browser
def test_screenshots_of_real_pages(page: Any, golden: Served, demo: Served) -> None:
    (aid,) = golden.article_ids
    view = purge_claim(golden.db, aid)
    with serving(create_app(golden.db)) as url:
        page.goto(f"{url}/articles/{aid}")
        assert page.locator("#article-text .hl-content").count() > 0
        screenshot(page, "golden-article")
        page.goto(f"{url}/claims/{view.id}")
        assert page.locator("svg#timeline a.pt").count() == len(view.statements)
        screenshot(page, "golden-claim")
    with serving(create_app(demo.db)) as url:
        top = demo.client.get("/api/claims", params={"limit": 1}).json()["items"][0]
        page.goto(f"{url}/claims/{top['id']}")
        assert page.locator("svg#timeline a.pt").count() >= 2
        screenshot(page, "demo-claim")
        page.goto(f"{url}/")
        screenshot(page, "demo-home")
    assert not page.js_errors, page.js_errors
