"""Claims within an article (group) and across articles (assign), on articles we write."""

from __future__ import annotations

import re

import pytest

from claimgraph.claims import Assigner, cluster_texts, group_article, proposition, stance_toward
from claimgraph.claims.proposition import is_anaphor, is_referential, negated
from claimgraph.model import Analysis, Article, Kind, Span, Speaker, SpeakerType, Stance, Statement
from claimgraph.store import Store


def _st(
    text: str,
    sid: str,
    content: str,
    *,
    speaker: str | None = None,
    stance: Stance = Stance.ASSERTS,
    kind: Kind = Kind.INDIRECT,
    cue: str | None = "said",
    stype: SpeakerType = SpeakerType.PERSON,
    after: int = 0,
) -> Statement:
    start = text.index(content, after)
    cue_span = None
    if cue:
        found = list(re.finditer(re.escape(cue), text[:start]))
        m = found[-1] if found else None
        if m is None:
            m = re.search(re.escape(cue), text[start:])
            assert m is not None
            cue_span = Span.of(text, start + m.start(), start + m.end())
        else:
            cue_span = Span.of(text, m.start(), m.end())
    sp = None
    if speaker:
        i = text.find(speaker)
        sp = Speaker(
            mention=Span.of(text, i, i + len(speaker)) if i >= 0 else None,
            name=speaker,
            type=stype,
            entity="E-" + speaker,
        )
    return Statement(
        id=sid,
        kind=kind,
        content=Span.of(text, start, start + len(content)),
        speaker=sp,
        cue=cue_span,
        stance=stance,
    )


# -- propositions -------------------------------------------------------------------


def test_proposition_drops_the_frame_and_resolves_the_speaker() -> None:
    text = "The ministry said that it would reopen the northern ferry line in May."
    st = _st(
        text,
        "S1",
        "that it would reopen the northern ferry line in May",
        speaker="The ministry",
        stype=SpeakerType.ORGANIZATION,
    )
    assert proposition(st) == "The ministry would reopen the northern ferry line in May."
    quote = '"I never saw the report," Ana Ruiz said.'
    st = _st(quote, "S1", '"I never saw the report,"', speaker="Ana Ruiz", kind=Kind.DIRECT)
    assert proposition(st) == "Ana Ruiz never saw the report."


@pytest.mark.parametrize(
    ("content", "referential", "anaphor"),
    [
        ("these allegations", True, True),
        ("reports of a leak at the dam", True, True),
        ("the leak", True, False),
        ("the broadcasts will continue", False, False),
        ("the dam has been leaking for two weeks near the spillway", False, False),
    ],
)
def test_referential_contents(content: str, referential: bool, anaphor: bool) -> None:
    assert is_referential(content) is referential
    assert is_anaphor(content) is anaphor


def test_negated() -> None:
    assert negated("there is no evidence of a leak")
    assert negated("the dam doesn't leak")
    assert not negated("the dam leaks")


# -- within an article -----------------------------------------------------------------

DAM = (
    "Dam engineers deny leak reports\n\n"
    "Residents of Varo said that water has been leaking from the old dam for two weeks. "
    "The water board denied reports of a leak at the dam. "
    "Activists called for an inquiry into the dam's safety. "
    "The board chair, Lena Ortiz, said the town would open a new library in June. "
    '"Nothing is leaking," she said. "The dam is safe and the gauges are normal."'
)


def _dam() -> Analysis:
    t = DAM
    sts = (
        _st(t, "S1", "water has been leaking from the old dam for two weeks",
            speaker="Residents of Varo", stype=SpeakerType.GROUP),
        _st(t, "S2", "reports of a leak at the dam", speaker="The water board",
            stance=Stance.DENIES, kind=Kind.NOMINAL, cue="denied",
            stype=SpeakerType.ORGANIZATION),
        _st(t, "S3", "an inquiry into the dam's safety", speaker="Activists",
            stance=Stance.CALLS_FOR_INVESTIGATION, kind=Kind.NOMINAL, cue="called for",
            stype=SpeakerType.GROUP),
        _st(t, "S4", "the town would open a new library in June", speaker="Lena Ortiz"),
        _st(t, "S5", '"Nothing is leaking,"', speaker="Lena Ortiz", kind=Kind.DIRECT,
            stance=Stance.DENIES, cue="she said"),
        _st(t, "S6", '"The dam is safe and the gauges are normal."', speaker="Lena Ortiz",
            kind=Kind.DIRECT, cue=None),
    )  # fmt: skip
    return Analysis(Article(text=t, id="dam1"), sts)


def test_denials_calls_and_continued_quotes_join_the_claim_they_bear_on() -> None:
    claims = group_article(_dam())
    where = {m.statement.id: i for i, c in enumerate(claims) for m in c.members}
    stance = {m.statement.id: m.stance for c in claims for m in c.members}
    leak = where["S1"]
    assert where["S2"] == leak  # a denial of the reports of a leak
    assert where["S3"] == leak  # a call for an inquiry: the story's claim
    assert where["S5"] == leak and where["S6"] == leak  # a denial and its quote continued
    assert where["S4"] != leak  # an unrelated proposition stands alone
    assert stance == {
        "S1": Stance.ASSERTS,
        "S2": Stance.DENIES,
        "S3": Stance.CALLS_FOR_INVESTIGATION,
        "S4": Stance.ASSERTS,
        "S5": Stance.DENIES,
        "S6": Stance.ASSERTS,
    }
    # the claim reads as a proposition, not a fragment
    assert claims[leak].text == "Water has been leaking from the old dam for two weeks."


