"""Emergent: stance of headlines toward claims, and grouping headlines by claim.

Reads the Emergent column layout (``claimHeadline``, ``articleHeadline``,
``articleHeadlineStance``, ``articleId``, ``claimId``). Stance reads the claim headline
and the article headline; grouping reads the article headlines alone (never
``claimHeadline`` or ``claimId``) and is scored with B-cubed precision, recall and F1
against ``claimId``.

With ``folds`` (the folder of ``*-train-fold-N.csv`` / ``*-test-fold-N.csv`` files) the
stance figures are cross-validated: for each fold a model is trained on that fold's
training file only and predicts its test file. Grouping always clusters every row of the
file at once.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EvalError
from .metrics import PRF

__all__ = [
    "EmergentResult",
    "EmergentRow",
    "bcubed",
    "evaluate_emergent",
    "load_emergent",
    "read_folds",
    "write_predictions",
]

LABELS = ("for", "against", "observing")
_COLUMNS = ("claimHeadline", "articleHeadline", "articleHeadlineStance", "articleId", "claimId")


@dataclass(frozen=True)
class EmergentRow:
    claim: str
    headline: str
    stance: str
    article_id: str
    claim_id: str


def load_emergent(path: Path) -> list[EmergentRow]:
    """The rows of an Emergent CSV file, checked."""
    try:
        with path.open(newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            missing = [c for c in _COLUMNS if c not in (reader.fieldnames or ())]
            if missing:
                raise EvalError(
                    f"not in the Emergent layout: no column {', '.join(missing)}", where=str(path)
                )
            rows = []
            for n, r in enumerate(reader, 2):
                label = (r["articleHeadlineStance"] or "").strip()
                if label not in LABELS:
                    raise EvalError(
                        f"stance {label!r} is none of {', '.join(LABELS)}", where=f"{path}:{n}"
                    )
                rows.append(
                    EmergentRow(
                        claim=r["claimHeadline"] or "",
                        headline=r["articleHeadline"] or "",
                        stance=label,
                        article_id=r["articleId"] or "",
                        claim_id=r["claimId"] or "",
                    )
                )
    except OSError as exc:
        raise EvalError(f"cannot read it: {exc.strerror or exc}", where=str(path)) from None
    except UnicodeDecodeError:
        raise EvalError("not UTF-8 text", where=str(path)) from None
    if not rows:
        raise EvalError("no rows", where=str(path))
    return rows


def read_folds(folder: Path) -> list[tuple[Path, Path]]:
    """(train, test) file pairs of a folds folder, in fold order."""
    if not folder.is_dir():
        raise EvalError("no such folder", where=str(folder))
    pairs = []
    for train in folder.glob("*train-fold-*.csv"):
        m = re.search(r"train-fold-(\d+)\.csv$", train.name)
        test = train.with_name(train.name.replace("train-fold-", "test-fold-"))
        if m and test.is_file():
            pairs.append((int(m.group(1)), train, test))
    if not pairs:
        raise EvalError("no *train-fold-N.csv with its *test-fold-N.csv", where=str(folder))
    return [(tr, te) for _, tr, te in sorted(pairs)]


def bcubed(pred: Sequence[Any], gold: Sequence[Any]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against gold classes."""
    if len(pred) != len(gold):
        raise ValueError("pred and gold differ in length")
    if not pred:
        return 0.0, 0.0, 0.0
    pc, gc = Counter(pred), Counter(gold)
    both = Counter(zip(pred, gold, strict=True))
    p = sum(both[(a, b)] / pc[a] for a, b in zip(pred, gold, strict=True)) / len(pred)
    r = sum(both[(a, b)] / gc[b] for a, b in zip(pred, gold, strict=True)) / len(pred)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class EmergentResult:
    rows: int
    accuracy: float
    per_class: dict[str, PRF]
    confusion: dict[str, dict[str, int]]
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    clusters: int
    gold_claims: int
    cross_validated: bool
    folds: int = 0
    fold_accuracy: list[float] = field(default_factory=list)
    embeddings: bool = False
    stances: list[str] = field(default_factory=list, repr=False)
    labels: list[int] = field(default_factory=list, repr=False)

    @property
    def macro_f1(self) -> float:
        return sum(p.f1 for p in self.per_class.values()) / len(self.per_class)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "rows": self.rows,
            "stance": {
                "accuracy": round(self.accuracy, 4),
                "macro_f1": round(self.macro_f1, 4),
                "per_class": {k: v.to_dict() for k, v in self.per_class.items()},
                "confusion": self.confusion,
                "cross_validated": self.cross_validated,
            },
            "grouping": {
                "bcubed_precision": round(self.bcubed_precision, 4),
                "bcubed_recall": round(self.bcubed_recall, 4),
                "bcubed_f1": round(self.bcubed_f1, 4),
                "clusters": self.clusters,
                "gold_claims": self.gold_claims,
                "embeddings": self.embeddings,
            },
        }
        if self.cross_validated:
            d["stance"]["folds"] = self.folds
            d["stance"]["fold_accuracy"] = [round(a, 4) for a in self.fold_accuracy]
            d["stance"]["mean_fold_accuracy"] = round(
                sum(self.fold_accuracy) / len(self.fold_accuracy), 4
            )
        return d

    def report(self) -> str:
        how = (
            f"cross-validated over {self.folds} folds (each fold's model trained on its "
            "training file only)"
            if self.cross_validated
            else "shipped model"
        )
        lines = [
            f"Emergent: {self.rows} headlines, {self.gold_claims} claims",
            f"stance ({how})",
            f"  accuracy {self.accuracy:.4f}   macro F1 {self.macro_f1:.4f}",
        ]
        if self.cross_validated:
            mean = sum(self.fold_accuracy) / len(self.fold_accuracy)
            lines.append(f"  mean of fold accuracies {mean:.4f}")
        for k, v in self.per_class.items():
            lines.append(
                f"  {k:<10} P {v.precision:.4f}  R {v.recall:.4f}  F1 {v.f1:.4f}  (gold {v.gold})"
            )
        lines.append(
            "  confusion (gold -> predicted): "
            + "; ".join(
                f"{g}: " + ", ".join(f"{p} {n}" for p, n in row.items())
                for g, row in self.confusion.items()
            )
        )
        emb = "TF-IDF + MiniLM" if self.embeddings else "TF-IDF only (no embedding model)"
        lines += [
            f"grouping (all {self.rows} article headlines clustered at once, {emb})",
            f"  B-cubed P {self.bcubed_precision:.4f}  R {self.bcubed_recall:.4f}  "
            f"F1 {self.bcubed_f1:.4f}   ({self.clusters} clusters)",
        ]
        return "\n".join(lines)


