"""The class of a statement's own stance, as claims read it.

:func:`cue_class` trusts the attribution engine's stance of the statement and adds
what a claims reader needs beyond it: a cue the engine took as plain asserting may still
deny ("hit out at", "decried", "slammed") or support ("backed", "echoed").
"""

from __future__ import annotations

import re

from ..model import Stance, Statement
from .text import normalize

__all__ = ["cue_class"]

_NEG_CUE = re.compile(
    r"\b(den(y|ies|ied|ying|ial|ials)|dismiss\w*|reject\w*|refut\w*|rebut\w*|debunk\w*|"
    r"disput\w*|decr(y|ies|ied|ying)|contest\w*|disavow\w*|contradict\w*|hit(s|ting)? out|"
    r"slam\w*|ridicul\w*|scoff\w*|mock\w*|downplay\w*|brush(ed|es)? (it )?off|doubt\w*|"
    r"condemn\w*|lambast\w*|derid\w*|discredit\w*|quash\w*|shot down|shoot(s)? down)\b"
)
_SUPPORT_CUE = re.compile(
    r"\b(support\w*|back(s|ed|ing)?|endors\w*|echo\w*|corroborat\w*|confirm\w*|"
    r"agree\w*|welcom\w*|vindicat\w*|second(s|ed)?|champion\w*)\b"
)


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
    if _NEG_CUE.search(cue):
        return "deny"
    if _SUPPORT_CUE.search(cue):
        return "support"
    return "assert"
