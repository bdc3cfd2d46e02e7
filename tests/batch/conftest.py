"""Fixtures for the batch tests: synthetic inputs (bench/synth.py) and an in-process run."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _synth() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "claimgraph_bench_synth", ROOT / "bench" / "synth.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


synth = _synth()


def write_jsonl(path: Path, records: list[Any]) -> Path:
    """Each record a JSON line; a ``str`` record is written as it is (a bad line)."""
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write((r if isinstance(r, str) else json.dumps(r)) + "\n")
    return path


def articles(n: int, seed: int) -> list[dict[str, Any]]:
    return list(synth.generate(n, seed))


@pytest.fixture(scope="session")
def small_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """12 synthetic articles in one JSON Lines file."""
    d = tmp_path_factory.mktemp("batch-in")
    return write_jsonl(d / "news.jsonl", articles(12, seed=11))


def statement_tuples(out: Path) -> list[tuple[Any, ...]]:
    """Every statement in a batch output, as sorted comparable tuples."""
    import pyarrow.parquet as pq

    rows: list[tuple[Any, ...]] = []
    for p in sorted((out / "statements").glob("*.parquet")):
        for r in pq.read_table(p).to_pylist():
            rows.append(
                (
                    r["article_id"],
                    r["statement_id"],
                    r["kind"],
                    r["stance"],
                    r["speaker_name"],
                    r["speaker_type"],
                    r["cue"],
                    r["content_start"],
                    r["content_end"],
                    r["content"],
                )
            )
    return sorted(rows)
