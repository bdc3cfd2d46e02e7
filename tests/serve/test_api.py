"""The JSON API against a real SQLite store (a temp file) holding the fictional corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimgraph.serve import create_app

from .conftest import quote_analyzer
from .corpus import SPILL_CLAIM, Corpus


def error_of(resp: object, status: int, code: str) -> dict[str, object]:
    """The error of a response, after checking its status, shape and code."""
    assert resp.status_code == status, resp.text  # type: ignore[attr-defined]
    body = resp.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"}, body
    err = body["error"]
    assert err["code"] == code and isinstance(err["message"], str) and err["message"]
    return err  # type: ignore[no-any-return]


def test_stats(client: TestClient) -> None:
    assert client.get("/api/stats").json() == {
        "articles": 3,
        "statements": 9,
        "speakers": 6,
        "claims": 2,
        "reprints": 0,
    }


def test_articles_page_with_total_and_next(client: TestClient, corpus: Corpus) -> None:
    first = client.get("/api/articles", params={"limit": 2}).json()
    assert first["total"] == 3 and first["limit"] == 2 and first["offset"] == 0
    assert [a["id"] for a in first["items"]] == [corpus.c.article.id, corpus.b.article.id]
    assert first["next"] == "/api/articles?limit=2&offset=2"
    second = client.get(first["next"]).json()
    assert [a["id"] for a in second["items"]] == [corpus.a.article.id]
    assert second["next"] is None


@pytest.mark.parametrize("limit", [0, 101, -1])
def test_limit_is_capped(client: TestClient, limit: int) -> None:
    err = error_of(client.get("/api/articles", params={"limit": limit}), 422, "CG422")
    assert "limit" in str(err["message"])


def test_article_by_id_and_prefix(client: TestClient, corpus: Corpus) -> None:
    aid = corpus.b.article.id
    full = client.get(f"/api/articles/{aid}").json()
    assert full["article"]["id"] == aid and full["text"] == corpus.b.text
    assert [s["id"] for s in full["statements"]] == ["S1", "S2", "S3", "S4"]
    # offsets index into text
    for s in full["statements"]:
        c = s["content"]
        assert full["text"][c["start"] : c["end"]] == c["text"]
    assert client.get(f"/api/articles/{aid[:10]}").json()["article"]["id"] == aid


def test_missing_and_malformed_article(client: TestClient) -> None:
    error_of(client.get("/api/articles/" + "0" * 64), 404, "CG310")
    error_of(client.get("/api/articles/not-hex!"), 422, "CG422")


def test_article_statements_carry_speakers_and_claims(client: TestClient, corpus: Corpus) -> None:
    page = client.get(f"/api/articles/{corpus.b.article.id}/statements").json()
    by_key = {r["key"].split(":")[1]: r for r in page["items"]}
    assert by_key["S2"]["speaker"] == "Dana Whitcombe"
    assert by_key["S2"]["claim"] == corpus.spill and by_key["S2"]["stance"] == "denies"


def test_statements_filtered_by_speaker_name_and_claim(client: TestClient, corpus: Corpus) -> None:
    said = client.get("/api/statements", params={"speaker": "Whitcombe"}).json()
    assert len(said["items"]) == 3
    assert {r["speaker"] for r in said["items"]} == {"Dana Whitcombe"}
    inspect = client.get("/api/statements", params={"claim": corpus.inspectors}).json()
    assert [r["relay"] for r in inspect["items"]] == [["Associated Press"]]
    error_of(client.get("/api/statements", params={"speaker": "Nobody Atall"}), 404, "CG310")


def test_speakers(client: TestClient) -> None:
    speakers = client.get("/api/speakers").json()
    assert speakers["total"] == 6
    top = speakers["items"][0]
    assert top["name"] == "Dana Whitcombe" and top["statements"] == 3
    assert client.get(f"/api/speakers/{top['id']}").json()["name"] == "Dana Whitcombe"
    assert client.get("/api/speakers/Whitcombe").json()["id"] == top["id"]
    said = client.get(f"/api/speakers/{top['id']}/statements", params={"limit": 2}).json()
    assert said["total"] == 3 and len(said["items"]) == 2 and said["next"]
    error_of(client.get("/api/speakers/987654"), 404, "CG310")
    error_of(client.get("/api/speakers/²"), 404, "CG310")  # a digit, but not an id
    error_of(client.get("/api/speakers/%20"), 404, "CG310")
    found = client.get("/api/speakers", params={"q": "okafor"}).json()
    assert [s["name"] for s in found["items"]] == ["Mira Okafor"]


def test_claims_ranked_and_claim_timeline(client: TestClient, corpus: Corpus) -> None:
    claims = client.get("/api/claims").json()
    assert [c["id"] for c in claims["items"]] == [corpus.spill, corpus.inspectors]
    assert "statements" not in claims["items"][0]
    claim = client.get(f"/api/claims/{corpus.spill}").json()
    assert claim["text"] == SPILL_CLAIM
    assert claim["supporters"] == 3 and claim["deniers"] == 2 and claim["others"] == 1
    assert claim["breakdown"] == {
        "asserts": 1,
        "supports": 2,
        "denies": 4,
        "calls_for_investigation": 1,
    }
    dates = [s["date"] for s in claim["statements"]]
    assert dates == sorted(dates) and dates[0] == "2026-03-01"
    assert claim["statements"][0]["role"] == "first report"
    error_of(client.get("/api/claims/Cnothing"), 404, "CG310")
    assert claim["statements_total"] == 8 and claim["next"] is None


def test_claim_timeline_comes_in_windows(client: TestClient, corpus: Corpus) -> None:
    """A claim can gather thousands of statements: its timeline is read a window at a
    time (limit/offset), while the counts and the breakdown cover all of it."""
    whole = client.get(f"/api/claims/{corpus.spill}").json()
    first = client.get(f"/api/claims/{corpus.spill}", params={"limit": 3}).json()
    assert len(first["statements"]) == 3 and first["statements_total"] == 8
    assert first["statements"] == whole["statements"][:3]
    assert first["breakdown"] == whole["breakdown"]
    assert (first["supporters"], first["deniers"]) == (whole["supporters"], whole["deniers"])
    assert first["next"] == f"/api/claims/{corpus.spill}?limit=3&offset=3"
    last = client.get(first["next"].replace("offset=3", "offset=6")).json()
    assert last["statements"] == whole["statements"][6:] and last["next"] is None
    past = client.get(f"/api/claims/{corpus.spill}", params={"offset": 50}).json()
    assert past["statements"] == [] and past["statements_total"] == 8


def test_search(client: TestClient, corpus: Corpus) -> None:
    hits = client.get("/api/search", params={"q": "poisoned"}).json()["items"]
    assert hits and hits[0]["type"] == "statement"
    assert all("\x02" in h["snippet"] and "\x03" in h["snippet"] for h in hits)
    assert {h["article"]["id"] for h in hits} >= {corpus.a.article.id, corpus.b.article.id}
    error_of(client.get("/api/search", params={"q": '" "'}), 422, "CG422")
    error_of(client.get("/api/search"), 422, "CG422")


def test_one_error_shape_for_http_failures(client: TestClient) -> None:
    error_of(client.get("/api/nothing-here"), 404, "CG404")
    resp = client.delete("/api/articles")
    error_of(resp, 405, "CG405")
    assert resp.headers["allow"] == "GET, POST"
    # the API answers JSON even to a browser
    resp = client.get("/api/nothing-here", headers={"accept": "text/html"})
    assert resp.headers["content-type"].startswith("application/json")


def test_security_headers_everywhere(client: TestClient, corpus: Corpus) -> None:
    for url in ("/api/stats", "/", f"/articles/{corpus.b.article.id}", "/api/nothing"):
        h = client.get(url).headers
        assert "script-src 'self'" in h["content-security-policy"]
        assert "'unsafe-inline'" not in h["content-security-policy"]
        assert h["x-content-type-options"] == "nosniff"


# -- writing ---------------------------------------------------------------------------


@pytest.fixture()
def writer(fresh_db: Path) -> Iterator[TestClient]:
    app = create_app(fresh_db, token="s3cret", allow_write=True, analyzer=quote_analyzer)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


NEW = '"The ferry will run again on Friday," said Ana Lindqvist. Lake Verna stays closed.\n'
AUTH = {"authorization": "Bearer s3cret"}


def test_read_only_server_refuses_writes_but_analyses(client: TestClient) -> None:
    error_of(client.post("/api/articles", json={"text": NEW}), 403, "CG403")
    resp = client.post("/api/articles", json={"text": NEW, "store": False})
    assert resp.status_code == 200
    body = resp.json()
    assert body["stored"] is False and body["statements"] == 1
    assert body["analysis"]["statements"][0]["speaker"]["name"] == "Ana Lindqvist"
    assert client.get(f"/api/articles/{body['article']}").status_code == 404
    # a read-only server never fetches
    error_of(
        client.post("/api/articles", json={"fetch": "https://example.org/", "store": False}),
        403,
        "CG403",
    )


def test_write_needs_the_token(writer: TestClient) -> None:
    resp = writer.post("/api/articles", json={"text": NEW})
    error_of(resp, 401, "CG401")
    assert resp.headers["www-authenticate"] == "Bearer"
    bad = {"authorization": "Bearer wrong"}
    error_of(writer.post("/api/articles", json={"text": NEW}, headers=bad), 401, "CG401")


def test_write_stores_the_article_with_claims(writer: TestClient) -> None:
    resp = writer.post(
        "/api/articles",
        json={"text": NEW, "title": "Ferry back", "published": "2026-03-06"},
        headers=AUTH,
    )
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert body["stored"] is True and body["statements"] == 1 and len(body["claims"]) == 1
    got = writer.get(f"/api/articles/{body['article']}").json()
    assert got["article"]["title"] == "Ferry back"
    assert writer.get(f"/api/claims/{body['claims'][0]}").status_code == 200
    again = writer.post("/api/articles", json={"text": NEW}, headers=AUTH).json()
    assert again["stored"] is False
    assert writer.get("/api/stats").json()["articles"] == 4


def test_write_html(writer: TestClient) -> None:
    page = (
        "<html><head><title>Ferry news</title></head><body><article><h1>Ferry news</h1>"
        "<p>The ferry service on Lake Verna resumed on Friday after a week of repairs to "
        "the landing stage, and the first crossing left on time in calm weather.</p>"
        '<p>"The ferry will run again on Friday," said Ana Lindqvist, who runs it.</p>'
        "</article></body></html>"
    )
    resp = writer.post("/api/articles", json={"html": page, "store": False}, headers=AUTH)
    assert resp.status_code == 200, resp.text
    text = resp.json()["analysis"]["text"]
    assert "<p>" not in text and "said Ana Lindqvist" in text


def test_fetch_refuses_private_addresses(writer: TestClient) -> None:
    for url in ("http://127.0.0.1:9/", "http://169.254.169.254/latest/", "http://10.0.0.1/"):
        err = error_of(
            writer.post("/api/articles", json={"fetch": url}, headers=AUTH), 400, "CG120"
        )
        assert "refused" in str(err["message"])


def test_bad_write_bodies(writer: TestClient) -> None:
    error_of(writer.post("/api/articles", json={}, headers=AUTH), 422, "CG422")
    both = {"text": "a", "html": "<p>b</p>"}
    error_of(writer.post("/api/articles", json=both, headers=AUTH), 422, "CG422")
    error_of(writer.post("/api/articles", json={"text": "   "}, headers=AUTH), 400, "CG100")
    error_of(
        writer.post(
            "/api/articles",
            content=b"{not json",
            headers={**AUTH, "content-type": "application/json"},
        ),
        422,
        "CG422",
    )


def test_body_over_the_limit_gets_413(fresh_db: Path) -> None:
    app = create_app(fresh_db, allow_write=True, max_body=10_000, analyzer=quote_analyzer)
    with TestClient(app) as c:
        big = {"text": "word " * 5_000}
        err = error_of(c.post("/api/articles", json=big), 413, "CG413")
        assert err["limit"] == 10_000

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted while read
            yield b'{"text": "'
            for _ in range(100):
                yield b"x" * 1_000
            yield b'"}'

        resp = c.post(
            "/api/articles", content=chunks(), headers={"content-type": "application/json"}
        )
        error_of(resp, 413, "CG413")
        # and the analyze form too
        error_of(c.post("/analyze", data={"text": "y" * 20_000}), 413, "CG413")
