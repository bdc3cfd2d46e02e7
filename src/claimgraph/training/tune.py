"""Decoding choices picked on held-out data: per role, how much to favour spans over
``O`` (``o_bias``) and the confidence below which a span is dropped (``min_conf``).

Exact-match F1 per role is what is tuned (PolNeAR's scorer counts a fragment when,
trimmed, it equals a gold fragment). Roles are scored independently, so each role's
two settings are chosen on their own. Numpy only: training calls :func:`choose` with
the torch model's scores, and ``python -m claimgraph.training.tune MODEL
SPLIT`` re-tunes an exported ONNX model and writes the result into its
``config.json``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from ..attribution.learned import windows as W
from ..eval.polnear import exact_f1

O_BIASES = (-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0)
FLOORS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)

Gold = tuple[str, Mapping[str, Sequence[tuple[int, int]]]]  # text, spans per role
Scored = tuple[W.Encoded, np.ndarray | None]


def decode_all(
    scored: Sequence[Scored], o_bias: Mapping[str, float], min_conf: Mapping[str, float]
) -> list[dict[str, list[tuple[int, int]]]]:
    return [
        W.decode_scores(enc, sc, o_bias=o_bias, min_conf=min_conf)
        if sc is not None
        else {r: [] for r in W.ROLES}
        for enc, sc in scored
    ]


def choose(
    gold: Sequence[Gold], scored: Sequence[Scored]
) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """``(o_bias, min_conf, exact F1)`` per role, the best pair of settings on ``gold``
    (ties go to the plainer setting: no bias, no floor)."""
    o_bias: dict[str, float] = {}
    min_conf: dict[str, float] = {}
    best_f1: dict[str, float] = {}
    for role in W.ROLES:
        best = (-1.0, 0.0, 0.0)
        for bias in sorted(O_BIASES, key=abs):
            for floor in FLOORS:
                preds = decode_all(scored, {role: bias}, {role: floor})
                f1 = exact_f1(gold, preds)[role]
                if f1 > best[0] + 1e-9:
                    best = (f1, bias, floor)
        best_f1[role], o_bias[role], min_conf[role] = best
    return o_bias, min_conf, best_f1


def main(argv: list[str] | None = None) -> None:
    """Re-tune an exported model's decoding on a PolNeAR split; rewrite its config."""
    import argparse

    from ..attribution.learned.tagger import Tagger
    from .data import read_split

    ap = argparse.ArgumentParser(prog="python -m claimgraph.training.tune")
    ap.add_argument("model", type=Path)
    ap.add_argument("split", type=Path)
    ap.add_argument("--rules", type=Path, help="the rules engine's predictions on SPLIT")
    ap.add_argument("--dry-run", action="store_true", help="print, do not write")
    a = ap.parse_args(argv)
    tagger = Tagger(a.model)
    if tagger.uses_rules and a.rules is None:
        from .features import write_rule_predictions

        a.rules = a.model / "rules-tune"
        write_rule_predictions(a.split, a.rules)
    gold: list[Gold] = []
    scored: list[Scored] = []
    for _, text, spans, rules in read_split(a.split, rules=a.rules if tagger.uses_rules else None):
        enc = W.encode(tagger.tok, text)
        scored.append((enc, tagger.scores(text, enc, rules) if len(enc.ids) else None))
        gold.append((text, spans))
    plain = exact_f1(gold, decode_all(scored, {}, {}))
    o_bias, min_conf, f1 = choose(gold, scored)
    print(f"argmax exact F1 {plain}; tuned {f1}; o_bias {o_bias}; min_conf {min_conf}")
    if not a.dry_run:
        path = a.model / "config.json"
        cfg = json.loads(path.read_text(encoding="utf-8"))
        cfg["o_bias"] = {k: v for k, v in o_bias.items() if v}
        cfg["min_conf"] = {k: v for k, v in min_conf.items() if v > 0}
        cfg["tuned_on"] = {"split": a.split.name, "exact_f1_argmax": plain, "exact_f1": f1}
        path.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    from . import run

    run(main)
