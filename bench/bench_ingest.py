"""Ingest throughput (articles/s) against ``analyze`` alone on the same texts, and the
store's size per 1,000 articles.

Texts: the demo corpus shipped in the package, plus the PolNeAR dev articles when
``../shared`` is present (read in place, never copied). Each run measures, on the same
articles: ``analyze_many`` alone (the baseline), a full ingest (analyse + claims +
store, one transaction per article) and an ingest without claims. The spaCy pipeline
is loaded once, before any timing.

    /work/venv/bin/python bench/bench_ingest.py
    /work/venv/bin/python bench/bench_ingest.py --limit 40
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from claimgraph import nlp as nlp_mod
from claimgraph.corpus import DEMO_PATH, ingest_records, spacy_analyzer
from claimgraph.ingest.sources import read_sources
from claimgraph.model import Article
from claimgraph.pipeline import analyze_many
from claimgraph.store import Store

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev" / "text"


def articles(limit: int | None) -> list[Article]:
    inputs = [str(DEMO_PATH)]
    if POLNEAR.is_dir():
        inputs.append(str(POLNEAR))
    out = [a for a in read_sources(inputs) if isinstance(a, Article)]
    return out[:limit] if limit else out


def size_of(db: Path) -> int:
    with Store.open(db) as s:
        s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()
    arts = articles(args.limit)
    words = sum(len(a.text.split()) for a in arts)
    t = time.perf_counter()
    nlp = nlp_mod.load()
    print(f"{len(arts)} articles, {words:,} words; pipeline loaded in "
          f"{time.perf_counter() - t:.1f} s (not counted)")  # fmt: skip

    t = time.perf_counter()
    n_stmts = sum(len(a.statements) for a in analyze_many(arts, nlp=nlp,
                                                           batch_size=args.batch_size))  # fmt: skip
    base = time.perf_counter() - t

    analyzer = spacy_analyzer(batch_size=args.batch_size)
    rows = [("analyze alone (baseline)", base, None)]
    with tempfile.TemporaryDirectory() as tmp:
        for label, claims in (("ingest, claims", True), ("ingest, no claims", False)):
            db = Path(tmp) / f"{claims}.db"
            with Store.open(db) as store:
                t = time.perf_counter()
                rep = ingest_records(store, arts, analyzer=analyzer, claims=claims,
                                     batch_size=args.batch_size)  # fmt: skip
                secs = time.perf_counter() - t
            assert rep.added == len(arts) and rep.failed == 0, rep.to_dict()
            rows.append((label, secs, size_of(db)))
    print(f"{n_stmts:,} statements found\n")
    print(f"{'run':<26}{'seconds':>9}{'articles/s':>12}{'vs analyze':>12}{'MB per 1,000 art.':>19}")
    for label, secs, size in rows:
        per_k = f"{size / len(arts) * 1000 / 1e6:17.1f}" if size else f"{'':>17}"
        print(f"{label:<26}{secs:9.2f}{len(arts) / secs:12.2f}{secs / base:11.2f}x  {per_k}")


if __name__ == "__main__":
    main()
