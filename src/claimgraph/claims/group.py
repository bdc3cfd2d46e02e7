"""Within one article: which statements state the same proposition, and how each bears on it.

:func:`group_article` reads an article's statements in text order and gives each one to
a *local claim*, a proposition of this article:

- **A quotation continued** (the same speaker's next quote, with no cue of its own or
  the cue of the quote it continues, in the same or the next paragraph) stays in the
  claim of the quote it continues.
- **A statement that points at a proposition** rather than stating one (a denial, a call,
  a question, a negated content, an anaphor such as "these allegations", a slogan, a short
  noun phrase such as "reports of the purge") joins the claim it is most like; when it is
  like none, an anaphor or a denial joins the article's focus (the claim of its headline
  or, failing that, its largest so far): in a news article they bear on the story's claim.
- **A statement that states a proposition** of its own joins a claim only when it says the
  same thing (similarity :data:`SAME`), or the same speaker said the claim and it is like
  it (:data:`SAME_SPEAKER`); otherwise it starts a claim.

Each member's stance toward its claim is composed (:func:`compose`): the statement's own
stance (asserts, denies, questions, calls for ...) combined with how it joined, so a
negated content joined by reference denies the claim and a slogan by another speaker
supports it. The claim's text is the proposition of its first member that states one.

Similarity is :func:`claimgraph.claims.cluster.similarity_matrix` over the article's
propositions (word and character TF-IDF fitted on the article, and MiniLM cosines).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from ..attribution.quotes import blank_lines
from ..model import Analysis, Kind, Stance, Statement
from .cluster import similarity_matrix
from .members import cue_class
from .proposition import is_anaphor, is_referential, negated, proposition, statement_text
from .text import normalize

__all__ = ["REFERS", "SAME", "SAME_SPEAKER", "Join", "LocalClaim", "compose", "group_article"]

#: Two statements stating propositions this similar say the same thing.
SAME = 0.5
#: The same, for a speaker who already stated the claim.
SAME_SPEAKER = 0.4
#: The same, toward the claim of the headline: a headline sums up what the body says.
HEADLINE = 0.3
#: A statement pointing at a proposition joins the claim it is this like, or more.
REFERS = 0.2


class Join(StrEnum):
    """How a statement came into its local claim."""

    FIRST = "first"  # it started the claim
    CONTINUES = "continues"  # the same speaker's quotation, continued
    SAME = "same"  # it states the same proposition
    REFERS = "refers"  # it points at the claim (denial, call, anaphor, slogan)


@dataclass(frozen=True)
class Member:
    statement: Statement
    join: Join
    stance: Stance
    confidence: float


@dataclass(frozen=True)
class LocalClaim:
    """A proposition of one article with the statements about it, in text order."""

    text: str
    members: tuple[Member, ...]

    @property
    def statement_ids(self) -> tuple[str, ...]:
        return tuple(m.statement.id for m in self.members)


def _speaker_key(st: Statement) -> str | None:
    sp = st.speaker
    if sp is None:
        return None
    if sp.entity:
        return "E:" + sp.entity
    name = sp.name or (sp.mention.text if sp.mention is not None else "")
    return normalize(name) or None


def _continues(prev: Statement, st: Statement, text: str) -> bool:
    """``st`` carries on ``prev``'s quotation: same speaker, a quote, no cue of its own
    or the very cue of ``prev`` (a quote split around its cue). A quotation with other
    text between (a paragraph, a caption) is a new one, even from the same speaker."""
    if prev.cue is not None and st.cue is not None and prev.cue == st.cue:
        return True
    key = _speaker_key(st)
    if key is None or key != _speaker_key(prev):
        return False
    near = blank_lines(text, prev.content.end, st.content.start) <= 1
    return st.kind == Kind.DIRECT and st.cue is None and near


def _states(st: Statement) -> bool:
    """Whether a statement states a proposition of its own (rather than pointing at one)."""
    return cue_class(st) in ("assert", "neutral", "support", "act") and not is_referential(
        statement_text(st)
    )


def _bears_on_story(st: Statement) -> bool:
    """A statement that, like no claim of the article, still bears on its story: a
    denial, a question, a call for an investigation, an anaphor ("these allegations")."""
    return cue_class(st) in ("deny", "question", "investigate") or is_anaphor(statement_text(st))


def compose(st: Statement, join: Join, claim_negated: bool) -> Stance:
    """The stance a statement takes toward its claim (see the module docstring)."""
    cls = cue_class(st)
    if cls == "question":
        return Stance.QUESTIONS
    if cls == "investigate":
        return Stance.CALLS_FOR_INVESTIGATION
    if cls == "act":
        return Stance.CALLS_FOR_ACTION
    if cls == "deny":
        return Stance.DENIES
    if join == Join.REFERS and negated(statement_text(st)) and not claim_negated:
        return Stance.DENIES
    if cls == "support":
        return Stance.SUPPORTS
    return Stance.NEUTRAL if cls == "neutral" else Stance.ASSERTS


def _headline_end(analysis: Analysis) -> int:
    """Where the article's first line (its headline, when it has one) ends."""
    text = analysis.text
    i = text.find("\n")
    return i if i > 0 else -1


