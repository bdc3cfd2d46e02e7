"""Fitting the content scorer (:class:`claimgraph.attribution.learned.rerank.Reranker`).

A logistic regression over the candidates' features, its penalty and threshold chosen
by two-fold cross-validation on held-out train articles, never on dev:
:func:`fit_held` is called at the end of training and by
``python -m claimgraph.training.rerank MODEL SPLIT``, which rewrites the model's
``config.json`` entry ``content_rerank``. Numpy only.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..attribution.fragments import trim
from ..attribution.learned import windows as W
from ..attribution.learned.rerank import ROLE, Reranker, Span, candidates
from ..eval.metrics import PRF

if TYPE_CHECKING:
    from ..attribution.learned.tagger import Tagger

THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
L2 = (0.1, 1.0, 10.0)


def logistic(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 30) -> tuple[np.ndarray, float]:
    """L2-penalized logistic regression (Newton steps): weights and intercept for ``x``
    (already standardized). The penalty is ``l2 / 2 * |w|^2`` beside the summed log loss
    (scikit-learn's ``C`` is ``1 / l2``); the intercept is not penalized."""
    n, d = x.shape
    a = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    pen = np.full(d + 1, l2)
    pen[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(a @ w)))
        grad = a.T @ (p - y) + pen * w
        hess = (a * (p * (1 - p))[:, None]).T @ a + np.diag(pen + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return w[:-1], float(w[-1])


Item = tuple[list[Span], np.ndarray, set[Span]]  # candidates, features, gold spans


def _items(text: str, gold: Sequence[Span], spans: list[Span], feats: np.ndarray) -> Item:
    return spans, feats, {x for x in (trim(text, *g) for g in gold) if x[1] > x[0]}


def exact_f1(model: Reranker, items: Sequence[Item]) -> float:
    """Exact F1 of the content ``model`` picks (candidates and gold are trimmed)."""
    total = PRF(0, 0, 0)
    for spans, feats, gold in items:
        chosen = set(model.pick(spans, feats))
        total += PRF(len(chosen & gold), len(chosen), len(gold))
    return total.f1


def _fit(items: Sequence[Item], l2: float, threshold: float, mean: Any, scale: Any) -> Reranker:
    x = np.vstack([f for _, f, _ in items])
    y = np.concatenate([[float(s in g) for s in sp] for sp, _, g in items])
    w, b = logistic((x - mean) / scale, y, l2)
    return Reranker(w, b, mean, scale, threshold)


def fit(items: Sequence[Item]) -> tuple[Reranker, dict[str, Any]]:
    """The scorer for ``items`` (one per article), its penalty and threshold chosen by
    two-fold cross-validation over the articles (odd against even): exact F1 of the
    content picked, the figure PolNeAR's scorer reports."""
    x = np.vstack([f for _, f, _ in items])
    mean, scale = x.mean(0), x.std(0)
    scale[scale < 1e-6] = 1.0  # a feature constant on these articles
    folds = (items[0::2], items[1::2])
    best: tuple[float, float, float] | None = None
    for l2 in L2:
        a = _fit(folds[0], l2, 0.0, mean, scale)
        b = _fit(folds[1], l2, 0.0, mean, scale)
        for t in THRESHOLDS:
            f1 = (exact_f1(_with(a, t), folds[1]) + exact_f1(_with(b, t), folds[0])) / 2
            if best is None or f1 > best[0] + 1e-9:
                best = (f1, l2, t)
    assert best is not None
    cv_f1, l2, t = best
    model = _fit(items, l2, t, mean, scale)
    report = {
        "articles": len(items),
        "candidates": len(x),
        "l2": l2,
        "threshold": t,
        "cv_exact_f1": round(cv_f1, 4),
        "exact_f1_fitted": round(exact_f1(model, items), 4),
    }
    return model, report


def _with(model: Reranker, threshold: float) -> Reranker:
    return Reranker(model.weights, model.bias, model.mean, model.scale, threshold)


def fit_held(
    tagger: Tagger, docs: Sequence[tuple[str, Mapping[str, Sequence[Span]], Any]]
) -> tuple[Reranker, dict[str, Any]]:
    """Fit on ``(text, gold spans per role, the rules' spans per role or None)``
    articles the tagger was not trained on, scored by the exported model itself."""
    items: list[Item] = []
    for text, gold, rules in docs:
        enc = W.encode(tagger.tok, text)
        if not len(enc.ids):
            continue
        scores = tagger.scores(text, enc, rules)  # as the tagger runs: by paragraph
        spans, feats = candidates(text, enc, scores, (rules or {}).get(ROLE, []))
        items.append(_items(text, gold.get(ROLE, []), spans, feats))
    return fit(items)


def config_entry(model: Reranker, report: Mapping[str, Any], fill: bool = False) -> dict[str, Any]:
    """The ``content_rerank`` entry of a model's ``config.json``. With ``fill``, the
    tagger also keeps its argmax content spans that overlap none the scorer picked:
    fewer exact matches, more content words found (the shipped model on PolNeAR dev:
    exact F1 0.698 against 0.706, token F1 0.903 against 0.898). Off by default since
    session 4, as shipped."""
    return {**model.to_config(), "fill": fill, "fitted": dict(report)}


def main(argv: list[str] | None = None) -> None:
    """Fit the content scorer of an exported model on a PolNeAR split's held-out
    articles (every ``--holdout``-th, as training held them out); rewrite its config."""
    import argparse

    from ..attribution.learned.tagger import Tagger
    from ..eval.polnear import documents
    from .data import read_split

    ap = argparse.ArgumentParser(prog="python -m claimgraph.training.rerank")
    ap.add_argument("model", type=Path)
    ap.add_argument("split", type=Path, help="PolNeAR train (the model's own split)")
    ap.add_argument("--holdout", type=int, default=10, help="every Nth article, as trained")
    ap.add_argument("--rules", type=Path, help="the rules engine's predictions on SPLIT")
    ap.add_argument("--dry-run", action="store_true", help="print, do not write")
    a = ap.parse_args(argv)
    tagger = Tagger(a.model)
    names = documents(a.split)[:: max(1, a.holdout)]
    if tagger.uses_rules and a.rules is None:
        from .features import write_rule_predictions

        a.rules = a.model / "rules-rerank"
        write_rule_predictions(a.split, a.rules, only=names)
    docs = read_split(a.split, rules=a.rules if tagger.uses_rules else None, only=names)
    model, report = fit_held(tagger, [(text, gold, rules) for _, text, gold, rules in docs])
    print(json.dumps(report))
    if not a.dry_run:
        path = a.model / "config.json"
        cfg = json.loads(path.read_text(encoding="utf-8"))
        cfg["content_rerank"] = config_entry(model, report)
        path.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    from . import run

    run(main)
