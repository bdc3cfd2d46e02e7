"""Quote-heavy text costs work in proportion to its length (counted, never timed)."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.attribution import speakers


def _pronoun_calls(analyze: Any, monkeypatch: pytest.MonkeyPatch, text: str) -> int:
    calls = 0
    real = speakers.SpeakerResolver._pronoun

    def counted(self: speakers.SpeakerResolver, *args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return real(self, *args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(speakers.SpeakerResolver, "_pronoun", counted)
        analyze(text)
    return calls


def test_nested_she_said_resolves_each_pronoun_a_bounded_number_of_times(
    analyze: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # every "She" looks back at the "She"s before it; each one is resolved once per
    # depth, not again for every later pronoun (that was exponential: 2 million calls
    # for 100 repetitions)
    small = _pronoun_calls(analyze, monkeypatch, "\"She said '" * 30)
    large = _pronoun_calls(analyze, monkeypatch, "\"She said '" * 60)
    assert small > 0
    assert large <= 2.5 * small
    assert large <= 5 * 60


def test_long_runs_of_quote_marks_never_reach_spacys_tokenizer(nlp: Any) -> None:
    # spaCy strips a run's affixes one at a time, searching the rest of the run each
    # time (quadratic); runs over MAX_RUN are split by claimgraph instead
    from claimgraph.tokenize import MAX_RUN

    seen: list[str] = []
    inner = nlp.tokenizer.inner

    def spy(text: str) -> Any:
        seen.append(text)
        return inner(text)

    nlp.tokenizer.inner = spy
    try:
        text = 'He said: "' + '"' * 5_000 + ' and\n\n"yes" ' + "'" * 300 + " end"
        doc = nlp.tokenizer(text)
    finally:
        nlp.tokenizer.inner = inner
    assert doc.text == text
    assert all(len(run) <= MAX_RUN for piece in seen for run in piece.split())
    assert [t.text for t in doc[:4]] == ["He", "said", ":", '"']
    assert sum(t.text == '"' for t in doc) == 5_003
    assert [t.text for t in doc[-3:]] == ["'", "'", "end"]


def test_short_runs_tokenize_as_spacy_does(nlp: Any) -> None:
    text = '"Yes," she said. ""Quoted"" (and \'this\')... https://example.org/a?b=c.\n\n«Non»'
    assert [(t.text, t.whitespace_) for t in nlp.tokenizer(text)] == [
        (t.text, t.whitespace_) for t in nlp.tokenizer.inner(text)
    ]


def test_outermost_keeps_the_spans_no_other_contains() -> None:
    # outermost() tracks the furthest end kept instead of comparing each span with every
    # kept one (quadratic with thousands of short quotes); same result as the definition
    import random

    from claimgraph.attribution.learned.windows import outermost

    rng = random.Random(17)
    for _ in range(500):
        frags = [(a, a + rng.randint(0, 10)) for a in rng.choices(range(30), k=rng.randint(0, 12))]
        expected = [
            f
            for f in sorted(set(frags), key=lambda x: (x[0], -x[1]))
            if not any(a <= f[0] and f[1] <= b and (a, b) != f for a, b in set(frags))
        ]
        assert outermost({"content": frags})["content"] == expected