def test_a_quote_after_a_caption_is_a_new_one() -> None:
    """The same speaker's quotation with a paragraph between (a caption) is not the quote
    before it going on: it joins that claim only if it says the same thing."""
    t = (
        '"Nothing is leaking," the board chair, Lena Ortiz, said.\n\n'
        "The Varo dam in spring. Image: the water board.\n\n"
        '"The town will open a new library in June."'
    )
    sts = (
        _st(t, "S1", "Nothing is leaking", speaker="Lena Ortiz", kind=Kind.DIRECT),
        _st(t, "S2", "The town will open a new library in June.", speaker="Lena Ortiz",
            kind=Kind.DIRECT, cue=None),
    )  # fmt: skip
    claims = group_article(Analysis(Article(text=t, id="dam2"), sts))
    assert [[m.statement.id for m in c.members] for c in claims] == [["S1"], ["S2"]]
    joined = t.replace("\n\nThe Varo dam in spring. Image: the water board.", "")
    claims = group_article(
        Analysis(Article(text=joined, id="dam3"), (
            _st(joined, "S1", "Nothing is leaking", speaker="Lena Ortiz", kind=Kind.DIRECT),
            _st(joined, "S2", "The town will open a new library in June.",
                speaker="Lena Ortiz", kind=Kind.DIRECT, cue=None),
        ))
    )  # fmt: skip
    assert [[m.statement.id for m in c.members] for c in claims] == [["S1", "S2"]]


def test_unrelated_statements_stay_apart() -> None:
    t = (
        "The mayor said the bridge on Mill Road will close for repairs in March. "
        "The treasurer said the council approved a larger budget for the public library. "
        "A coach said the youth football team won its third straight title on Sunday."
    )
    a = Analysis(
        Article(text=t, id="x"),
        (
            _st(t, "S1", "the bridge on Mill Road will close for repairs in March"),
            _st(t, "S2", "the council approved a larger budget for the public library", after=60),
            _st(t, "S3", "the youth football team won its third straight title on Sunday"),
        ),
    )
    assert len(group_article(a)) == 3


def test_grouping_is_stable_when_a_far_paragraph_is_added() -> None:
    before = group_article(_dam())
    t = DAM + "\n\nFiled by the Varo desk."
    a = _dam()
    after = group_article(Analysis(Article(text=t, id="dam1"), a.statements))
    assert [c.statement_ids for c in before] == [c.statement_ids for c in after]


# -- across articles -------------------------------------------------------------------

DAM2 = (
    "Board says no leak\n\n"
    "Engineers for the water board said the old dam near Varo is not leaking at all."
)


def _dam2() -> Analysis:
    t = DAM2
    return Analysis(
        Article(text=t, id="dam2"),
        (
            _st(
                t,
                "S1",
                "the old dam near Varo is not leaking at all",
                speaker="Engineers",
                stype=SpeakerType.GROUP,
            ),
        ),
    )


@pytest.mark.parametrize("embeddings", [False, True], ids=["tfidf", "minilm"])
def test_a_later_article_joins_the_stored_claim_and_denies_it(embeddings: bool) -> None:
    from claimgraph.corpus import ClaimKeeper

    with Store.open(":memory:") as store:
        keeper = ClaimKeeper(store, Assigner(embeddings=embeddings))
        assert keeper.add(_dam())
        assert keeper.add(_dam2())
        assert not keeper.add(_dam2())  # stored already: nothing changes
        leak = store.article_claims("dam1")[0]
        assert store.article_claims("dam2") == [leak]
        view = store.claim(leak)
        assert view is not None
        mine = [e for e in view.statements if e.record.article.id == "dam2"]
        # "is not leaking" joins "has been leaking" as its negation: a denial
        assert [e.stance for e in mine] == [Stance.DENIES]
        # every statement belongs to exactly one claim
        assert store.unclaimed() == []


def test_cluster_texts() -> None:
    texts = [
        "Apple will sell 19 million watches this year",
        "Analysts forecast 19 million Apple Watch sales",
        "A shark was seen swimming in a flooded street",
        "Photo of shark swimming on flooded highway is fake",
    ]
    labels = cluster_texts(texts)
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]
    assert cluster_texts([]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Photo of shark on flooded highway is a hoax", "against"),
        ("Shark reportedly seen on flooded highway", "observing"),
        ("Shark swims down flooded highway", "for"),
    ],
)
def test_stance_toward(text: str, expected: str) -> None:
    from claimgraph.claims import to_emergent

    stance, conf = stance_toward("A shark swam on a flooded highway", text)
    assert to_emergent(stance) == expected
    assert 0.0 <= conf <= 1.0


def test_words_of_any_script() -> None:
    from claimgraph.claims.text import content_tokens, words

    assert words("Peña told Zürich’s council") == ["peña", "told", "zürich", "council"]
    assert "zürich" in content_tokens("Zürich's water board")
