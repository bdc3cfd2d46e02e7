"""The class of a statement's own stance, as claims read it.

:func:`cue_class` trusts the attribution engine's stance of the statement and adds
what a claims reader needs beyond it: a cue the engine took as plain asserting may still
deny ("hit out at", "decried", "slammed") or support ("backed", "echoed").
"""

from __future__ import annotations

from ..lang import lexicon
from ..model import Stance, Statement
from .text import normalize

__all__ = ["cue_class"]

lx = lexicon()


def cue_class(statement: Statement) -> str:
    """``deny``, ``support``, ``question``, ``investigate``, ``act``, ``neutral`` or
    ``assert``: the engine's stance of the statement, except that a cue the engine took
    as asserting may still deny ("hit out at", "decried") or support ("backed")."""
    engine = {
        Stance.DENIES: "deny",
        Stance.SUPPORTS: "support",
        Stance.QUESTIONS: "question",
        Stance.CALLS_FOR_INVESTIGATION: "investigate",
        Stance.CALLS_FOR_ACTION: "act",
        Stance.NEUTRAL: "neutral",
    }.get(statement.stance)
    if engine is not None:
        return engine
    cue = normalize(" ".join(p.text for p in statement.cue_pieces)) if statement.cue else ""
    if lx.CLAIM_DENY_CUE.search(cue):
        return "deny"
    if lx.CLAIM_SUPPORT_CUE.search(cue):
        return "support"
    return "assert"
