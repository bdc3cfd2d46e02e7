"""The stance a speaker takes toward what they say, from the cue and the content.

asserts (the default), denies (deny, dismiss, "not true", "no evidence"), questions
(ask, wonder, a question), calls for investigation / action (call for, urge, demand),
supports (confirm, back, endorse), neutral (belief reports and hedged noun cues).

Reading the content costs time in proportion to its length, and the contents of one
article can add up to far more than the article: in text nested clause in clause
(``"She said '`` repeated) each content is the rest of the text, so reading them all
is quadratic. :class:`StanceBudget` bounds what one article's statements read, in
total, to a few times its length; past that a statement's stance is read from the
first :data:`MIN_READ` characters of its content. In news the contents add up to about
the article's length (at most 0.98 times over PolNeAR dev, 200 PolNeAR train articles
and the golden ones, both engines), so the budget never runs out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Stance
from .lexicon import lx

if TYPE_CHECKING:
    from .candidate import Candidate


# Characters of content one article's statements read in all: this many times the
# article's length, and this many more.
BUDGET_PER_CHAR = 4
BUDGET_BASE = 20_000
MIN_READ = 200  # what a statement reads once the budget is spent


class StanceBudget:
    """How many characters of content an article's statements may still read."""

    def __init__(self, text: str) -> None:
        self.left = BUDGET_PER_CHAR * len(text) + BUDGET_BASE

    def stance(self, c: Candidate, text: str) -> Stance:
        """:func:`stance_of`, reading at most what is left (and at least MIN_READ)."""
        limit = max(self.left, MIN_READ)
        self.left -= min(_content_length(c), limit)
        return stance_of(c, text, limit=limit)


def _content_length(c: Candidate) -> int:
    return sum(e - s for s, e in c.content) + max(0, len(c.content) - 1)


def _content(c: Candidate, text: str, limit: int | None) -> str:
    """The content's pieces joined by a space, cut after ``limit`` characters."""
    if limit is None or _content_length(c) <= limit:
        return " ".join(text[s:e] for s, e in c.content)
    parts: list[str] = []
    left = limit
    for s, e in c.content:
        if parts:
            parts.append(" "[:left])
            left -= 1
        if left <= 0:
            break
        parts.append(text[s : min(e, s + left)])
        left -= min(e - s, left)
    return "".join(parts)


def stance_of(c: Candidate, text: str, *, limit: int | None = None) -> Stance:
    """The stance of ``c``, read from its cue and its content (only the content's first
    ``limit`` characters when given)."""
    lemma = c.lemma
    content = _content(c, text, limit)
    if lemma in lx.DENY_CUES or (c.negated and lemma in ("confirm", "believe", "support")):
        return Stance.DENIES
    tokens = re.findall(r"[a-z]+", content.lower())
    first = tokens[0] if tokens else ""
    infinitive = bool(re.search(r"(^|\s)(not\s+)?to\s+[a-z]", content.lower()))
    if c.negated and lemma in lx.SPEECH_VERBS:
        return Stance.NEUTRAL  # "officials have not said why ...": nothing is asserted
    particles = {t.lower_ for t in c.cue}
    # "launched a petition asking ... to", "issued an appeal to": a request word anywhere
    # in the cue, not only its head verb
    requests = {t.lemma_.lower() for t in c.cue} & lx.ACTION_CUES - {"ask", "call"}
    calls = (
        (lemma in lx.CALL_CUES and lemma not in ("ask", "call"))
        or (lemma == "call" and (bool(particles & {"for", "on"}) or infinitive))
        or (
            lemma == "ask"
            and (c.addressee is not None or infinitive or "for" in particles)
            and first not in lx.WH_WORDS
        )
        or ((lemma in lx.ACTION_CUES or requests) and infinitive)
        or _is_call(content)
    )
    if calls:
        call = _call(tokens)
        if call is Stance.CALLS_FOR_INVESTIGATION or lemma != "ask" or first not in lx.WH_WORDS:
            return call
    if lemma in lx.QUESTION_CUES or lx.QUESTION_END.search(content):
        return Stance.QUESTIONS
    if lx.NEG_CONTENT.search(content):
        return Stance.DENIES
    if lemma in lx.SUPPORT_CUES:
        return Stance.SUPPORTS
    if lemma in lx.BELIEF_VERBS and lemma not in ("know", "believe"):
        return Stance.NEUTRAL
    return Stance.ASSERTS


def content_stance(content: str) -> Stance:
    """The stance of a statement with no cue word (a transcript's turn, a quotation
    going on, a signed paragraph), read from its content alone: a call, a question, a
    denial, else an assertion. Such contents do not overlap, so reading them all reads
    at most the article once."""
    if _is_call(content):
        return _call(re.findall(r"[a-z]+", content.lower()))
    if lx.QUESTION_END.search(content):
        return Stance.QUESTIONS
    if lx.NEG_CONTENT.search(content):
        return Stance.DENIES
    return Stance.ASSERTS


def _is_call(content: str) -> bool:
    """The content is itself a call ("We urge ...", "a review is needed")."""
    return bool(lx.CALL_CONTENT.search(content.strip(" \"“”'‘’,.")))


def _call(tokens: list[str]) -> Stance:
    """A call is for investigation when its words name one, else for action."""
    if set(tokens) & lx.INVESTIGATE_WORDS:
        return Stance.CALLS_FOR_INVESTIGATION
    return Stance.CALLS_FOR_ACTION
