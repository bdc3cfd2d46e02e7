"""PolNeAR: attribution spans (source, cue, content) in BRAT standoff.

``<split>/text/<doc>.txt`` and ``<split>/attributions/<doc>_<annotator>.ann``; the first
annotator file by name is used. Two figures per role: *exact* (a predicted fragment,
trimmed of spaces, punctuation and quote marks, equals a gold fragment, also trimmed)
and *token* (word tokens labelled with the role).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EvalError
from ..model import Analysis, Statement
from .metrics import PRF

ROLES = ("source", "cue", "content")
TRIM = " \t\n\r.,;:!?\"'“”‘’«»()[]—–-"
WORD = re.compile(r"\w+|[^\w\s]", re.UNICODE)

Spans = dict[str, list[tuple[int, int]]]


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    """``(s, e)`` without leading and trailing spaces, punctuation and quote marks, as
    PolNeAR's scorer compares fragments."""
    while s < e and text[s] in TRIM:
        s += 1
    while e > s and text[e - 1] in TRIM:
        e -= 1
    return s, e


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


def statement_spans(statements: Iterable[Statement]) -> Spans:
    """Source (speaker mention), cue and content fragments of ``statements``, as the
    scorer reads them from their JSON; empty fragments are left out."""
    spans: Spans = {r: [] for r in ROLES}
    for st in statements:
        if st.speaker is not None and st.speaker.mention is not None:
            m = st.speaker.mention
            spans["source"].append((m.start, m.end))
        spans["cue"].extend((p.start, p.end) for p in st.cue_pieces)
        spans["content"].extend((p.start, p.end) for p in st.content_pieces)
    return {r: [(s, e) for s, e in frags if e > s] for r, frags in spans.items()}


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
            gs = {trim(text, s, e) for s, e in gold[role]}
            ps = {trim(text, s, e) for s, e in pred[role] if e <= len(text)}
            gs = {x for x in gs if x[1] > x[0]}
            ps = {x for x in ps if x[1] > x[0]}
            self.exact[role] += PRF(len(gs & ps), len(ps), len(gs))
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
) -> PolnearScore:
    """Score the analyses of every document in ``split``.

    ``analyze_many`` takes ``(doc, text)`` pairs and yields ``(doc, analysis or error)``.
    A document that fails counts as predicting nothing and is listed in ``failed``.
    """
    docs = documents(split)[:limit]
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
