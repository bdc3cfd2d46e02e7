"""The stance a speaker takes toward what they say, from the cue and the content.

asserts (the default), denies (deny, dismiss, "not true", "no evidence"), questions
(ask, wonder, a question), calls for investigation / action (call for, urge, demand),
supports (confirm, back, endorse), neutral (belief reports and hedged noun cues).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Stance
from .lexicon import lx

if TYPE_CHECKING:
    from .candidate import Candidate


def stance_of(c: Candidate, text: str) -> Stance:
    lemma = c.lemma
    content = " ".join(text[s:e] for s, e in c.content)
    if lemma in lx.DENY_CUES or (c.negated and lemma in ("confirm", "believe", "support")):
        return Stance.DENIES
    if (lemma in lx.CALL_CUES and lemma != "ask") or (lemma == "ask" and c.addressee is not None):
        words = set(re.findall(r"[a-z]+", content.lower()))
        if words & lx.INVESTIGATE_WORDS:
            return Stance.CALLS_FOR_INVESTIGATION
        if lemma in ("call", "urge", "demand", "press", "push", "appeal", "plead", "implore"):
            return Stance.CALLS_FOR_ACTION
    if lemma in lx.QUESTION_CUES or lx.QUESTION_END.search(content):
        return Stance.QUESTIONS
    if lx.NEG_CONTENT.search(content):
        return Stance.DENIES
    if lemma in lx.SUPPORT_CUES:
        return Stance.SUPPORTS
    if lemma in lx.BELIEF_VERBS and lemma not in ("know", "believe"):
        return Stance.NEUTRAL
    return Stance.ASSERTS
