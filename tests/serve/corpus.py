"""A small fictional corpus for the serve tests, built from model objects directly so the
tests do not depend on the attribution engine. Every word here is our own.

Three articles about a (made-up) spill in Lake Verna, on three dates: an environmental
group asserts it, the mayor denies it (twice, plus a nominal denial nested inside another
statement), the health department calls for an investigation, the governor denies it.
Article B carries markup and script in its title, text and a quote; article C has a
``javascript:`` URL. All of it must come out escaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.model import (
    Analysis,
    Article,
    Claim,
    ClaimStatement,
    Entity,
    Kind,
    Span,
    Speaker,
    SpeakerType,
    Stance,
    Statement,
)
from claimgraph.store.sqlite import Store

XSS_TITLE = "Mayor <script>alert('title')</script> rejects spill claims"
XSS_QUOTE = "<script>alert('quote')</script>"

TEXT_A = (
    "Chemical spill reported in Lake Verna\n\n"
    "A chemical spill has poisoned Lake Verna, the environmental group Clearwater Watch "
    'said on Sunday. "We found dead fish along three miles of shoreline," said Mira '
    "Okafor, the group's director.\n\n"
    "According to the Associated Press, state officials said inspectors were sent to the "
    "lake.\n"
)

TEXT_B = (
    "Mayor rejects spill claims <script>alert('body')</script>\n\n"
    "The mayor of Port Ellis, Dana Whitcombe, denied on Tuesday that a chemical spill had "
    'poisoned Lake Verna. "There is no spill, and the water is safe '
    + XSS_QUOTE
    + '," Whitcombe said.\n\n'
    "Clearwater Watch said Whitcombe's denial that the lake was poisoned ignored the "
    'evidence. <img src=x onerror=alert(1)> <a href="javascript:alert(2)">more</a>\n'
)

TEXT_C = (
    "Health officials call for tests at Lake Verna\n\n"
    "The state health department called for an independent investigation into the "
    "reported spill. Governor Ellis Brandt said he had seen no evidence of a spill.\n"
)


def span(text: str, words: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``words`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Span.of(text, start, start + len(words))


def speaker(
    text: str,
    mention: str,
    name: str | None,
    kind: SpeakerType = SpeakerType.PERSON,
    entity: str | None = None,
    nth: int = 0,
) -> Speaker:
    anonymous = kind in (SpeakerType.ANONYMOUS, SpeakerType.GROUP)
    return Speaker(span(text, mention, nth), name, kind, entity=entity, anonymous=anonymous)


def statement(
    text: str,
    sid: str,
    kind: Kind,
    who: Speaker,
    cue: str,
    content: str,
    stance: Stance,
    *,
    cue_nth: int = 0,
    relay: tuple[str, ...] = (),
) -> Statement:
    return Statement(
        id=sid,
        kind=kind,
        content=span(text, content),
        speaker=who,
        cue=span(text, cue, cue_nth),
        stance=stance,
        relay=relay,
    )


def analysis_a() -> Analysis:
    t = TEXT_A
    art = Article(
        text=t,
        title="Chemical spill reported in Lake Verna",
        outlet="Riverside Courier",
        published="2026-03-01",
        url="https://courier.example/spill",
    )
    cw = Entity("E1", "Clearwater Watch", SpeakerType.ORGANIZATION)
    mo = Entity("E2", "Mira Okafor", SpeakerType.PERSON)
    return Analysis(
        art,
        (
            statement(
                t, "S1", Kind.INDIRECT,
                speaker(t, "the environmental group Clearwater Watch", "Clearwater Watch",
                        SpeakerType.ORGANIZATION, "E1"),
                "said", "A chemical spill has poisoned Lake Verna", Stance.ASSERTS,
            ),
            statement(
                t, "S2", Kind.DIRECT, speaker(t, "Mira Okafor", "Mira Okafor", entity="E2"),
                "said", "We found dead fish along three miles of shoreline", Stance.SUPPORTS,
                cue_nth=1,
            ),
            statement(
                t, "S3", Kind.INDIRECT,
                speaker(t, "state officials", "state officials", SpeakerType.GROUP),
                "said", "inspectors were sent to the lake", Stance.NEUTRAL,
                cue_nth=2, relay=("Associated Press",),
            ),
        ),
        (cw, mo),
    )  # fmt: skip


def analysis_b() -> Analysis:
    t = TEXT_B
    art = Article(
        text=t,
        title=XSS_TITLE,
        outlet="Harbor Ledger",
        published="2026-03-03",
        url="https://ledger.example/mayor",
    )
    dw = Entity("E1", "Dana Whitcombe", SpeakerType.PERSON, aliases=("Whitcombe",))
    cw = Entity("E2", "Clearwater Watch", SpeakerType.ORGANIZATION)
    return Analysis(
        art,
        (
            statement(
                t, "S1", Kind.INDIRECT,
                speaker(t, "The mayor of Port Ellis, Dana Whitcombe", "Dana Whitcombe",
                        entity="E1"),
                "denied", "a chemical spill had poisoned Lake Verna", Stance.DENIES,
            ),
            statement(
                t, "S2", Kind.DIRECT,
                speaker(t, "Whitcombe", "Dana Whitcombe", entity="E1", nth=1),
                "said", "There is no spill, and the water is safe " + XSS_QUOTE, Stance.DENIES,
            ),
            # S4's content holds S3 whole: the nominal denial and its speaker are nested
            statement(
                t, "S3", Kind.NOMINAL,
                speaker(t, "Whitcombe", "Dana Whitcombe", entity="E1", nth=2),
                "denial", "the lake was poisoned", Stance.DENIES,
            ),
            statement(
                t, "S4", Kind.INDIRECT,
                speaker(t, "Clearwater Watch", "Clearwater Watch", SpeakerType.ORGANIZATION,
                        "E2"),
                "said", "Whitcombe's denial that the lake was poisoned ignored the evidence",
                Stance.SUPPORTS, cue_nth=1,
            ),
        ),
        (dw, cw),
    )  # fmt: skip


def analysis_c() -> Analysis:
    t = TEXT_C
    art = Article(
        text=t,
        title="Health officials call for tests at Lake Verna",
        outlet="Valley Times",
        published="2026-03-05",
        url="javascript:alert(3)",
    )
    eb = Entity("E1", "Ellis Brandt", SpeakerType.PERSON, aliases=("Governor Ellis Brandt",))
    hd = Entity("E2", "state health department", SpeakerType.ORGANIZATION)
    return Analysis(
        art,
        (
            statement(
                t, "S1", Kind.INDIRECT,
                speaker(t, "The state health department", "state health department",
                        SpeakerType.ORGANIZATION, "E2"),
                "called for", "an independent investigation into the reported spill",
                Stance.CALLS_FOR_INVESTIGATION,
            ),
            statement(
                t, "S2", Kind.INDIRECT,
                speaker(t, "Governor Ellis Brandt", "Ellis Brandt", entity="E1"),
                "said", "he had seen no evidence of a spill", Stance.DENIES,
            ),
        ),
        (eb, hd),
    )  # fmt: skip


SPILL_CLAIM = "A chemical spill has poisoned Lake Verna"


@dataclass
class Corpus:
    path: Path
    a: Analysis
    b: Analysis
    c: Analysis
    spill: str = "Cspill"
    inspectors: str = "Cinspect"
    ids: dict[str, str] = field(default_factory=dict)


def build(path: Path) -> Corpus:
    """Write the corpus into a new store at ``path``, with two hand-made claims."""
    a, b, c = analysis_a(), analysis_b(), analysis_c()
    corpus = Corpus(path, a, b, c)
    members = [
        ClaimStatement(a.article.id, "S1", Stance.ASSERTS),
        ClaimStatement(a.article.id, "S2", Stance.SUPPORTS),
        ClaimStatement(b.article.id, "S1", Stance.DENIES),
        ClaimStatement(b.article.id, "S2", Stance.DENIES),
        ClaimStatement(b.article.id, "S3", Stance.DENIES),
        ClaimStatement(b.article.id, "S4", Stance.SUPPORTS),
        ClaimStatement(c.article.id, "S1", Stance.CALLS_FOR_INVESTIGATION),
        ClaimStatement(c.article.id, "S2", Stance.DENIES),
    ]
    claims = [
        Claim(corpus.spill, SPILL_CLAIM, tuple(members)),
        Claim(corpus.inspectors, "Inspectors were sent to Lake Verna",
              (ClaimStatement(a.article.id, "S3", Stance.NEUTRAL),)),
    ]  # fmt: skip
    texts = {f"{m.article_id}:{m.statement_id}": SPILL_CLAIM for m in members}
    with Store.open(path) as store:
        for an in (a, b, c):
            assert store.add(an)
        store.add_claims(claims, texts)
    return corpus
