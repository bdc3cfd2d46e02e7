"""Claims: how fast texts are grouped, and what the sentence embeddings cost.

``cluster_texts`` over N headlines, with MiniLM (the default) against TF-IDF alone (the
baseline, measured in the same run); then ``ClaimBook.add`` of one-statement articles,
the store's ingest path. Texts: Emergent train headlines (from ../shared, read at run
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
    ap.add_argument("--book", type=int, default=500)
    args = ap.parse_args()

    from claimgraph.claims import ClaimBook, cluster_texts
    from claimgraph.claims import embed as emb
    from claimgraph.model import Analysis, Article, Kind, Span, Statement

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

    for use in [False, True] if emb.available() else [False]:
        emb._cache.clear()
        book = ClaimBook(embeddings=use)
        t = time.perf_counter()
        for i, h in enumerate(items[: args.book]):
            st = Statement(
                id="S1", kind=Kind.DIRECT, content=Span.of(h, 0, len(h)), speaker=None, cue=None
            )
            book.add(Analysis(article=Article(text=h, id=f"a{i}"), statements=(st,)))
        dt = time.perf_counter() - t
        n = min(args.book, len(items))
        print(
            f"ClaimBook.add, {'TF-IDF + MiniLM' if use else 'TF-IDF only'}: {n} articles in "
            f"{dt:.2f} s ({1000 * dt / n:.1f} ms/article), {len(book.claims)} claims"
        )


if __name__ == "__main__":
    main()
