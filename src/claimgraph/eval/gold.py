"""Golden files: hand annotations of who said what in one article.

A predicted statement matches a gold one when their content spans overlap by at least
half of the gold span and a third of the predicted span; each gold statement matches
at most one prediction. Unmatched predictions are false positives unless they match an
optional gold statement. The speaker of a matched statement is right only when it is
resolved: the predicted name (or the mention) is the entity's canonical name, contains
it, or is one of its aliases that is itself a name; for a group or an anonymous source
it must contain the head word and at least half of the gold speaker's words.

Several golden files are scored by summing their counts (:class:`GoldTotals`): statement
precision, recall and F1 from the summed true positives, predictions and gold
statements, speakers resolved from the summed right speakers over matched statements,
as ``../shared/tools/score_attribution.py --json`` counts them file by file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EvalError
from ..model import Analysis, Article, Statement
from .metrics import PRF

_PRONOUNS = frozenset("he she they it who we i him her them his its their this that".split())
_STOP = frozenset(["the", "a", "an", "of", "for", "s", "and"])


def _norm(s: str | None) -> str:
    s = (s or "").lower().replace("’", "'").strip()
    s = re.sub(r"^(the|a|an)\s+", "", s)
    return re.sub(r"\s+", " ", s)


def _is_name(alias: str) -> bool:
    a = re.sub(r"^(the|a|an)\s+", "", alias.strip(), flags=re.I)
    return bool(a) and a[0].isupper() and _norm(a) not in _PRONOUNS


def _words(s: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z0-9]+", _norm(s)) if w not in _STOP}


@dataclass
class GoldResult:
    statements: PRF
    speaker_right: int
    matched: int
    verdicts: list[str] = field(default_factory=list)

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.matched if self.matched else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "statements": self.statements.to_dict(),
            "speaker_accuracy": round(self.speaker_accuracy, 4),
            "speaker_right": self.speaker_right,
            "matched": self.matched,
        }

    def report(self) -> str:
        s = self.statements
        return "\n".join(
            [
                *self.verdicts,
                f"statements P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f}; "
                f"speaker right on {self.speaker_right}/{self.matched} matched "
                f"({self.speaker_accuracy:.3f})",
            ]
        )


@dataclass
class GoldTotals:
    """The results of several golden files, by name, and their summed figures."""

    results: list[tuple[str, GoldResult]] = field(default_factory=list)

    @property
    def statements(self) -> PRF:
        return sum((r.statements for _, r in self.results), PRF(0, 0, 0))

    @property
    def speaker_right(self) -> int:
        return sum(r.speaker_right for _, r in self.results)

    @property
    def matched(self) -> int:
        return sum(r.matched for _, r in self.results)

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.matched if self.matched else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": [{"name": name, **r.to_dict()} for name, r in self.results],
            "total": GoldResult(self.statements, self.speaker_right, self.matched).to_dict(),
        }

    def report(self) -> str:
        if len(self.results) == 1:  # one file: its verdicts and its figures
            return self.results[0][1].report()
        lines = [f"{name}: {_figures(r.statements, r.speaker_right, r.matched)}"
                 for name, r in self.results]  # fmt: skip
        total = _figures(self.statements, self.speaker_right, self.matched)
        return "\n".join([*lines, f"total ({len(self.results)} files): {total}"])


def _figures(s: PRF, right: int, matched: int) -> str:
    acc = right / matched if matched else 0.0
    return (
        f"statements P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} "
        f"({s.tp} right of {s.predicted} predicted, {s.gold} gold); "
        f"speaker right on {right}/{matched} matched ({acc:.3f})"
    )


def gold_files(paths: Sequence[Path]) -> list[Path]:
    """Golden files named or held by folders (``*.gold.json``), each with its article
    beside it (:func:`text_for`)."""
    out: list[Path] = []
    for p in paths:
        found = sorted(p.glob("*.gold.json")) if p.is_dir() else [p]
        if not found:
            raise EvalError("no *.gold.json here", where=str(p))
        for g in found:
            if not g.name.endswith(".gold.json") or not g.is_file():
                raise EvalError("not a golden file (NAME.gold.json)", where=str(g))
            text_for(g, load_gold(g))
            out.append(g)
    return out


def gold_name(path: Path) -> str:
    """``NAME`` of ``NAME.gold.json``."""
    return path.name.removesuffix(".gold.json")


def load_gold(path: Path) -> dict[str, Any]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"cannot read the gold file ({exc})", where=str(path)) from exc
    if not isinstance(gold, dict) or not isinstance(gold.get("statements"), list):
        raise EvalError("not a golden file: no 'statements' list", where=str(path))
    return gold


def _same_speaker(gold: dict[str, Any], gname: str, pname: str, pmention: str) -> bool:
    ents = {_norm(e["name"]): e for e in gold.get("entities", [])}
    cands = [c for c in (pname, pmention) if c and _norm(c) not in _PRONOUNS]
    for part in (p.strip() for p in gname.split(";")):
        e = ents.get(_norm(part))
        if e:
            names = {_norm(e["name"])} | {_norm(x) for x in e.get("aliases", []) if _is_name(x)}
            canon = _norm(e["name"])
            for c in map(_norm, cands):
                if c in names or canon in c:
                    return True
                if (
                    len(c) > 3
                    and _is_name(c.title())
                    and any(c in n for n in names)
                    and c.split()[-1] == canon.split()[-1]
                ):
                    return True
        else:
            g = _words(part)
            head = re.split(r"\s+(?:for|of)\s+", _norm(part))[0].split()[-1].rstrip("s")
            for c in cands:
                w = _words(c)
                if head in w and len(g & w) >= 0.5 * len(g):
                    return True
    return False


def matches(
    gold: dict[str, Any], statements: Sequence[Statement]
) -> list[tuple[dict[str, Any], Statement | None]]:
    """Each gold statement with the predicted one it matches, by the golden rule: content
    spans overlapping by at least half the gold span and a third of the predicted span,
    the largest overlap first, each prediction matched once."""
    used: set[int] = set()
    out: list[tuple[dict[str, Any], Statement | None]] = []
    for g in gold["statements"]:
        gs, ge = g["content_span"]
        best, best_ov = None, 0
        for i, st in enumerate(statements):
            if i in used:
                continue
            ps, pe = st.content.start, st.content.end
            ov = max(0, min(ge, pe) - max(gs, ps))
            if ov >= 0.5 * (ge - gs) and ov >= (pe - ps) / 3 and ov > best_ov:
                best, best_ov = i, ov
        if best is not None:
            used.add(best)
        out.append((g, statements[best] if best is not None else None))
    return out


def score_gold(gold: dict[str, Any], analysis: Analysis) -> GoldResult:
    tp = matched_optional = speaker_right = 0
    verdicts = []
    required = [g for g in gold["statements"] if not g.get("optional")]
    matched = matches(gold, analysis.statements)
    used = {id(st) for _, st in matched if st is not None}
    for g, st in matched:
        if st is None:
            verdicts.append(f"MISS  {g['id']} {g['speaker']} / {g['cue']}: {g['content'][:70]}")
            continue
        sp = st.speaker
        name = (sp.name if sp else None) or ""
        mention = sp.mention.text if sp and sp.mention else ""
        ok = _same_speaker(gold, g["speaker"], name, mention)
        if g.get("optional"):
            matched_optional += 1
        else:
            tp += 1
        speaker_right += ok
        mark = "OK   " if ok else "SPKR "
        verdicts.append(f"{mark} {g['id']} gold={g['speaker']!r} pred={name!r}/{mention!r}")
    for st in analysis.statements:
        if id(st) not in used:
            who = st.speaker.name if st.speaker else None
            verdicts.append(f"EXTRA {who!r}: {st.content.text[:70]}")
    predicted = len(analysis.statements) - matched_optional
    return GoldResult(
        statements=PRF(tp, predicted, len(required)),
        speaker_right=speaker_right,
        matched=tp + matched_optional,
        verdicts=verdicts,
    )


def score_gold_files(
    golds: Sequence[Path], analyze: Callable[[Sequence[Article]], list[Analysis]]
) -> GoldTotals:
    """Score golden files or folders of them (:func:`gold_files`), their articles
    analysed together by ``analyze``."""
    from ..ingest.text import read_text_file

    files = gold_files(golds)
    loaded = [load_gold(g) for g in files]
    articles = [read_text_file(text_for(g, gold)) for g, gold in zip(files, loaded, strict=True)]
    analyses = analyze(articles)
    return GoldTotals(
        [
            (gold_name(g), score_gold(gold, analysis))
            for g, gold, analysis in zip(files, loaded, analyses, strict=True)
        ]
    )


def text_for(gold_path: Path, gold: dict[str, Any]) -> Path:
    """The article a golden file annotates: its ``document`` beside it, or NAME.txt."""
    doc = gold.get("document")
    cand = (
        gold_path.parent / doc
        if doc
        else gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
    )
    if not cand.exists():
        raise EvalError(
            f"the article {cand.name} is not beside the gold file", where=str(gold_path)
        )
    return cand
