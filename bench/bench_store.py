"""Store query latency at scale: ``who`` and ``claim`` p50/p95 on one million statements.

Builds a synthetic store with the store's bulk loader (articles, speakers with aliases,
statements with their JSON, claims with members), then times the read API the CLI and
the web pages call. The baseline is the same queries on a store 100 times smaller,
built in the same run: the ratio shows what scale costs.

    /work/venv/bin/python bench/bench_store.py                  # 1,000,000 statements
    /work/venv/bin/python bench/bench_store.py --statements 100000 --keep /tmp/big.db
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from claimgraph.model import Kind, Span, Speaker, SpeakerType, Stance, Statement
from claimgraph.store import Store

PER_ARTICLE = 20
STANCES = [Stance.ASSERTS, Stance.SUPPORTS, Stance.DENIES, Stance.QUESTIONS]
FIRST = ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun"]
LAST = [f"Surname{i}" for i in range(1000)]


def build(path: Path, n_statements: int, seed: int = 7) -> dict[str, list]:  # type: ignore[type-arg]
    rng = random.Random(seed)
    n_articles = max(1, n_statements // PER_ARTICLE)
    n_people = max(10, n_statements // 200)
    n_claims = max(10, n_statements // 50)
    names = [f"{FIRST[i % 10]} {LAST[i // 10 % 1000]}{i // 10000 or ''}" for i in range(n_people)]
    store = Store.open(path)
    store.bulk_insert(
        "entities",
        ["id", "name", "type", "anonymous"],
        ((i + 1, n, "person", 0) for i, n in enumerate(names)),
    )
    store.bulk_insert(
        "entity_aliases",
        ["norm", "entity_id", "alias"],
        ((n.lower(), i + 1, n) for i, n in enumerate(names)),
    )
    text = "x" * 40 + ". " + " ".join(f"word{j}" for j in range(60))
    store.bulk_insert(
        "articles",
        ["id", "title", "outlet", "published", "text", "ingested_at"],
        (
            (f"a{i:09d}", f"Story {i}", f"Outlet {i % 40}",
             f"20{20 + i % 6}-{i % 12 + 1:02d}-{i % 28 + 1:02d}", text, "2026-01-01")
            for i in range(n_articles)
        ),
    )  # fmt: skip
    content = Span(0, 40, "x" * 40)

    def statements():  # type: ignore[no-untyped-def]
        for i in range(n_articles * PER_ARTICLE):
            eid = rng.randrange(n_people) + 1
            st = Statement(
                id=f"S{i % PER_ARTICLE + 1}",
                kind=Kind.DIRECT,
                content=content,
                speaker=Speaker(None, names[eid - 1], SpeakerType.PERSON),
                cue=None,
                stance=STANCES[i % 4],
            )
            yield (
                f"a{i // PER_ARTICLE:09d}", st.id, st.kind.value, st.stance.value, 1.0,
                names[eid - 1], "person", eid, content.text, 0, 40, "[]",
                json.dumps(st.to_dict()),
            )  # fmt: skip

    store.bulk_insert(
        "statements",
        ["article_id", "sid", "kind", "stance", "confidence", "speaker_name", "speaker_type",
         "entity_id", "content", "content_start", "content_end", "relay", "data"],
        statements(),
    )  # fmt: skip
    store.bulk_insert(
        "claims",
        ["id", "text", "updated_at"],
        ((f"C{c:08d}", f"claim number {c}", "2026-01-01") for c in range(n_claims)),
    )
    # a third of statements belong to a claim
    store.bulk_insert(
        "claim_members",
        ["article_id", "sid", "claim_id", "stance", "confidence", "match_text"],
        (
            (f"a{i // PER_ARTICLE:09d}", f"S{i % PER_ARTICLE + 1}",
             f"C{rng.randrange(n_claims):08d}", STANCES[i % 4].value, 1.0, "")
            for i in range(0, n_articles * PER_ARTICLE, 3)
        ),
    )  # fmt: skip
    store.refresh_claim_stats()
    store.db.execute("ANALYZE")
    store.close()
    return {"names": names, "claims": [f"C{c:08d}" for c in range(n_claims)]}


def timed(fn, args: list, reps: int) -> tuple[float, float]:  # type: ignore[no-untyped-def,type-arg]
    times = []
    for a in args[:reps]:
        t = time.perf_counter()
        fn(a)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def measure(path: Path, ids: dict[str, list], reps: int) -> dict[str, tuple[float, float]]:  # type: ignore[type-arg]
    rng = random.Random(1)
    names = rng.sample(ids["names"], min(reps, len(ids["names"])))
    claims = rng.sample(ids["claims"], min(reps, len(ids["claims"])))
    with Store.open(path) as s:

        def who(name: str) -> None:
            sp = s.speaker(name)
            assert sp is not None
            s.statements(speaker=sp.id, limit=100)

        def claim(cid: str) -> None:
            assert s.claim(cid) is not None

        who(names[0])  # warm the page cache
        out = {"who": timed(who, names, reps), "claim": timed(claim, claims, reps)}
        t = time.perf_counter()
        s.claims(limit=20)
        out["claims top 20 (one run)"] = ((time.perf_counter() - t) * 1000,) * 2
        c = s.counts()
    print(f"  store {path.name}: {c.statements:,} statements, {c.articles:,} articles, "
          f"{c.speakers:,} speakers, {c.claims:,} claims, "
          f"{path.stat().st_size / 1e6:,.0f} MB")  # fmt: skip
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--statements", type=int, default=1_000_000)
    ap.add_argument("--reps", type=int, default=200)
    ap.add_argument("--keep", type=Path, help="build the big store here and keep it")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = args.keep or Path(tmp) / "big.db"
        small = Path(tmp) / "small.db"
        for p, n in ((small, args.statements // 100), (big, args.statements)):
            t = time.perf_counter()
            ids = build(p, n)
            print(f"built {n:,} statements in {time.perf_counter() - t:.1f} s")
            res = measure(p, ids, args.reps)
            if p == small:
                base = res
        print(f"\n{'query':<26}{'p50 ms':>9}{'p95 ms':>9}   baseline (1/100) p50, p95   ratio p50")
        for k, (p50, p95) in res.items():
            b50, b95 = base[k]
            print(f"{k:<26}{p50:9.2f}{p95:9.2f}   {b50:9.2f} {b95:9.2f}       {p50 / b50:6.2f}x")


if __name__ == "__main__":
    main()
