"""The outlet's own voice: does an article assert a claim, only report what others say of
it, or debunk it?

Beside its sources' stances, an article takes one of its own: in its headline and in the
narrative no statement is attributed to anyone, the outlet speaks. :func:`own_voice`
finds those sentences (the parts of the text outside every statement's speaker, cue and
content); :func:`outlet_stance` takes the own-voice sentence most like the claim and
reads its stance toward it with the Emergent stance model (``for`` -> the outlet
asserts it, ``against`` -> it debunks it, ``observing`` -> it reports). When no own-voice
sentence is about the claim, the outlet only reports others' statements.

Emergent labels exactly this (an article headline's stance toward a claim), so
``claimgraph eval emergent`` measures :func:`voice_of` on its headlines.
"""

from __future__ import annotations

import re
from enum import StrEnum

from ..model import Analysis, Span
from .stance import StanceModel, stance_toward

__all__ = ["ABOUT", "OutletStance", "outlet_stance", "own_voice", "voice_of"]

#: An own-voice sentence this similar to a claim or more is about it.
ABOUT = 0.45
_SENTENCE = re.compile(r"[^\n.!?]+(?:[.!?]+[\"'\u201d\u2019]?|$)")


class OutletStance(StrEnum):
    ASSERTS = "asserts"  # says it in its own voice (headline or narrative)
    REPORTS = "reports"  # only reports what others say of it
    DEBUNKS = "debunks"  # says in its own voice that it is false

    @property
    def emergent(self) -> str:
        """Emergent's label for this stance (``for``, ``against``, ``observing``)."""
        return {"asserts": "for", "debunks": "against", "reports": "observing"}[self.value]


def voice_of(
    claim: str, sentence: str, *, model: StanceModel | None = None
) -> tuple[OutletStance, float]:
    """The stance an own-voice sentence (a headline) takes toward a claim (``model``:
    the stance model, by default the shipped one)."""
    stance, conf = stance_toward(claim, sentence, model=model)
    label = {"asserts": "for", "supports": "for", "denies": "against"}.get(stance.value)
    if label == "for":
        return OutletStance.ASSERTS, conf
    if label == "against":
        return OutletStance.DEBUNKS, conf
    return OutletStance.REPORTS, conf


def own_voice(analysis: Analysis) -> list[Span]:
    """Sentences of the article outside every statement: where the outlet speaks."""
    text = analysis.text
    taken: list[tuple[int, int]] = []
    for st in analysis.statements:
        for sp in (*st.content_pieces, *st.cue_pieces):
            taken.append((sp.start, sp.end))
        if st.speaker is not None and st.speaker.mention is not None:
            taken.append((st.speaker.mention.start, st.speaker.mention.end))
    out = []
    for m in _SENTENCE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        if e - s < 12 or any(a < e and s < b for a, b in taken):
            continue
        out.append(Span.of(text, s, e))
    return out


def outlet_stance(
    claim: str, sentences: list[str], similarity: list[float]
) -> tuple[OutletStance, float]:
    """The outlet's stance toward ``claim`` from its own-voice ``sentences`` and their
    ``similarity`` to the claim."""
    if not sentences:
        return OutletStance.REPORTS, 1.0
    best = max(range(len(sentences)), key=lambda i: similarity[i])
    if similarity[best] < ABOUT:
        return OutletStance.REPORTS, 1.0 - similarity[best]
    return voice_of(claim, sentences[best])
