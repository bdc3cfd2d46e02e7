"""``claimgraph eval emergent``: the scorer on a file we write, and the figures on Emergent."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.errors import EvalError
from claimgraph.eval.emergent import bcubed, evaluate_emergent, load_emergent, read_folds
from shared_corpora import shared_path  # skips when ../shared is absent

HEADER = ["", "claimHeadline", "articleHeadline", "articleHeadlineStance", "articleId", "claimId"]
OURS = [
    (
        "The town hall clock was stolen",
        "Thieves steal town hall clock overnight",
        "for",
        "a1",
        "c1",
    ),
    (
        "The town hall clock was stolen",
        "Town hall clock theft is a hoax, mayor says",
        "against",
        "a2",
        "c1",
    ),
    (
        "The town hall clock was stolen",
        "Was the town hall clock really stolen?",
        "observing",
        "a3",
        "c1",
    ),
    ("A whale swam up the river", "Whale spotted swimming up the river", "for", "a4", "c2"),
    ("A whale swam up the river", "River whale photo is fake, say experts", "against", "a5", "c2"),
]


def _write(path: Path, rows: list[tuple[str, ...]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for i, r in enumerate(rows):
            w.writerow([i, *r])
    return path


def test_bcubed() -> None:
    assert bcubed([1, 1, 2, 2], ["a", "a", "b", "b"]) == (1.0, 1.0, 1.0)
    p, r, _ = bcubed([1, 1, 1, 1], ["a", "a", "b", "b"])
    assert p == 0.5 and r == 1.0
    p, r, _ = bcubed([1, 2, 3, 4], ["a", "a", "b", "b"])
    assert p == 1.0 and r == 0.5


def test_load_refuses_other_layouts(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(EvalError, match="no column"):
        load_emergent(bad)
    wrong = _write(tmp_path / "wrong.csv", [("c", "h", "maybe", "a1", "c1")])
    with pytest.raises(EvalError, match="maybe"):
        load_emergent(wrong)
    with pytest.raises(EvalError):
        read_folds(tmp_path)


def test_cli_writes_predictions(tmp_path: Path) -> None:
    data = _write(tmp_path / "ours.csv", OURS)
    out = tmp_path / "pred.csv"
    res = CliRunner().invoke(
        main, ["eval", "emergent", str(data), "--predictions", str(out), "--no-embeddings"]
    )
    assert res.exit_code == 0, res.output
    assert "B-cubed" in res.output and "accuracy" in res.output
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["articleId", "stance", "cluster"]
    assert [r["articleId"] for r in rows] == [r[3] for r in OURS]
    assert {r["stance"] for r in rows} <= {"for", "against", "observing"}
    assert all(r["cluster"] for r in rows)


def test_train_stance_cli(tmp_path: Path) -> None:
    data = _write(tmp_path / "ours.csv", OURS)
    model = tmp_path / "m.json"
    res = CliRunner().invoke(main, ["train", "stance", str(data), "--out", str(model)])
    assert res.exit_code == 0, res.output
    from claimgraph.claims import stance_toward
    from claimgraph.claims.stance import StanceModel

    m = StanceModel.load(model)
    _stance, conf = stance_toward("A whale swam up the river", "Whale sighting is a hoax", model=m)
    assert 0 <= conf <= 1


@pytest.mark.corpus
@pytest.mark.slow
def test_emergent_cross_validated() -> None:
    """The claims issue's bars: stance >= 0.77 cross-validated, grouping B-cubed F1 >= 0.90."""
    train = shared_path("data", "emergent", "train.csv")
    folds = shared_path("data", "emergent", "folds")
    rows = load_emergent(train)
    assert len(rows) == 2071
    result = evaluate_emergent(rows, folds=read_folds(folds))
    assert result.folds == 10
    assert result.accuracy >= 0.77, result.report()
    if result.embeddings:
        assert result.bcubed_f1 >= 0.90, result.report()
    else:
        assert result.bcubed_f1 >= 0.865, result.report()