def _stance_scores(
    gold: Sequence[str], pred: Sequence[str]
) -> tuple[float, dict[str, PRF], dict[str, dict[str, int]]]:
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    per = {
        k: PRF(
            tp=sum(g == p == k for g, p in zip(gold, pred, strict=True)),
            predicted=sum(p == k for p in pred),
            gold=sum(g == k for g in gold),
        )
        for k in LABELS
    }
    conf = {g: {p: 0 for p in LABELS} for g in LABELS}
    for g, p in zip(gold, pred, strict=True):
        conf[g][p] += 1
    return acc, per, conf


def evaluate_emergent(
    rows: Sequence[EmergentRow],
    *,
    folds: Sequence[tuple[Path, Path]] | None = None,
    embeddings: bool | None = None,
) -> EmergentResult:
    """Stance and grouping scores; with ``folds``, stance is cross-validated."""
    from ..claims import cluster_texts
    from ..claims import embed as _embed
    from ..claims.outlet import voice_of
    from ..claims.stance import train_stance

    fold_acc: list[float] = []
    if folds:
        by_id: dict[str, str] = {}
        for train_path, test_path in folds:
            train = load_emergent(train_path)
            test = load_emergent(test_path)
            model = train_stance([(r.claim, r.headline, r.stance) for r in train])
            right = 0
            for r in test:
                # the outlet's own voice: what the product reads off a headline
                label = voice_of(r.claim, r.headline, model=model)[0].emergent
                by_id[r.article_id] = label
                right += label == r.stance
            fold_acc.append(right / len(test))
        missing = [r.article_id for r in rows if r.article_id not in by_id]
        if missing:
            raise EvalError(
                f"{len(missing)} rows are in no test fold (e.g. articleId {missing[0]}): "
                "the folds do not cover this file"
            )
        pred = [by_id[r.article_id] for r in rows]
    else:
        pred = [voice_of(r.claim, r.headline)[0].emergent for r in rows]
    acc, per, conf = _stance_scores([r.stance for r in rows], pred)

    use_emb = _embed.available() if embeddings is None else embeddings
    labels = cluster_texts([r.headline for r in rows], embeddings=use_emb)
    p, r_, f = bcubed(labels, [r.claim_id for r in rows])
    return EmergentResult(
        rows=len(rows),
        accuracy=acc,
        per_class=per,
        confusion=conf,
        bcubed_precision=p,
        bcubed_recall=r_,
        bcubed_f1=f,
        clusters=len(set(labels)),
        gold_claims=len({r.claim_id for r in rows}),
        cross_validated=bool(folds),
        folds=len(folds or ()),
        fold_accuracy=fold_acc,
        embeddings=use_emb,
        stances=list(pred),
        labels=labels,
    )


def write_predictions(path: Path, rows: Sequence[EmergentRow], result: EmergentResult) -> None:
    """One row per input row: ``articleId``, ``stance``, ``cluster``."""
    try:
        with path.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["articleId", "stance", "cluster"])
            for row, stance, label in zip(rows, result.stances, result.labels, strict=True):
                w.writerow([row.article_id, stance, f"G{label}"])
    except OSError as exc:
        raise EvalError(
            f"cannot write predictions: {exc.strerror or exc}", where=str(path)
        ) from None
