"""Claims: which proposition each statement is about, and how it bears on it.

The pipeline's claims stage, in three modules:

- :mod:`.proposition`: a statement's content as a proposition (the reporting frame
  removed, the speaker's pronouns resolved), whether it is negated or only points at a
  proposition stated elsewhere;
- :mod:`.group`: within one article, statements stating the same proposition, its
  negation or a call about it form a local claim; each member's stance toward it is
  composed from its own stance and how it joined;
- :mod:`.assign`: across articles, each local claim joins the stored claim stating the
  same proposition (candidates from the store's claim index) or becomes a new one.

``stance_toward`` (the Emergent stance model) and ``cluster_texts`` (clustering texts by
proposition, used to evaluate on Emergent) serve evaluation and tools.
"""

from __future__ import annotations

from .assign import Assigner, Placement, Prepared, StoredClaim, claim_id
from .cluster import cluster_texts
from .group import LocalClaim, group_article
from .proposition import proposition, statement_text
from .stance import EMERGENT_LABEL, stance_toward, to_emergent

__all__ = [
    "EMERGENT_LABEL",
    "Assigner",
    "LocalClaim",
    "Placement",
    "Prepared",
    "StoredClaim",
    "claim_id",
    "cluster_texts",
    "group_article",
    "proposition",
    "stance_toward",
    "statement_text",
    "to_emergent",
]
