"""Claims at scale: placing an article costs the same in a big store as in an empty one.

Two measurements, each against a baseline measured in the same run:

1. **Three equal batches loaded one after another** into one store file through the
   ingest path (``ClaimKeeper.add``: grouping, MiniLM vectors, placing against the claim
   index, writing). Prints each batch's articles/s and the third batch's time over the
   first's (the issue's bar: at most 1.2x).
2. **One article into a store of N statements**, for each N in ``--sizes`` (0 is the
   baseline): the store is filled with N synthetic statements in claims (bulk rows with
   their claim index: terms from the same generator, random unit vectors), then a fresh
   process ingests ``--probe`` articles one at a time and reports ms per article and its
   resident memory. Prints the ratio to the empty store (bar: at most 1.2x, memory
   within 100 MB).

Articles are synthetic analyses (no spaCy: attribution is not what is measured), made
from our own word lists: statements about propositions drawn from a large space
(names x places x things x verbs x months), some repeating a proposition already
stored, some denying one.

    python bench/bench_claims_scale.py --batch 300 --sizes 0,10000,100000 --probe 30
    python bench/bench_claims_scale.py --skip-batches --sizes 0,1000000
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SYL = ["ka", "lo", "mi", "ren", "sto", "var", "del", "quin", "bo", "tra", "nel", "fos", "gu"]


def _word(rng: random.Random, n: int = 3) -> str:
    return "".join(rng.choice(SYL) for _ in range(n)).capitalize()


class Space:
    """A large space of propositions: a person or place and eight words drawn from a
    vocabulary of made-up words, so that two propositions rarely share more than a word
    (what is measured is cost, not grouping: see ``claimgraph eval claims`` for that)."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(seed)
        self.places = [_word(rng, 3) for _ in range(4000)]
        self.people = [f"{_word(rng, 2)} {_word(rng, 3)}" for _ in range(20000)]
        letters = "abcdefghijklmnopqrstuvwxyz"
        self.vocab = ["".join(rng.choices(letters, k=rng.randint(5, 9))) for _ in range(30000)]

    def proposition(self, rng: random.Random) -> str:
        who = rng.choice(self.people + self.places[:2000])
        return f"{who} will {' '.join(rng.choice(self.vocab) for _ in range(8))}"


def article(space: Space, rng: random.Random, key: str, seen: list[str]) -> object:
    """A synthetic analysis: two new propositions, one repeated from ``seen``, a denial."""
    from claimgraph.model import (
        Analysis,
        Article,
        Kind,
        Span,
        Speaker,
        SpeakerType,
        Stance,
        Statement,
    )

    props = [space.proposition(rng), space.proposition(rng)]
    again = rng.choice(seen) if seen else space.proposition(rng)
    seen.extend(props)
    parts = []
    plan = [(props[0], "said", Stance.ASSERTS), (props[1], "said", Stance.ASSERTS),
            (again, "said", Stance.ASSERTS), (props[0], "denied", Stance.DENIES)]  # fmt: skip
    text = f"Report {key}\n\n"
    spans = []
    for prop, cue, stance in plan:
        who = rng.choice(space.people)
        sentence = f"{who} {cue} that {prop}. "
        start = len(text) + len(who) + len(cue) + 7
        spans.append((who, len(text), cue, start, start + len(prop), stance))
        text += sentence
        parts.append(sentence)
    sts = []
    for i, (who, ws, cue, cs, ce, stance) in enumerate(spans, 1):
        sts.append(
            Statement(
                id=f"S{i}",
                kind=Kind.INDIRECT,
                content=Span.of(text, cs, ce),
                speaker=Speaker(Span.of(text, ws, ws + len(who)), who, SpeakerType.PERSON),
                cue=Span.of(text, ws + len(who) + 1, ws + len(who) + 1 + len(cue)),
                stance=stance,
            )
        )
    return Analysis(Article(text=text, id=f"art-{key}"), tuple(sts))


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


# -- 1. three batches -------------------------------------------------------------------


