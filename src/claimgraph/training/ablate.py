"""What each merge rule of the learned engine (:mod:`claimgraph.attribution.learned.extract`)
is worth: exact F1 on a PolNeAR split.

    python -m claimgraph.training.ablate ../shared/data/polnear/dev [--model DIR]

Parses the split once, then scores the tagger's own spans and the product's statements
under the shipped merge policy, with the content scorer's fill switched the other way,
and with each merge rule switched off (the figures quoted in
the docstring of ``extract.MergePolicy`` and in the model card). Each policy is
passed to ``extract`` as a value; nothing global is changed.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    from .. import nlp as nlp_mod
    from ..attribution.learned import extract as X
    from ..attribution.learned import get_tagger
    from ..eval.polnear import documents, exact_f1, gold_spans, statement_spans

    ap = argparse.ArgumentParser(prog="python -m claimgraph.training.ablate")
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
        print(f"tagger spans alone, fill={not fill}: {exact_f1(gold, spans)}")
        preds = [statement_spans(X.extract(d, tagger)[0]) for d in docs]
        print(f"statements, shipped merge, fill={not fill}: {exact_f1(gold, preds)}")
        tagger.rerank_fill = fill
    spans = [tagger.spans(d.text, X.rule_spans(d) if tagger.uses_rules else None) for d in docs]
    print(f"tagger spans alone: {exact_f1(gold, spans)}")
    variants = [
        ("shipped", X.SHIPPED),
        ("uncontested=False", replace(X.SHIPPED, uncontested=False)),
        ("nested='all'", replace(X.SHIPPED, nested="all")),
        ("nested='none'", replace(X.SHIPPED, nested="none")),
        ("protect=False", replace(X.SHIPPED, protect=False)),
    ]
    for label, policy in variants:
        preds = [statement_spans(X.extract(d, tagger, policy)[0]) for d in docs]
        print(f"statements, {label}: {exact_f1(gold, preds)}")


if __name__ == "__main__":
    from . import run

    run(main)