def group_article(analysis: Analysis, sim: np.ndarray | None = None) -> list[LocalClaim]:
    """The article's statements as local claims, in order of first member."""
    sts = sorted(
        (s for s in analysis.statements if normalize(statement_text(s))),
        key=lambda s: (s.content.start, s.content.end),
    )
    if not sts:
        return []
    props = [proposition(s) for s in sts]
    if sim is None:
        sim = similarity_matrix(props)
    head_end = _headline_end(analysis)
    claim_of: list[int] = []
    joins: list[Join] = []
    claims: list[list[int]] = []
    focus: int | None = None
    head: int | None = None  # the claim of the headline
    for i, st in enumerate(sts):
        target: int | None = None
        join = Join.FIRST
        if i and _continues(sts[i - 1], st, analysis.text):
            target, join = claim_of[i - 1], Join.CONTINUES
        elif claims:
            scores = [max(float(sim[i, j]) for j in members) for members in claims]
            best = int(np.argmax(scores))
            key = _speaker_key(st)
            said = key is not None and key in {_speaker_key(sts[j]) for j in claims[best]}
            # "claims of the purge, which originated in the newspaper" names the newspaper
            # as the claim's source: what the newspaper then reports is that claim. One
            # who "decried reports of the purge" is its denier, not its source: what the
            # denier then asserts of their own is another claim
            asserts = _states(st)
            named = key is not None and any(
                _speaker_key(sts[j]) == key
                and is_referential(statement_text(sts[j]))
                and not (asserts and cue_class(sts[j]) in ("deny", "question"))
                for j in claims[best]
            )
            # the headline's claim is the story's: the body's statements join it more
            # readily than another claim of the article
            same = HEADLINE if head is not None and best == head else SAME
            if (
                scores[best] >= same
                or (said and scores[best] >= SAME_SPEAKER)
                or (named and scores[best] >= REFERS)
            ):
                target, join = best, Join.SAME
            elif not _states(st) and scores[best] >= REFERS:
                target, join = best, Join.REFERS
            elif focus is not None and _bears_on_story(st):
                target, join = focus, Join.REFERS
        if target is None:
            target = len(claims)
            claims.append([])
        claims[target].append(i)
        claim_of.append(target)
        joins.append(join)
        if head is None and st.content.start < head_end:
            head = target
        focus = (
            head
            if head is not None
            else max(range(len(claims)), key=lambda c: (len(claims[c]), -c))
        )
    out = []
    for members in claims:
        text_i = next(
            (j for j in members if _states(sts[j])),
            next((j for j in members if not negated(statement_text(sts[j]))), members[0]),
        )
        claim_neg = negated(statement_text(sts[text_i]))
        out.append(
            LocalClaim(
                text=props[text_i],
                members=tuple(
                    Member(
                        statement=sts[j],
                        join=joins[j],
                        stance=compose(sts[j], joins[j], claim_neg),
                        confidence=float(sts[j].confidence),
                    )
                    for j in members
                ),
            )
        )
    return out
