"""Claims against golden files: grouping (B-cubed) and stance toward the claim.

The golden articles (``NAME.txt`` beside ``NAME.gold.json``) are ingested into one fresh
store, as ``claimgraph ingest`` would, so that grouping, placing and stance are measured
on the product's own path. Each stored statement is matched to a gold statement by the
golden rule (content overlap of at least half the gold span and a third of the
predicted span, each gold statement matched once), then:

- **grouping**: B-cubed precision, recall and F1 of the stored claims against the gold
  claims, over matched statements (gold claim ids are per article);
- **stance**: accuracy of each matched non-optional statement's stance toward its claim.

This is what ``../shared/tools/score_claims.py`` computes from ``claims --format json``
(which finds statements by their content text; this reads their offsets).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Analysis, Article
from .gold import gold_files, load_gold, matches, text_for

__all__ = ["ClaimsScore", "gold_files", "score_claims"]


@dataclass
class ClaimsScore:
    matched: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    stance_right: int = 0
    stance_total: int = 0
    gold_claims: int = 0
    predicted_claims: int = 0
    per_article: list[dict[str, Any]] = field(default_factory=list)

    @property
    def stance_accuracy(self) -> float:
        return self.stance_right / self.stance_total if self.stance_total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "matched": self.matched,
            "bcubed": {"precision": self.precision, "recall": self.recall, "f1": self.f1},
            "stance_accuracy": self.stance_accuracy,
            "stance": [self.stance_right, self.stance_total],
            "gold_claims": self.gold_claims,
            "predicted_claims": self.predicted_claims,
            "articles": self.per_article,
        }

    def report(self) -> str:
        lines = [
            f"{a['name']}: {a['matched']} matched, stance right {a['stance_right']}"
            f"/{a['stance_total']}, gold claims {a['gold_claims']}, predicted among matched"
            f" {a['predicted_claims']}"
            for a in self.per_article
        ]
        lines.append(
            f"claims: {self.matched} matched statements; grouping B-cubed P/R/F1 "
            f"{self.precision:.3f}/{self.recall:.3f}/{self.f1:.3f} ({self.predicted_claims}"
            f" predicted vs {self.gold_claims} gold claims); stance toward claim accuracy "
            f"{self.stance_accuracy:.3f} ({self.stance_right}/{self.stance_total})"
        )
        return "\n".join(lines)


def score_claims(
    golds: Sequence[Path],
    analyze: Callable[[Sequence[Article]], list[Analysis]],
    *,
    embeddings: bool | None = None,
) -> ClaimsScore:
    """Ingest the golden articles into one in-memory store and score its claims."""
    from ..claims.assign import Assigner
    from ..corpus import ClaimKeeper
    from ..ingest.text import read_text_file
    from ..store import Store

    files = gold_files(golds)
    articles = [read_text_file(text_for(g, load_gold(g))) for g in files]
    analyses = analyze(articles)
    result = ClaimsScore()
    matched: list[tuple[str, str]] = []
    with Store.open(":memory:") as store:
        keeper = ClaimKeeper(store, Assigner(embeddings=embeddings))
        for a in analyses:
            keeper.add(a)
        for gf, analysis in zip(files, analyses, strict=True):
            gold = json.loads(gf.read_text(encoding="utf-8"))
            name = gf.name.removesuffix(".gold.json")
            aid = analysis.article.id
            claim_of = {
                r.statement.id: (r.claim_id, r.claim_stance)
                for r in store.statements(article=aid, limit=100_000)
            }
            right = total = n = 0
            ids: set[str] = set()
            for g, best in matches(gold, analysis.statements):
                if best is None:
                    continue
                n += 1
                cid, stance = claim_of.get(best.id, (None, None))
                key = cid or f"unclaimed:{aid}:{best.id}"
                ids.add(key)
                if g.get("claim"):
                    matched.append((f"{name}:{g['claim']}", key))
                if not g.get("optional"):
                    total += 1
                    right += stance is not None and stance.value == g.get("stance")
            result.stance_right += right
            result.stance_total += total
            result.per_article.append(
                {
                    "name": name,
                    "matched": n,
                    "stance_right": right,
                    "stance_total": total,
                    "gold_claims": len(gold.get("claims") or ()),
                    "predicted_claims": len(ids),
                }
            )
    gc: dict[str, set[int]] = defaultdict(set)
    pc: dict[str, set[int]] = defaultdict(set)
    for i, (gk, pk) in enumerate(matched):
        gc[gk].add(i)
        pc[pk].add(i)
    n = len(matched)
    if n:
        result.precision = sum(len(pc[pk] & gc[gk]) / len(pc[pk]) for gk, pk in matched) / n
        result.recall = sum(len(pc[pk] & gc[gk]) / len(gc[gk]) for gk, pk in matched) / n
        pr = result.precision + result.recall
        result.f1 = 2 * result.precision * result.recall / pr if pr else 0.0
    result.matched = n
    result.gold_claims = len(gc)
    result.predicted_claims = len(pc)
    return result
