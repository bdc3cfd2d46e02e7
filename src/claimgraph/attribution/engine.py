"""The rules engine (placeholder until the rules land in the next commit)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Entity, Statement


def extract(doc: Doc) -> tuple[tuple[Statement, ...], tuple[Entity, ...]]:
    return (), ()
