"""Training-side pieces: the content scorer's fit, the split reader, a retrain's decoding."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from claimgraph.attribution.learned import rerank as R
from claimgraph.errors import TrainingError
from claimgraph.model import Kind, Span, Speaker, SpeakerType, Statement
from claimgraph.training import rerank as F


def test_logistic_matches_scikit_learn() -> None:
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(3)
    x = rng.normal(size=(400, 5))
    y = (x @ np.array([1.5, -2.0, 0.0, 0.5, 1.0]) + rng.normal(size=400) > 0.3).astype(float)
    w, b = F.logistic(x, y, l2=1.0)
    ref = LogisticRegression(C=1.0, tol=1e-10, max_iter=10_000).fit(x, y)
    assert np.allclose(w, ref.coef_[0], atol=1e-4)
    assert abs(b - ref.intercept_[0]) < 1e-4


def test_fit_learns_which_candidates_are_right_and_picks_a_threshold() -> None:
    rng = np.random.default_rng(7)
    items: list[F.Item] = []
    for _ in range(20):  # 20 articles, each with 6 candidates of which 2 are gold
        spans = [(k * 10, k * 10 + 5) for k in range(6)]
        good = np.array([1, 0, 1, 0, 0, 0], dtype=float)
        noise = rng.normal(size=(6, len(R.FEATURES)))
        noise[:, 0] += 5 * good  # one feature tells them apart
        items.append((spans, noise, {s for s, g in zip(spans, good, strict=True) if g}))
    model, report = F.fit(items)
    assert report["cv_exact_f1"] > 0.9 and F.exact_f1(model, items) > 0.9
    assert report["threshold"] in F.THRESHOLDS and report["l2"] in F.L2
    back = R.Reranker.from_config(json.loads(json.dumps(model.to_config())))
    assert np.allclose(back.score(items[0][1]), model.score(items[0][1]))


def test_a_retrain_takes_the_decoding_of_a_held_out_tuned_model(tmp_path: Path) -> None:
    from claimgraph.training.train import _sibling_decoding

    cfg = {"selection": "held-out", "held_out_articles": 84, "o_bias": {"cue": 1.5}}
    cfg |= {"min_conf": {"content": 0.9}, "content_rerank": {"threshold": 0.25, "fitted": {}}}
    (tmp_path / "config.json").write_text(json.dumps(cfg))
    got = _sibling_decoding(tmp_path)
    assert got["o_bias"] == {"cue": 1.5} and got["min_conf"] == {"content": 0.9}
    assert got["content_rerank"]["threshold"] == 0.25
    assert got["from"]["held_out_articles"] == 84
    # a model whose decoding dev picked is no source of held-out settings
    (tmp_path / "config.json").write_text(json.dumps({**cfg, "selection": "dev"}))
    with pytest.raises(TrainingError, match="--holdout"):
        _sibling_decoding(tmp_path)


def test_read_split_reads_the_named_articles_with_their_rules_predictions(tmp_path: Path) -> None:
    from claimgraph.training.data import read_split

    text = "Ann Lee said the pier will close."
    for name in ("a", "b", "c"):
        (tmp_path / "text").mkdir(exist_ok=True)
        (tmp_path / "attributions").mkdir(exist_ok=True)
        (tmp_path / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        (tmp_path / "attributions" / f"{name}_x.ann").write_text(
            "T1\tSource 0 7\tAnn Lee\nT2\tCue 8 12\tsaid\nT3\tContent 13 32\tthe pier\n",
            encoding="utf-8",
        )
    rules = tmp_path / "rules"
    rules.mkdir()
    statement = Statement(
        id="S1",
        kind=Kind.INDIRECT,
        content=Span.of(text, 13, 32),
        speaker=Speaker(mention=Span.of(text, 0, 7), name="Ann Lee", type=SpeakerType.PERSON),
        cue=Span.of(text, 8, 12),
    )
    saved = {"statements": [statement.to_dict()]}
    (rules / "c.json").write_text(json.dumps(saved), encoding="utf-8")
    docs = read_split(tmp_path, rules=rules, only=["c"])
    assert [d[0] for d in docs] == ["c"]
    _, got_text, gold, feats = docs[0]
    assert got_text == text and gold["content"] == [(13, 32)]
    assert feats == {"source": [(0, 7)], "cue": [(8, 12)], "content": [(13, 32)]}
    with pytest.raises(TrainingError, match="no rules prediction for a"):
        read_split(tmp_path, rules=rules, only=["a"])
    assert [d[0] for d in read_split(tmp_path, limit=2)] == ["a", "b"]


def test_a_training_command_reports_a_training_error_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from claimgraph.training import run

    def main(argv: list[str]) -> None:
        raise TrainingError(f"no base model for {argv[0]}")

    with pytest.raises(SystemExit) as exc:
        run(main, ["run7"])
    assert exc.value.code == 6
    assert capsys.readouterr().err == "error: [CG800] no base model for run7\n"
