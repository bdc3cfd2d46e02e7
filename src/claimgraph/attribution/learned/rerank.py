"""Content spans picked by a span scorer instead of one argmax.

The tagger gets most of a content span right far more often than all of it: on
PolNeAR dev its content token F1 is 0.90 and its exact-match F1 0.67. Decoded at one
O-bias, a span's edges fall where that bias puts them. Here each article's content is
decoded at several O-biases; those spans and the rules engine's content fragments are
the candidates. A logistic regression scores each candidate from the tagger's scores
inside and around it and from the text at its edges (what precedes and follows it),
and the best-scoring candidates that do not overlap a better one are kept, down to a
threshold.

The scorer is fitted on held-out train articles, never on dev (:func:`fit_held`,
called at the end of training and by ``python -m
claimgraph.attribution.learned.rerank MODEL SPLIT``), and stored in the model's
``config.json`` under ``content_rerank``. Numpy only.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ...eval.polnear import trim
from . import windows as W

if TYPE_CHECKING:
    from .tagger import Tagger

ROLE = "content"
O_BIASES = (-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0)
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
L2 = (0.1, 1.0, 10.0)
_AFTER = set('.,;:!?"”’)—–-')  # punctuation that may close a content span
_BEFORE = set('.,;:!?"“‘(—–-')  # punctuation that may open one
EDGE = ("word", "punct", "newline", "edge")  # what is beside a span, spaces skipped

FEATURES = (
    "p_in_mean",  # mean probability of the span's pieces being inside content
    "p_in_min",
    "log_p_in_mean",
    "p_begin_first",  # probability that its first piece is B
    "p_inside_first",  # ... or I (a span that starts mid-content)
    "p_in_before3",  # highest inside-probability of the 3 pieces before it
    "p_in_after3",
    "p_begin_after",  # probability that the piece after it begins content
    "p_in_before1",
    "p_in_after1",
    "log_words",
    "short",  # two words or fewer
    "cue_near",  # highest cue probability within 40 pieces
    "source_near",
    "cue_inside",
    "source_inside",
    "cue_before4",  # a cue right before it ("said ...")
    "cue_after4",  # ... or right after it ("..., he said")
    "rules_same",  # the rules engine has this very fragment
    "rules_overlap",
    "biases",  # share of the O-biases whose decoding gives this span
    "argmax",  # the plain argmax gives it
    "newline_inside",
    "starts_that",
    "starts_to",
    "quote_before",
    "closed_after",  # a quote mark, comma or stop right after it
    *(f"before_{k}" for k in EDGE),
    *(f"after_{k}" for k in EDGE),
)


def _edge(text: str, j: int, step: int) -> int:
    """What is beside a span (an index into :data:`EDGE`), spaces skipped."""
    while 0 <= j < len(text) and text[j] == " ":
        j += step
    if j < 0 or j >= len(text):
        return 3
    c = text[j]
    if c == "\n":
        return 2
    return 1 if c in (_AFTER if step > 0 else _BEFORE) else 0


Span = tuple[int, int]


def candidates(
    text: str, enc: W.Encoded, scores: np.ndarray, rules: Sequence[Span]
) -> tuple[list[Span], np.ndarray]:
    """Candidate content spans (trimmed as the scorer trims them) and their features
    ``[len(spans), len(FEATURES)]``."""
    found: dict[Span, set[float]] = {}
    for bias in O_BIASES:
        for span in W.decode_scores(enc, scores, o_bias={ROLE: bias}, roles=(ROLE,))[ROLE]:
            found.setdefault(trim(text, *span), set()).add(bias)
    same = {trim(text, *span) for span in rules}
    for span in same:
        found.setdefault(span, set())
    r = W.ROLES.index(ROLE)
    p = W.probs(scores[:, r])
    p_in = 1.0 - p[:, W.O]
    cue = 1.0 - W.probs(scores[:, W.ROLES.index("cue")])[:, W.O]
    src = 1.0 - W.probs(scores[:, W.ROLES.index("source")])[:, W.O]
    starts = np.array([a for a, _ in enc.offsets], dtype=np.int64)
    ends = np.array([b for _, b in enc.offsets], dtype=np.int64)
    n = len(p_in)

    def top(x: np.ndarray, a: int, b: int) -> float:
        a, b = max(0, a), min(n, b)
        return float(x[a:b].max()) if b > a else 0.0

    spans: list[Span] = []
    rows: list[list[float]] = []
    for (s, e), biases in found.items():
        idx = np.nonzero((starts >= s) & (ends <= e))[0]
        if e <= s or not len(idx):
            continue
        i, j = int(idx[0]), int(idx[-1])
        words = int(enc.word_start[idx].sum())
        before, after = _edge(text, s - 1, -1), _edge(text, e, 1)
        rows.append(
            [
                float(p_in[idx].mean()),
                float(p_in[idx].min()),
                float(np.log(p_in[idx] + 1e-6).mean()),
                float(p[i, W.B]),
                float(p[i, W.I]),
                top(p_in, i - 3, i),
                top(p_in, j + 1, j + 4),
                float(p[j + 1, W.B]) if j + 1 < n else 0.0,
                float(p_in[i - 1]) if i else 0.0,
                float(p_in[j + 1]) if j + 1 < n else 0.0,
                float(np.log1p(words)),
                float(words <= 2),
                top(cue, i - 40, j + 40),
                top(src, i - 40, j + 40),
                top(cue, i, j + 1),
                top(src, i, j + 1),
                top(cue, i - 4, i),
                top(cue, j + 1, j + 5),
                float((s, e) in same),
                float(any(a < e and s < b for a, b in same)),
                len(biases) / len(O_BIASES),
                float(0.0 in biases),
                float("\n" in text[s:e]),
                float(text[s : s + 5].lower() == "that "),
                float(text[s : s + 3].lower() == "to "),
                float(text[s - 1 : s] in ('"', "“")),
                float(text[e : e + 1] in ('"', "”", ",", ".")),
                *(float(before == k) for k in range(len(EDGE))),
                *(float(after == k) for k in range(len(EDGE))),
            ]
        )
        spans.append((s, e))
    return spans, np.asarray(rows, dtype=np.float64).reshape(-1, len(FEATURES))


@dataclass(frozen=True)
class Reranker:
    """A fitted span scorer: standardization, weights, and the keep threshold."""

    weights: np.ndarray
    bias: float
    mean: np.ndarray
    scale: np.ndarray
    threshold: float

    def score(self, feats: np.ndarray) -> np.ndarray:
        z = ((feats - self.mean) / self.scale) @ self.weights + self.bias
        out: np.ndarray = 1.0 / (1.0 + np.exp(-z))
        return out

    def pick(self, spans: Sequence[Span], feats: np.ndarray) -> list[Span]:
        """The best-scoring spans that overlap no better one, down to the threshold."""
        if not len(spans):
            return []
        prob = self.score(feats)
        chosen: list[Span] = []
        for k in np.argsort(-prob, kind="stable"):
            if prob[k] < self.threshold:
                break
            s, e = spans[k]
            if not any(a < e and s < b for a, b in chosen):
                chosen.append((s, e))
        return sorted(chosen)

    def content(
        self, text: str, enc: W.Encoded, scores: np.ndarray, rules: Sequence[Span]
    ) -> list[Span]:
        return self.pick(*candidates(text, enc, scores, rules))

    def to_config(self) -> dict[str, Any]:
        return {
            "features": list(FEATURES),
            "o_biases": list(O_BIASES),
            "weights": [float(x) for x in self.weights],
            "bias": self.bias,
            "mean": [float(x) for x in self.mean],
            "scale": [float(x) for x in self.scale],
            "threshold": self.threshold,
        }

    @classmethod
    def from_config(cls, cfg: Mapping[str, Any]) -> Reranker:
        if list(cfg.get("features", [])) != list(FEATURES) or list(cfg.get("o_biases", [])) != list(
            O_BIASES
        ):
            raise ValueError(
                "content_rerank was fitted on other features than this version computes "
                "(refit it: python -m claimgraph.attribution.learned.rerank MODEL SPLIT)"
            )
        return cls(
            np.asarray(cfg["weights"], dtype=np.float64),
            float(cfg["bias"]),
            np.asarray(cfg["mean"], dtype=np.float64),
            np.asarray(cfg["scale"], dtype=np.float64),
            float(cfg["threshold"]),
        )


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
    tp = n_pred = n_gold = 0
    for spans, feats, gold in items:
        chosen = set(model.pick(spans, feats))
        tp += len(chosen & gold)
        n_pred += len(chosen)
        n_gold += len(gold)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


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
        scores = tagger.scores(enc, rules)
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

    from ...eval.polnear import documents
    from .tagger import Tagger
    from .train import read_split

    ap = argparse.ArgumentParser(prog="python -m claimgraph.attribution.learned.rerank")
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
    main(sys.argv[1:])
