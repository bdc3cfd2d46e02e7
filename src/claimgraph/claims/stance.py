"""Stance of a text toward a claim: for it, against it, or only reporting it.

A multinomial logistic regression over :func:`claimgraph.claims.features.stance_features`
decides among Emergent's three labels (``for``, ``against``, ``observing``); the label is
then refined into claimgraph's stances: ``observing`` becomes ``questions`` for a
question, ``calls_for_investigation`` or ``calls_for_action`` when the text calls for
one, ``neutral`` otherwise. The model is plain JSON (feature -> one weight per class),
shipped in ``claimgraph/models/claims/`` and refitted by ``claimgraph train stance``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ModelError
from ..lang import lexicon
from ..model import Stance
from .features import FEATURES_VERSION, stance_features
from .text import normalize

__all__ = [
    "EMERGENT_LABEL",
    "LABELS",
    "StanceModel",
    "default_model",
    "refine",
    "stance_toward",
    "to_emergent",
    "train_stance",
]

LABELS = ("against", "for", "observing")
FORMAT = "claimgraph-stance-logreg/1"
MODEL_RESOURCE = ("models", "claims", "stance.json")
lx = lexicon()

#: How claimgraph's stances map onto Emergent's three labels.
EMERGENT_LABEL: dict[Stance, str] = {
    Stance.ASSERTS: "for",
    Stance.SUPPORTS: "for",
    Stance.DENIES: "against",
    Stance.QUESTIONS: "observing",
    Stance.CALLS_FOR_INVESTIGATION: "observing",
    Stance.CALLS_FOR_ACTION: "observing",
    Stance.NEUTRAL: "observing",
}


def to_emergent(stance: Stance) -> str:
    return EMERGENT_LABEL[stance]


def refine(label: str, text: str) -> Stance:
    """claimgraph's stance for an Emergent label predicted for ``text``."""
    if label == "for":
        return Stance.ASSERTS
    if label == "against":
        return Stance.DENIES
    t = normalize(text)
    if lx.HEADLINE_QUESTION.search(t):
        return Stance.QUESTIONS
    if lx.HEADLINE_INVESTIGATE.search(t):
        return Stance.CALLS_FOR_INVESTIGATION
    if lx.HEADLINE_ACTION.search(t):
        return Stance.CALLS_FOR_ACTION
    return Stance.NEUTRAL


@dataclass(frozen=True)
class StanceModel:
    """Logistic-regression weights: ``weights[feature][k]`` for class ``classes[k]``."""

    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: Mapping[str, Sequence[float]]
    meta: Mapping[str, Any] = field(default_factory=dict)

    def scores(self, feats: Mapping[str, float]) -> list[float]:
        s = list(self.intercept)
        for name, value in feats.items():
            w = self.weights.get(name)
            if w is not None:
                for k in range(len(s)):
                    s[k] += value * w[k]
        return s

    def proba(self, claim: str, text: str) -> dict[str, float]:
        s = self.scores(stance_features(claim, text))
        top = max(s)
        e = [math.exp(x - top) for x in s]
        z = sum(e)
        return {c: x / z for c, x in zip(self.classes, e, strict=True)}

    def predict(self, claim: str, text: str) -> tuple[str, float]:
        p = self.proba(claim, text)
        label = max(p, key=p.__getitem__)
        return label, p[label]

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "features_version": FEATURES_VERSION,
            "classes": list(self.classes),
            "intercept": [round(x, 6) for x in self.intercept],
            "meta": dict(self.meta),
            "weights": {k: [round(x, 5) for x in v] for k, v in sorted(self.weights.items())},
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], *, where: str = "stance model") -> StanceModel:
        if d.get("format") != FORMAT:
            raise ModelError(f"not a stance model (format {d.get('format')!r})", where=where)
        if d.get("features_version") != FEATURES_VERSION:
            raise ModelError(
                f"trained on features version {d.get('features_version')}, this claimgraph "
                f"computes version {FEATURES_VERSION}: refit it with `claimgraph train stance`",
                where=where,
            )
        classes = tuple(d["classes"])
        weights = {str(k): tuple(float(x) for x in v) for k, v in d["weights"].items()}
        if any(len(v) != len(classes) for v in weights.values()):
            raise ModelError("a weight row does not have one value per class", where=where)
        return cls(
            classes=classes,
            intercept=tuple(float(x) for x in d["intercept"]),
            weights=weights,
            meta=dict(d.get("meta") or {}),
        )

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_dict(), separators=(",", ":")) + "\n", "utf-8")

    @classmethod
    def load(cls, path: Path) -> StanceModel:
        try:
            d = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot read the stance model: {exc}", where=str(path)) from None
        return cls.from_dict(d, where=str(path))


def train_stance(
    examples: Iterable[tuple[str, str, str]], *, C: float = 0.5, meta: Mapping[str, Any] = {}
) -> StanceModel:
    """Fit a model on (claim, text, label) triples, label one of :data:`LABELS`."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    feats, labels = [], []
    for claim, text, label in examples:
        if label not in LABELS:
            raise ModelError(f"unknown stance label {label!r} (expected one of {LABELS})")
        feats.append(stance_features(claim, text))
        labels.append(label)
    if len(set(labels)) < 2:
        raise ModelError("training needs examples of at least two stance labels")
    dv = DictVectorizer()
    x = dv.fit_transform(feats)
    lr = LogisticRegression(C=C, max_iter=5000)
    lr.fit(x, labels)
    classes = tuple(str(c) for c in lr.classes_)
    coef = lr.coef_
    intercept: tuple[float, ...] = tuple(float(b) for b in lr.intercept_)
    if len(classes) == 2:  # binary: sklearn keeps one row; spread it symmetrically
        coef = [-coef[0] / 2, coef[0] / 2]
        intercept = (-intercept[0] / 2, intercept[0] / 2)
    names = dv.get_feature_names_out()
    weights: dict[str, tuple[float, ...]] = {}
    for j, name in enumerate(names):
        row = tuple(float(coef[k][j]) for k in range(len(classes)))
        if max(abs(v) for v in row) >= 1e-4:
            weights[str(name)] = row
    info = {"C": C, "examples": len(labels), **dict(meta)}
    return StanceModel(classes, tuple(float(b) for b in intercept), weights, info)


_default: list[StanceModel | None] = []


def default_model() -> StanceModel | None:
    """The shipped model, or None when it is absent from this installation."""
    if not _default:
        ref = resources.files("claimgraph").joinpath(*MODEL_RESOURCE)
        model = None
        if ref.is_file():
            model = StanceModel.from_dict(json.loads(ref.read_text("utf-8")), where=str(ref))
        _default.append(model)
    return _default[0]


def _lexicon_label(text: str) -> str:
    t = normalize(text)
    if lx.HEADLINE_DENY.search(t):
        return "against"
    if (
        lx.HEADLINE_QUESTION.search(t)
        or lx.HEADLINE_HEDGE.search(t)
        or lx.HEADLINE_INVESTIGATE.search(t)
    ):
        return "observing"
    return "for"


def stance_toward(
    claim: str, text: str, *, model: StanceModel | None = None
) -> tuple[Stance, float]:
    """The stance ``text`` takes toward ``claim``, with a confidence in [0, 1].

    Uses ``model``, else the shipped model, else (when neither is there) a lexicon rule.
    """
    m = model or default_model()
    if m is None:
        label, conf = _lexicon_label(text), 0.5
    else:
        label, conf = m.predict(claim, text)
    return refine(label, text), conf
