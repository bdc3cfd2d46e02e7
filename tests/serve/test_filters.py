"""List filters (date range, outlet, stance, speaker type) in the URL, counts on every
list, the statements list, speaker sentences and the network page's data."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from claimgraph.model import Analysis, Article, Kind, Span, Speaker, SpeakerType, Statement
from claimgraph.serve import create_app
from claimgraph.store import StatementRecord, Store
from claimgraph.store import filters as flt

from .corpus import Corpus


def _all(corpus: Corpus) -> list[StatementRecord]:
    with Store.open(corpus.path, readonly=True) as store:
        return store.statements(limit=10_000)


def _matches(r: StatementRecord, f: flt.Filters, types: dict[int, str]) -> bool:
    """The filters' meaning, restated: a speaker's type is that of the speaker merged
    across articles, else the statement's own."""
    day = (r.date or "")[:10]
    sp = r.statement.speaker
    typ = types[r.entity_id] if r.entity_id is not None else (sp.type.value if sp else None)
    return (
        (not f.date_from or (bool(day) and day >= f.date_from))
        and (not f.date_to or (bool(day) and day <= f.date_to))
        and (not f.outlet or r.article.outlet == f.outlet)
        and (not f.stance or (r.claim_stance or r.statement.stance) == f.stance)
        and (not f.speaker_type or typ == f.speaker_type.value)
    )


def _total(html: str) -> int:
    m = re.search(r'class="count" data-total="(\d+)"', html)
    assert m, html[:500]
    return int(m.group(1))


CASES: list[dict[str, str]] = [
    {},
    {"stance": "denies"},
    {"outlet": "Harbor Ledger"},
    {"from": "2026-03-02", "to": "2026-03-04"},
    {"from": "2026-03-04"},
    {"speaker_type": "person"},
    {"stance": "denies", "speaker_type": "person", "to": "2026-03-03"},
]


@pytest.mark.parametrize("params", CASES, ids=[json.dumps(c) for c in CASES])
def test_statement_filters_count_what_matches(
    client: TestClient, corpus: Corpus, params: dict[str, str]
) -> None:
    with Store.open(corpus.path, readonly=True) as store:
        f = flt.Filters(
            date_from=params.get("from"),
            date_to=params.get("to"),
            outlet=params.get("outlet"),
            stance=flt.Stance(params["stance"]) if "stance" in params else None,
            speaker_type=flt.SpeakerType(params["speaker_type"]) if "speaker_type" in params
            else None,
        )  # fmt: skip
        types = {sp.id: sp.type for sp in store.speakers(limit=1000)}
        want = [r for r in _all(corpus) if _matches(r, f, types)]
        got, total = flt.statements(store, f, limit=1000)
        assert total == len(got) == len(want)
        assert {r.key for r in got} == {r.key for r in want}
        speakers, n_sp = flt.speakers(store, f)
        assert n_sp == len(speakers) == len({r.entity_id for r in want if r.entity_id})
        claims, n_cl = flt.claims(store, f)
        assert n_cl == len(claims) == len({r.claim_id for r in want if r.claim_id})
    html = client.get("/statements", params=params).text
    assert _total(html) == len(want)
    assert _total(client.get("/claims", params=params).text) == n_cl
    assert _total(client.get("/speakers", params=params).text) == n_sp
    # the form shows the filters it applied, so the URL is the view
    for key, value in params.items():
        if key in ("from", "to"):
            assert f'name="{key}" value="{value}"' in html
        else:
            assert f'value="{value}" selected' in html


def test_filters_are_carried_by_the_pager(client: TestClient) -> None:
    html = client.get("/statements", params={"stance": "denies", "limit": 1}).text
    nxt = re.search(r'href="(/statements\?[^"]+)">next', html)
    assert nxt and "stance=denies" in nxt.group(1).replace("&amp;", "&")


