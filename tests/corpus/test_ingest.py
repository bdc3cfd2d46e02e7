"""Corpus ingest: idempotence, bad records, claims, crash recovery, concurrent writers."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

from fake_analyzer import analyze_batch

from claimgraph.corpus import ClaimKeeper, ingest, ingest_records
from claimgraph.errors import ClaimgraphError
from claimgraph.model import Article
from claimgraph.store import Store
from conftest import FAKE, cli, write_corpus


def snapshot(db: Path) -> dict[str, object]:
    """Everything a store holds that a rerun must reproduce."""
    with Store.open(db) as s:
        q = s.db.execute
        return {
            "counts": s.counts().to_dict(),
            "articles": sorted(q("SELECT id, title, outlet, published, text FROM articles")),
            "statements": sorted(q("SELECT article_id, sid, data FROM statements")),
            "speakers": sorted(q("SELECT name, type FROM entities")),
            "claims": sorted(q("SELECT id, text FROM claims")),
            "members": sorted(q("SELECT article_id, sid, claim_id, stance FROM claim_members")),
            "integrity": s.integrity(),
        }


def test_ingest_twice_no_duplicates(tmp_path: Path, corpus: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        r1 = ingest(store, [str(corpus)], analyzer=analyze_batch, batch_size=8)
        assert (r1.read, r1.added, r1.skipped, r1.failed) == (40, 40, 0, 0)
        before = snapshot(tmp_path / "s.db")
        r2 = ingest(store, [str(corpus), str(corpus)], analyzer=analyze_batch)
        assert (r2.added, r2.skipped) == (0, 80)
        assert snapshot(tmp_path / "s.db") == before
    c = before["counts"]
    assert c == {"articles": 40, "statements": 80, "speakers": 6, "claims": c["claims"],  # type: ignore[index]
                 "reprints": 0}  # fmt: skip


def test_claims_grouped_and_contested(tmp_path: Path, corpus: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        ingest(store, [str(corpus)], analyzer=analyze_batch)
        top = store.claims(limit=5)
        assert top, "statements about five topics should give claims"
        assert top[0].supporters >= 1 and top[0].deniers >= 1
        d = top[0].to_dict()
        assert {"id", "text", "statements"} <= set(d)
        assert all({"speaker", "stance", "article", "date"} <= set(s) for s in d["statements"])
        # the timeline is in date order
        dates = [s["date"] for s in d["statements"]]
        assert dates == sorted(dates)


def test_bad_records_reported_good_kept(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Ines Okafor said that the quay is safe.", encoding="utf-8")
    (src / "b.txt").write_bytes(b"\x00\x01\x02 binary")
    (src / "c.jsonl").write_text(
        '{"text": "Rui Damas said that the quay is not safe."}\n{oops\n'
        '{"text": "EXPLODE said that nothing works."}\n{"text": "   "}\n',
        encoding="utf-8",
    )
    errors: list[ClaimgraphError] = []
    with Store.open(tmp_path / "s.db") as store:
        rep = ingest(store, [str(src)], analyzer=analyze_batch, on_error=errors.append)
        assert rep.added == 2 and store.counts().articles == 2
    wheres = sorted(e.where or "" for e in errors)
    assert len(wheres) == 4
    assert any(w.endswith("b.txt") for w in wheres)
    assert any(w.endswith("c.jsonl:2") for w in wheres)
    assert any(w.endswith("c.jsonl:3") for w in wheres)  # the analyzer failed on it
    assert any(w.endswith("c.jsonl:4") for w in wheres)  # empty text


def test_cli_exit_code_and_one_line_per_error(tmp_path: Path, corpus: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Ok Person said that all is fine."}\nnot json\n', encoding="utf-8")
    db = str(tmp_path / "s.db")
    p = cli(["ingest", str(bad), str(tmp_path / "missing.txt"), "--db", db, *FAKE,
             "--format", "json"])  # fmt: skip
    assert p.returncode == 2
    err = p.stderr.read()  # type: ignore[union-attr]
    lines = [ln for ln in err.splitlines() if ln.startswith("error:")]
    assert len(lines) == 2
    assert "bad.jsonl:2" in lines[0] and "missing.txt" in lines[1]
    assert "2 record(s) failed" in err
    out = json.loads(p.stdout.read())  # type: ignore[union-attr]
    assert out["report"]["added"] == 1 and out["store"]["articles"] == 1


def test_sigkill_midway_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "big.jsonl", 60)
    killed, clean = tmp_path / "killed.db", tmp_path / "clean.db"
    args = ["ingest", str(corpus), *FAKE, "--batch-size", "4"]
    p = cli([*args, "--db", str(killed)], delay=0.05, wait=False)
    deadline = time.monotonic() + 60
    n = 0
    while time.monotonic() < deadline:
        if killed.exists():
            try:
                with Store.open(killed) as s:
                    n = s.counts().articles
            except ClaimgraphError:
                n = 0
            if n >= 12:
                break
        time.sleep(0.05)
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=30)
    assert p.returncode == -signal.SIGKILL
    with Store.open(killed) as s:
        at_kill = s.counts().articles
    assert 12 <= at_kill < 60, f"the kill should land mid-batch, not at {at_kill}"
    again = cli([*args, "--db", str(killed)])
    assert again.returncode == 0, again.stderr.read()  # type: ignore[union-attr]
    assert f"{60 - at_kill} articles added" in again.stdout.read()  # type: ignore[union-attr]
    assert cli([*args, "--db", str(clean)]).returncode == 0
    assert snapshot(killed) == snapshot(clean)


def test_two_ingests_at_once(tmp_path: Path) -> None:
    a = write_corpus(tmp_path / "a.jsonl", 40, start=0)
    b = write_corpus(tmp_path / "b.jsonl", 40, start=20)  # 20 articles in common
    db = str(tmp_path / "s.db")
    procs = [
        cli(["ingest", str(src), "--db", db, *FAKE, "--batch-size", "2"], delay=0.01, wait=False)
        for src in (a, b)
    ]
    for p in procs:
        p.wait(timeout=120)
        assert p.returncode == 0, p.stderr.read()  # type: ignore[union-attr]
    snap = snapshot(Path(db))
    assert snap["integrity"] == "ok"
    assert snap["counts"]["articles"] == 60  # type: ignore[index]
    assert snap["counts"]["statements"] == 120  # type: ignore[index]
    with Store.open(db) as s:
        ids = [r[0] for r in s.db.execute("SELECT article_id FROM statements")]
        assert len(ids) == 120 and len(set(ids)) == 60


def test_track_merge_split_persist(tmp_path: Path) -> None:
    arts = [
        Article(text=t, published=f"2026-03-0{i}")
        for i, t in enumerate(
            [
                "Ines Okafor said that the harbour will close in May.",
                "Rui Damas denied that the harbour will close in May.",
                "Lea Varga said that ferry fares will rise.",
            ],
            start=1,
        )
    ]
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        keeper = ClaimKeeper(store)
        t = keeper.track("ferry fares going up").claim
        assert keeper.track("ferry fares going up").claim.id == t.id  # tracking is idempotent
        ingest_records(store, arts, analyzer=analyze_batch)
        assert t.id in store.tracked()
        claims = store.claims(limit=10)
        harbour = next(c for c in claims if "harbour" in c.text)
        assert (harbour.supporters, harbour.deniers) == (1, 1)
        # the statement about fares joined the claim the user tracks
        fares = store.claim(t.id)
        assert fares is not None and [e.record.speaker for e in fares.statements] == ["Lea Varga"]
        keeper = ClaimKeeper(store)
        merged = keeper.merge(harbour.id, fares.id)
        assert len(merged.statements) == 3
    with Store.open(db) as store:  # it persisted
        assert store.claim(fares.id) is None
        v = store.claim(harbour.id)
        assert v is not None and len(v.statements) == 3
        key = v.statements[-1].record.key
        rest, new = ClaimKeeper(store).split(harbour.id, [key])
        assert len(rest.statements) == 2 and len(new.statements) == 1
        assert store.claim(new.id) is not None
        assert [e.record.key for e in store.claim(new.id).statements] == [key]  # type: ignore[union-attr]


def test_stdin_and_quiet_progress(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from conftest import HERE

    env = dict(os.environ, PYTHONPATH=str(HERE))
    data = '{"text": "Nina Holt said that the ferry is late.", "outlet": "Valley Post"}\n'
    p = subprocess.run(
        [sys.executable, "-m", "claimgraph", "ingest", "-", "--db", str(tmp_path / "s.db"), *FAKE],
        input=data, capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert "1 articles added (1 statements)" in p.stdout
    assert p.stderr == ""  # no progress bar when standard error is not a terminal
    with Store.open(tmp_path / "s.db") as s:
        (rec,) = s.statements(speaker="Holt")
        assert rec.article.outlet == "Valley Post" and rec.speaker == "Nina Holt"
