"""Language-specific words, one module per language key.

The attribution stage (and the store's name matching) read their word lists through
:func:`lexicon`: ``lexicon("en")`` is :mod:`claimgraph.lang.en.lexicon`. A second
language is a folder beside ``en/`` (``lang/de/lexicon.py`` with the same names) and its
key in :data:`LANGUAGES`.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from ..errors import LanguageError

LANGUAGES = ("en",)
DEFAULT = "en"


def lexicon(key: str = DEFAULT) -> ModuleType:
    """The word lists of language ``key``."""
    if key not in LANGUAGES:
        raise LanguageError(
            f"no word lists for language {key!r}; supported: {', '.join(LANGUAGES)}"
        )
    return importlib.import_module(f"{__name__}.{key}.lexicon")
