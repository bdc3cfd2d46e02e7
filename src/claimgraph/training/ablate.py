"""What each merge rule of :mod:`.extract` is worth: exact F1 on a PolNeAR split.

    python -m claimgraph.attribution.learned.ablate ../shared/data/polnear/dev [--model DIR]

Parses the split once, then scores the tagger's own spans and the product's statements
under the shipped merge policy, with the content scorer's fill switched the other way,
and with each merge rule switched off (the figures quoted in
the comment above ``extract.POLICY`` and in the model card).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    from ... import nlp as nlp_mod
    from ...eval.polnear import documents, gold_spans, statement_spans
    from . import extract as X
    from . import get_tagger, tune

    ap = argparse.ArgumentParser(prog="python -m claimgraph.attribution.learned.ablate")
    ap.add_argument("split", type=Path)
    ap.add_argument("--model", type=Path, help="model folder (default: the configured one)")
    a = ap.parse_args(argv)
    nlp = nlp_mod.load()
    tagger = get_tagger(a.model)
    names = documents(a.split)
    texts = [(a.split / "text" / f"{d}.txt").read_text(encoding="utf-8") for d in names]
    gold = [(t, gold_spans(a.split, d)) for d, t in zip(names, texts, strict=True)]
    with nlp.select_pipes(disable=["claimgraph_attribution"]):
        docs = list(nlp.pipe(texts, batch_size=16))
    fill = tagger.rerank_fill
    if tagger.reranker is not None:  # the content scorer with and without fill
        tagger.rerank_fill = not fill
        spans = [tagger.spans(d.text, X.rule_spans(d) if tagger.uses_rules else None) for d in docs]
        print(f"tagger spans alone, fill={not fill}: {tune.exact_f1(gold, spans)}")
        preds = [statement_spans(X.extract(d, tagger)[0]) for d in docs]
        print(f"statements, shipped merge, fill={not fill}: {tune.exact_f1(gold, preds)}")
        tagger.rerank_fill = fill
    spans = [tagger.spans(d.text, X.rule_spans(d) if tagger.uses_rules else None) for d in docs]
    print(f"tagger spans alone: {tune.exact_f1(gold, spans)}")
    shipped = dict(X.POLICY)
    variants: list[tuple[str, dict[str, object]]] = [("shipped", {})] + [
        (f"{k}={v!r}", {k: v})
        for k, v in (("uncontested", False), ("nested", "all"), ("nested", "none"))
    ]
    variants.append(("protect=False", {"protect": False}))
    try:
        for label, change in variants:
            X.POLICY.clear()
            X.POLICY.update(shipped, **change)
            preds = [statement_spans(X.extract(d, tagger)[0]) for d in docs]
            print(f"statements, {label}: {tune.exact_f1(gold, preds)}")
    finally:
        X.POLICY.clear()
        X.POLICY.update(shipped)


if __name__ == "__main__":
    main(sys.argv[1:])
