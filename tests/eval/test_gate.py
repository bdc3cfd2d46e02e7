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


def test_save_keeps_the_files_about(tmp_path: Path) -> None:
    f = tmp_path / "f.json"
    f.write_text('{"_about": "why these floors", "b": {"f1": 0.5}}', encoding="utf-8")
    save_floors(f, {"b": {"f1": 0.6}})
    assert '"_about": "why these floors"' in f.read_text(encoding="utf-8")
    assert load_floors(f) == {"b": {"f1": 0.6}}


PORT = (
    "Port deal collapses\n\n"
    "The sale of the Veldhaven container port collapsed on Thursday, the dock workers' "
    "union said. “We were never consulted,” said Ana Roth, the union's leader.\n"
)


def test_wikinews_dev_is_measured_with_the_default_engine(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A ../shared-like folder with only golden/wikinews-dev (one article written here):
    gold-wikinews-dev is measured once, under the default engine's name."""
    import json

    from claimgraph.attribution import learned
    from claimgraph.eval.gate import measure

    folder = tmp_path / "golden" / "wikinews-dev"
    folder.mkdir(parents=True)
    (folder / "port.txt").write_text(PORT, encoding="utf-8")
    content = "We were never consulted,"
    start = PORT.index(content)
    gold = {
        "statements": [
            {"id": "S1", "speaker": "Ana Roth", "cue": "said", "content": content,
             "content_span": [start, start + len(content)], "claim": "C1"},
        ],
        "entities": [{"name": "Ana Roth", "type": "person", "aliases": ["Roth"]}],
    }  # fmt: skip
    (folder / "port.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    measured = measure(tmp_path, nlp=nlp)
    default = "gold-wikinews-dev@learned" if learned.installed() else "gold-wikinews-dev"
    assert [k for k in measured if k.startswith("gold-wikinews-dev")] == [default]
    figs = measured[default]
    assert set(figs) == {"statement_f1", "statement_precision", "speaker_accuracy"}
    assert figs["statement_f1"] > 0 and figs["speaker_accuracy"] == 1.0
    assert "polnear-dev" not in measured  # absent corpora are skipped, not failed


def test_the_floors_pin_wikinews_dev_for_the_default_engine() -> None:
    floors = load_floors(FLOORS)
    assert set(floors["gold-wikinews-dev@learned"]) == {
        "statement_f1",
        "statement_precision",
        "speaker_accuracy",
    }