@pytest.mark.parametrize(
    ("params", "where"),
    [({"from": "yesterday"}, "from"), ({"stance": "angry"}, "stance"),
     ({"speaker_type": "robot"}, "speaker_type")],
)  # fmt: skip
def test_bad_filter_is_a_clear_400(client: TestClient, params: dict[str, str], where: str) -> None:
    r = client.get("/claims", params=params)
    assert r.status_code == 400 and where in r.text


def test_every_list_has_a_count(client: TestClient, corpus: Corpus) -> None:
    for path in ("/articles", "/claims", "/statements", "/speakers", "/speakers/Mira Okafor"):
        assert _total(client.get(path).text) > 0, path


def test_speaker_page_shows_the_sentence(fresh_db: Path) -> None:
    text = (
        "Ferry talks stall\n\nThe talks failed again. Rosa Lindqvist said that the crews "
        "would stay ashore. Boats idled.\n"
    )
    start = text.index("Rosa")
    content = text.index("the crews")
    st = Statement(
        id="S1",
        kind=Kind.INDIRECT,
        content=Span.of(text, content, text.index(". Boats")),
        speaker=Speaker(Span.of(text, start, start + 13), "Rosa Lindqvist", SpeakerType.PERSON),
        cue=Span.of(text, start + 14, start + 18),
        sentence=Span.of(text, start, text.index(" Boats")),
    )
    art = Article(text=text, title="Ferry talks stall", outlet="Coast Wire", published="2026-03-10")
    with Store.open(fresh_db) as store:
        store.add(Analysis(art, (st,)))
    with TestClient(create_app(fresh_db)) as c:
        html = c.get("/speakers/Rosa Lindqvist").text
    assert (
        '<span class="sentence">Rosa Lindqvist said that <mark class="said">the crews would stay'
        " ashore</mark>.</span>"
    ) in html
    assert "Ferry talks stall" in html and "Coast Wire" in html and "2026-03-10" in html


def test_network_data(corpus: Corpus) -> None:
    with Store.open(corpus.path, readonly=True) as store:
        g: dict[str, Any] = flt.network(store, flt.Filters())
        ids = {n["id"] for n in g["nodes"]}
        assert g["edges"] and all(e["source"] in ids and e["target"] in ids for e in g["edges"])
        assert {e["stance"] for e in g["edges"]} >= {"denies", "asserts"}
        assert all(n["href"].startswith(("/claims/", "/speakers/")) for n in g["nodes"])
        only = flt.network(store, flt.Filters(stance=flt.Stance.DENIES))
        assert {e["stance"] for e in only["edges"]} == {"denies"}


def test_api_lists_take_the_same_filters(client: TestClient, corpus: Corpus) -> None:
    params = {"stance": "denies", "to": "2026-03-04"}
    page = client.get("/api/statements", params=params).json()
    html_total = _total(client.get("/statements", params=params).text)
    assert page["total"] == html_total == len(page["items"]) > 0
    assert {i["stance"] for i in page["items"]} == {"denies"}
    assert all(i["date"][:10] <= "2026-03-04" for i in page["items"])
    whit = client.get("/api/statements", params={**params, "speaker": "Dana Whitcombe"}).json()
    assert 0 < whit["total"] <= page["total"]
    assert {i["speaker"] for i in whit["items"]} == {"Dana Whitcombe"}
    claims = client.get("/api/claims", params={"outlet": "Valley Times"}).json()
    assert claims["total"] == _total(client.get("/claims?outlet=Valley+Times").text) > 0
    sp = client.get("/api/speakers", params={"speaker_type": "person"}).json()
    assert sp["total"] > 0 and {s["type"] for s in sp["items"]} == {"person"}
    net = client.get("/api/network", params={"stance": "denies"}).json()
    assert net["edges"] and {e["stance"] for e in net["edges"]} == {"denies"}
    bad = client.get("/api/claims", params={"from": "2026-13-45"})
    assert bad.status_code == 400 and bad.json()["error"]["where"] == "from"
