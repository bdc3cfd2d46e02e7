"""The shipped ONNX tagger on a text we wrote, and the engine setting (no torch needed).

The model tests skip when no model is installed (``claimgraph/models/attribution-minilm``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.attribution import learned
from claimgraph.attribution.learned.tagger import Tagger
from claimgraph.errors import ModelError

TEXT = (
    "The harbour master said on Tuesday that the new pier would open in May.\n\n"
    "“We are ready,” said Odile Vellacott, who runs the ferry company. "
    "According to the council, the works cost less than planned."
)


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    if not learned.installed(learned.default_model_dir()):
        pytest.skip("no learned attribution model installed (claimgraph/models/attribution-minilm)")
    return learned.get_tagger(learned.default_model_dir())


def _parsed(nlp, text: str):  # type: ignore[no-untyped-def]
    """``text`` through the pipeline without the attribution component."""
    with nlp.select_pipes(disable=["claimgraph_attribution"]):
        return nlp(text)


def test_tagger_marks_source_cue_and_content(tagger, nlp) -> None:  # type: ignore[no-untyped-def]
    from claimgraph.attribution.learned.extract import rule_spans

    rules = rule_spans(_parsed(nlp, TEXT)) if tagger.uses_rules else None
    spans = tagger.spans(TEXT, rules)
    assert set(spans) == {"source", "cue", "content"}
    for role, frags in spans.items():
        for s, e in frags:
            assert 0 <= s < e <= len(TEXT), role
    cues = {TEXT[s:e] for s, e in spans["cue"]}
    assert "said" in cues
    assert any("pier would open" in TEXT[s:e] for s, e in spans["content"])


def test_learned_statements_carry_speakers(tagger, nlp) -> None:  # type: ignore[no-untyped-def]
    from claimgraph.attribution.learned.extract import extract

    statements, _ = extract(_parsed(nlp, TEXT), tagger)
    assert statements
    names = {s.speaker.name for s in statements if s.speaker is not None}
    assert "Odile Vellacott" in names


def test_a_hybrid_model_asks_for_the_rules_spans(tagger) -> None:  # type: ignore[no-untyped-def]
    if not tagger.uses_rules:
        pytest.skip("the installed model reads text only")
    with pytest.raises(ModelError, match="rules engine's spans"):
        tagger.spans(TEXT)


def test_engine_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CLAIMGRAPH_ATTRIBUTION_MODEL", str(tmp_path))
    monkeypatch.setenv("CLAIMGRAPH_ATTRIBUTION", "auto")
    assert learned.engine() == "rules"
    assert learned.active_tagger() is None
    monkeypatch.setenv("CLAIMGRAPH_ATTRIBUTION", "learned")
    with pytest.raises(ModelError, match="no model is installed"):
        learned.engine()
    monkeypatch.setenv("CLAIMGRAPH_ATTRIBUTION", "neural")
    with pytest.raises(ModelError, match="expected one of"):
        learned.engine()
    monkeypatch.setenv("CLAIMGRAPH_ATTRIBUTION", "learned")
    with learned.using("rules"):  # how the eval gate measures each engine
        assert learned.engine() == "rules" and learned.forced() == "rules"
    assert learned.forced() is None
    with pytest.raises(ModelError, match="expected one of"), learned.using("neural"):
        pass
    monkeypatch.delenv("CLAIMGRAPH_ATTRIBUTION")
    assert learned.engine() == "rules"  # auto, and no model in tmp_path


def test_train_command_is_documented_and_needs_torch() -> None:
    from click.testing import CliRunner

    from claimgraph.cli import main

    runner = CliRunner()
    res = runner.invoke(main, ["train", "polnear", "--help"])
    assert res.exit_code == 0 and "PolNeAR" in res.output
    try:
        import torch  # noqa: F401
    except ImportError:
        res = runner.invoke(main, ["train", "polnear", ".", "--out", "x"])
        assert res.exit_code != 0 and "torch" in res.output


def test_train_refuses_a_missing_soup_export_before_any_work(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from claimgraph.cli import main

    pytest.importorskip("onnx", reason="onnx is a dev/train extra")
    missing = tmp_path / "a.fp32.onnx"
    res = CliRunner().invoke(
        main,
        [
            "train",
            "polnear",
            str(tmp_path),
            "--out",
            str(tmp_path / "m"),
            "--soup-with",
            str(missing),
        ],
    )
    assert res.exit_code != 0
    assert f"{missing}: no such float32 ONNX export" in res.output
    assert not (tmp_path / "m").exists()  # nothing computed, nothing written
