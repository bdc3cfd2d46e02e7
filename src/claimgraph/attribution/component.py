"""spaCy components: ``claimgraph_paragraphs`` and ``claimgraph_attribution``.

``claimgraph_paragraphs`` (before the parser) starts a sentence at every paragraph, so
that a headline never runs into the text below it. ``claimgraph_attribution`` (after
the parser and NER) computes the statements and entities and stores them on the doc,
readable with :func:`results` or as ``doc._.claimgraph_statements``.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Entity, Statement

if not Doc.has_extension("claimgraph_statements"):
    Doc.set_extension("claimgraph_statements", default=())
if not Doc.has_extension("claimgraph_entities"):
    Doc.set_extension("claimgraph_entities", default=())


class ParagraphSplitter:
    """Marks the first token after a blank line (or any line break) as a sentence start."""

    def __call__(self, doc: Doc) -> Doc:
        for i, tok in enumerate(doc[:-1]):
            if "\n" in tok.text or "\n" in tok.whitespace_:
                nxt = doc[i + 1]
                if not nxt.is_space:
                    nxt.is_sent_start = True
        return doc


class Attribution:
    """Finds attributed statements in a parsed doc (requires parser and NER).

    The rules engine by default; the learned tagger when ``CLAIMGRAPH_ATTRIBUTION`` is
    ``learned`` (or ``auto`` with a model installed). The choice is read once.
    """

    def __init__(self) -> None:
        self._chosen = False
        self._tagger: Any = None

    def __call__(self, doc: Doc) -> Doc:
        from . import learned

        if learned.forced() is not None:
            tagger = learned.active_tagger()
        else:
            if not self._chosen:
                self._tagger = learned.active_tagger()
                self._chosen = True
            tagger = self._tagger
        if tagger is not None:
            from .learned.extract import extract as learned_extract

            statements, entities = learned_extract(doc, tagger)
        else:
            from .engine import extract

            statements, entities = extract(doc)
        doc._.claimgraph_statements = statements
        doc._.claimgraph_entities = entities
        return doc


@Language.factory("claimgraph_paragraphs", requires=[], assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> ParagraphSplitter:
    return ParagraphSplitter()


@Language.factory(
    "claimgraph_attribution",
    requires=["token.dep", "token.head", "doc.ents"],
    assigns=["doc._.claimgraph_statements", "doc._.claimgraph_entities"],
)
def make_attribution(nlp: Language, name: str) -> Attribution:
    return Attribution()


def results(doc: Doc) -> tuple[tuple[Statement, ...], tuple[Entity, ...]]:
    """The statements and entities the attribution component stored on ``doc``."""
    statements: Any = doc._.claimgraph_statements
    entities: Any = doc._.claimgraph_entities
    return tuple(statements), tuple(entities)
