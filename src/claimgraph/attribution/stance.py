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
    tokens = re.findall(r"[a-z]+", content.lower())
    first = tokens[0] if tokens else ""
    infinitive = bool(re.search(r"(^|\s)(not\s+)?to\s+[a-z]", content.lower()))
    if c.negated and lemma in lx.SPEECH_VERBS:
        return Stance.NEUTRAL  # "officials have not said why ...": nothing is asserted
    particle = any(t.lower_ in ("for", "on") for t in c.cue)
    calls = (
        (lemma in lx.CALL_CUES and lemma not in ("ask", "call"))
        or (lemma == "call" and (particle or infinitive))
        or (lemma == "ask" and (c.addressee is not None or infinitive) and first not in lx.WH_WORDS)
        or (lemma in lx.ACTION_CUES and infinitive)
        or bool(lx.CALL_CONTENT.search(content.strip(" \"“”'‘’,.")))
    )
    if calls:
        if set(tokens) & lx.INVESTIGATE_WORDS:
            return Stance.CALLS_FOR_INVESTIGATION
        if lemma != "ask" or first not in lx.WH_WORDS:
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
