"""A batch run on a small synthetic input, in process (LocalCluster with threads)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from claimgraph.batch import tables
from claimgraph.batch.load import read_shard
from claimgraph.batch.output import OutputDir
from claimgraph.batch.run import run
from claimgraph.model import Analysis, Article
from claimgraph.pipeline import analyze_many

from .conftest import articles, statement_tuples, write_jsonl


def _run(inputs: list[Path], out: Path, **kw: Any) -> Any:
    return run([str(p) for p in inputs], str(out), workers=1, processes=False, **kw)


@pytest.fixture(scope="module")
def first_run(small_input: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    out = tmp_path_factory.mktemp("batch-out") / "out"
    return out, _run([small_input], out, shard_size=5)


def test_parquet_has_the_schema_and_the_statements_of_analyze_many(
    first_run: tuple[Path, Any], small_input: Path, nlp: Any
) -> None:
    out, summary = first_run
    assert summary.shards == 3 and summary.processed == 3 and not summary.failed
    for name, schema in tables.SCHEMAS.items():
        files = sorted((out / name).glob("*.parquet"))
        assert len(files) == 3
        assert all(pq.read_schema(f).names == schema.names for f in files)
    # the JSON Lines reader keys an article by its content hash, not the record's "id"
    inputs = [Article.from_dict({**a, "id": ""}) for a in articles(12, seed=11)]
    direct = list(analyze_many(inputs, nlp=nlp))
    assert sum(len(a.statements) for a in direct) > 0, "the synthetic articles hold statements"
    assert summary.counts["articles"] == 12
    assert summary.counts["statements"] == sum(len(a.statements) for a in direct)
    output = OutputDir(str(out))
    back = [a for sid in sorted(output.finished()) for a in read_shard(output, sid)]
    by_id = {a.article.id: a for a in back}
    for a in direct:
        got = by_id[a.article.id]
        assert got.statements == a.statements
        assert got.entities == a.entities


def test_each_worker_reuses_one_pipeline(first_run: tuple[Path, Any]) -> None:
    _, summary = first_run
    assert len(summary.workers) == 1
    assert all(len(ids) == 1 for ids in summary.pipelines.values())
    assert all(mb > 50 for mb in summary.workers.values())  # spaCy is loaded


def test_rerun_skips_finished_shards(first_run: tuple[Path, Any], small_input: Path) -> None:
    out, first = first_run
    before = {p: p.stat().st_mtime_ns for p in (out / "statements").glob("*.parquet")}
    again = _run([small_input], out, shard_size=5)
    assert (again.resumed, again.processed) == (3, 0)
    assert again.counts == first.counts
    assert {p: p.stat().st_mtime_ns for p in (out / "statements").glob("*.parquet")} == before


def test_a_half_written_shard_is_redone(small_input: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run([small_input], out, shard_size=5)
    expected = statement_tuples(out)
    victim = sorted((out / "_done").glob("*.json"))[1]
    shard_id = victim.stem
    victim.unlink()  # as if killed before the marker
    (out / "statements" / f"{shard_id}.parquet").write_bytes(b"PAR1 torn")
    (out / "_tmp" / f"x-{shard_id}.parquet").write_bytes(b"half")
    again = _run([small_input], out, shard_size=5)
    assert (again.resumed, again.processed) == (2, 1)
    assert statement_tuples(out) == expected
    assert not list((out / "_tmp").iterdir())


def test_bad_records_are_counted_skipped_and_listed(tmp_path: Path) -> None:
    good = articles(3, seed=5)
    src = write_jsonl(
        tmp_path / "mixed.jsonl",
        [good[0], "{broken", {"title": "no text"}, {"text": "   "}, good[1], good[2]],
    )
    out = tmp_path / "out"
    summary = _run([src], out, shard_size=4)
    assert summary.counts["articles"] == 3
    assert summary.counts["errors"] == 3
    errors = [json.loads(line) for f in (out / "errors").glob("*.jsonl") for line in f.open()]
    assert sorted(e["where"].rsplit(":", 1)[1] for e in errors) == ["2", "3", "4"]
    assert all(e["reason"] for e in errors)


def test_load_puts_the_output_in_the_store(first_run: tuple[Path, Any], tmp_path: Path) -> None:
    store_mod = pytest.importorskip("claimgraph.store")
    from claimgraph.batch.load import load

    out, summary = first_run
    with store_mod.Store.open(tmp_path / "corpus.db") as store:
        loaded = load(str(out), store, claims=False)
        assert (loaded.shards, loaded.articles, loaded.added) == (3, 12, 12)
        assert loaded.statements == summary.counts["statements"]
        assert store.counts().statements == summary.counts["statements"]
        stored = store.article(next(iter(_ids(out))))
        assert isinstance(stored, Analysis) and stored.statements
        again = load(str(out), store, claims=False)
        assert again.added == 0
    # with claims: the workers prepared them (the claims table), load only places them
    assert len(list((out / "claims").glob("*.parquet"))) == 3
    with store_mod.Store.open(tmp_path / "claims.db") as store:
        loaded = load(str(out), store)
        assert loaded.added == 12 and store.unclaimed() == []


def _ids(out: Path) -> list[str]:
    ids = []
    for f in sorted((out / "articles").glob("*.parquet")):
        for r in pq.read_table(f, columns=["article_id", "statements"]).to_pylist():
            if r["statements"]:
                ids.append(r["article_id"])
    return ids


def test_cli_load_and_its_errors(first_run: tuple[Path, Any], tmp_path: Path) -> None:
    pytest.importorskip("claimgraph.store")
    from click.testing import CliRunner

    from claimgraph.cli import main

    out, summary = first_run
    db = tmp_path / "cli.db"
    res = CliRunner().invoke(main, ["load", str(out), "--db", str(db), "--no-claims"])
    assert res.exit_code == 0, res.output
    assert f"12 new in the store with {summary.counts['statements']:,} statements" in res.output
    res = CliRunner().invoke(main, ["load", str(tmp_path), "--db", str(db)])
    assert res.exit_code != 0 and "not a batch output directory" in res.output


def test_existing_cluster_and_fsspec_urls(small_input: Path) -> None:
    import fsspec
    from distributed import LocalCluster

    mem = fsspec.filesystem("memory")
    mem.pipe("/cg-in/news.jsonl", small_input.read_bytes())
    with LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        summary = run(
            ["memory://cg-in/"],
            "memory://cg-out",
            scheduler=cluster.scheduler_address,
            shard_size=6,
        )
    assert (summary.processed, summary.counts["articles"]) == (2, 12)
    assert len(mem.ls("/cg-out/_done")) == 2
    output = OutputDir("memory://cg-out")
    assert sum(len(read_shard(output, s)) for s in output.finished()) == 12
    mem.rm("/cg-in", recursive=True)
    mem.rm("/cg-out", recursive=True)


def test_load_groups_claims_like_ingest(first_run: tuple[Path, Any], tmp_path: Path) -> None:
    store_mod = pytest.importorskip("claimgraph.store")
    from claimgraph.batch.load import load

    out, summary = first_run
    with store_mod.Store.open(tmp_path / "claims.db") as store:
        loaded = load(str(out), store)
        assert loaded.added == 12 and not loaded.failed
        counts = store.counts()
        assert counts.statements == summary.counts["statements"]
        assert counts.claims > 0


def test_the_engine_option_reaches_the_workers(small_input: Path, tmp_path: Path, nlp: Any) -> None:
    from claimgraph.attribution import learned

    summary = _run([small_input], tmp_path / "rules", shard_size=6, engine="rules")
    inputs = [Article.from_dict({**a, "id": ""}) for a in articles(12, seed=11)]
    with learned.using("rules"):
        direct = list(analyze_many(inputs, nlp=nlp))
    assert summary.counts["statements"] == sum(len(a.statements) for a in direct)
    bad = _run([small_input], tmp_path / "bad", shard_size=6, engine="neural")
    assert bad.failed  # an unknown engine fails each shard with the reason, not silently
