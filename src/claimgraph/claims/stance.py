"""Stance of a text toward a claim: asserts/supports, denies, or only reports it."""

from __future__ import annotations

import re

from ..model import Stance
from .text import normalize

__all__ = ["EMERGENT_LABEL", "stance_toward", "to_emergent"]

#: How claimgraph's stances map onto Emergent's three labels.
EMERGENT_LABEL: dict[Stance, str] = {
    Stance.ASSERTS: "for",
    Stance.SUPPORTS: "for",
    Stance.DENIES: "against",
    Stance.QUESTIONS: "observing",
    Stance.CALLS_FOR_INVESTIGATION: "observing",
    Stance.CALLS_FOR_ACTION: "observing",
    Stance.NEUTRAL: "observing",
}


def to_emergent(stance: Stance) -> str:
    return EMERGENT_LABEL[stance]


_DENY = re.compile(
    r"\b(den(y|ies|ied|ial)|deny|refute[sd]?|debunk(ed|s)?|hoax|fake|false|not true|"
    r"no evidence|untrue|baseless|bogus|myth|rejects?|dismiss(es|ed)?|"
    r"(is|are|was|were|isn't|aren't) not|isn't|aren't|wasn't|never)\b"
)
_HEDGE = re.compile(
    r"\b(reportedly|rumou?rs?|rumou?red|claims?|claimed|alleged(ly)?|may|might|could|"
    r"possibl[ey]|apparently|suggests?|speculat\w*|unconfirmed|report(s|ed)?)\b"
)
_INVESTIGATE = re.compile(r"\b(investigat\w*|inquiry|probe|look into|examin\w*)\b")


def stance_toward(claim: str, text: str) -> tuple[Stance, float]:
    """The stance ``text`` takes toward ``claim``, with a confidence in [0, 1]."""
    t = normalize(text)
    if _DENY.search(t):
        return Stance.DENIES, 0.6
    if t.rstrip().endswith("?"):
        return Stance.QUESTIONS, 0.6
    if _INVESTIGATE.search(t):
        return Stance.CALLS_FOR_INVESTIGATION, 0.5
    if _HEDGE.search(t):
        return Stance.NEUTRAL, 0.5
    return Stance.ASSERTS, 0.5
