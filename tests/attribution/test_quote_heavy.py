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
    # for 100 repetitions). Four times the text costs about four times the calls (how
    # many of the "She said" the engine reads as statements moves the count a little)
    small = _pronoun_calls(analyze, monkeypatch, "\"She said '" * 60)
    large = _pronoun_calls(analyze, monkeypatch, "\"She said '" * 240)
    assert small > 0
    assert large <= 6 * small
    assert large <= 5 * 240


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


# -- nested clauses: "She said '" repeated, each clause the content of the one before --


def _attribution_lines(nlp: Any, text: str, engine: str) -> int:
    """Lines of claimgraph's attribution code run while ``nlp`` reads ``text``: a count
    of the work done there that does not depend on the machine's speed or load."""
    import os
    import sys
    from types import FrameType

    from claimgraph.attribution import learned

    root = os.path.dirname(speakers.__file__)
    lines = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal lines
        if event == "line":
            lines += 1
        return local

    def calls(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename.startswith(root) else None

    with learned.using(engine):
        sys.settrace(calls)
        try:
            nlp(text)
        finally:
            sys.settrace(None)
    return lines


@pytest.mark.parametrize("engine", ["rules", "learned"])
def test_nested_she_said_costs_work_in_proportion_to_its_length(
    nlp: Any, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # each clause's content is the rest of the text; walking it for every clause (its
    # subtree, its sentence's "according to"s, the quotes before and after it, the
    # quotes inside it) was quadratic: the lines run grew 3.7 to 4x when the text
    # doubled. A pronoun looks back at most MAX_LOOKBACK tokens: made short here so
    # that the bound holds at these small sizes.
    from claimgraph.attribution import learned

    if engine == "learned" and not learned.installed():
        pytest.skip("no learned model installed")
    monkeypatch.setenv("CLAIMGRAPH_MAX_QUOTE_MARKS", "100000")
    monkeypatch.setattr(speakers, "MAX_LOOKBACK", 20)
    small = _attribution_lines(nlp, "\"She said '" * 80, engine)
    large = _attribution_lines(nlp, "\"She said '" * 160, engine)
    assert large <= 2.3 * small, (small, large)


def test_stance_reads_a_budget_in_proportion_to_the_text(
    analyze: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # reading every statement's whole content for its stance is quadratic in nested
    # text (each content is the rest of it): the characters read are bounded by a few
    # times the text's length, and a statement past the budget reads its first part
    from claimgraph.attribution import learned, stance

    read = 0
    real = stance.stance_of

    def counted(c: Any, text: str, **kwargs: Any) -> Any:
        nonlocal read
        length = sum(e - s for s, e in c.content)
        read += min(length, kwargs.get("limit") or length)
        return real(c, text, **kwargs)

    monkeypatch.setattr(stance, "stance_of", counted)
    text = "\"She said '" * 1_000
    with learned.using("rules"):  # the rules engine keeps every clause as a statement
        analysis = analyze(text)
    assert len(analysis.statements) >= 400
    assert sum(s.content.length for s in analysis.statements) > 100 * len(text)
    assert read <= 5 * len(text) + 20_000 + 200 * len(analysis.statements)


def test_stance_is_read_whole_within_the_budget() -> None:
    from claimgraph.attribution.candidate import Candidate
    from claimgraph.attribution.stance import MIN_READ, StanceBudget, stance_of
    from claimgraph.model import Kind, Stance

    text = "x " * 5_000 + "but it is a hoax."
    c = Candidate(
        cue=[],
        content=[(0, len(text))],
        source=None,
        source_range=None,
        kind=Kind.INDIRECT,
        lemma="say",
    )
    budget = StanceBudget(text)
    assert budget.stance(c, text) is Stance.DENIES  # the whole content, within budget
    budget.left = 0
    assert budget.stance(c, text) is Stance.ASSERTS  # the first MIN_READ characters
    assert stance_of(c, text, limit=MIN_READ) is Stance.ASSERTS
    short = Candidate(
        cue=[],
        content=[(len(text) - 17, len(text))],
        source=None,
        source_range=None,
        kind=Kind.INDIRECT,
        lemma="say",
    )
    assert budget.stance(short, text) is Stance.DENIES  # short contents are read whole


# -- the indexes behind it give what the walks they replace gave ----------------------

_SENTENCES = [
    '"The dam is leaking," said Marta Velasco, a spokeswoman for the water board.',
    "The council denied that the reservoir was unsafe, according to the Tallow Times.",
    "Officials, who asked not to be named, told reporters the ferry will stop on Monday "
    "and that a review is needed.",
    "She said he had told them that the minister, whom nobody had seen, would resign.",
    "“We are watching it every hour,” she added. “Nothing else matters.”",
    "According to AP, the report - which Ines Okafor wrote - was never published.",
    '"She said \'She said "no" and left\' yesterday," he said; they disagreed.',
]


def test_subtree_ranges_match_the_walk_over_token_subtree(nlp: Any) -> None:
    from claimgraph.attribution.spans import (
        _subtree_range_walked,
        children,
        subtree_end,
        subtree_indices,
        subtree_range,
    )

    doc = nlp(" ".join(_SENTENCES) + "\n\n" + "\"She said '" * 40)
    checked = 0
    for tok in doc:
        assert children(tok) == list(tok.children)
        assert sorted(subtree_indices(tok)) == sorted(t.i for t in tok.subtree)
        assert subtree_end(tok) == max(t.i for t in tok.subtree)
        excludes = [
            [],
            list(tok.children)[:1],
            list(tok.children)[-1:],
            [tok],
            [c for c in tok.children if c.dep_ in ("relcl", "acl", "advmod", "prep")],
            [doc[max(0, tok.i - 2)], doc[min(len(doc) - 1, tok.i + 3)]],
        ]
        for ex in excludes:
            assert subtree_range(tok, ex) == _subtree_range_walked(tok, ex), (tok, ex)
            checked += 1
    assert checked > 1000


def test_quote_index_lookups_match_a_scan() -> None:
    import random

    from claimgraph.attribution.quotes import Quote
    from claimgraph.attribution.spans import QuoteIndex

    rng = random.Random(17)
    for _ in range(300):
        quotes, pos = [], 0
        for _ in range(rng.randint(0, 8)):
            s = pos + rng.randint(0, 4)
            e = s + rng.randint(2, 9)
            quotes.append(Quote(s, e, s + 1, e - 1, True))
            pos = e
        qi = QuoteIndex(quotes)
        for _ in range(20):
            a = rng.randint(0, pos + 3)
            b = a + rng.randint(0, 30)
            over = [q for q in quotes if q.start < b and a < q.end]
            assert qi.overlapping(a, b) == over
            assert qi.edge_quotes(a, b) == (over if len(over) <= 2 else [over[0], over[-1]])
            assert qi.quoted_chars(a, b) == sum(min(b, q.end) - max(a, q.start) for q in over)
            assert qi.first_from(a) == next((q for q in quotes if q.start >= a), None)
            before = None
            for q in quotes:
                if q.end > a:
                    break
                before = q
            assert qi.last_before(a) == before


def test_piece_lookups_match_a_mask() -> None:
    import random

    import numpy as np

    from claimgraph.attribution.learned.windows import Encoded, PieceIndex

    rng = random.Random(17)
    unordered = 0
    for _ in range(200):
        offsets, pos = [], 0
        for _ in range(rng.randint(0, 12)):
            a = pos + rng.randint(0, 2)
            b = a + rng.randint(0, 4)  # empty pieces too
            offsets.append((a, b))
            pos = b
        special = bool(offsets) and pos > 0 and rng.random() < 0.3
        if special:
            offsets.append((0, 0))  # a special token at the end ([SEP]) breaks the order
        enc = Encoded(np.zeros(len(offsets), dtype=np.int64), offsets, np.ones(len(offsets), bool))
        pieces = PieceIndex(enc)
        assert pieces.ordered != special
        unordered += special
        starts = np.array([a for a, _ in offsets], dtype=np.int64)
        ends = np.array([b for _, b in offsets], dtype=np.int64)
        for _ in range(20):
            s = rng.randint(0, pos + 2)
            e = s + rng.randint(0, 12)
            over = np.nonzero((starts < e) & (ends > s))[0]
            inside = np.nonzero((starts >= s) & (ends <= e))[0]
            assert pieces.overlapping(s, e).tolist() == over.tolist()
            assert pieces.within(s, e).tolist() == inside.tolist()
    assert unordered > 10  # the masked path ran too
