"""Plain-text articles: the headline line is the title, a date line or dateline the
published date; stored and shown the same way by every command. Articles written here."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest.sources import read_path
from claimgraph.ingest.text import normalise_date, read_text_file, text_metadata
from claimgraph.model import Article
from conftest import FAKE, cli
from shared_corpora import shared_path

WIKI_STYLE = """Dam inspectors find a second crack in the Riverton wall

Friday, March 6, 2026

Inspectors found a second crack in the wall of the Riverton dam on Thursday.

Marta Velasco said that the dam is leaking. Tomas Reyes denied that the dam is leaking.
"""

WIRE_STYLE = """Ferry strike enters its second week

HARBOURTON, April 14, 2026 (Valley Wire) - Ferry crews stayed off the boats on Tuesday.

Ines Okafor said that the ferry fares will rise next year.
"""


@pytest.mark.parametrize(
    ("text", "title", "published"),
    [
        (WIKI_STYLE, "Dam inspectors find a second crack in the Riverton wall", "2026-03-06"),
        (WIRE_STYLE, "Ferry strike enters its second week", "2026-04-14"),
        # title and date on consecutive lines, no blank line between
        ("Council votes on the budget\nTuesday 3 March 2026\nThe council met.\n",
         "Council votes on the budget", "2026-03-03"),
        # a prefixed date line, no headline
        ("Updated: 6 March 2026\n\nThe mayor spoke at the hall for an hour.\n",
         None, "2026-03-06"),
        # an ISO date line
        ("Harbour reopens\n\n2026-05-02\n\nBoats sailed again.\n", "Harbour reopens",
         "2026-05-02"),
        # the first line is a sentence: body text, not a title; a date in it is not a date line
        ("The minister said on 4 March 2026 that the dam is safe.\nShe added more.\n",
         None, None),
        # a headline with no date; the body's date is not taken
        ("Bridge closed\n\nThe bridge closed on March 9, 2026, after a storm hit the town.\n",
         "Bridge closed", None),
        # one line: all body
        ("Storm hits the coast", None, None),
        # a date without a year is not a date
        ("Storm hits the coast\n\nMarch 9\n\nWaves rose.\n", "Storm hits the coast", None),
        # a list item is not a headline
        ("- first point of the notes\n\nsecond\n", None, None),
    ],
)  # fmt: skip
def test_text_metadata(text: str, title: str | None, published: str | None) -> None:
    assert text_metadata(text) == (title, published)


def test_text_file_keeps_its_text_exactly(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(WIKI_STYLE, encoding="utf-8")
    a = read_text_file(p)
    assert a.text == WIKI_STYLE
    assert (a.title, a.published) == (
        "Dam inspectors find a second crack in the Riverton wall",
        "2026-03-06",
    )
    [b] = list(read_path(p))
    assert isinstance(b, Article) and (b.title, b.published) == (a.title, a.published)


def test_normalise_date() -> None:
    assert normalise_date("2026-03-06", where="x") == "2026-03-06"
    assert normalise_date("2026-03-06T10:00:00Z", where="x") == "2026-03-06T10:00:00Z"
    assert normalise_date("March 6, 2026", where="x") == "2026-03-06"
    with pytest.raises(InputError, match=r"--published.*'soon'"):
        normalise_date("soon", where="--published")


def test_title_and_date_shown_by_every_command(tmp_path: Path) -> None:
    art = tmp_path / "dam.txt"
    art.write_text(WIKI_STYLE, encoding="utf-8")
    db = str(tmp_path / "s.db")
    r = cli(["ingest", str(art), "--db", db, *FAKE])
    assert r.returncode == 0, r.stderr.read() if r.stderr else ""
    title = "Dam inspectors find a second crack in the Riverton wall"
    who = json.loads(_out(["who", "Marta Velasco", "--db", db, "--format", "json"]))
    [st] = who["statements"]
    assert (st["title"], st["date"]) == (title, "2026-03-06")
    assert "2026-03-06" in _out(["who", "Marta Velasco", "--db", db])
    claims = json.loads(_out(["claims", "--db", db, "--format", "json"]))
    dates = {s["date"] for c in claims for s in c["statements"]}
    titles = {s["title"] for c in claims for s in c["statements"]}
    assert dates == {"2026-03-06"} and titles == {title}


def test_ingest_overrides(tmp_path: Path) -> None:
    art = tmp_path / "dam.txt"
    art.write_text(WIKI_STYLE, encoding="utf-8")
    db = str(tmp_path / "s.db")
    r = cli(["ingest", str(art), "--db", db, "--title", "Crack found", "--published",
             "March 7, 2026", "--outlet", "Riverton Courier", *FAKE])  # fmt: skip
    assert r.returncode == 0
    [st] = json.loads(_out(["who", "Velasco", "--db", db, "--format", "json"]))["statements"]
    assert (st["title"], st["date"], st["outlet"]) == (
        "Crack found",
        "2026-03-07",
        "Riverton Courier",
    )


def test_ingest_bad_published_names_the_option(tmp_path: Path) -> None:
    art = tmp_path / "dam.txt"
    art.write_text(WIKI_STYLE, encoding="utf-8")
    r = cli(["ingest", str(art), "--db", str(tmp_path / "s.db"), "--published", "soon", *FAKE])
    err = r.stderr.read() if r.stderr else ""
    assert r.returncode != 0 and "--published" in err and "soon" in err


def _out(args: list[str]) -> str:
    r = cli(args)
    out = r.stdout.read() if r.stdout else ""
    assert r.returncode == 0, r.stderr.read() if r.stderr else ""
    return out


@pytest.mark.corpus
def test_wikinews_dev_titles_and_dates() -> None:
    """Every wikinews-dev .txt gets the headline and date its README lists."""
    folder = shared_path("golden", "wikinews-dev")
    readme = (folder / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (GUM_\w+\.txt) \| (.+?) \| (\d{4}-\d\d-\d\d) \|", readme, re.M)
    assert len(rows) == 12
    for name, headline, date in rows:
        [a] = list(read_path(folder / name))
        assert isinstance(a, Article), a
        assert (a.title, a.published) == (headline, date), name


def test_tables_cite_title_outlet_and_date_not_the_id(tmp_path: Path) -> None:
    art = tmp_path / "dam.txt"
    art.write_text(WIKI_STYLE, encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert (
        cli(["ingest", str(art), "--db", db, "--outlet", "Riverton Courier", *FAKE]).returncode == 0
    )
    aid = Article(text=WIKI_STYLE).id
    cited = ("“Dam inspectors find a second crack", "Riverton Courier, 2026-03-06")
    cid = json.loads(_out(["claims", "--db", db, "--format", "json"]))[0]["id"]
    for args in (["who", "Velasco"], ["search", "leaking"], ["claims"], ["claim", cid]):
        out = _out([*args, "--db", db])
        assert all(c in out for c in cited), (args, out)
        assert aid[:10] not in out, (args, out)


def test_pages_show_the_title_and_date(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from claimgraph.serve import create_app

    art = tmp_path / "dam.txt"
    art.write_text(WIKI_STYLE, encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert cli(["ingest", str(art), "--db", db, *FAKE]).returncode == 0
    aid = Article(text=WIKI_STYLE).id
    title = "Dam inspectors find a second crack in the Riverton wall"
    cid = json.loads(_out(["claims", "--db", db, "--format", "json"]))[0]["id"]
    with TestClient(create_app(db)) as c:
        for path in ("/", "/articles", f"/articles/{aid}", f"/claims/{cid}", "/statements"):
            html = c.get(path).text
            assert title in html, path
            assert "Untitled" not in html, path
        for path in (f"/articles/{aid}", f"/claims/{cid}", "/statements"):
            assert "2026-03-06" in c.get(path).text, path
        api = c.get(f"/api/articles/{aid}").json()["article"]
        assert (api["title"], api["published"]) == (title, "2026-03-06")
