"""The attribution stage's word lists: those of the language it reads.

Every module of ``attribution/`` reads its words as ``lx.NAME`` from :data:`lx`; the
language is chosen here, by one key (see :mod:`claimgraph.lang`).
"""

from __future__ import annotations

from ..lang import DEFAULT, lexicon

LANGUAGE = DEFAULT
lx = lexicon(LANGUAGE)
