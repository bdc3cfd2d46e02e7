"""How one attributed statement bears on a claim, and how it relates to its article.

The stance of a statement toward a claim combines three things:

- the attribution engine's own stance of the statement (a speaker who denies, calls for an
  investigation, supports, questions);
- the cue, read again here with a lexicon of denial, support, question and call cues
  ("decried", "hit out at", "backed"), so that the claim book does not depend on every
  cue having been classified upstream;
- the content, read for refutation and discrediting ("no evidence", "not true", "fake",
  "reality is distorted", "information attack", negation) and, when those are silent,
  by the stance model trained on Emergent.

A speaker who denies a content that is for the claim is against it; a speaker who asserts
a content that refutes the claim is against it; a content that backs the claim without
restating it ("LGBT+ rights are human rights") supports it; one that restates it asserts it.
"""

from __future__ import annotations

import re

from ..model import Stance, Statement
from .text import content_tokens, normalize, words

__all__ = [
    "cue_class",
    "is_self_contained",
    "is_self_reference",
    "member_stance",
    "refutes",
    "stance_text",
    "statement_text",
]

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
_QUESTION_CUE = re.compile(r"\b(ask\w*|question\w*|wonder\w*|query|queried|queries)\b")
_CALL_CUE = re.compile(
    r"\b(call(s|ed|ing)? (for|on)|urg\w*|demand\w*|press(es|ed)? for|appeal\w*|plead\w*)\b"
)
_INVESTIGATE = re.compile(r"\b(investigat\w*|inquir(y|ies)|probe[sd]?|look(s|ed)? into)\b")
_REFUTE = re.compile(
    r"\b(no (reason|evidence|proof|basis|truth|sign|indication)|not (true|real|believe)|"
    r"nothing to|never (happened|existed)|fake|hoax\w*|fabricat\w*|unfounded|baseless|"
    r"untrue|false(ly|hood)?|lies|lying|lied|nonsense|rubbish|propaganda|smear\w*|"
    r"slander\w*|distort\w*|information (attack|war\w*)|blacken\w*|provocat\w*|"
    r"misinformation|disinformation|made up|invent(ed|ion)|doesn'?t exist|"
    r"does not exist|no such|denial|myth)\b"
)
_NEGATION = re.compile(r"\b(no|not|never|none|nothing|nobody|neither|nor|cannot)\b|n't\b")
_HEDGE = re.compile(
    r"\b(may|might|could|possibly|reportedly|allegedly|apparently|perhaps|rumou?r\w*)\b"
)
_SELF = frozenset({"he", "she", "i", "we"})


def statement_text(statement: Statement) -> str:
    """The text a statement is matched on: its content (pieces joined)."""
    return " ".join(p.text for p in statement.content_pieces).strip()


def stance_text(statement: Statement) -> str:
    """Speaker, cue and content: the text whose stance toward a claim is read."""
    parts = []
    sp = statement.speaker
    if sp is not None:
        name = sp.name or (sp.mention.text if sp.mention is not None else None)
        if name:
            parts.append(name)
    if statement.cue is not None:
        parts.append(" ".join(p.text for p in statement.cue_pieces))
    parts.append(statement_text(statement))
    return " ".join(parts)


def cue_class(statement: Statement) -> str:
    """``deny``, ``support``, ``question``, ``investigate``, ``act``, ``neutral`` or
    ``assert``: the engine's stance where it took one, else the cue's wording."""
    s = statement.stance
    content = normalize(statement_text(statement))
    engine = {
        Stance.DENIES: "deny",
        Stance.SUPPORTS: "support",
        Stance.QUESTIONS: "question",
        Stance.CALLS_FOR_INVESTIGATION: "investigate",
        Stance.CALLS_FOR_ACTION: "act",
    }.get(s)
    cue = normalize(" ".join(p.text for p in statement.cue_pieces)) if statement.cue else ""
    if engine == "deny" or _NEG_CUE.search(cue):
        return "deny"
    if engine in ("investigate", "act") or _CALL_CUE.search(cue):
        if engine == "investigate" or _INVESTIGATE.search(content):
            return "investigate"
        return "act"
    if engine == "question" or _QUESTION_CUE.search(cue):
        return "question"
    if engine == "support" or _SUPPORT_CUE.search(cue):
        return "support"
    if s == Stance.NEUTRAL:
        return "neutral"
    return "assert"


def refutes(text: str) -> bool:
    """Whether a content refutes or discredits what it is about (or negates it)."""
    t = normalize(text)
    return bool(_REFUTE.search(t) or _NEGATION.search(t))


def is_self_contained(text: str) -> bool:
    """A proposition of its own, not an anaphor ("these allegations") or a slogan."""
    return len(content_tokens(text)) >= 6


def is_self_reference(text: str) -> bool:
    """The content is about its speaker ("he had met ...", "that we will ...")."""
    w = words(text)
    if w and w[0] == "that":
        w = w[1:]
    return bool(w) and w[0] in _SELF


def _overlap(text: str, claim_terms: frozenset[str]) -> float:
    toks = set(content_tokens(text))
    if not toks:
        return 0.0
    return len(toks & claim_terms) / len(toks)


def member_stance(
    claim_text: str, claim_terms: frozenset[str], statement: Statement
) -> tuple[Stance, float]:
    """The stance ``statement`` takes toward the claim ``claim_text``.

    ``claim_terms`` are the claim's key words (stems): those of its text and those its
    members share; a content "for" the claim that repeats few of them supports it rather
    than asserting it.
    """
    from .stance import default_model

    content = statement_text(statement)
    cls = cue_class(statement)
    if cls == "question":
        return Stance.QUESTIONS, 0.8
    if cls == "investigate":
        return Stance.CALLS_FOR_INVESTIGATION, 0.8
    if cls == "act":
        return Stance.CALLS_FOR_ACTION, 0.7
    negative = refutes(content)
    if cls == "deny":
        # denying a content that itself refutes the claim would back it; that double
        # negation is rare and mostly a misreading, so only a clean denial flips it
        return Stance.DENIES, (0.85 if not negative else 0.6)
    if negative:
        return Stance.DENIES, 0.8
    if cls == "support":
        return Stance.SUPPORTS, 0.8
    model = default_model()
    conf = 0.7
    if model is not None:
        label, p = model.predict(claim_text, stance_text(statement))
        if label == "against" and p >= 0.7:
            return Stance.DENIES, p
        conf = p if label == "for" else 0.6
    if cls == "neutral" or (_HEDGE.search(normalize(content)) and not claim_terms):
        return Stance.NEUTRAL, 0.6
    if normalize(content) != normalize(claim_text) and _overlap(content, claim_terms) < 0.34:
        return Stance.SUPPORTS, 0.6
    return Stance.ASSERTS, conf
