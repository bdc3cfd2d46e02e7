"""The content scorer (``learned.rerank``) at run time: candidates, the pick, the config."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from claimgraph.attribution import learned
from claimgraph.attribution.learned import rerank as R
from claimgraph.attribution.learned import windows as W
from claimgraph.errors import ModelError
from claimgraph.training import rerank as F

TEXT = "The mayor said that the bridge would reopen in June, the council said."


def _encoded(text: str) -> W.Encoded:
    """A word a piece, offsets from whitespace (no tokenizer needed)."""
    offsets, pos = [], 0
    for word in text.split(" "):
        offsets.append((pos, pos + len(word)))
        pos += len(word) + 1
    return W.Encoded(np.arange(len(offsets)), offsets, np.ones(len(offsets), dtype=bool))


def _scores(enc: W.Encoded, content: tuple[int, int], cue: tuple[int, int]) -> np.ndarray:
    """Logits ``[n, 3, 3]``: confident B then I over the pieces ``content`` (a piece
    range), and over ``cue``; O elsewhere."""
    n = len(enc.offsets)
    sc = np.zeros((n, len(W.ROLES), 3), dtype=np.float32)
    sc[:, :, W.O] = 4.0
    for role, (a, b) in (("content", content), ("cue", cue)):
        r = W.ROLES.index(role)
        sc[a:b, r, W.O] = -2.0
        sc[a, r, W.B] = 4.0
        sc[a + 1 : b, r, W.I] = 4.0
    return sc


def test_candidates_come_from_the_decodings_and_the_rules() -> None:
    enc = _encoded(TEXT)
    # content: "the bridge would reopen in June," (pieces 4..9), cue "said" (piece 2)
    scores = _scores(enc, (4, 10), (2, 3))
    rules = [(TEXT.index("that"), TEXT.index(", the council"))]
    spans, feats = R.candidates(TEXT, enc, scores, rules)
    assert feats.shape == (len(spans), len(R.FEATURES))
    texts = {TEXT[s:e] for s, e in spans}
    # trimmed as the scorer trims: the comma after "June" is not part of the span
    assert "the bridge would reopen in June" in texts
    assert "that the bridge would reopen in June" in texts  # the rules' fragment
    by_text = {
        TEXT[s:e]: dict(zip(R.FEATURES, f, strict=True))
        for (s, e), f in zip(spans, feats, strict=True)
    }
    row = by_text["that the bridge would reopen in June"]
    assert row["rules_same"] == 1.0 and row["biases"] == 0.0 and row["starts_that"] == 1.0
    model_row = by_text["the bridge would reopen in June"]
    assert model_row["argmax"] == 1.0 and model_row["p_in_mean"] > 0.99
    assert model_row["after_punct"] == 1.0 and model_row["before_word"] == 1.0


def _reranker(weights: list[float], threshold: float) -> R.Reranker:
    d = len(weights)
    return R.Reranker(np.asarray(weights, float), 0.0, np.zeros(d), np.ones(d), threshold)


def test_pick_keeps_the_best_spans_that_do_not_overlap_down_to_the_threshold() -> None:
    spans = [(0, 10), (5, 20), (30, 40), (50, 60)]
    feats = np.array([[1.0], [3.0], [0.5], [-2.0]])  # scores: 0.73, 0.95, 0.62, 0.12
    assert _reranker([1.0], 0.5).pick(spans, feats) == [(5, 20), (30, 40)]
    assert _reranker([1.0], 0.7).pick(spans, feats) == [(5, 20)]
    assert _reranker([1.0], 0.5).pick([], np.zeros((0, 1))) == []


def test_a_config_fitted_on_other_features_is_refused() -> None:
    cfg = _reranker([0.0] * len(R.FEATURES), 0.3).to_config()
    cfg["features"] = cfg["features"][:-1]
    with pytest.raises(ValueError, match="refit"):
        R.Reranker.from_config(cfg)


def test_the_tagger_names_a_broken_content_scorer(tmp_path: Path) -> None:
    src = learned.default_model_dir()
    if not learned.installed(src):
        pytest.skip("no learned attribution model installed (claimgraph/models/attribution-minilm)")
    for name in ("config.json", "tokenizer.json"):
        shutil.copy(src / name, tmp_path / name)
    (tmp_path / "model.onnx").symlink_to(src / "model.onnx")
    cfg = json.loads((tmp_path / "config.json").read_text())
    cfg["content_rerank"] = {"features": ["p_in_mean"], "o_biases": [0.0]}
    (tmp_path / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(ModelError, match="content_rerank"):
        learned.get_tagger(tmp_path)


def test_fill_is_off_by_default_and_adds_only_argmax_content_the_scorer_left(
    tmp_path: Path,
) -> None:
    assert F.config_entry(_reranker([0.0] * len(R.FEATURES), 0.3), {})["fill"] is False
    src = learned.default_model_dir()
    if not learned.installed(src):
        pytest.skip("no learned attribution model installed (claimgraph/models/attribution-minilm)")
    tagger = learned.get_tagger(src)
    assert tagger.reranker is not None and tagger.rerank_fill is False  # as shipped
    text = (
        "The ferry company said its boats would sail again on Monday. Repairs, the "
        "harbour master added, had taken longer than the council had hoped, and "
        "residents who rely on the crossing to reach the mainland are angry."
    )
    none = {r: [] for r in W.ROLES}
    off = tagger.spans(text, none)
    enc = W.encode(tagger.tok, text)
    argmax = W.decode_scores(
        enc, tagger.scores(text, enc, none), o_bias=tagger.o_bias, min_conf=tagger.min_conf
    )["content"]
    scorer = tagger.reranker
    tagger.rerank_fill = True
    try:
        on = tagger.spans(text, none)
        tagger.reranker = replace(scorer, threshold=1.01)  # a scorer that picks nothing
        nothing_picked = tagger.spans(text, none)
    finally:
        tagger.rerank_fill, tagger.reranker = False, scorer
    assert argmax and off["content"]
    left = [(s, e) for s, e in argmax if not any(a < e and s < b for a, b in off["content"])]
    assert on["content"] == sorted(off["content"] + left)
    assert {r: on[r] for r in ("source", "cue")} == {r: off[r] for r in ("source", "cue")}
    assert nothing_picked["content"] == sorted(argmax)  # fill keeps the whole argmax