def batches(n: int, seed: int) -> None:
    from claimgraph.corpus import ClaimKeeper
    from claimgraph.store import Store

    space = Space(seed)
    rng = random.Random(seed)
    seen: list[str] = []
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "s.db") as store:
        keeper = ClaimKeeper(store)
        keeper.add(article(space, rng, "warm", seen))  # loads the embedding model
        times = []
        for b in range(3):
            arts = [article(space, rng, f"{b}-{i}", seen) for i in range(n)]
            t = time.perf_counter()
            for a in arts:
                keeper.add(a)  # type: ignore[arg-type]
            times.append(time.perf_counter() - t)
            c = store.counts()
            print(
                f"batch {b + 1}: {n} articles in {times[-1]:.1f} s ({n / times[-1]:.1f}/s); "
                f"store: {c.statements:,} statements, {c.claims:,} claims"
            )
        print(f"third batch / first batch: {times[2] / times[0]:.2f}x (bar: <= 1.2x)")


# -- 2. one article into stores of growing size -----------------------------------------


def fill(path: Path, n_statements: int, seed: int) -> None:
    """A store of ``n_statements`` statements in claims, with its claim index."""
    import numpy as np

    from claimgraph.claims.assign import terms_of
    from claimgraph.store import Store

    space = Space(seed)
    rng = random.Random(seed + 1)
    nprng = np.random.default_rng(seed)
    per = 4
    n_articles = n_statements // per
    with Store.open(path) as store:
        store.bulk_insert(
            "articles",
            ["id", "title", "text", "ingested_at"],
            ((f"fill{i}", f"Fill {i}", f"Fill article {i}.", "2026-01-01")
             for i in range(n_articles)),
        )  # fmt: skip
        props: list[str] = []

        def statements():  # type: ignore[no-untyped-def]
            for i in range(n_articles * per):
                p = space.proposition(rng)
                props.append(p)
                d = {"id": f"S{i % per + 1}", "kind": "indirect", "stance": "asserts",
                     "confidence": 1.0, "speaker": None, "cue": None,
                     "content": {"text": p, "start": 0, "end": len(p)}, "relay": []}  # fmt: skip
                yield (f"fill{i // per}", f"S{i % per + 1}", "indirect", "asserts", 1.0, p, 0,
                       len(p), "[]", json.dumps(d))  # fmt: skip

        store.bulk_insert(
            "statements",
            ["article_id", "sid", "kind", "stance", "confidence", "content", "content_start",
             "content_end", "relay", "data"],
            statements(),
        )  # fmt: skip
        # about two statements per claim, as the golden articles have
        claim_of = [i // 2 for i in range(len(props))]
        n_claims = claim_of[-1] + 1 if claim_of else 0
        store.bulk_insert(
            "claims", ["id", "text", "updated_at"],
            ((f"Cfill{c}", props[2 * c], "2026-01-01") for c in range(n_claims)),
        )  # fmt: skip
        store.bulk_insert(
            "claim_members",
            ["article_id", "sid", "claim_id", "stance", "confidence", "match_text"],
            ((f"fill{i // per}", f"S{i % per + 1}", f"Cfill{claim_of[i]}", "asserts", 1.0,
              props[i]) for i in range(len(props))),
        )  # fmt: skip

        def terms():  # type: ignore[no-untyped-def]
            for c in range(n_claims):
                t = terms_of(props[2 * c : 2 * c + 2])
                # the claims table was empty: claim c has rowid c + 1
                yield (c + 1, " ".join(" ".join([w] * k) for w, k in t.items()))

        store.bulk_insert("claim_terms", ["rowid", "terms"], terms())

        def vectors():  # type: ignore[no-untyped-def]
            for c in range(n_claims):
                v = nprng.standard_normal(384).astype(np.float32)
                yield (f"Cfill{c}", 2, (v / np.linalg.norm(v)).tobytes())

        store.bulk_insert("claim_vectors", ["claim_id", "n", "vec"], vectors())
        store.rebuild_search()
        store.refresh_claim_stats()


def probe(path: Path, n: int, seed: int) -> dict[str, float]:
    """In this process: ingest ``n`` articles one at a time; ms per article and memory."""
    from claimgraph.corpus import ClaimKeeper
    from claimgraph.store import Store

    space = Space(seed)
    rng = random.Random(seed + 99)
    seen: list[str] = []
    with Store.open(path) as store:
        if store.counts().statements:
            row = store.db.execute("SELECT content FROM statements LIMIT 200").fetchall()
            seen = [r[0] for r in row]
        keeper = ClaimKeeper(store)
        for i in range(3):  # warm up: the embedding model, SQLite's cache
            keeper.add(article(space, rng, f"warm{i}", seen))  # type: ignore[arg-type]
        arts = [article(space, rng, f"probe{i}", seen) for i in range(n)]
        t = time.perf_counter()
        for a in arts:
            keeper.add(a)  # type: ignore[arg-type]
        dt = time.perf_counter() - t
        return {"ms": 1000 * dt / n, "rss": rss_mb(), "statements": store.counts().statements}


def sizes(levels: list[int], n_probe: int, seed: int) -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for level in levels:
            path = Path(tmp) / f"s{level}.db"
            t = time.perf_counter()
            fill(path, level, seed)
            built = time.perf_counter() - t
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(path), "--probe", str(n_probe),
                 "--seed", str(seed)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            r = json.loads(out.stdout.strip().splitlines()[-1])
            r.update(cli_ingest(path, Path(tmp) / f"one{level}.txt"))
            rows.append((level, r))
            print(
                f"store of {level:>9,} statements (filled in {built:.0f} s): "
                f"{r['ms']:.1f} ms/article, resident {r['rss']:.0f} MB; `claimgraph ingest` "
                f"of one article: {r['cli_s']:.2f} s, peak {r['cli_rss']:.0f} MB"
            )
            path.unlink()
    base = rows[0][1]
    for level, r in rows[1:]:
        print(
            f"{level:>9,} statements vs {rows[0][0]:,}: claims and store path "
            f"{r['ms'] / base['ms']:.2f}x, memory {r['rss'] - base['rss']:+.0f} MB; "
            f"whole `claimgraph ingest` {r['cli_s'] / base['cli_s']:.2f}x, peak memory "
            f"{r['cli_rss'] - base['cli_rss']:+.0f} MB (bars: 1.2x, within 100 MB)"
        )


ONE = (
    "Harbour board denies ferry cut\n\nThe harbour board said on Monday that the night ferry "
    'to Lanvik would keep running. "Nothing will change this winter," said Ida Marsk, who '
    "chairs the board. Union officials said the board had already told crews to expect cuts."
)


_CLI = (
    "import resource, sys\n"
    "from claimgraph.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:])\n"
    "except SystemExit as exc:\n"
    "    code = exc.code\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def cli_ingest(db: Path, text_file: Path) -> dict[str, float]:
    """``claimgraph ingest`` of one article into ``db``, as a user runs it (a new process
    loading everything): seconds, and that process's peak resident memory."""
    text_file.write_text(ONE + f" Filed {db.name}.\n", encoding="utf-8")
    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", _CLI, "ingest", str(text_file), "--db", str(db)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    dt = time.perf_counter() - t
    peak_kb = int(out.stderr.strip().splitlines()[-1])
    return {"cli_s": dt, "cli_rss": peak_kb / 1024}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=300, help="articles per batch")
    ap.add_argument("--sizes", default="0,10000,100000", help="store sizes in statements")
    ap.add_argument("--probe", type=int, default=30, help="articles ingested per size")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--skip-batches", action="store_true")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(probe(Path(args.child), args.probe, args.seed)))
        return
    if not args.skip_batches:
        batches(args.batch, args.seed)
    sizes([int(x) for x in args.sizes.split(",")], args.probe, args.seed)


if __name__ == "__main__":
    main()
