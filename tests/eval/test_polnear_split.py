"""``claimgraph eval polnear`` on part of a split: ``--every N`` scores the articles that
``train polnear --holdout N`` holds out (every Nth, from the first). The split is
written here (never copied from ../shared)."""

from __future__ import annotations

from pathlib import Path

from claimgraph.eval.polnear import PolnearScore, score
from claimgraph.model import Analysis, Article


def _split(tmp_path: Path, n: int) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    for k in range(n):
        text = f"Mayor {k} said the bridge would open in May."
        (tmp_path / "text" / f"doc{k:02d}.txt").write_text(text, encoding="utf-8")
        ann = f"T1\tSource 0 7\tMayor {k}\nT2\tCue 8 12\tsaid\n"
        (tmp_path / "attributions" / f"doc{k:02d}_ann1.ann").write_text(ann, encoding="utf-8")
    return tmp_path


def _asked(split: Path, **kw: int) -> tuple[list[str], PolnearScore]:
    asked: list[str] = []

    def analyze_many(items: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
        for doc, text in items:
            asked.append(doc)
            yield doc, Analysis(article=Article(text=text))

    return asked, score(split, analyze_many, **kw)


def test_every_scores_the_articles_training_holds_out(tmp_path: Path) -> None:
    split = _split(tmp_path, 7)
    asked, result = _asked(split, every=3)
    assert asked == ["doc00", "doc03", "doc06"]  # as train's docs[::holdout]
    # an article with no statement counts its gold spans as missed
    assert result.to_dict()["documents"] == 3


def test_limit_comes_before_every(tmp_path: Path) -> None:
    asked, _ = _asked(_split(tmp_path, 7), limit=5, every=2)
    assert asked == ["doc00", "doc02", "doc04"]
