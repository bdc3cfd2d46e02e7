"""Claims: how fast texts are grouped, and what the sentence embeddings cost.

``cluster_texts`` over N headlines, with MiniLM (the default) against TF-IDF alone (the
baseline, measured in the same run); then ``ClaimKeeper.add`` of one-statement articles
into an in-memory store, the ingest path (on Emergent, with its B-cubed against
``claimId``). Texts: Emergent train headlines (from ../shared, read at run
time and never stored) when they are there, else synthetic headlines made here.

    python bench/bench_claims.py [--n 2071] [--book 500]

The embedding cache is cleared before each timed run, so the figures include embedding.
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"

SUBJECTS = ["The mayor", "A fisherman", "The city council", "Two students", "A museum", "Police"]
VERBS = ["found", "lost", "sold", "built", "closed", "opened", "painted", "stole"]
OBJECTS = ["a golden bell", "the old bridge", "a giant turnip", "the harbour lights", "a red bus"]
PLACES = ["in Dover", "near the lake", "on Main Street", "at the fair", "in the hills"]
FRAMES = [
    "{s} {v} {o} {p}",
    "Report: {s} {v} {o} {p}",
    "Did {s} really say they {v} {o}?",
    "{s} denies it {v} {o} {p}",
    "Claims that {s} {v} {o} {p} are false",
]


def texts(n: int) -> tuple[str, list[str]]:
    path = SHARED / "data" / "emergent" / "train.csv"
    if path.is_file():
        with path.open(newline="", encoding="utf-8") as f:
            rows = [r["articleHeadline"] for r in csv.DictReader(f)]
        return "Emergent train headlines", rows[:n]
    rng = random.Random(7)
    out = []
    for _ in range(n):
        out.append(
            rng.choice(FRAMES).format(
                s=rng.choice(SUBJECTS),
                v=rng.choice(VERBS),
                o=rng.choice(OBJECTS),
                p=rng.choice(PLACES),
            )
        )
    return "synthetic headlines", out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2071)
    ap.add_argument("--book", type=int, default=500, help="headlines added one at a time")
    args = ap.parse_args()

    from claimgraph.claims import Assigner, cluster_texts
    from claimgraph.claims import embed as emb
    from claimgraph.corpus import ClaimKeeper
    from claimgraph.eval.emergent import bcubed
    from claimgraph.model import Analysis, Article, Kind, Span, Statement
    from claimgraph.store import Store

    what, items = texts(args.n)
    print(f"{len(items)} {what}; embeddings available: {emb.available()}")
    t = time.perf_counter()
    cluster_texts(items, embeddings=False)
    base = time.perf_counter() - t
    print(f"cluster_texts, TF-IDF only (baseline): {base:.2f} s, {len(items) / base:,.0f} texts/s")
    if emb.available():
        emb._cache.clear()
        t = time.perf_counter()
        cluster_texts(items)
        full = time.perf_counter() - t
        print(
            f"cluster_texts, TF-IDF + MiniLM:        {full:.2f} s, "
            f"{len(items) / full:,.0f} texts/s  ({full / base:.1f}x the baseline)"
        )

    # the store's ingest path: headlines as one-statement articles, added one at a time
    # (shuffled, seed 0) into an in-memory store; on Emergent, B-cubed against claimId
    ids = gold_ids(args.n)
    order = list(range(min(args.book, len(items))))
    random.Random(0).shuffle(order)
    for use in [False, True] if emb.available() else [False]:
        emb._cache.clear()
        placed: list[str] = []
        with Store.open(":memory:") as store:
            keeper = ClaimKeeper(store, Assigner(embeddings=use))
            t = time.perf_counter()
            for i in order:
                h = items[i]
                st = Statement(
                    id="S1", kind=Kind.DIRECT, content=Span.of(h, 0, len(h)), speaker=None,
                    cue=None,
                )  # fmt: skip
                keeper.add(Analysis(article=Article(text=h, id=f"a{i}"), statements=(st,)))
                placed.append((store.article_claims(f"a{i}") or [f"none{i}"])[0])
            dt = time.perf_counter() - t
            claims = store.counts().claims
        line = (
            f"ClaimKeeper.add, {'TF-IDF + MiniLM' if use else 'TF-IDF only'}: {len(order)} "
            f"articles in {dt:.2f} s ({1000 * dt / len(order):.1f} ms/article), {claims} claims"
        )
        if ids:
            p, r, f = bcubed(placed, [ids[i] for i in order])
            line += f"; B-cubed P/R/F1 {p:.3f}/{r:.3f}/{f:.3f} against claimId"
        print(line)


def gold_ids(n: int) -> list[str]:
    """Emergent's claimId per headline (empty for the synthetic headlines)."""
    path = SHARED / "data" / "emergent" / "train.csv"
    if not path.is_file():
        return []
    with path.open(newline="", encoding="utf-8") as f:
        return [r["claimId"] for r in csv.DictReader(f)][:n]


if __name__ == "__main__":
    main()
