"""Statement fragments per role: one reading for the learned engine, training and eval."""

from __future__ import annotations

from claimgraph.attribution import fragments
from claimgraph.eval import polnear
from claimgraph.model import Kind, Span, Speaker, SpeakerType, Statement

TEXT = 'The mayor said "the pier," she added, "will close." Taxes rise, say critics.'


def _statements() -> list[Statement]:
    pier = TEXT.index('"the pier,"')
    close = TEXT.index('"will close."')
    taxes = TEXT.index("Taxes rise")
    return [
        Statement(
            id="S1",
            kind=Kind.DIRECT,
            content=Span.of(TEXT, pier, close + len('"will close."')),
            content_pieces=(
                Span.of(TEXT, pier, pier + len('"the pier,"')),
                Span.of(TEXT, close, close + len('"will close."')),
            ),
            speaker=Speaker(mention=Span.of(TEXT, 0, 9), name="mayor", type=SpeakerType.PERSON),
            cue=Span.of(TEXT, 10, 14),
        ),
        Statement(
            id="S2",
            kind=Kind.INDIRECT,
            content=Span.of(TEXT, taxes, taxes + len("Taxes rise")),
            speaker=Speaker(mention=None, name=None, type=SpeakerType.UNRESOLVED),
            cue=None,
        ),
    ]


def test_statement_spans_reads_every_piece_and_the_speaker_mention() -> None:
    spans = fragments.statement_spans(_statements())
    assert [TEXT[s:e] for s, e in spans["source"]] == ["The mayor"]
    assert [TEXT[s:e] for s, e in spans["cue"]] == ["said"]
    contents = [TEXT[s:e] for s, e in spans["content"]]
    assert contents == ['"the pier,"', '"will close."', "Taxes rise"]


def test_saved_statements_give_the_same_fragments() -> None:
    """Training reads the rules' statements back from JSON: the same fragments."""
    saved = [Statement.from_dict(st.to_dict()) for st in _statements()]
    assert fragments.statement_spans(saved) == fragments.statement_spans(_statements())


def test_trim_drops_quote_marks_and_punctuation_and_eval_uses_it() -> None:
    s, e = fragments.trim(TEXT, TEXT.index('"the'), TEXT.index(" she"))
    assert TEXT[s:e] == "the pier"
    assert polnear.trim is fragments.trim and polnear.statement_spans is fragments.statement_spans


def test_exact_counts_compare_trimmed_fragments() -> None:
    pier = TEXT.index('"the pier,"')
    got = polnear.exact_counts(TEXT, [(pier + 1, pier + 9)], [(pier, pier + 11), (0, 1)])
    assert (got.tp, got.predicted, got.gold) == (1, 2, 1)
