"""The newsroom pages in Chromium: list filters carried in the URL, counts, the speaker
page's sentences and the interactive speaker-claim network. Screenshots go to
tests/screenshots/."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import screenshot
from .corpus import Corpus

pytestmark = pytest.mark.browser


def _count(page: Any) -> int:
    return int(page.locator("p.count").first.get_attribute("data-total"))


def test_filters_live_in_the_url(page: Any, live_url: str) -> None:
    page.goto(f"{live_url}/statements")
    everything = _count(page)
    page.select_option("form.filters select[name=stance]", "denies")
    page.fill("form.filters input[name=to]", "2026-03-04")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    query = parse_qs(urlsplit(page.url).query)
    assert query["stance"] == ["denies"] and query["to"] == ["2026-03-04"]
    n = _count(page)
    assert 0 < n < everything
    badges = page.locator("table.said td .badge[class*=stance-]").all_text_contents()
    assert len(badges) == n and set(badges) == {"denies"}
    assert all(d <= "2026-03-04" for d in page.locator("td.date").all_text_contents())
    screenshot(page, "statements-filtered")
    # the filtered view is a URL: opened afresh it shows the same list and the same form
    shared = page.url
    page.goto(f"{live_url}/")
    page.goto(shared)
    assert _count(page) == n
    assert page.locator("form.filters select[name=stance]").input_value() == "denies"
    # claims and speakers take the same filters
    page.goto(f"{live_url}/claims?outlet=Harbor+Ledger")
    assert page.locator("form.filters select[name=outlet]").input_value() == "Harbor Ledger"
    assert 0 < _count(page) == page.locator("ul.claim-list li").count()
    screenshot(page, "claims-filtered")
    page.goto(f"{live_url}/speakers?speaker_type=person")
    rows = page.locator("table.table tbody tr").count()
    assert _count(page) == rows > 0
    types = {
        t.strip() for t in page.locator("table.table tbody td:nth-child(2)").all_text_contents()
    }
    assert types == {"person"}
    screenshot(page, "speakers-filtered")
    assert not page.js_errors, page.js_errors


def test_speaker_page_cites_articles_and_sentences(page: Any, live_url: str) -> None:
    page.goto(f"{live_url}/speakers/Dana Whitcombe")
    assert _count(page) == page.locator("table.said tbody tr").count() > 0
    refs = page.locator("table.said .article-ref")
    assert refs.count() > 0 and "Harbor Ledger" in refs.first.inner_text()
    assert "2026-03-03" in refs.first.inner_text()
    screenshot(page, "speaker")
    assert not page.js_errors, page.js_errors


def _click_node(page: Any, node_id: str) -> None:
    pos = page.evaluate(
        "id => { const n = window.claimgraphNetwork.getElementById(id);"
        " const p = n.renderedPosition(); return [p.x, p.y]; }",
        node_id,
    )
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + pos[0], box["y"] + pos[1])


def test_network_page(page: Any, live_url: str, corpus: Corpus) -> None:
    page.goto(f"{live_url}/network")
    page.wait_for_selector('#network[data-ready="1"]', timeout=15_000)
    assert page.locator("#network canvas").count() > 0  # drawn by the vendored Cytoscape.js
    nodes = page.evaluate("window.claimgraphNetwork.nodes().length")
    edges = page.evaluate("window.claimgraphNetwork.edges().length")
    counts = page.locator("p.count strong").all_text_contents()
    assert nodes == int(counts[0]) + int(counts[1]) and edges == int(counts[2]) > 0
    # edges are coloured by stance
    colours = page.evaluate(
        "() => Object.fromEntries(window.claimgraphNetwork.edges().map("
        "e => [e.data('stance'), e.style('line-color')]))"
    )
    assert colours["denies"] == "rgb(198,40,40)" and colours["asserts"] == "rgb(21,101,192)"
    screenshot(page, "network")
    # clicking a claim opens it; clicking a speaker opens theirs
    _click_node(page, f"c:{corpus.spill}")
    page.wait_for_url(f"**/claims/{corpus.spill}")
    page.go_back()
    page.wait_for_selector('#network[data-ready="1"]')
    speaker = page.evaluate("window.claimgraphNetwork.nodes('.speaker')[0].id()")
    _click_node(page, speaker)
    page.wait_for_url(f"**/speakers/{speaker[1:]}")
    # the network takes the list filters too
    page.goto(f"{live_url}/network?stance=denies")
    page.wait_for_selector('#network[data-ready="1"]')
    stances = page.evaluate(
        "[...new Set(window.claimgraphNetwork.edges().map(e => e.data('stance')))]"
    )
    assert stances == ["denies"]
    assert not page.js_errors, page.js_errors
