"""The rules engine's predictions on a PolNeAR split: the hybrid model's input features.

``write_rule_predictions`` runs the spaCy pipeline and the rules engine over every
article of a split and writes ``OUT/<doc>.json`` (``{"statements": [...]}``, the
statements as ``Statement.to_dict`` gives them, the layout ``eval polnear --out``
writes). Training reads them back (:func:`.data.read_split`, through
:func:`claimgraph.attribution.fragments.statement_spans`); at run time
:func:`claimgraph.attribution.learned.extract.rule_spans` computes the same spans from
the same engine.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path


def write_rule_predictions(
    split: Path,
    out: Path,
    *,
    pipeline: str | None = None,
    limit: int | None = None,
    only: Sequence[str] | None = None,
    say: Callable[[str], None] = print,
) -> int:
    """Write the rules engine's statements for each article of ``split`` (the first
    ``limit``, or those named in ``only``) that has no file in ``out`` yet (so an
    interrupted run resumes); return how many were written."""
    from .. import nlp as nlp_mod
    from ..attribution.engine import extract
    from ..eval.polnear import documents
    from ..pipeline import memory_zone

    nlp = nlp_mod.load(pipeline)
    out.mkdir(parents=True, exist_ok=True)
    names = list(only) if only is not None else documents(split)[:limit]
    todo = [d for d in names if not (out / f"{d}.json").is_file()]
    say(f"rules engine on {len(todo)} articles of {split} -> {out}")
    texts = ((split / "text" / f"{d}.txt").read_text(encoding="utf-8") for d in todo)
    done = 0
    with nlp.select_pipes(disable=["claimgraph_attribution"]), memory_zone(nlp):
        for name, doc in zip(todo, nlp.pipe(texts, batch_size=16), strict=True):
            statements, _ = extract(doc)
            data = {"statements": [s.to_dict() for s in statements]}
            tmp = out / f"{name}.json.tmp"
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            tmp.replace(out / f"{name}.json")
            done += 1
            if done % 100 == 0:
                say(f"  {done}/{len(todo)}")
    return done
