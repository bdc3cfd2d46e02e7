"""Quote-heavy text: analysis time against the number of quotation marks.

Three shapes of hostile or odd text, each at 1k, 2k, 4k and 8k quotation marks, analysed
by the full pipeline (spaCy and the attribution engine) in one process after a warm-up:

- ``run``:    nothing but ``"``, one whitespace-free run;
- ``short``:  many short quotes, ``"Yes 17," he said.`` repeated;
- ``nested``: ``"She said '`` repeated (each quote opens inside the last one, and each
  clause is the content of the one before: every content runs to the end of the text).

The quotation-mark limit (CLAIMGRAPH_MAX_QUOTE_MARKS, default 1,000) is lifted for the
run, since the point is the cost beyond it. Prints seconds (wall and the process's CPU,
all threads: a shared machine stretches the first) per size and the ratio of the largest
to the smallest: linear time keeps it near the size ratio (8x); the target (issue 17) is
at most 10x. ``--engine`` picks the attribution engine (default: what the
settings choose, the learned one when installed).

    python bench/bench_quotes.py [--shapes run,short,nested] [--sizes 1000,2000,4000,8000]
                                 [--engine rules|learned|auto]
"""

from __future__ import annotations

import argparse
import os
import time


def make(shape: str, marks: int) -> str:
    if shape == "run":
        return '"' * marks
    if shape == "short":
        return " ".join(f'"Yes {i}," he said.' for i in range(marks // 2))
    if shape == "nested":
        return "\"She said '" * marks
    raise SystemExit(f"unknown shape {shape!r}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shapes", default="run,short,nested")
    ap.add_argument("--sizes", default="1000,2000,4000,8000")
    ap.add_argument("--engine", default=None, choices=["rules", "learned", "auto"])
    args = ap.parse_args()
    if args.engine:
        os.environ["CLAIMGRAPH_ATTRIBUTION"] = args.engine
    sizes = [int(s) for s in args.sizes.split(",")]
    os.environ["CLAIMGRAPH_MAX_QUOTE_MARKS"] = str(10 * max(sizes))

    from claimgraph import nlp as nlp_mod
    from claimgraph.attribution import learned
    from claimgraph.pipeline import analyze, quote_marks

    nlp = nlp_mod.load()
    analyze('"The pier will close," the mayor said.', nlp=nlp)  # warm-up
    print(f"engine: {learned.engine()}", flush=True)
    for shape in args.shapes.split(","):
        times, cpus = [], []
        for n in sizes:
            text = make(shape, n)
            t, c = time.perf_counter(), time.process_time()
            found = analyze(text, nlp=nlp)
            times.append(time.perf_counter() - t)
            cpus.append(time.process_time() - c)
            print(
                f"{shape:7} {quote_marks(text):>6,} marks {len(text):>8,} chars "
                f"{times[-1]:7.2f} s  {cpus[-1]:7.2f} s CPU  {len(found.statements):>5} statements",
                flush=True,
            )
        grow = sizes[-1] / sizes[0]
        for what, xs in (("time", times), ("CPU", cpus)):
            ratio = xs[-1] / xs[0]
            verdict = "ok" if ratio <= 10 else "OVER 10x"
            print(
                f"{shape:7} {what} ratio {ratio:.1f}x for {grow:.0f}x the marks ({verdict})",
                flush=True,
            )


if __name__ == "__main__":
    main()
