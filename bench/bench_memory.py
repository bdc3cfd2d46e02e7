"""Memory over a long run: spaCy memory zones per batch against none, same articles.

A worker that analyses millions of articles must not grow without bound. spaCy keeps
every new string and vocabulary entry it sees; ``claimgraph.pipeline.analyze_many``
(and each batch of ``claimgraph batch``) wraps its batches in ``nlp.memory_zone()``,
which frees them after the batch. This script runs ``analyze_many`` over ``--articles``
synthetic articles (bench/synth.py), each with a sentence of made-up words so that the
vocabulary keeps growing as a real news archive's does (names, numbers, places), in two
fresh processes: one as shipped (zones) and the baseline with the zones switched off.
It prints each process's resident memory after the warm-up and at the end, the growth
per 1,000 articles, and the ratio of the two growths.

    python bench/bench_memory.py --articles 3000
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import string
import subprocess
import sys
import time
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import engine
import synth


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for rec in synth.generate(n, seed):
        novel = " ".join(
            "".join(rng.choices(string.ascii_lowercase, k=rng.randint(5, 10))).capitalize()
            for _ in range(25)
        )
        out.append(f"{rec['text']}\n\nThe list named {novel}.")
    return out


def child(n: int, seed: int, zones: bool, warm: int) -> dict[str, float]:
    from claimgraph import nlp as nlp_mod
    from claimgraph import pipeline

    if not zones:
        pipeline.memory_zone = lambda nlp: nullcontext()  # type: ignore[assignment]
    nlp = nlp_mod.load()
    items = texts(n, seed)
    start = None
    t0 = time.perf_counter()
    for k, _ in enumerate(pipeline.analyze_many(items, nlp=nlp), 1):
        if k == warm:
            start = rss_mb()
    end = rss_mb()
    return {
        "rss_warm": start or end,
        "rss_end": end,
        "strings": len(nlp.vocab.strings),
        "seconds": time.perf_counter() - t0,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--warm", type=int, default=300, help="articles before the first reading")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--child", choices=["zones", "none"], help=argparse.SUPPRESS)
    engine.add_option(ap)
    a = ap.parse_args()
    engine.apply(a.engine)
    if a.child:
        print(json.dumps(child(a.articles, a.seed, a.child == "zones", a.warm)))
        return
    res = {}
    for mode in ("none", "zones"):
        cmd = [sys.executable, __file__, "--articles", str(a.articles), "--warm", str(a.warm)]
        cmd += ["--seed", str(a.seed), "--child", mode, "--engine", a.engine]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        res[mode] = json.loads(out.strip().splitlines()[-1])
        r = res[mode]
        per_k = (r["rss_end"] - r["rss_warm"]) / max(1, a.articles - a.warm) * 1000
        r["per_k"] = per_k
        label = "memory zones (shipped)" if mode == "zones" else "no zones (baseline)"
        print(
            f"{label:24s}: RSS {r['rss_warm']:.0f} MiB after {a.warm} articles -> "
            f"{r['rss_end']:.0f} MiB after {a.articles}: +{per_k:.1f} MiB per 1,000 articles; "
            f"{r['strings']:,} strings in the store; {r['seconds']:.0f} s"
        )
    base, new = res["none"]["per_k"], res["zones"]["per_k"]
    ratio = new / base if base > 0 else float("nan")
    print(
        f"growth with zones / without: {ratio:.2f}  (below 1: the zones hold memory down); "
        f"time {res['zones']['seconds'] / res['none']['seconds']:.2f}x"
    )


if __name__ == "__main__":
    main()
