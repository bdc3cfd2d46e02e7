"""Full claimgraph pipeline vs bare spaCy ``nlp.pipe``: words per second, same texts.

The baseline is the same spaCy pipeline loaded with ``spacy.load`` (no claimgraph
components), run with ``nlp.pipe`` over the same synthetic articles in the same
process. The full pipeline is ``claimgraph.pipeline.analyze_many`` (paragraph splitter,
parser, NER, attribution, and the conversion to :class:`Analysis`). The two are timed
in alternation, ``--repeat`` times each, and the best time of each is kept. Then each
component is timed on its own (``pipe`` over the batch), and ``--profile`` shows where
the attribution component spends its time.

    python bench/bench_pipeline.py --articles 400 --repeat 3 --profile

Target (issue 5): ratio >= 0.75.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import engine
import synth


def _time(fn: Callable[[], Any], wall: list[float], cpu: list[float]) -> None:
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    wall.append(time.perf_counter() - t0)
    cpu.append(time.process_time() - c0)


def components(nlp: Any, texts: list[str], batch_size: int) -> list[tuple[str, float]]:
    """Seconds spent in each component (and in tokenising) over ``texts``."""
    t0 = time.perf_counter()
    docs = [nlp.make_doc(t) for t in texts]
    out = [("tokenizer", time.perf_counter() - t0)]
    for name, proc in nlp.pipeline:
        t0 = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(d) for d in docs]
        out.append((name, time.perf_counter() - t0))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--articles", type=int, default=400, help="synthetic articles (default 400)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3, help="timings of each, best kept")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--profile", action="store_true", help="profile the attribution component")
    engine.add_option(ap)
    args = ap.parse_args()
    engine.apply(args.engine)

    import spacy

    from claimgraph import nlp as nlp_mod
    from claimgraph.config import get_settings
    from claimgraph.model import Article
    from claimgraph.pipeline import analyze_many

    name = get_settings().pipeline
    texts = [r["text"] for r in synth.generate(args.articles, args.seed)]
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(name)
    full = nlp_mod.load(name)
    print(f"pipeline {name}: bare {bare.pipe_names}")
    print(f"                 full {full.pipe_names}")
    print(f"{len(texts)} articles, {words:,} words; load average {os.getloadavg()[0]:.2f}")

    def run_bare() -> None:
        for _ in bare.pipe(texts, batch_size=args.batch_size):
            pass

    statements = 0

    def run_full() -> None:
        nonlocal statements
        arts = [Article(text=t) for t in texts]
        statements = sum(
            len(a.statements) for a in analyze_many(arts, nlp=full, batch_size=args.batch_size)
        )

    warm = texts[:20]
    list(bare.pipe(warm))
    list(full.pipe(warm))
    t_bare: list[float] = []
    t_full: list[float] = []
    c_bare: list[float] = []
    c_full: list[float] = []
    for _ in range(args.repeat):
        _time(run_bare, t_bare, c_bare)
        _time(run_full, t_full, c_full)
    wb, wf = words / min(t_bare), words / min(t_full)
    cb, cf = words / min(c_bare), words / min(c_full)
    print(f"best of {args.repeat}, wall clock (CPU time of this process in brackets):")
    print(f"bare spaCy nlp.pipe : {wb:9,.0f} words/s  ({cb:,.0f} per CPU second)")
    print(f"full claimgraph     : {wf:9,.0f} words/s  ({cf:,.0f} per CPU second)")
    print(f"  {statements:,} statements, {len(texts) / min(t_full):.1f} articles/s")
    print(f"ratio full / bare   : {wf / wb:.3f} wall, {cf / cb:.3f} CPU   (target >= 0.75)")
    print(f"load average after  : {os.getloadavg()[0]:.2f}")

    print("\nwhere the time goes (each component's pipe over all texts, one pass):")
    for label, nlp in (("bare", bare), ("full", full)):
        parts = components(nlp, texts, args.batch_size)
        total = sum(s for _, s in parts)
        print(f"  {label}: {total:.2f} s")
        for comp, s in parts:
            print(f"    {comp:24s} {s:7.2f} s  {100 * s / total:5.1f}%")

    if args.profile:
        attribution = full.get_pipe("claimgraph_attribution")
        parse_only = ["claimgraph_attribution"]
        docs = list(full.pipe(texts, batch_size=args.batch_size, disable=parse_only))
        prof = cProfile.Profile()
        prof.enable()
        for d in docs:
            attribution(d)
        prof.disable()
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(25)
        print("\nprofile of the attribution component (cumulative):")
        print(buf.getvalue())


if __name__ == "__main__":
    main()
