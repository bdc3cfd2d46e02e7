"""``claimgraph doctor`` finds statements without a claim and members pointing nowhere,
and ``doctor --repair`` fixes them in place."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.corpus import ClaimKeeper
from claimgraph.model import Analysis, Article, Kind, Span, Speaker, SpeakerType, Stance, Statement
from claimgraph.store import Store


def _article(text: str, content: str, name: str) -> Analysis:
    i = text.index(content)
    j = text.index(name)
    st = Statement(
        id="S1",
        kind=Kind.INDIRECT,
        content=Span.of(text, i, i + len(content)),
        speaker=Speaker(Span.of(text, j, j + len(name)), name, SpeakerType.PERSON),
        cue=None,
        stance=Stance.ASSERTS,
    )
    return Analysis(Article(text=text), (st,))


def _doctor(db: Path, *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    r = CliRunner().invoke(main, ["doctor", "--db", str(db), "--format", "json", *args])
    return r.exit_code, json.loads(r.stdout)


def test_doctor_reports_and_repairs_claim_links(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        keeper = ClaimKeeper(store)
        for t, c, n in [
            ("Ana Ruiz said the old mill on Brook Lane will be pulled down in April.",
             "the old mill on Brook Lane will be pulled down in April", "Ana Ruiz"),
            ("Tom Bell said the town pool reopens on Monday after a long repair.",
             "the town pool reopens on Monday after a long repair", "Tom Bell"),
        ]:  # fmt: skip
            assert keeper.add(_article(t, c, n))
        # an older store, or a writer killed in the wrong place: a statement left out of
        # its claim, and a member of a claim that is gone
        store.db.execute(
            "DELETE FROM claim_members WHERE (article_id, sid) ="
            " (SELECT article_id, sid FROM claim_members LIMIT 1)"
        )
        store.db.execute("PRAGMA foreign_keys = OFF")  # what a damaged store can hold
        store.db.execute(
            "INSERT INTO claim_members (article_id, sid, claim_id, stance, confidence,"
            " match_text) VALUES ('nope', 'S9', 'Cgone', 'asserts', 1.0, '')"
        )
    code, report = _doctor(db)
    assert code == 4
    bad = {f["check"] for f in report["findings"] if not f["ok"]}
    assert bad == {"claim members", "claim links", "foreign keys"}

    code, report = _doctor(db, "--repair")
    assert code == 0, report
    with Store.open(db) as store:
        assert store.unclaimed() == []
        n = store.db.execute("SELECT COUNT(*) FROM claim_members").fetchone()[0]
        assert n == store.counts().statements == 2
