"""The ClaimBook contract, on articles we write ourselves."""

from __future__ import annotations

import re

import pytest

from claimgraph.claims import ClaimBook, cluster_texts, stance_toward
from claimgraph.errors import ClaimsError
from claimgraph.model import Analysis, Article, Kind, Span, Stance, Statement


def _analysis(text: str, contents: list[tuple[str, Stance]], aid: str) -> Analysis:
    sts = []
    for i, (content, stance) in enumerate(contents, 1):
        start = text.index(content)
        # the cue: the verb (and "for") just before the content, as attribution gives it
        before = text[:start].rstrip()
        cue = re.search(r"(\w+(?: for)?)(?: that)?$", before)
        sts.append(
            Statement(
                id=f"S{i}",
                kind=Kind.INDIRECT,
                content=Span.of(text, start, start + len(content)),
                speaker=None,
                cue=Span.of(text, cue.start(1), cue.end(1)) if cue else None,
                stance=stance,
            )
        )
    return Analysis(article=Article(text=text, id=aid), statements=tuple(sts))


BRIDGE = "the river bridge on Mill Road will close for six weeks of repairs in March"
LIBRARY = "the council approved a larger budget for the public library next year"
A1 = f"The mayor said {BRIDGE}. The treasurer said {LIBRARY}."
A2 = f"Engineers denied that {BRIDGE}."


def _a2() -> Analysis:
    return _analysis(A2, [(BRIDGE, Stance.DENIES)], "a2")


def _book() -> tuple[ClaimBook, list]:
    book = ClaimBook()
    first = book.add(
        _analysis(
            A1,
            [
                (BRIDGE, Stance.ASSERTS),
                (LIBRARY, Stance.ASSERTS),
            ],
            "a1",
        )
    )
    return book, first


def test_add_groups_across_articles() -> None:
    book, first = _book()
    assert len(first) == 2
    changed = book.add(_analysis(A2, [(BRIDGE, Stance.DENIES)], "a2"))
    assert len(changed) == 1
    bridge = changed[0]
    keys = {(m.article_id, m.statement_id): m.stance for m in bridge.members}
    assert keys == {("a1", "S1"): Stance.ASSERTS, ("a2", "S1"): Stance.DENIES}
    assert len(book.claims) == 2
    assert set(book.member_texts) == {"a1:S1", "a1:S2", "a2:S1"}


def test_ids_are_stable_and_readd_replaces() -> None:
    b1, _ = _book()
    b2, _ = _book()
    assert [c.id for c in b1.claims] == [c.id for c in b2.claims]
    b1.add(_analysis(A1, [(LIBRARY, Stance.ASSERTS)], "a1"))
    members = [m for c in b1.claims for m in c.members]
    assert len(members) == 1


def test_restore_round_trip() -> None:
    book, _ = _book()
    again = ClaimBook.restore(book.claims, book.member_texts)
    assert again.claims == book.claims
    changed = again.add(_analysis(A2, [(BRIDGE, Stance.DENIES)], "a2"))
    assert len(changed[0].members) == 2


def test_track_merge_split() -> None:
    book = ClaimBook()
    tracked = book.track("The river bridge will close in March")
    assert tracked.members == ()
    assert book.track("The river bridge will close in March").id == tracked.id
    book.add(_a2())
    assert [m.statement_id for m in book.claim(tracked.id).members] == ["S1"]
    book.add(_analysis(A1, [(LIBRARY, Stance.ASSERTS)], "a1"))
    other = next(c for c in book.claims if c.id != tracked.id)
    merged = book.merge(tracked.id, other.id)
    assert len(merged.members) == 2 and len(book.claims) == 1
    rest, new = book.split(tracked.id, ["a1:S1"])
    assert [m.article_id for m in rest.members] == ["a2"]
    assert [m.article_id for m in new.members] == ["a1"]
    with pytest.raises(ClaimsError):
        book.split(tracked.id, ["nope:S9"])
    with pytest.raises(ClaimsError):
        book.merge("Cmissing", tracked.id)


def test_statement_in_at_most_one_claim() -> None:
    book, _ = _book()
    book.add(_a2())
    keys = [f"{m.article_id}:{m.statement_id}" for c in book.claims for m in c.members]
    assert len(keys) == len(set(keys))


def test_cluster_texts() -> None:
    texts = [
        "Apple will sell 19 million watches this year",
        "Analysts forecast 19 million Apple Watch sales",
        "A shark was seen swimming in a flooded street",
        "Photo of shark swimming on flooded highway is fake",
    ]
    labels = cluster_texts(texts)
    assert len(labels) == 4
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


WOLVES_1 = (
    "Residents said a pack of grey wolves was seen roaming the outskirts of Hillford at night. "
    "The mayor denied that wolves had been seen near Hillford. "
    "Farmers called for an inquiry into the sightings."
)
WOLVES_2 = (
    "A farmer said several grey wolves were roaming the fields outside Hillford last week. "
    "Officials said the wolf reports were a hoax."
)


def test_articles_about_one_claim_share_it() -> None:
    book = ClaimBook()
    book.add(
        _analysis(
            WOLVES_1,
            [
                (
                    "a pack of grey wolves was seen roaming the outskirts of Hillford at night",
                    Stance.ASSERTS,
                ),
                ("wolves had been seen near Hillford", Stance.ASSERTS),
                ("an inquiry into the sightings", Stance.ASSERTS),
            ],
            "w1",
        )
    )
    book.add(
        _analysis(
            WOLVES_2,
            [
                (
                    "several grey wolves were roaming the fields outside Hillford last week",
                    Stance.ASSERTS,
                ),
                ("the wolf reports were a hoax", Stance.ASSERTS),
            ],
            "w2",
        )
    )
    assert len(book.claims) == 1
    stances = {(m.article_id, m.statement_id): m.stance for m in book.claims[0].members}
    assert stances == {
        ("w1", "S1"): Stance.ASSERTS,
        ("w1", "S2"): Stance.DENIES,  # "denied" in the cue
        ("w1", "S3"): Stance.CALLS_FOR_INVESTIGATION,  # "called for" + "inquiry"
        ("w2", "S1"): Stance.ASSERTS,
        ("w2", "S2"): Stance.DENIES,  # "hoax" in the content
    }
