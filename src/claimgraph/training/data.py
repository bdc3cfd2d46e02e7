"""PolNeAR articles as training reads them: text, gold fragments, the rules' fragments."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..attribution.fragments import statement_spans
from ..errors import TrainingError
from ..eval.polnear import documents, gold_spans
from ..model import Statement

Doc = tuple[str, str, dict[str, Any], dict[str, Any] | None]


def read_split(
    split: Path,
    limit: int | None = None,
    rules: Path | None = None,
    only: Sequence[str] | None = None,
) -> list[Doc]:
    """``(doc, text, gold spans per role, rule spans per role or None)`` for each
    article (first annotator file) of ``split``, the first ``limit`` or those named in
    ``only``. With ``rules``, each article's rules-engine prediction
    ``rules/<doc>.json`` must be there."""
    out: list[Doc] = []
    for doc in list(only) if only is not None else documents(split)[:limit]:
        text = (split / "text" / f"{doc}.txt").read_text(encoding="utf-8")
        feats = None
        if rules is not None:
            path = rules / f"{doc}.json"
            if not path.is_file():
                raise TrainingError(
                    f"no rules prediction for {doc} (make them with "
                    f"claimgraph eval polnear {split} --out {rules})",
                    where=str(path),
                )
            saved = json.loads(path.read_text("utf-8")).get("statements", [])
            feats = statement_spans(Statement.from_dict(d) for d in saved)
        out.append((doc, text, gold_spans(split, doc), feats))
    return out
