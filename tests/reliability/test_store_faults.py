"""Store faults: a full disk mid-ingest, a damaged file, readers during an ingest.

A full disk is simulated with SQLite's ``PRAGMA max_page_count`` on the writing
connection (the store cannot grow past it, as on a full filesystem).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.corpus import ClaimKeeper, ingest_records
from claimgraph.errors import StoreError
from claimgraph.model import Analysis, Article, Kind, Span, Speaker, SpeakerType, Statement
from claimgraph.store import Store
from claimgraph.store.doctor import check


def article(i: int, *, pad: int = 0) -> Article:
    text = (
        f"Story {i}. Ines Okafor said that the harbour {i} will close in May. "
        + "The tide was high. " * pad
    )
    return Article(text=text, title=f"Story {i}", published=f"2026-03-{i % 28 + 1:02d}")


def analyse(art: Article) -> Analysis:
    t = art.text
    start = t.index("Ines Okafor")
    content = t.index("the harbour")
    return Analysis(
        art,
        (
            Statement(
                "S1",
                Kind.INDIRECT,
                Span.of(t, content, t.index(" will close") + len(" will close in May")),
                Speaker(Span.of(t, start, start + 11), "Ines Okafor", SpeakerType.PERSON),
                Span.of(t, start + 12, start + 16),
            ),
        ),
    )


def analyzer(batch: Sequence[Article]) -> Iterator[Analysis]:
    return (analyse(a) for a in batch)


def test_disk_full_during_ingest(tmp_path: Path) -> None:
    db = tmp_path / "full.db"
    store = Store.open(db)
    report = ingest_records(store, [article(i) for i in range(10)], analyzer=analyzer)
    assert report.added == 10
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages + 4}")  # the disk fills up now
    big = [article(100 + i, pad=3000) for i in range(3)]  # about 60 KB each
    report = ingest_records(store, [*big, article(11)], analyzer=analyzer)
    assert report.failed >= 1
    err = report.errors[0]
    assert isinstance(err, StoreError)
    assert "the disk is full" in err.message and str(db) in err.message
    assert "everything stored before it is kept" in err.message
    with pytest.raises(StoreError, match="disk is full"):
        store.add(analyse(article(200, pad=3000)))
    store.close()

    with Store.open(db) as again:  # the store opens, with everything committed before
        assert again.counts().articles >= 10
        assert all(again.has(article(i).id) for i in range(10))
        assert not again.has(article(200, pad=3000).id)
        assert again.integrity() == "ok"
        ClaimKeeper(again).add(analyse(article(300, pad=3000)))  # space again: writes work
        again.add(analyse(article(301, pad=3000)))  # stored without claims, as --no-claims does
    report = check(db)
    assert [f.check for f in report.findings if not f.ok] == ["claim members"]
    assert report.repairable  # doctor --repair groups them


def test_damaged_file_gives_a_clear_error_and_doctor_says_why(tmp_path: Path) -> None:
    db = tmp_path / "damaged.db"
    with Store.open(db) as store:
        keeper = ClaimKeeper(store)
        for i in range(30):
            keeper.add(analyse(article(i, pad=40)))
    runner = CliRunner()
    ok = runner.invoke(main, ["doctor", "--db", str(db)])
    assert ok.exit_code == 0, ok.output
    assert "integrity" in ok.output and "no problems found" in ok.output

    data = bytearray(db.read_bytes())
    for i in range(4096 * 3, len(data) - 4096, 4096):  # scribble over every later page
        data[i + 100 : i + 400] = b"\xa5" * 300
    db.write_bytes(bytes(data))
    with pytest.raises(StoreError) as exc, Store.open(db) as store:
        store.statements(limit=1000)
        store.search("harbour")
        store.articles(limit=1000)
    assert exc.value.where == str(db)
    assert "damaged" in exc.value.message and "claimgraph doctor" in exc.value.message
    bad = runner.invoke(main, ["doctor", "--db", str(db)])
    assert bad.exit_code == 4
    assert "BAD  integrity" in bad.output

    junk = tmp_path / "junk.db"
    junk.write_bytes(b"these are not the bytes of a store\n" * 200)
    with pytest.raises(StoreError) as exc:
        Store.open(junk)
    assert exc.value.where == str(junk) and "not a claimgraph store" in exc.value.message
    out = runner.invoke(main, ["doctor", "--db", str(junk), "--format", "json"])
    assert out.exit_code == 4 and '"ok": false' in out.output
    missing = runner.invoke(main, ["doctor", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 4 and "no such file" in missing.output


def test_readers_keep_reading_while_an_ingest_writes(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    Store.open(db).close()
    done = threading.Event()
    errors: list[BaseException] = []
    seen: list[int] = []

    def read() -> None:
        try:
            last = 0
            with Store.open(db, readonly=True) as r:
                while not done.is_set():
                    n = r.counts().articles
                    assert n >= last  # never goes back: no half-written article is seen
                    last = n
                    seen.append(n)
                    r.articles(limit=20)
                    r.statements(limit=20)
                    if n:
                        r.search("harbour")
        except BaseException as exc:
            errors.append(exc)

    readers = [threading.Thread(target=read) for _ in range(2)]
    for t in readers:
        t.start()
    with Store.open(db) as w:
        report = ingest_records(w, [article(i) for i in range(150)], analyzer=analyzer)
    done.set()
    for t in readers:
        t.join(timeout=30)
    assert not errors, errors
    assert report.added == 150 and report.failed == 0
    assert len(seen) > 20 and seen[0] < 150  # they read during the ingest, not after
