"""Fuzz the attribution engine: for any text, ``analyze`` returns without an exception
and every span it gives is ``text[start:end]``.

    scripts/fuzz analyze 3600           # fast mode (default): no statistical NER
    CG_FUZZ_FULL=1 scripts/fuzz analyze 3600   # the full pipeline, about 3x slower

Inputs are either raw Unicode, sentences assembled from a vocabulary of quotation
marks, cues, names, pronouns and punctuation (the fuzzer's bytes choose the words), so
the engine sees quotes, "according to", dashes and nested attributions, not only noise,
or (a fifth of them) quote-heavy text: up to about 4,000 characters of pieces from a
vocabulary of quotation marks, brackets, runs of them, cues and pronouns ("She said '"
nested in itself, quotes in brackets in quotes). scripts/fuzz adds a dictionary of the
same marks (fuzz/dicts/analyze.dict) for the raw inputs.

Every input must also finish within CG_FUZZ_MAX_SECONDS (default 2) of the process's
CPU time, all threads counted (onnxruntime's and BLAS's too), not wall time, which a
loaded machine stretches: a slower one stops the run as a crash, with its text and
time. The slowest input so far is written to
``CG_FUZZ_SLOWEST`` (a file), when set, each time it grows.

Fast mode: the statistical NER (7 of the pipeline's 19 ms on a short text) is replaced
by a rule that marks runs of capitalised words as PERSON, ORG, GPE or NORP (the label
chosen by the fuzzer), so the engine's entity paths are exercised at a third of the cost.
"""

from __future__ import annotations

import os
import sys
import time

import atheris

with atheris.instrument_imports(include=["claimgraph"]):
    from _common import check_spans

    import claimgraph.attribution.component  # noqa: F401  (the engine, instrumented)
    from claimgraph import nlp as nlp_mod
    from claimgraph.errors import InputError
    from claimgraph.pipeline import analyze

VOCAB = [
    '"',
    "“",
    "”",
    "‘",
    "’",
    "'",
    "«",
    "»",
    ",",
    ".",
    ":",
    ";",
    "—",
    "–",
    "-",
    "--",
    "(",
    ")",
    "?",
    "!",
    "\n",
    "\n\n",
    "said",
    "says",
    "say",
    "told",
    "added",
    "according to",
    "denied",
    "denies",
    "claimed",
    "insisted",
    "asked",
    "warned",
    "reported",
    "confirmed",
    "did not",
    "not",
    "never",
    "that",
    "whether",
    "he",
    "she",
    "they",
    "it",
    "him",
    "her",
    "his",
    "the",
    "a",
    "an",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "for",
    "of",
    "to",
    "the minister",
    "the president",
    "officials",
    "a source",
    "sources",
    "who",
    "which",
    "Marta Velasco",
    "Velasco",
    "Ines Okafor",
    "Dr.",
    "Mr.",
    "Ms.",
    "AP",
    "Reuters",
    "the Tallow Times",
    "Britain",
    "the council",
    "the report",
    "the dam is leaking",
    "the ferry will stop",
    "is",
    "was",
    "would",
    "will",
    "and",
    "but",
    "in",
    "on",
    "by",
    "'s",
    "denial",
    "claims",
    "statement",
    "interview",
    "quoted",
    "as",
    "saying",
    "writes",
    "wrote",
    "in a statement",
    "on Monday",
    "MOSCOW (AP) —",
    "By Lea Varga",
    "\t",
    " ",
]
LABELS = ["PERSON", "ORG", "GPE", "NORP"]
# quote-heavy text: marks, brackets, their runs and nestings, and the words around them
QUOTE_VOCAB = [
    *"\"'“”‘’„«»‹›「」()[]{}<>",
    "``",
    "''",
    "\"She said '",
    "She said '",
    "“She said ‘",
    "«Il a dit ‹",
    '("',
    '")',
    '["',
    '"]',
    "('",
    "')",
    '""""',
    "'" * 4,
    "((((",
    "))))",
    "[[[[",
    "]]]]",
    "said",
    "she said",
    "he said",
    "told",
    "according to",
    "She",
    "he",
    "they",
    "that",
    "Velasco",
    ",",
    ".",
    ":",
    "—",
    "\n",
    "\n\n",
    " ",
]
MAX_QUOTE_HEAVY = 4_000  # characters: as long as the longest raw input (-max_len=4096)
MAX_SECONDS = float(os.environ.get("CG_FUZZ_MAX_SECONDS", "2"))
SLOWEST = os.environ.get("CG_FUZZ_SLOWEST")
_slowest = [0.0]

FULL = os.environ.get("CG_FUZZ_FULL") == "1"
NLP = nlp_mod.load()
_LABEL = ["PERSON"]

if not FULL:
    from spacy.language import Language
    from spacy.tokens import Doc, Span
    from spacy.util import filter_spans

    @Language.component("claimgraph_fuzz_ents")
    def _fuzz_ents(doc: Doc) -> Doc:
        spans = []
        i = 0
        while i < len(doc):
            if doc[i].is_title or (doc[i].is_upper and doc[i].is_alpha):
                j = i
                while j < len(doc) and (doc[j].is_title or (doc[j].is_upper and doc[j].is_alpha)):
                    j += 1
                spans.append(Span(doc, i, j, label=_LABEL[0]))
                i = j
            else:
                i += 1
        doc.ents = filter_spans(spans)
        return doc

    NLP.select_pipes(disable=["ner"])
    NLP.add_pipe("claimgraph_fuzz_ents", before="claimgraph_attribution")


def make_text(data: bytes) -> str:
    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, 4)
    _LABEL[0] = LABELS[fdp.ConsumeIntInRange(0, len(LABELS) - 1)]
    if mode == 0:
        return fdp.ConsumeUnicodeNoSurrogates(600)
    if mode == 4:
        # quote-heavy: each byte picks a piece, which may come 21 times in a row (so
        # that nesting and runs grow long from few bytes)
        pieces: list[str] = []
        size = 0
        while fdp.remaining_bytes() and size < MAX_QUOTE_HEAVY:
            piece = QUOTE_VOCAB[fdp.ConsumeIntInRange(0, len(QUOTE_VOCAB) - 1)]
            times = 1 + 20 * (fdp.ConsumeIntInRange(0, 7) == 7)
            pieces.extend([piece] * times)
            size += len(piece) * times
        return "".join(pieces)
    words = []
    while fdp.remaining_bytes() and len(words) < 120:
        if fdp.ConsumeIntInRange(0, 15) == 0:
            words.append(fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(1, 8)))
        else:
            words.append(VOCAB[fdp.ConsumeIntInRange(0, len(VOCAB) - 1)])
    joiner = " " if mode < 3 else ""
    return joiner.join(words)


def test_one_input(data: bytes) -> None:
    text = make_text(data)
    if not text.strip():
        return
    start = time.process_time()
    try:
        analysis = analyze(text, nlp=NLP)
    except InputError:
        return  # refused before parsing (over a limit): an answer, and a quick one
    took = time.process_time() - start
    check_spans(text, analysis)
    if took > _slowest[0]:
        _slowest[0] = took
        if SLOWEST:
            with open(SLOWEST, "w", encoding="utf-8") as f:
                f.write(f"{took:.3f} s CPU, {len(text)} characters\n{text!r}\n")
    if took > MAX_SECONDS:
        raise AssertionError(
            f"analysis took {took:.2f} s of CPU, over {MAX_SECONDS:g} s "
            f"({len(text)} characters): {text[:300]!r}"
        )


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
