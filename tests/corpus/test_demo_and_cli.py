"""The demo corpus through the real pipeline, the query commands, and the exports."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.corpus import DEMO_PATH


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, nlp) -> str:  # type: ignore[no-untyped-def]
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    r = CliRunner().invoke(main, ["demo", "--db", db])
    assert r.exit_code == 0, r.output
    assert "Try next" in r.output
    return db


def run(*args: str) -> str:
    r = CliRunner().invoke(main, list(args))
    assert r.exit_code == 0, r.output
    return r.output


def test_demo_corpus_is_ours_and_big_enough() -> None:
    recs = [json.loads(ln) for ln in DEMO_PATH.read_text(encoding="utf-8").splitlines()]
    assert len(recs) >= 30
    assert all(r["text"] and r["published"] and r["outlet"] for r in recs)
    dates = sorted(r["published"] for r in recs)
    assert dates[0] < "2026-03-08" and dates[-1] > "2026-04-05"  # several weeks
    assert len({r["outlet"] for r in recs}) >= 4


def test_demo_loaded_once(demo_db: str) -> None:
    again = CliRunner().invoke(main, ["demo", "--db", demo_db])
    assert again.exit_code == 0 and "0 articles added, 33 already there" in again.output
    counts = json.loads(run("ingest", str(DEMO_PATH), "--db", demo_db, "--format", "json"))
    assert counts["store"]["articles"] == 33 and counts["store"]["reprints"] >= 2


def test_who_by_surname(demo_db: str) -> None:
    d = json.loads(run("who", "Velasco", "--db", demo_db, "--format", "json"))
    assert d["speaker"]["name"] == "Marta Velasco"
    dates = [s["date"] for s in d["statements"]]
    assert len(dates) >= 5 and dates == sorted(dates)
    assert "Marta Velasco" in run("who", "Marta Velasco", "--db", demo_db)


def test_who_unknown_is_a_clear_error(demo_db: str) -> None:
    r = CliRunner().invoke(main, ["who", "Nobody Here", "--db", demo_db])
    assert r.exit_code != 0 and "no speaker called 'Nobody Here'" in r.output


def test_claims_json_shape_and_claim_timeline(demo_db: str) -> None:
    claims = json.loads(run("claims", "--db", demo_db, "--format", "json", "--limit", "5"))
    assert claims and claims[0]["supporters"] >= 1 and claims[0]["deniers"] >= 1
    for c in claims:
        assert {"id", "text", "statements"} <= set(c)
        for s in c["statements"]:
            assert {"speaker", "stance", "article", "date"} <= set(s)
    cid = claims[0]["id"]
    tl = json.loads(run("claim", cid, "--db", demo_db, "--format", "json"))
    roles = [s["role"] for s in tl["statements"]]
    first = next(s for s in tl["statements"] if s["stance"] in ("asserts", "supports"))
    assert first["role"] == "first report" and roles.count("first report") == 1
    assert (tl["supporters"], tl["deniers"]) == (claims[0]["supporters"], claims[0]["deniers"])
    assert cid in run("claim", cid, "--db", demo_db)


def test_reprints_folded_in_a_claim(demo_db: str) -> None:
    claims = json.loads(run("claims", "--db", demo_db, "--format", "json", "--limit", "200"))
    folded = [s for c in claims for s in c["statements"] if s["reprinted_in"]]
    assert folded, "wire stories reprinted by other outlets should be folded into one entry"


def test_search(demo_db: str) -> None:
    hits = json.loads(run("search", "leak", "--db", demo_db, "--format", "json"))
    assert hits and any(h["type"] == "statement" for h in hits)
    assert "\x02leak\x03" in " ".join(h["snippet"].lower() for h in hits)  # match markers


def test_speakers(demo_db: str) -> None:
    sp = json.loads(run("speakers", "--db", demo_db, "--format", "json"))
    names = {s["name"] for s in sp}
    assert {"Marta Velasco", "Helena Strand", "Tomas Brenner"} <= names
    anon = [s for s in sp if s["anonymous"]]
    assert anon, "anonymous sources are kept as speakers of their own"


def test_exports(demo_db: str, tmp_path: Path) -> None:
    jl = run("export", "statements", "--db", demo_db)
    rows = [json.loads(ln) for ln in jl.splitlines() if ln.startswith("{")]
    assert len(rows) > 50 and all("speaker" in r for r in rows)
    out = tmp_path / "s.csv"
    run("export", "statements", "--format", "csv", "-o", str(out), "--db", demo_db)
    table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(table) == len(rows) and table[0]["content"]
    g = tmp_path / "g.graphml"
    run("export", "graph", "-o", str(g), "--db", demo_db)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(g).getroot()
    nodes = root.findall(".//g:node", ns)
    edges = root.findall(".//g:edge", ns)
    ids = {n.get("id") for n in nodes}
    assert nodes and edges and all(e.get("source") in ids and e.get("target") in ids for e in edges)
    stances = {d.text for e in edges for d in e.findall("g:data", ns) if d.get("key") == "stance"}
    assert "denies" in stances
    cid = json.loads(run("claims", "--db", demo_db, "--format", "json", "--limit", "1"))[0]["id"]
    review = json.loads(run("export", "claimreview", cid, "--db", demo_db))
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] and review["itemReviewed"]["@type"] == "Claim"
    assert "reviewRating" not in review  # claimgraph never rates a claim by itself
    apps = review["itemReviewed"]["appearance"]
    assert apps and all(None not in a.values() for a in apps)
    assert all(a["author"]["name"] and a["headline"] and a["datePublished"] for a in apps)
    types = {a["author"]["@type"] for a in apps}
    assert types <= {"Person", "Organization", "Thing"}


def test_review_sets_the_only_rating(demo_db: str, tmp_path: Path) -> None:
    import shutil

    db = str(tmp_path / "r.db")
    shutil.copy(demo_db, db)
    cid = json.loads(run("claims", "--db", db, "--format", "json", "--limit", "1"))[0]["id"]
    assert "no rating" in run("review", cid, "--db", db)
    run("review", cid, "--rating", "2", "--rating-text", "Mostly false", "--by", "Desk", "--db", db)
    assert "2 of 1..5 (Mostly false) by Desk" in run("review", cid, "--db", db)
    doc = json.loads(
        run("export", "claimreview", cid, "--db", db, "--base-url", "https://news.example/cg/")
    )
    r = doc["reviewRating"]
    assert (r["ratingValue"], r["bestRating"], r["worstRating"], r["alternateName"]) == (
        2, 5, 1, "Mostly false",
    )  # fmt: skip
    assert doc["author"]["name"] == "Desk" and doc["url"] == f"https://news.example/cg/claims/{cid}"
    apps = doc["itemReviewed"]["appearance"]
    assert all(a["url"].startswith(("http://", "https://")) for a in apps)
    bad = CliRunner().invoke(main, ["review", cid, "--rating", "9", "--db", db])
    assert bad.exit_code != 0 and "outside 1..5" in bad.output
    assert "removed" in run("review", cid, "--clear", "--db", db)
    assert "reviewRating" not in json.loads(run("export", "claimreview", cid, "--db", db))
    missing = CliRunner().invoke(main, ["review", "Cnope", "--rating", "3", "--db", db])
    assert missing.exit_code != 0 and "Cnope" in missing.output


def test_track_then_merge_via_cli(demo_db: str, tmp_path: Path) -> None:
    import shutil

    db = str(tmp_path / "copy.db")
    with __import__("claimgraph.store", fromlist=["Store"]).Store.open(demo_db) as s:
        s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(demo_db, db)
    out = run("track", "the dam is leaking", "--db", db, "--format", "json")
    tracked = json.loads(out)["id"]
    claims = json.loads(run("claims", "--db", db, "--format", "json", "--limit", "2"))
    other = next(c["id"] for c in claims if c["id"] != tracked)
    assert "now has" in run("merge", tracked, other, "--db", db)
    r = CliRunner().invoke(main, ["claim", other, "--db", db])
    assert r.exit_code != 0


def test_every_corpus_command_has_help() -> None:
    for cmd in ["ingest", "demo", "who", "speakers", "claims", "claim", "search", "track",
                "merge", "split"]:  # fmt: skip
        out = run(cmd, "--help")
        assert "Usage:" in out and len(out.splitlines()) > 4
    for sub in ["statements", "graph", "claimreview"]:
        assert "Usage:" in run("export", sub, "--help")


def test_demo_try_next_lines_run_as_printed(demo_db: str, tmp_path: Path) -> None:
    """Before the environment is activated, the demo prints the launcher's path; every
    line it suggests (but the server) then runs as printed."""
    import os
    import shutil
    import subprocess
    import sys

    launcher = Path(sys.executable).parent / "claimgraph"
    if not launcher.exists():
        pytest.skip("no claimgraph launcher beside this interpreter")
    db = tmp_path / "copy of demo.db"  # a space: the --db argument must be quoted
    shutil.copy(demo_db, db)
    env = {k: v for k, v in os.environ.items() if k != "CLAIMGRAPH_DB"}
    env["PATH"] = "/usr/bin:/bin"  # the environment is not activated
    out = subprocess.run(
        [str(launcher), "demo", "--db", str(db)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300, check=True,
    ).stdout  # fmt: skip
    lines = out.split("Try next:\n", 1)[1].splitlines()
    commands = [ln.split("  #", 1)[0].strip() for ln in lines if ln.startswith("  ")]
    assert len(commands) >= 7
    assert all(c.startswith(str(launcher)) for c in commands), commands
    assert "CLAIM_ID" not in out and " ID " not in out
    for command in commands:
        if " serve" in command:
            continue
        r = subprocess.run(
            ["bash", "-c", command], capture_output=True, text=True, env=env, cwd=tmp_path,
            timeout=120,
        )  # fmt: skip
        assert r.returncode == 0, f"{command}: {r.stderr}"
    assert (tmp_path / "demo.graphml").exists()
