"""Attribution overhead: words per second of ``analyze`` against bare spaCy parsing.

Both run over the same texts in the same process, in alternation, ``--repeat`` times,
keeping each one's best time. The baseline is the spaCy pipeline as ``spacy.load``
gives it (tagger, parser, NER, ...); the measured side is claimgraph's pipeline
(the same components plus the paragraph splitter and the attribution component) and
the conversion of every doc to an :class:`Analysis`.

Texts: PolNeAR dev (real news, from ../shared, read at run time and never stored) when
it is there, else synthetic articles from ``bench/synth.py``.

    python bench/bench_analyze.py [--texts polnear|synth] [--repeat 3] [--limit 84]

Target (issue 2): attribution adds at most 30% on top of spaCy parsing
(analyze words/s >= 0.77x bare spaCy words/s).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
sys.path.insert(0, str(HERE))

import engine  # noqa: E402


def load_texts(kind: str, limit: int) -> tuple[str, list[str]]:
    dev = SHARED / "data" / "polnear" / "dev" / "text"
    if kind == "polnear" and dev.is_dir():
        files = sorted(dev.glob("*.txt"))[:limit]
        return "PolNeAR dev", [f.read_text(encoding="utf-8") for f in files]
    sys.path.insert(0, str(HERE))
    import synth  # type: ignore[import-not-found]

    return "synthetic", [a["text"] for a in synth.generate(limit, seed=7)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--texts", choices=["polnear", "synth"], default="polnear")
    ap.add_argument("--limit", type=int, default=84)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=32)
    engine.add_option(ap)
    args = ap.parse_args()
    engine.apply(args.engine)

    import spacy

    from claimgraph import nlp as nlp_mod
    from claimgraph.config import get_settings
    from claimgraph.pipeline import analyze_many

    label, texts = load_texts(args.texts, args.limit)
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(get_settings().pipeline)
    full = nlp_mod.load()
    # warm up both
    list(bare.pipe(texts[:4]))
    list(analyze_many(texts[:4], nlp=full))

    best_bare = best_full = float("inf")
    statements = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for _doc in bare.pipe(texts, batch_size=args.batch_size):
            pass
        best_bare = min(best_bare, time.perf_counter() - t0)
        t0 = time.perf_counter()
        statements = sum(
            len(a.statements) for a in analyze_many(texts, nlp=full, batch_size=args.batch_size)
        )
        best_full = min(best_full, time.perf_counter() - t0)

    wps_bare, wps_full = words / best_bare, words / best_full
    print(f"texts: {label}, {len(texts)} articles, {words:,} words, best of {args.repeat}")
    print(f"bare spaCy parsing      {wps_bare:10,.0f} words/s  ({best_bare:.2f} s)")
    print(f"claimgraph analyze      {wps_full:10,.0f} words/s  ({best_full:.2f} s)")
    print(f"statements found        {statements:10,d}")
    print(f"ratio analyze/bare      {wps_full / wps_bare:10.3f}")
    print(f"attribution overhead    {100 * (best_full / best_bare - 1):9.1f} %  (target <= 30 %)")


if __name__ == "__main__":
    main()
