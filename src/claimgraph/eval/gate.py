"""The eval gate: quality floors pinned in a JSON file, checked in CI, only ever raised.

The file maps a benchmark to its figures, e.g.
``{"polnear-dev": {"source_exact_f1": 0.67, ...}, "gold-chechnya-purge": {...}}``.
:func:`check` lists every figure below its floor; :func:`raise_floors` returns floors
raised to what was measured (rounded down), never lowered.
"""

from __future__ import annotations

import contextlib
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EvalError
from .gold import GoldTotals

if TYPE_CHECKING:
    from ..model import Analysis, Article

Figures = dict[str, dict[str, float]]


def load_floors(path: Path) -> Figures:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"cannot read the floors ({exc})", where=str(path)) from exc
    return {k: dict(v) for k, v in data.items() if not k.startswith("_")}


def check(floors: Figures, measured: Figures) -> list[str]:
    """Every figure below its floor, as readable lines (empty when the gate holds)."""
    failures = []
    for bench, figs in floors.items():
        if bench not in measured:
            continue
        for name, floor in figs.items():
            got = measured[bench].get(name)
            if got is None:
                failures.append(f"{bench}.{name}: not measured (floor {floor})")
            elif got < floor:
                failures.append(f"{bench}.{name}: {got:.4f} is below the floor {floor:.4f}")
    return failures


def raise_floors(floors: Figures, measured: Figures) -> Figures:
    out = {b: dict(f) for b, f in floors.items()}
    for bench, figs in measured.items():
        for name, got in figs.items():
            new = math.floor(got * 1000) / 1000
            cur = out.setdefault(bench, {}).get(name)
            if cur is None or new > cur:
                out[bench][name] = new
    return out


def save_floors(path: Path, floors: Figures) -> None:
    """Write ``floors``, keeping the file's ``_about`` when it has one."""
    about = (
        "Quality floors checked by tests/eval/test_gate.py; raise with "
        "'claimgraph eval gate --raise', never lower. Plain names: the rules engine; "
        "@learned: the shipped model."
    )
    with contextlib.suppress(OSError, ValueError, AttributeError):
        about = str(json.loads(path.read_text(encoding="utf-8")).get("_about", about))
    doc = {"_about": about, **{b: dict(sorted(f.items())) for b, f in sorted(floors.items())}}
    path.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")


def polnear_figures(score: object) -> dict[str, float]:
    from .polnear import PolnearScore

    assert isinstance(score, PolnearScore)
    out = {}
    for role in ("source", "cue", "content"):
        out[f"{role}_exact_f1"] = score.exact[role].f1
        out[f"{role}_token_f1"] = score.token[role].f1
    out["documents_ok"] = 1.0 - len(score.failed) / max(1, score.documents)
    return out


def measure(shared: Path, *, nlp: object | None = None) -> Figures:
    """Run the attribution benchmarks found under ``shared`` (a ../shared folder):
    PolNeAR dev and every golden file, with each engine: the rules engine under the
    plain names (``polnear-dev``), the learned model, when one is installed, under
    ``polnear-dev@learned``. Each engine keeps floors of its own. The wikinews-dev
    golden folder (``gold-wikinews-dev``: statement F1 and precision, speakers
    resolved, summed over its files) is measured with the default engine only."""
    from ..attribution import learned

    figures: Figures = {}
    engines = ["rules"] + (["learned"] if learned.installed() else [])
    default = engines[-1]
    for engine in engines:
        suffix = "" if engine == "rules" else f"@{engine}"
        with learned.using(engine):
            for name, figs in _measure_one(shared, nlp, wikinews=engine == default).items():
                figures[name + suffix] = figs
    return figures


def gold_figures(totals: GoldTotals) -> dict[str, float]:
    """Statement F1 and precision and speakers resolved, summed over golden files."""
    return {
        "statement_f1": totals.statements.f1,
        "statement_precision": totals.statements.precision,
        "speaker_accuracy": totals.speaker_accuracy,
    }


def _measure_one(shared: Path, nlp: object | None, *, wikinews: bool) -> Figures:
    from ..attribution import scope
    from ..pipeline import analyze, analyze_many
    from .gold import load_gold, score_gold, score_gold_files, text_for
    from .polnear import analyzer, score

    figures: Figures = {}
    analysed: dict[Article, Analysis] = {}

    def run(articles: Sequence[Article]) -> list[Analysis]:
        """Analyses of ``articles``, each article analysed once for both golden scorers."""
        todo = [a for a in dict.fromkeys(articles) if a not in analysed]
        analysed.update(zip(todo, analyze_many(todo, nlp=nlp), strict=True))  # type: ignore[arg-type]
        return [analysed[a] for a in articles]

    dev = shared / "data" / "polnear" / "dev"
    if dev.is_dir():
        with scope.using("broad"):  # PolNeAR's attributions, as eval polnear scores them
            figures["polnear-dev"] = polnear_figures(score(dev, analyzer(nlp)))
    for gold_file in sorted((shared / "golden").glob("*.gold.json")):
        gold = load_gold(gold_file)
        text = text_for(gold_file, gold).read_text(encoding="utf-8")
        result = score_gold(gold, analyze(text, nlp=nlp))  # type: ignore[arg-type]
        name = "gold-" + gold_file.name.removesuffix(".gold.json")
        figures[name] = {
            "statement_f1": result.statements.f1,
            "speaker_accuracy": result.speaker_accuracy,
        }
    wikinews_dev = shared / "golden" / "wikinews-dev"
    if wikinews and wikinews_dev.is_dir():
        totals = score_gold_files([wikinews_dev], run)
        figures["gold-wikinews-dev"] = gold_figures(totals)
    if wikinews_dev.is_dir():
        from .claims import score_claims

        golds = [*sorted((shared / "golden").glob("*.gold.json")), wikinews_dev]
        claims = score_claims(golds, run)
        figures["claims-golden"] = {
            "bcubed_f1": claims.f1,
            "bcubed_precision": claims.precision,
            "stance_accuracy": claims.stance_accuracy,
        }
    return figures
