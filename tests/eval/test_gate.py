"""The eval gate: pinned floors in eval_floors.json, measured against ../shared.

Skips with a message when ../shared is absent (a user's fresh clone).
"""

from __future__ import annotations

from pathlib import Path

from claimgraph.eval.gate import check, load_floors, raise_floors, save_floors

FLOORS = Path(__file__).resolve().parents[2] / "eval_floors.json"


def test_attribution_quality_holds_its_floors(nlp, shared) -> None:  # type: ignore[no-untyped-def]
    from claimgraph.eval.gate import measure

    shared("data", "polnear", "dev")
    measured = measure(shared(), nlp=nlp)
    floors = load_floors(FLOORS)
    assert "polnear-dev" in measured
    assert check(floors, measured) == []


def test_founding_article_meets_its_bar(analyze, shared) -> None:  # type: ignore[no-untyped-def]
    from claimgraph.eval.gold import load_gold, score_gold

    gold_file = shared("golden", "chechnya-purge.gold.json")
    gold = load_gold(gold_file)
    text = shared("golden", "chechnya-purge.txt").read_text(encoding="utf-8")
    result = score_gold(gold, analyze(text))
    assert result.statements.f1 >= 0.85, result.report()
    assert result.speaker_accuracy >= 0.90, result.report()


def test_check_and_raise(tmp_path: Path) -> None:
    floors = {"b": {"f1": 0.5, "g": 0.7}}
    assert check(floors, {"b": {"f1": 0.6, "g": 0.7}}) == []
    assert check(floors, {"b": {"f1": 0.4, "g": 0.7}}) == ["b.f1: 0.4000 is below the floor 0.5000"]
    raised = raise_floors(floors, {"b": {"f1": 0.6789, "g": 0.2}})
    assert raised == {"b": {"f1": 0.678, "g": 0.7}}  # up, never down
    save_floors(tmp_path / "f.json", raised)
    assert load_floors(tmp_path / "f.json") == raised


def test_floors_file_is_valid() -> None:
    floors = load_floors(FLOORS)
    assert floors and all(0 <= v <= 1 for figs in floors.values() for v in figs.values())
