"""Loads the spaCy pipeline once, by configurable name (``CLAIMGRAPH_PIPELINE``)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

_lock = threading.Lock()
_cache: dict[tuple[str, bool], Language] = {}


def load(name: str | None = None, *, attribution: bool = True) -> Language:
    """The spaCy pipeline ``name`` (default from settings), loaded once per process.

    With ``attribution`` the claimgraph components are added: a paragraph splitter
    before the parser and the attribution component at the end.
    """
    if name is None:
        from .config import get_settings

        name = get_settings().pipeline
    key = (name, attribution)
    with _lock:
        if key not in _cache:
            _cache[key] = _load(name, attribution)
        return _cache[key]


def _load(name: str, attribution: bool) -> Language:
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed. Install the pinned one with "
            "'pip install --require-hashes --no-deps -r requirements/model.txt', or set "
            "CLAIMGRAPH_PIPELINE to an installed English pipeline (e.g. en_core_web_sm)."
        ) from exc
    if "parser" not in nlp.pipe_names:
        raise ModelError(f"spaCy pipeline {name!r} has no dependency parser; claimgraph needs one")
    from .attribution import component  # noqa: F401  (registers the factories)
    from .tokenize import RunSplittingTokenizer

    nlp.tokenizer = RunSplittingTokenizer(nlp.tokenizer, nlp.vocab)

    nlp.add_pipe("claimgraph_paragraphs", before="parser")
    if attribution:
        nlp.add_pipe("claimgraph_attribution", last=True)
    return nlp
