"""Pages cite an article by its title, outlet and date; its id is only in the link."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from .corpus import Corpus

HEX_ID = re.compile(r">[^<]*\b(?:article )?[0-9a-f]{10,}\b[^<]*<")


def _no_bare_id(html: str) -> None:
    assert not HEX_ID.search(html), HEX_ID.search(html)


def test_claim_cards_cite_title_outlet_date(client: TestClient, corpus: Corpus) -> None:
    html = client.get(f"/claims/{corpus.spill}").text
    assert 'class="article-ref"' in html
    assert "Chemical spill reported in Lake Verna" in html
    assert "Riverside Courier" in html
    assert corpus.a.article.published and corpus.a.article.published[:10] in html
    assert f'href="/articles/{corpus.a.article.id}#S1"' in html
    _no_bare_id(html)


def test_speaker_and_search_pages_cite_titles(client: TestClient, corpus: Corpus) -> None:
    html = client.get("/speakers/Mira Okafor").text
    assert "Chemical spill reported in Lake Verna" in html and "Riverside Courier" in html
    _no_bare_id(html)
    html = client.get("/search", params={"q": "spill"}).text
    assert "Health officials call for tests at Lake Verna" in html
    _no_bare_id(html)
