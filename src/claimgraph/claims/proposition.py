"""What a statement says, as a proposition: its content without the reporting frame.

"Kadyrov told the Russian president not to believe the articles" says the proposition
"not to believe the articles"; "North Korea stated it would attack the loudspeakers" says
"North Korea would attack the loudspeakers". :func:`proposition` builds that text:

- the content pieces joined (a quote split around its cue is one proposition), without
  the wrapping quotation marks, a leading "that", or trailing commas;
- a pronoun that stands for the speaker resolved to the speaker's name: the subject of an
  indirect content ("he had met ..." after "Kadyrov claimed"), and "I", "me", "my" in a
  quotation;
- the first letter capitalised and a full stop at the end, so that it reads as a sentence.

:func:`polarity` tells whether the proposition is stated or negated ("no evidence",
"not true", "doesn't exist"); :func:`is_referential` whether it stands on its own or only
points at something said elsewhere ("these allegations", "the purge", a slogan).
"""

from __future__ import annotations

import re

from ..lang import lexicon
from ..model import Kind, SpeakerType, Statement
from .text import content_tokens, normalize, words

__all__ = [
    "is_anaphor",
    "is_referential",
    "negated",
    "proposition",
    "statement_text",
]

_OPEN = "\"'\u201c\u2018\u00ab\u201e\u2039`"
_CLOSE = "\"'\u201d\u2019\u00bb\u203a"
_EDGE = _OPEN + _CLOSE + " ,;:\n\t"
_LEAD_THAT = re.compile(r"^that\s+", re.I)
_SUBJECT = re.compile(r"^(he|she|it|they)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(I|me|my)\b")
# Pronouns that agree with a speaker of each type.
_AGREES: dict[str, frozenset[SpeakerType]] = {
    "he": frozenset({SpeakerType.PERSON}),
    "she": frozenset({SpeakerType.PERSON}),
    "it": frozenset(
        {SpeakerType.ORGANIZATION, SpeakerType.PLACE, SpeakerType.DOCUMENT, SpeakerType.GROUP}
    ),
    "they": frozenset(
        {SpeakerType.GROUP, SpeakerType.ORGANIZATION, SpeakerType.ANONYMOUS, SpeakerType.PLACE}
    ),
}

lx = lexicon()
#: Fewer content words than this and a content names something rather than saying it.
MIN_TOKENS = 5


def statement_text(statement: Statement) -> str:
    """The text a statement is matched on: its content (pieces joined)."""
    return " ".join(p.text for p in statement.content_pieces).strip()


def _strip(text: str) -> str:
    t = " ".join(text.split())
    prev = None
    while prev != t:
        prev = t
        t = t.strip(_EDGE)
        t = _LEAD_THAT.sub("", t)
    # a closing mark left inside after stripping ("... camps,” said") stays balanced
    if t.count("\u201c") < t.count("\u201d"):
        t = t.replace("\u201d", "")
    if t.count('"') % 2:
        t = t.replace('"', "")
    return t


def _speaker_name(statement: Statement) -> str | None:
    sp = statement.speaker
    if sp is None or not sp.resolved or sp.anonymous:
        return None
    return sp.name


def proposition(statement: Statement) -> str:
    """The statement's content as a readable proposition (see the module docstring)."""
    t = _strip(statement_text(statement))
    if not t:
        return ""
    name = _speaker_name(statement)
    sp = statement.speaker
    if name and sp is not None:
        if statement.kind in (Kind.INDIRECT, Kind.MIXED, Kind.ACCORDING_TO):
            m = _SUBJECT.match(t)
            if m and sp.type in _AGREES.get(m.group(1).lower(), frozenset()):
                t = name + t[m.end() :]
        if statement.kind in (Kind.DIRECT, Kind.MIXED) and sp.type == SpeakerType.PERSON:
            t = _FIRST_PERSON.sub(
                lambda m: name + "'s" if m.group(1) == "my" else name,
                t,
            )
    t = t[:1].upper() + t[1:]
    if t[-1:] not in ".!?":
        t = t.rstrip(" .,;:") + "."
    return t


def negated(text: str) -> bool:
    """Whether a content negates what it is about ("no evidence", "doesn't exist")."""
    return bool(lx.NEGATION.search(normalize(text)))


def is_anaphor(text: str) -> bool:
    """A content that names something said elsewhere: "these allegations", "the
    reports", "claims of the purge"."""
    head = words(_strip(text))[:4]
    if head and head[0] in lx.DEMONSTRATIVES and any(x in lx.REPORT_NOUNS for x in head[1:3]):
        return True
    return bool(head) and head[0] in lx.REPORT_NOUNS


def is_referential(text: str) -> bool:
    """A content that points at a proposition rather than stating one: an anaphor
    (:func:`is_anaphor`), or a short phrase with no verb ("the purge", "the Kremlin to
    investigate") that names its topic without saying anything of it."""
    if is_anaphor(text):
        return True
    w = words(_strip(text))
    return len(content_tokens(" ".join(w))) < MIN_TOKENS and not any(x in lx.FINITE for x in w)
