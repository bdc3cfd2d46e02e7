"""The data model round-trips through JSON, and spans always index into the text."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.model import (
    Analysis,
    Article,
    Entity,
    Kind,
    Span,
    Speaker,
    SpeakerType,
    Stance,
    Statement,
)


@st.composite
def analyses(draw):  # type: ignore[no-untyped-def]
    text = draw(st.text(min_size=5, max_size=200))
    n = len(text)

    def span():  # type: ignore[no-untyped-def]
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, n))
        return Span.of(text, a, b)

    statements = []
    for i in range(draw(st.integers(0, 3))):
        pieces = tuple(sorted(span() for _ in range(draw(st.integers(1, 2)))))
        content = Span.of(text, pieces[0].start, max(p.end for p in pieces))
        speaker = Speaker(
            mention=draw(st.one_of(st.none(), st.just(span()))),
            name=draw(st.one_of(st.none(), st.text(max_size=20))),
            type=draw(st.sampled_from(list(SpeakerType))),
            anonymous=draw(st.booleans()),
            affiliation=draw(st.one_of(st.none(), st.text(max_size=10))),
            confidence=round(draw(st.floats(0, 1)), 3),
        )
        statements.append(
            Statement(
                id=f"S{i + 1}",
                kind=draw(st.sampled_from(list(Kind))),
                content=content,
                content_pieces=pieces,
                speaker=draw(st.one_of(st.none(), st.just(speaker))),
                cue=span(),
                stance=draw(st.sampled_from(list(Stance))),
                confidence=round(draw(st.floats(0, 1)), 3),
                relay=tuple(draw(st.lists(st.text(max_size=10), max_size=2))),
            )
        )
    ents = (Entity(id="E1", name="Ana Roth", type=SpeakerType.PERSON, aliases=("Roth",)),)
    return Analysis(
        article=Article(text=text, title="t"), statements=tuple(statements), entities=ents
    )


@settings(max_examples=60, deadline=None)
@given(analyses())
def test_analysis_round_trips_through_json(a: Analysis) -> None:
    back = Analysis.from_dict(json.loads(json.dumps(a.to_dict())))
    assert back == a
    for s in back.statements:
        for p in s.content_pieces:
            assert back.text[p.start : p.end] == p.text


def test_span_checks_its_text() -> None:
    with pytest.raises(ValueError):
        Span(0, 3, "ab")
    with pytest.raises(ValueError):
        Span(4, 2, "")


def test_article_id_is_content_hash() -> None:
    assert Article(text="x").id == Article(text="x", title="other").id
    assert Article(text="x").id != Article(text="y").id
