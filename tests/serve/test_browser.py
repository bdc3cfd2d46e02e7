"""The pages in a real browser: Debian's Chromium driven by Playwright, over a live
uvicorn server on a temp-file store. Screenshots go to tests/screenshots/."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import screenshot
from .corpus import XSS_QUOTE, Corpus

pytestmark = pytest.mark.browser


def test_article_page_highlights_every_statement(page: Any, live_url: str, corpus: Corpus) -> None:
    page.goto(f"{live_url}/articles/{corpus.b.article.id}")
    text = page.locator("#article-text")
    # every statement has its content, cue and speaker highlighted in the text
    for s in corpus.b.statements:
        sel = f'#article-text .hl[data-s~="{s.id}"]'
        assert page.locator(sel).count() > 0, s.id
        assert page.locator(f"{sel}.hl-cue, {sel}.also-cue").count() > 0 or s.cue is None
    assert page.locator("#article-text .hl-speaker").count() >= 4
    assert page.locator("#article-text .hl-cue").count() >= 4
    assert page.locator("#article-text .depth-2").count() > 0  # the nested nominal denial
    # the three roles really look different
    colours = {
        role: page.locator(f"#article-text .hl-{role}").first.evaluate(
            "e => getComputedStyle(e).backgroundColor"
        )
        for role in ("speaker", "cue", "content")
    }
    assert len(set(colours.values())) == 3, colours
    # the tooltip names the resolved speaker, the kind and the stance
    title = page.locator('#article-text .hl-cue[data-s~="S3"]').first.get_attribute("title")
    assert "Dana Whitcombe" in title and "nominal" in title and "denies" in title
    # untrusted text stays text: the script tags are shown, not run
    assert XSS_QUOTE in text.inner_text()
    assert page.locator("#article-text script, #article-text img, #article-text a").count() == 0
    # hovering a statement card lights up its spans in the text
    page.locator("li.stmt#S1").hover()
    assert page.locator('#article-text .hl.active[data-s~="S1"]').count() > 0
    assert not page.js_errors, page.js_errors
    screenshot(page, "article")


def test_claim_page_shows_timeline_and_sides(page: Any, live_url: str, corpus: Corpus) -> None:
    page.goto(f"{live_url}/claims/{corpus.spill}")
    svg = page.locator("svg#timeline")
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box is not None and box["width"] > 400 and box["height"] > 100
    # one mark per statement in the timeline (the store folds only reprints)
    assert page.locator("svg#timeline a.pt").count() == 8
    assert page.locator("svg#timeline a.pt-denies").count() == 4
    assert page.locator("svg#timeline a.pt-asserts").count() == 1
    assert page.locator("svg#timeline a.pt-investigate").count() == 1
    labels = " | ".join(page.locator("svg#timeline text.who").all_text_contents())
    assert "Dana Whitcombe" in labels and "Ellis Brandt" in labels
    ticks = page.locator("svg#timeline text.tick").all_text_contents()
    assert "2026-03-01" in ticks and "2026-03-05" in ticks
    # earlier statements sit further left
    xs = {
        d: float(page.locator(f"svg#timeline a.pt-{d} circle, svg#timeline a.pt-{d} path").first
                 .evaluate("e => e.getBBox().x"))
        for d in ("asserts", "investigate")
    }  # fmt: skip
    assert xs["asserts"] < xs["investigate"]
    # supporters and deniers side by side
    for_box = page.locator(".side-for").bounding_box()
    against_box = page.locator(".side-against").bounding_box()
    assert for_box and against_box and abs(for_box["y"] - against_box["y"]) < 5
    assert for_box["x"] < against_box["x"]
    assert "Clearwater Watch" in page.locator(".side-for").inner_text()
    assert "Ellis Brandt" in page.locator(".side-against").inner_text()
    # the summary at the top: who said it first, who repeated it, who denied it
    summary = page.locator(".claim-summary")
    assert summary.is_visible()
    text = summary.inner_text()
    assert "First said" in text and "Denied" in text and "Ellis Brandt" in text
    head = page.locator("h1.claim-title").bounding_box()
    chart = svg.bounding_box()
    summary_box = summary.bounding_box()
    assert head and chart and summary_box and head["y"] < summary_box["y"] < chart["y"]
    assert not page.js_errors, page.js_errors
    screenshot(page, "claim")


def test_speaker_search_and_analyze_pages(page: Any, live_url: str) -> None:
    page.goto(f"{live_url}/speakers")
    page.get_by_role("link", name="Dana Whitcombe").click()
    assert page.locator("h1").inner_text() == "Dana Whitcombe"
    assert page.locator("table.said tbody tr").count() == 3
    screenshot(page, "speaker")

    page.fill("header input[name=q]", "poisoned lake")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=*")
    assert page.locator("li.hit").count() > 0
    assert page.locator("li.hit mark").count() > 0
    screenshot(page, "search")

    page.goto(f"{live_url}/analyze")
    page.fill("textarea[name=text]", '"The ferry runs late <b>again</b>," said Ana Lindqvist.')
    page.get_by_role("button", name="Analyze").click()
    assert page.locator("#article-text .hl-speaker").inner_text() == "Ana Lindqvist"
    assert "<b>again</b>" in page.locator("#article-text").inner_text()
    assert not page.js_errors, page.js_errors
    screenshot(page, "analyze")
