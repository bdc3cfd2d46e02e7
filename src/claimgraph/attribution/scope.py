"""What counts as an attributed statement: the scope setting.

Both engines find attributions in PolNeAR's broad sense: speech, but also belief and
intention ("plans to", "decided to") and cues whose content is any noun phrase ("cited
privacy rules", "denied visas"). A fact-checker wants statements: something said,
thought or shown, by a source, about a proposition. The scope decides which candidates
become statements:

- ``statements`` (the default): a cue of intention is left out unless it carries a
  quotation; content that is a bare noun phrase (no verb, no quotation) stays only when
  the cue judges or asks for its object ("criticised a policy") or the noun is itself
  something said or decided ("denied the allegations", not "denied visas").
- ``broad``: PolNeAR's definition (its guidelines count beliefs, intentions and
  noun-phrase contents); ``claimgraph eval polnear`` scores this scope.

As statements, a cue with no source at all (an agentless passive: "were granted", "was
awarded") stays only when it is a reporting word ("is expected", "reportedly") and its
content is a clause or a quotation.

Set with ``CLAIMGRAPH_SCOPE``; :func:`using` forces one inside a block.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from ..errors import ModelError
from ..model import Kind
from .lexicon import lx

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .candidate import Candidate
    from .spans import QuoteIndex

SCOPES = ("statements", "broad")
_forced: ContextVar[str | None] = ContextVar("claimgraph_scope", default=None)


@contextmanager
def using(scope: str) -> Iterator[None]:
    """Build statements with ``scope`` inside the block, whatever the settings say."""
    check(scope)
    token = _forced.set(scope)
    try:
        yield
    finally:
        _forced.reset(token)


def check(scope: str) -> str:
    if scope not in SCOPES:
        raise ModelError(f"CLAIMGRAPH_SCOPE: scope {scope!r}: expected one of {', '.join(SCOPES)}")
    return scope


def current() -> str:
    """The scope in force: the one :func:`using` forces, else ``CLAIMGRAPH_SCOPE``."""
    from ..config import get_settings

    forced = _forced.get()
    return check(forced or (get_settings().scope or "statements").lower())


def keeps(doc: Doc, c: Candidate, qi: QuoteIndex, scope: str) -> bool:
    """Whether candidate ``c`` is a statement in ``scope``."""
    if scope == "broad" or (c.quote_based and c.source is not None):
        return True
    clause = _clause_or_quote(doc, c, qi)
    if c.source is None and not (clause and _reporting(c)):
        return False
    if c.quote_based:
        return True
    if c.lemma in lx.INTENT_VERBS:
        return False
    return clause or _proposition(doc, c)


def _clause_or_quote(doc: Doc, c: Candidate, qi: QuoteIndex) -> bool:
    for s, e in c.content:
        if qi.overlapping(s, e):
            return True
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or any(_verbal(t) for t in span):
            return True
    return False


def _verbal(t: Token) -> bool:
    """A verb that makes a clause: finite, an infinitive or a gerund; a participle used
    as an adjective ("scattered debris", "bloodied bodies") does not."""
    return t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm", []) != ["Part"]


def _reporting(c: Candidate) -> bool:
    """A reporting word, which may stand with no source ("is expected", "reportedly")."""
    return (
        c.lemma in lx.CUE_VERBS
        or c.lemma in lx.CUE_NOUNS
        or any(t.lower_ in lx.REPORT_ADVERBS for t in c.cue)
    )


def _proposition(doc: Doc, c: Candidate) -> bool:
    """A content that is neither a clause nor a quotation is still a proposition as the
    object a judging cue judges, or as a noun phrase whose head is something said or
    decided."""
    if c.kind in (Kind.NOMINAL, Kind.ACCORDING_TO) or c.lemma in lx.OBJECT_CUES:
        return True
    for s, e in c.content:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            return True
        heads = [t for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i]
        if any(
            t.lemma_.lower() in lx.PROPOSITION_NOUNS or t.lemma_.lower() in lx.CUE_NOUNS
            for t in heads
        ):
            return True
    return False
