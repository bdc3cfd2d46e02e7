"""spaCy's tokenizer, linear on long runs of punctuation.

spaCy strips prefixes and suffixes from a whitespace-free run one at a time, searching
the rest of the run for the next suffix each time: a run of n quotation marks costs
time in n squared (8,000 ``"`` took seconds, 50,000 minutes). Runs longer than
:data:`MAX_RUN` characters are split here instead, each word (letters, digits, ``_``)
one token and every other character one token; everything else goes through spaCy's
tokenizer unchanged, so ordinary text is tokenized exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc
from spacy.vocab import Vocab

# Longest whitespace-free run left to spaCy's tokenizer (long URLs stay whole).
MAX_RUN = 200

_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")
_PIECE = re.compile(r"\w+|\S")


class RunSplittingTokenizer:
    """Wraps a spaCy tokenizer; see the module docstring."""

    def __init__(self, inner: Callable[[str], Doc], vocab: Vocab) -> None:
        self.inner = inner
        self.vocab = vocab

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)  # rules, explain, serialisation

    def __call__(self, text: str) -> Doc:
        runs = list(_LONG_RUN.finditer(text))
        if not runs:
            return self.inner(text)
        docs: list[Doc] = []
        pos = 0
        for m in runs:
            if m.start() > pos:
                docs.append(self.inner(text[pos : m.start()]))
            words = _PIECE.findall(m.group())
            spaces = [False] * len(words)
            pos = m.end()
            if text[pos : pos + 1] == " ":  # spaCy keeps one following space on the token
                spaces[-1] = True
                pos += 1
            docs.append(Doc(self.vocab, words=words, spaces=spaces))
        if pos < len(text):
            docs.append(self.inner(text[pos:]))
        return Doc.from_docs(docs, ensure_whitespace=False)
