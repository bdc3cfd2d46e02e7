"""Learned attribution (ONNX tagger) vs the rules engine: words per second, same texts.

Both run the same spaCy pipeline (paragraph splitter, parser, NER) and turn its docs
into statements with speakers: the rules engine through the ``claimgraph_attribution``
component (``claimgraph.pipeline.analyze_many``), the learned engine with
:func:`claimgraph.attribution.learned.extract.extract` over the same docs (for a hybrid
model the rules engine first, then the tagger, grouping, speaker resolution, relays,
stance). They are timed in alternation,
``--repeat`` times each, in one process, and the best time of each is kept.

    python bench/bench_learned.py                      # synthetic articles (bench/synth.py)
    python bench/bench_learned.py --polnear ../shared/data/polnear/dev --articles 40

Target: ratio learned / rules >= 0.5 in words per second, wall clock (issue 14; issue 6
asked 0.33). The learned engine runs onnxruntime on two threads, so its CPU-time ratio is
lower than its wall-clock one.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth


def _best(fn: Callable[[], Any], wall: list[float], cpu: list[float]) -> None:
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    wall.append(time.perf_counter() - t0)
    cpu.append(time.process_time() - c0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--articles", type=int, default=60, help="articles (default 60)")
    ap.add_argument("--polnear", type=Path, help="time on this PolNeAR split's texts instead")
    ap.add_argument("--model", type=Path, help="learned model folder (default: the shipped one)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=2, help="timings of each, best kept")
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()

    from claimgraph import nlp as nlp_mod
    from claimgraph.attribution import learned
    from claimgraph.attribution.learned.extract import extract
    from claimgraph.model import Article
    from claimgraph.pipeline import analyze_many

    if args.polnear:
        files = sorted((args.polnear / "text").glob("*.txt"))[: args.articles]
        texts = [p.read_text(encoding="utf-8") for p in files]
    else:
        texts = [r["text"] for r in synth.generate(args.articles, args.seed)]
    words = sum(len(t.split()) for t in texts)
    rules_nlp = nlp_mod.load()
    tagger = learned.get_tagger(args.model)
    print(f"{len(texts)} articles, {words:,} words; load average {os.getloadavg()[0]:.2f}")
    print(f"model {tagger.dir} ({(tagger.dir / 'model.onnx').stat().st_size / 1e6:.1f} MB)")

    counts = {"rules": 0, "learned": 0}

    def run_rules() -> None:
        arts = [Article(text=t) for t in texts]
        with learned.using("rules"):  # whatever CLAIMGRAPH_ATTRIBUTION says
            an = analyze_many(arts, nlp=rules_nlp, batch_size=args.batch_size)
            counts["rules"] = sum(len(a.statements) for a in an)

    def run_learned() -> None:
        n = 0
        # the same pipeline (paragraph splitter, parser, NER), its rules component off
        with rules_nlp.select_pipes(disable=["claimgraph_attribution"]):
            for doc in rules_nlp.pipe(texts, batch_size=args.batch_size):
                statements, _ = extract(doc, tagger)
                n += len(statements)
        counts["learned"] = n

    run_rules()
    run_learned()
    wall: dict[str, list[float]] = {"rules": [], "learned": []}
    cpu: dict[str, list[float]] = {"rules": [], "learned": []}
    for _ in range(args.repeat):
        _best(run_rules, wall["rules"], cpu["rules"])
        _best(run_learned, wall["learned"], cpu["learned"])
    print(f"best of {args.repeat}, wall clock (CPU time of this process in brackets):")
    for k in ("rules", "learned"):
        w, c = words / min(wall[k]), words / min(cpu[k])
        print(f"{k:8s}: {w:8,.0f} words/s  ({c:,.0f} per CPU second)  {counts[k]:,} statements")
    rw = min(wall["rules"]) / min(wall["learned"])
    rc = min(cpu["rules"]) / min(cpu["learned"])
    print(f"ratio learned / rules: {rw:.3f} wall, {rc:.3f} CPU   (target >= 0.5 wall)")
    print(f"load average after  : {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
