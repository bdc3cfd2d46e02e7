"""The store: round trips, idempotence, speakers across articles, claims, search."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest

from claimgraph.errors import InputError, NotFoundError
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
from claimgraph.store import Store


def stmt(
    text: str,
    sid: str,
    speaker: str,
    content: str,
    stance: Stance = Stance.ASSERTS,
    *,
    type: SpeakerType = SpeakerType.PERSON,
    anonymous: bool = False,
    affiliation: str | None = None,
    relay: tuple[str, ...] = (),
    entity: str | None = None,
) -> Statement:
    start = text.index(content)
    sp_start = text.find(speaker)
    mention = Span.of(text, sp_start, sp_start + len(speaker)) if sp_start >= 0 else None
    return Statement(
        id=sid,
        kind=Kind.INDIRECT,
        content=Span.of(text, start, start + len(content)),
        speaker=Speaker(
            mention, speaker, type, entity=entity, anonymous=anonymous, affiliation=affiliation
        ),
        cue=None,
        stance=stance,
        relay=relay,
    )


def make(text: str, published: str, outlet: str, *stmts: tuple) -> Analysis:  # type: ignore[type-arg]
    return Analysis(
        article=Article(text=text, published=published, outlet=outlet, title=text[:30]),
        statements=tuple(stmt(text, f"S{i + 1}", *s) for i, s in enumerate(stmts)),
    )


T1 = (
    "Vladimir Putin said that the harbour tax will rise next spring. Ministers "
    "agreed with the plan, and the Harbour Board said the tax was fair to everyone."
)
T2 = "Putin said the harbour tax would not hurt fishermen at all, said reporters in Tallow."
T3 = (
    "A spokesperson for the Harbour Board said the tax was never discussed. "
    "A spokesperson for the navy said the tax was news to them."
)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "c.db")
    yield s  # type: ignore[misc]
    s.close()


def test_add_round_trip_and_idempotence(store: Store) -> None:
    a = make(T1, "2026-03-01", "Tallow Times", ("Vladimir Putin", "the harbour tax will rise"))
    assert store.add(a) is True
    assert store.add(a) is False
    c = store.counts()
    assert (c.articles, c.statements) == (1, 1)
    back = store.article(a.article.id)
    assert back == a
    assert store.article(a.article.id[:8]) == a
    assert store.article("nope") is None


def test_migrations_recorded_once(tmp_path: Path) -> None:
    p = tmp_path / "m.db"
    Store.open(p).close()
    with Store.open(p) as s:
        rows = s.db.execute("SELECT version, name FROM schema_migrations").fetchall()
        assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_surname_joins_unambiguous_person(store: Store) -> None:
    store.add(make(T1, "2026-03-01", "A", ("Vladimir Putin", "the harbour tax will rise")))
    store.add(make(T2, "2026-03-02", "B", ("Putin", "the harbour tax would not hurt fishermen")))
    sp = store.speaker("Putin")
    assert sp is not None and sp.name == "Vladimir Putin"
    assert sp.statements == 2 and sp.articles == 2
    who = store.statements(speaker="Vladimir Putin")
    assert [r.date for r in who] == ["2026-03-01", "2026-03-02"]
    assert all(r.speaker == "Vladimir Putin" for r in who)


def test_lone_surname_absorbed_by_later_full_name(store: Store) -> None:
    store.add(make(T2, "2026-03-02", "B", ("Putin", "the harbour tax would not hurt fishermen")))
    store.add(make(T1, "2026-03-01", "A", ("Vladimir Putin", "the harbour tax will rise")))
    assert store.counts().speakers == 1
    sp = store.speaker("putin")
    assert sp is not None and sp.name == "Vladimir Putin" and "Putin" in sp.aliases


def test_ambiguous_surname_not_merged(store: Store) -> None:
    t = "Anna Berg said the bridge is safe. Tomas Berg said the bridge is unsafe. Berg said no."
    a = Analysis(
        article=Article(text=t, published="2026-01-01"),
        statements=(
            stmt(t, "S1", "Anna Berg", "the bridge is safe"),
            stmt(t, "S2", "Tomas Berg", "the bridge is unsafe"),
        ),
    )
    store.add(a)
    t2 = "Berg said that the ferry would stop running in winter."
    store.add(make(t2, "2026-01-02", "X", ("Berg", "the ferry would stop running in winter")))
    names = sorted(s.name for s in store.speakers())
    assert names == ["Anna Berg", "Berg", "Tomas Berg"]


def test_anonymous_sources_kept_apart_by_affiliation(store: Store) -> None:
    a = Analysis(
        article=Article(text=T3, published="2026-03-03"),
        statements=(
            stmt(T3, "S1", "A spokesperson for the Harbour Board", "the tax was never discussed",
                 Stance.DENIES, type=SpeakerType.ANONYMOUS, anonymous=True,
                 affiliation="Harbour Board"),
            stmt(T3, "S2", "A spokesperson for the navy", "the tax was news to them",
                 type=SpeakerType.ANONYMOUS, anonymous=True, affiliation="navy"),
        ),
    )  # fmt: skip
    store.add(a)
    sps = store.speakers()
    assert len(sps) == 2 and all(s.anonymous for s in sps)
    assert {s.affiliation for s in sps} == {"Harbour Board", "navy"}


def test_entity_aliases_from_the_analysis(store: Store) -> None:
    t = "The Tallow Harbour Board said fees rise. THB said the rise is small."
    e = Entity("E1", "Tallow Harbour Board", SpeakerType.ORGANIZATION, aliases=("THB",))
    a = Analysis(
        article=Article(text=t),
        statements=(
            stmt(t, "S1", "Tallow Harbour Board", "fees rise", type=SpeakerType.ORGANIZATION,
                 entity="E1"),
        ),
        entities=(e,),
    )  # fmt: skip
    store.add(a)
    sp = store.speaker("THB")
    assert sp is not None and sp.name == "Tallow Harbour Board"


def test_unknown_speaker_raises(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.statements(speaker="Nobody At All")


def _claim_corpus(store: Store) -> tuple[Analysis, Analysis, Analysis]:
    base = (
        "TALLOW (Meridian Wire) — The harbour will close for repairs in May, the mayor "
        "Ines Okafor said on Monday. Harbour pilots said the closure was not needed. "
        "Okafor said the repairs could not wait another year, and engineers agreed. "
        "The quay has been closed twice before, in 1998 and 2011, and both times the boats "
        "moved to the fishing port at Carrow for the summer."
    )
    a1 = make(
        base,
        "2026-04-01",
        "Meridian Wire",
        ("Ines Okafor", "The harbour will close for repairs in May"),
        ("Harbour pilots", "the closure was not needed", Stance.DENIES),
    )
    a2 = make(
        base + " Reprinted with permission.",
        "2026-04-02",
        "Tallow Times",
        ("Ines Okafor", "The harbour will close for repairs in May"),
        ("Harbour pilots", "the closure was not needed", Stance.DENIES),
    )
    other = "Councillor Rui Damas said that the harbour closure was a mistake and should stop."
    a3 = make(
        other, "2026-04-03", "Tallow Post", ("Rui Damas", "the harbour closure was a mistake")
    )
    for a in (a1, a2, a3):
        store.add(a)
    return a1, a2, a3


def test_reprint_linked_and_counted_once(store: Store) -> None:
    a1, a2, a3 = _claim_corpus(store)
    ref = store.article_ref(a2.article.id)
    assert ref is not None and ref.reprint_of == a1.article.id
    assert ref.wire == "Meridian Wire"
    assert store.article_ref(a3.article.id).reprint_of is None  # type: ignore[union-attr]
    members = [
        ClaimStatement(a.article.id, sid, st)
        for a, sid, st in [
            (a1, "S1", Stance.ASSERTS),
            (a2, "S1", Stance.ASSERTS),
            (a1, "S2", Stance.DENIES),
            (a2, "S2", Stance.DENIES),
            (a3, "S1", Stance.DENIES),
        ]
    ]
    store.add_claims([Claim("C1", "The harbour will close in May", tuple(members))], {})
    v = store.claim("C1")
    assert v is not None
    assert (v.supporters, v.deniers) == (1, 2)
    assert len(v.statements) == 3
    first = v.statements[0]
    assert first.role == "first report" and first.record.speaker == "Ines Okafor"
    assert [r.id for r in first.reprinted_in] == [a2.article.id]
    assert [e.stance for e in v.statements] == [Stance.ASSERTS, Stance.DENIES, Stance.DENIES]
    d = store.claims()[0].to_dict()
    assert d["id"] == "C1" and d["text"]
    for s in d["statements"]:
        assert {"speaker", "stance", "article", "date"} <= set(s)


def test_claims_ranked_by_contest_and_state_round_trip(store: Store) -> None:
    a1, _a2, a3 = _claim_corpus(store)
    one_sided = Claim(
        "C2", "engineers agree", (ClaimStatement(a3.article.id, "S1", Stance.ASSERTS),)
    )
    contested = Claim(
        "C1",
        "harbour closes",
        (
            ClaimStatement(a1.article.id, "S1", Stance.ASSERTS),
            ClaimStatement(a1.article.id, "S2", Stance.DENIES),
        ),
    )
    store.add_claims([one_sided, contested], {f"{a3.article.id}:S1": "closure mistake"})
    assert [c.id for c in store.claims()] == ["C1", "C2"]
    assert store.member_propositions("C2") == {f"{a3.article.id}:S1": "closure mistake"}
    with pytest.raises(InputError, match="already in a claim"):  # one claim per statement
        store.add_claims([Claim("C3", "again", one_sided.members)], {})
    # merging moves members: C2 goes away, C1 holds all three
    store.merge_claims("C1", "C2")
    assert [c.id for c in store.claims()] == ["C1"]
    assert len(store.member_propositions("C1")) == 3
    assert store.track_claim("Ct", "the harbour closes in May", Counter(["harbour"]))
    assert store.tracked() == {"Ct"}
    store.split_claim("C1", [f"{a3.article.id}:S1"], "C4")
    assert set(store.member_propositions("C4")) == {f"{a3.article.id}:S1"}


def test_search_statements_and_articles(store: Store) -> None:
    _claim_corpus(store)
    hits = store.search("closure")
    assert hits and hits[0].statement_id is not None
    assert "\x02closure\x03" in hits[0].snippet.lower()
    assert any(h.statement_id is None for h in store.search("Councillor"))
    assert store.search("zzzqqq") == []
    assert store.search('weird "quote" OR') is not None


def test_two_statements_of_one_article_not_folded(store: Store) -> None:
    t = (
        "Rui Damas denied that the quay leaks. Later Rui Damas denied that the quay leaks "
        "at all, and Lea Varga said the quay leaks."
    )
    a = make(
        t,
        "2026-05-01",
        "P",
        ("Rui Damas", "the quay leaks", Stance.DENIES),
        ("Rui Damas", "the quay leaks at all", Stance.DENIES),
        ("Lea Varga", "the quay leaks.", Stance.ASSERTS),
    )
    store.add(a)
    aid = a.article.id
    members = tuple(ClaimStatement(aid, st.id, st.stance) for st in a.statements)
    store.add_claims([Claim("C9", "the quay leaks", members)], {})
    v = store.claim("C9")
    assert v is not None
    assert len(v.statements) == 3 and all(not e.reprinted_in for e in v.statements)
    assert (v.supporters, v.deniers) == (1, 1)  # sources: Damas denies once, however often
    assert [e.role for e in v.statements] == ["denial", "denial", "first report"]
    (ranked,) = store.claims(with_statements=False)
    assert (ranked.supporters, ranked.deniers) == (1, 1)


def test_counts_match_the_lists(store: Store) -> None:
    _claim_corpus(store)
    every = store.statements(limit=10_000)
    assert store.count_statements() == len(every) > 0
    for rec in every:
        assert store.count_statements(article=rec.article.id) == len(
            store.statements(article=rec.article.id, limit=10_000)
        )
        if rec.entity_id is not None:
            assert store.count_statements(speaker=rec.entity_id) == len(
                store.statements(speaker=rec.entity_id, limit=10_000)
            )
        if rec.claim_id is not None:
            assert store.count_statements(claim=rec.claim_id) == len(
                store.statements(claim=rec.claim_id, limit=10_000)
            )
    for words in ("closure", "harbour repairs", "Okafor", "zzzqqq"):
        assert store.count_search(words) == len(store.search(words, limit=10_000))
    assert store.count_speakers() == len(store.speakers(limit=10_000))
    assert store.count_speakers("okafor") == len(store.speakers("okafor", limit=10_000)) >= 1


def test_search_drops_control_characters(store: Store) -> None:
    from claimgraph.errors import InputError
    from claimgraph.store.sqlite import fts_query

    _claim_corpus(store)
    assert fts_query("clo\x00sure \x07harbour") == '"clo" "sure" "harbour"'
    assert store.search("closure\x00") == store.search("closure")
    for empty in ("", "   ", "\x00\x01", '" "'):
        with pytest.raises(InputError):
            store.search(empty)
        with pytest.raises(InputError):
            store.count_search(empty)


def test_a_claim_made_elsewhere_spanning_articles_keeps_each_proposition(store: Store) -> None:
    a1, _a2, a3 = _claim_corpus(store)
    members = (
        ClaimStatement(a1.article.id, "S1", Stance.ASSERTS),
        ClaimStatement(a3.article.id, "S1", Stance.DENIES),
    )
    texts = {f"{a1.article.id}:S1": "harbour closes in May", f"{a3.article.id}:S1": "no closure"}
    store.add_claims([Claim("Cx", "The harbour will close in May", members)], texts)
    # both articles' members keep their own proposition (both are "S1")
    assert store.member_propositions("Cx") == texts
    assert [c.id for c in store.claims()] == ["Cx"]


def test_identical_statements_in_two_articles_keep_their_own_rows(store: Store) -> None:
    """Decoded statements are shared between rows with the same stored JSON (the
    store's decode cache); each record still carries its own article, speaker and claim."""
    text = "Vladimir Putin said that the harbour tax will rise next spring."
    a = make(text, "2026-03-01", "Tallow Times", ("Vladimir Putin", "the harbour tax will rise"))
    b = make(text + " Fishermen were not asked.", "2026-03-02", "Harbour Post",
             ("Vladimir Putin", "the harbour tax will rise"))  # fmt: skip
    store.add(a)
    store.add(b)
    recs = store.statements(limit=10)
    assert [r.article.id for r in recs] == [a.article.id, b.article.id]
    assert recs[0].statement == recs[1].statement == a.statements[0]
    assert [r.article.outlet for r in recs] == ["Tallow Times", "Harbour Post"]


def test_an_organisation_with_a_short_name_stays_one(store: Store) -> None:
    """A short name the analysis types as an organisation ("Velmar", "Kestrel News") is
    matched like a person's (the tagger sometimes calls a person an organisation) but
    stored as an organisation, so the speakers list, every statement record and every
    export give one type; a mention typed as a person makes it a person."""
    from claimgraph.export import graphml

    t = "Velmar said the harbour tax will rise. Kestrel News said it would not."
    a = Analysis(
        article=Article(text=t, published="2026-03-01"),
        statements=(
            stmt(t, "S1", "Velmar", "the harbour tax will rise", type=SpeakerType.ORGANIZATION),
            stmt(t, "S2", "Kestrel News", "it would not", type=SpeakerType.ORGANIZATION),
        ),
    )
    store.add(a)
    store.add_claims(
        [Claim("Ctax", "The harbour tax will rise",
               (ClaimStatement(a.article.id, "S1", Stance.ASSERTS),
                ClaimStatement(a.article.id, "S2", Stance.DENIES)))],
        {},
    )  # fmt: skip
    types = {s.name: s.type for s in store.speakers()}
    assert types == {"Velmar": "organization", "Kestrel News": "organization"}
    assert {r.speaker: r.speaker_type for r in store.statements()} == types
    assert all(r.to_dict()["speaker_type"] == "organization" for r in store.statements())
    out = io.StringIO()
    graphml(store, out)
    assert out.getvalue().count(">organization</data>") == 2
    t2 = "Anna Velmar said the fee is fair."
    store.add(make(t2, "2026-03-02", "X", ("Anna Velmar", "the fee is fair")))
    velmar = store.speaker("Velmar")
    assert velmar is not None and velmar.type == "person" and velmar.name == "Anna Velmar"
