"""Content spans picked by a span scorer instead of one argmax.

The tagger gets most of a content span right far more often than all of it: on
PolNeAR dev its content token F1 is 0.90 and its exact-match F1 0.67. Decoded at one
O-bias, a span's edges fall where that bias puts them. Here each article's content is
decoded at several O-biases; those spans and the rules engine's content fragments are
the candidates. A logistic regression scores each candidate from the tagger's scores
inside and around it and from the text at its edges (what precedes and follows it),
and the best-scoring candidates that do not overlap a better one are kept, down to a
threshold.

The scorer is fitted on held-out train articles, never on dev
(:func:`claimgraph.training.rerank.fit_held`, called at the end of training and by
``python -m claimgraph.training.rerank MODEL SPLIT``), and stored in the model's
``config.json`` under ``content_rerank``; this module reads and runs it. Numpy only.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

import numpy as np

from ..fragments import trim
from . import windows as W

ROLE = "content"
O_BIASES = (-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0)
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
    # "does a rules span overlap (s, e)": starts in order and the furthest end so far,
    # one bisection per candidate instead of a pass over every rules span
    by_start = sorted(same)
    same_starts = [a for a, _ in by_start]
    reach = list(accumulate((b for _, b in by_start), max))

    def overlaps_rules(s: int, e: int) -> bool:
        k = bisect_left(same_starts, e)  # spans starting before e
        return k > 0 and reach[k - 1] > s

    r = W.ROLES.index(ROLE)
    p = W.probs(scores[:, r])
    p_in = 1.0 - p[:, W.O]
    cue = 1.0 - W.probs(scores[:, W.ROLES.index("cue")])[:, W.O]
    src = 1.0 - W.probs(scores[:, W.ROLES.index("source")])[:, W.O]
    pieces = W.PieceIndex(enc)
    n = len(p_in)

    def top(x: np.ndarray, a: int, b: int) -> float:
        a, b = max(0, a), min(n, b)
        return float(x[a:b].max()) if b > a else 0.0

    spans: list[Span] = []
    rows: list[list[float]] = []
    for (s, e), biases in found.items():
        idx = pieces.within(s, e)
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
                float(overlaps_rules(s, e)),
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
                "(refit it: python -m claimgraph.training.rerank MODEL SPLIT)"
            )
        return cls(
            np.asarray(cfg["weights"], dtype=np.float64),
            float(cfg["bias"]),
            np.asarray(cfg["mean"], dtype=np.float64),
            np.asarray(cfg["scale"], dtype=np.float64),
            float(cfg["threshold"]),
        )
