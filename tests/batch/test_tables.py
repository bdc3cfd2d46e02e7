"""Parquet rows <-> Analysis: the round trip load depends on."""

from __future__ import annotations

from claimgraph.batch import tables
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

TEXT = (
    'Harbour talks\n\n"The bridge will open in May," Mayor Ines Vellacott said on Tuesday. '
    "According to union officials, the strike could end soon. She did not, however, say when."
)


def _analysis() -> Analysis:
    t = TEXT
    q1 = t.index('"The') + 1
    q1_end = t.index(',"')
    mayor = t.index("Mayor")
    said = t.index("said on")
    acc = t.index("the strike")
    acc_end = t.index("soon") + 4
    she = t.index("She")
    ent = Entity(
        "E1",
        "Ines Vellacott",
        SpeakerType.PERSON,
        aliases=("Vellacott",),
        mentions=(Span.of(t, mayor + 6, mayor + 20), Span.of(t, she, she + 3)),
    )
    s1 = Statement(
        "S1",
        Kind.DIRECT,
        Span.of(t, q1, q1_end),
        Speaker(Span.of(t, mayor, mayor + 20), "Ines Vellacott", SpeakerType.PERSON, "E1"),
        Span.of(t, said, said + 4),
        stance=Stance.ASSERTS,
        confidence=0.91234,
        sentence=Span.of(t, q1 - 1, t.index("Tuesday.") + 8),
    )
    s2 = Statement(
        "S2",
        Kind.ACCORDING_TO,
        Span.of(t, acc, acc_end),
        Speaker(
            Span.of(t, t.index("union"), t.index("union") + 15),
            "union officials",
            SpeakerType.ANONYMOUS,
            anonymous=True,
            affiliation="the union",
            confidence=0.5,
        ),
        Span.of(t, t.index("According"), t.index("According") + 12),
        relay=("Meridian Press", "Northern Wire"),
    )
    did = t.index("did not")
    s3 = Statement(
        "S3",
        Kind.INDIRECT,
        Span.of(t, t.index("when"), t.index("when") + 4),
        None,
        Span.of(t, did, t.index("say") + 3),
        stance=Stance.DENIES,
        cue_pieces=(Span.of(t, did, did + 7), Span.of(t, t.index("say"), t.index("say") + 3)),
        content_pieces=(
            Span.of(t, t.index("when"), t.index("when") + 2),
            Span.of(t, t.index("when") + 2, t.index("when") + 4),
        ),
        addressee="reporters",
    )
    art = Article(text=t, title="Harbour talks", outlet="Valley Herald", published="2026-05-01")
    return Analysis(art, (s1, s2, s3), (ent,))


def test_rows_round_trip_to_the_same_analysis() -> None:
    a = _analysis()
    art, stmts, ents = tables.rows(a, shard="s-1", record=7)
    assert art["record"] == 7 and art["statements"] == 3 and art["words"] == len(TEXT.split())
    t_art = tables.to_table("articles", [art])
    t_st = tables.to_table("statements", stmts)
    t_en = tables.to_table("entities", ents)
    assert t_st.schema.names == tables.STATEMENTS.names
    (back,) = tables.analyses_from_tables(t_art, t_st, t_en)
    assert back == a  # exact: confidences are not rounded as in to_dict()
    assert back.statements[2].speaker is None
    assert back.statements[2].cue_pieces == a.statements[2].cue_pieces
    assert back.statements[1].relay == ("Meridian Press", "Northern Wire")


def test_statements_group_by_article() -> None:
    a = _analysis()
    b = Analysis(Article(text="Nothing was said here at all."))
    rows = [tables.rows(x) for x in (a, b)]
    t_art = tables.to_table("articles", [r[0] for r in rows])
    t_st = tables.to_table("statements", [s for r in rows for s in r[1]])
    t_en = tables.to_table("entities", [e for r in rows for e in r[2]])
    back = list(tables.analyses_from_tables(t_art, t_st, t_en))
    assert [len(x.statements) for x in back] == [3, 0]
    assert back[1].article.id == b.article.id


def test_claims_prepared_on_a_worker_place_as_at_load() -> None:
    """The ``claims`` rows carry what placing needs: placing them gives what preparing
    the analysis at load time gives."""
    import pyarrow as pa

    from claimgraph.claims import Assigner
    from claimgraph.corpus import ClaimKeeper
    from claimgraph.store import Store

    a = _analysis()
    assigner = Assigner(embeddings=True)
    prepared = assigner.prepare(a)
    rows = tables.claim_rows(prepared)
    assert rows and {r["article_id"] for r in rows} == {a.article.id}
    table = tables.to_table("claims", rows)
    back = tables.prepared_from_rows(a, pa.Table.from_batches(table.to_batches()).to_pylist())
    assert [lc.text for lc in back.local] == [lc.text for lc in prepared.local]
    assert back.propositions == prepared.propositions
    grouped = []
    for given in (back, None):
        with Store.open(":memory:") as store:
            assert ClaimKeeper(store, assigner).add(a, given)
            grouped.append(
                sorted(
                    (r.statement.id, r.claim_stance) for r in store.statements(article=a.article.id)
                )
            )
    assert grouped[0] == grouped[1]
