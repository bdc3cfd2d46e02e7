"""PolNeAR: attribution spans (source, cue, content) in BRAT standoff.

``<split>/text/<doc>.txt`` and ``<split>/attributions/<doc>_<annotator>.ann``; the first
annotator file by name is used. Two figures per role: *exact* (a predicted fragment,
trimmed of spaces, punctuation and quote marks, equals a gold fragment, also trimmed)
and *token* (word tokens labelled with the role).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..attribution.fragments import ROLES, TRIM, Spans, statement_spans, trim
from ..errors import EvalError
from ..model import Analysis
from .metrics import PRF

__all__ = ["ROLES", "TRIM", "Spans", "exact_counts", "exact_f1", "statement_spans", "trim"]

WORD = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def documents(split: Path) -> list[str]:
    texts = split / "text"
    if not texts.is_dir():
        raise EvalError("no text/ folder: not a PolNeAR split", where=str(split))
    return sorted(p.stem for p in texts.glob("*.txt"))


def gold_spans(split: Path, doc: str) -> Spans:
    spans: Spans = {r: [] for r in ROLES}
    anns = sorted((split / "attributions").glob(f"{doc}_*.ann"))
    if not anns:
        return spans
    for n, line in enumerate(anns[0].read_text(encoding="utf-8").splitlines(), 1):
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        label, _, offsets = parts[1].partition(" ")
        role = label.lower()
        if role not in spans:
            continue
        try:
            for frag in offsets.split(";"):
                s, e = frag.split()
                spans[role].append((int(s), int(e)))
        except ValueError as exc:
            raise EvalError(f"line {n}: bad offsets {offsets!r}", where=str(anns[0])) from exc
    return spans


def predicted_spans(analysis: Analysis) -> Spans:
    return statement_spans(analysis.statements)


def exact_counts(
    text: str, gold: Iterable[tuple[int, int]], pred: Iterable[tuple[int, int]]
) -> PRF:
    """Exact matches of one role in one article: fragments compared after :func:`trim`,
    those that trim to nothing left out."""
    gs = {x for x in (trim(text, s, e) for s, e in gold) if x[1] > x[0]}
    ps = {x for x in (trim(text, s, e) for s, e in pred) if x[1] > x[0]}
    return PRF(len(gs & ps), len(ps), len(gs))


def exact_f1(
    gold: Sequence[tuple[str, Mapping[str, Sequence[tuple[int, int]]]]],
    preds: Sequence[Mapping[str, Sequence[tuple[int, int]]]],
) -> dict[str, float]:
    """Exact-match F1 per role (rounded to 4 places) over ``(text, gold spans)``
    articles and their predicted spans: only the exact counts of :class:`PolnearScore`,
    for code that scores many decodings of the same articles."""
    out = {}
    for role in ROLES:
        total = PRF(0, 0, 0)
        for (text, g), pred in zip(gold, preds, strict=True):
            total += exact_counts(text, g[role], pred.get(role, []))
        out[role] = round(total.f1, 4)
    return out


def _token_labels(tokens: list[tuple[int, int]], spans: list[tuple[int, int]]) -> set[int]:
    out = set()
    for i, (a, b) in enumerate(tokens):
        for s, e in spans:
            if a >= s and b <= e:
                out.add(i)
                break
    return out


@dataclass
class PolnearScore:
    documents: int = 0
    failed: list[str] = field(default_factory=list)
    exact: dict[str, PRF] = field(default_factory=lambda: {r: PRF(0, 0, 0) for r in ROLES})
    token: dict[str, PRF] = field(default_factory=lambda: {r: PRF(0, 0, 0) for r in ROLES})

    def add(self, text: str, gold: Spans, pred: Spans) -> None:
        self.documents += 1
        tokens = [(m.start(), m.end()) for m in WORD.finditer(text)]
        for role in ROLES:
            inside = [(s, e) for s, e in pred[role] if e <= len(text)]
            self.exact[role] += exact_counts(text, gold[role], inside)
            gl = _token_labels(tokens, gold[role])
            pl = _token_labels(tokens, pred[role])
            self.token[role] += PRF(len(gl & pl), len(pl), len(gl))

    def to_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "failed": self.failed,
            **{
                role: {"exact": self.exact[role].to_dict(), "token": self.token[role].to_dict()}
                for role in ROLES
            },
        }

    def report(self) -> str:
        lines = [f"{self.documents} documents, {len(self.failed)} failed"]
        for role in ROLES:
            e, t = self.exact[role], self.token[role]
            lines.append(
                f"{role:8s} exact P/R/F1 {e.precision:.3f}/{e.recall:.3f}/{e.f1:.3f}   "
                f"token P/R/F1 {t.precision:.3f}/{t.recall:.3f}/{t.f1:.3f}"
            )
        return "\n".join(lines)


Outcomes = Iterator[tuple[str, Analysis | Exception]]


def analyzer(
    nlp: Any = None, *, out: Path | None = None
) -> Callable[[list[tuple[str, str]]], Outcomes]:
    """The usual ``analyze_many`` for :func:`score`: the pipeline on each document, a
    failure reported rather than raised; with ``out``, each analysis is also written to
    ``out/<doc>.json`` (what ``score_polnear.py`` reads)."""
    from ..pipeline import analyze

    def run(items: list[tuple[str, str]]) -> Outcomes:
        for doc, text in items:
            try:
                a = analyze(text, nlp=nlp)
            except Exception as exc:  # an article that fails is reported, not fatal
                yield doc, exc
                continue
            if out is not None:
                (out / f"{doc}.json").write_text(
                    json.dumps(a.to_dict(), ensure_ascii=False), encoding="utf-8"
                )
            yield doc, a

    return run


def score(
    split: Path,
    analyze_many: Callable[[list[tuple[str, str]]], Outcomes],
    *,
    limit: int | None = None,
    every: int = 1,
) -> PolnearScore:
    """Score the analyses of every document in ``split`` (the first ``limit``; of those,
    every ``every``-th from the first: the articles ``train polnear --holdout N`` leaves
    out when ``every`` is N).

    ``analyze_many`` takes ``(doc, text)`` pairs and yields ``(doc, analysis or error)``.
    A document that fails counts as predicting nothing and is listed in ``failed``.
    """
    docs = documents(split)[:limit][::every]
    items = [(d, (split / "text" / f"{d}.txt").read_text(encoding="utf-8")) for d in docs]
    texts = dict(items)
    result = PolnearScore()
    for doc, outcome in analyze_many(items):
        text = texts[doc]
        if isinstance(outcome, Exception):
            result.failed.append(f"{doc}: {outcome}")
            pred: Spans = {r: [] for r in ROLES}
        else:
            pred = predicted_spans(outcome)
        result.add(text, gold_spans(split, doc), pred)
    return result
