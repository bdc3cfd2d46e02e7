"""Exports: offsets in every statement format, JSON, Parquet, Web Annotations,
ClaimReview authors, CSV formula neutralising, GraphML with control characters."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.export import claim_review, csv_cell, xml_text
from claimgraph.model import Article, Kind, Span, Speaker, SpeakerType, Stance, Statement
from claimgraph.store import ArticleRef, ClaimEntry, ClaimView, StatementRecord
from conftest import FAKE, cli

ARTICLES = [
    {
        "text": "Dam wall cracks\n\nMarta Velasco said that the dam\x0bis leaking. "
        "Tomas Reyes denied that the dam\x0bis leaking.\n",
        "title": "Dam wall cracks",
        "outlet": "Riverton Courier",
        "published": "2026-03-06",
        "url": "https://courier.example/dam",
    },
    {
        "text": 'Spreadsheet trouble\n\nIris Lund said that =HYPERLINK("http://x") is safe. '
        "Omar Sato said that +1 and -2 are @risk for the town.\n",
        "title": "=Spreadsheet trouble",
        "outlet": "Valley Post",
        "published": "2026-03-07",
    },
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("exports")
    src = folder / "in.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    path = str(folder / "s.db")
    r = cli(["ingest", str(src), "--db", path, *FAKE])
    assert r.returncode == 0, r.stderr.read() if r.stderr else ""
    return path


def run(*args: str) -> str:
    r = CliRunner().invoke(main, list(args))
    assert r.exit_code == 0, r.output
    return r.stdout


def texts() -> dict[str, str]:
    return {Article(text=a["text"]).id: a["text"] for a in ARTICLES}


def check_offsets(row: dict[str, object], by_id: dict[str, str]) -> None:
    text = by_id[str(row["article"])]
    assert text[int(row["content_start"]) : int(row["content_end"])] == row["content"]  # type: ignore[call-overload]
    assert text[int(row["speaker_start"]) : int(row["speaker_end"])] == row["mention"]  # type: ignore[call-overload]
    assert text[int(row["cue_start"]) : int(row["cue_end"])] == row["cue"]  # type: ignore[call-overload]


def test_json_and_jsonl_carry_offsets(db: str) -> None:
    rows = json.loads(run("export", "statements", "--format", "json", "--db", db))
    assert len(rows) == 4
    lines = [json.loads(x) for x in run("export", "statements", "--db", db).splitlines()]
    assert lines == rows
    for r in rows:
        check_offsets(r, texts())


def test_csv_offsets_and_formula_cells_neutralised(db: str, tmp_path: Path) -> None:
    out = tmp_path / "s.csv"
    run("export", "statements", "--format", "csv", "-o", str(out), "--db", db)
    table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(table) == 4
    risky = [c for row in table for c in row.values() if c and c[0] in "=+-@\t\r"]
    assert risky == []
    contents = {r["content"] for r in table}
    assert '\'=HYPERLINK("http://x") is safe' in contents
    assert "'+1 and -2 are @risk for the town" in contents
    assert {r["title"] for r in table} == {"Dam wall cracks", "'=Spreadsheet trouble"}
    for r in table:
        if not r["content"].startswith("'"):
            check_offsets(r, texts())


@pytest.mark.parametrize(
    ("value", "cell"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\tx", "'\tx"), ("\rx", "'\rx"), ("safe = yes", "safe = yes"), (3, 3), (None, None)],
)  # fmt: skip
def test_csv_cell(value: object, cell: object) -> None:
    assert csv_cell(value) == cell


def test_parquet(db: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "s.parquet"
    run("export", "statements", "--format", "parquet", "-o", str(out), "--db", db)
    rows = pq.read_table(out).to_pylist()
    assert len(rows) == 4 and isinstance(rows[0]["relay"], list)
    for r in rows:
        check_offsets(r, texts())
    r = CliRunner().invoke(main, ["export", "statements", "--format", "parquet", "--db", db])
    assert r.exit_code != 0 and "-o" in r.output


def test_web_annotations(db: str) -> None:
    aid = Article(text=ARTICLES[0]["text"]).id
    doc = json.loads(
        run("export", "annotations", aid[:12], "--db", db, "--base-url", "https://cg.example/")
    )
    assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert doc["type"] == "AnnotationCollection"
    items = doc["first"]["items"]
    assert doc["total"] == len(items) == 6  # two statements: content, speaker, cue each
    text = ARTICLES[0]["text"]
    for a in items:
        assert a["type"] == "Annotation" and a["motivation"] in (
            "describing",
            "identifying",
            "tagging",
        )
        t = a["target"]
        assert t["source"] == f"https://cg.example/api/articles/{aid}"
        assert t["scope"] == "https://courier.example/dam"
        pos, quote = t["selector"]
        assert pos["type"] == "TextPositionSelector" and quote["type"] == "TextQuoteSelector"
        assert text[pos["start"] : pos["end"]] == quote["exact"]
        assert text[: pos["start"]].endswith(quote["prefix"])
        assert text[pos["end"] :].startswith(quote["suffix"])
    said = [a for a in items if a["motivation"] == "describing"]
    assert "Marta Velasco (said)" in said[0]["body"][0]["value"]
    bad = CliRunner().invoke(main, ["export", "annotations", "ffffffffffff", "--db", db])
    assert bad.exit_code != 0 and "ffffffffffff" in bad.output


def test_graphml_with_control_characters_parses(db: str, tmp_path: Path) -> None:
    g = tmp_path / "g.graphml"
    run("export", "graph", "-o", str(g), "--db", db)
    raw = g.read_text(encoding="utf-8")
    assert "\x0b" not in raw
    root = ET.parse(g).getroot()  # raises on characters XML cannot hold
    labels = [d.text or "" for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")]
    # the claim's text is a proposition (its whitespace, \x0b included, made one space)
    assert any(re.search(r"dam\W?is leaking", t.lower()) for t in labels)
    assert xml_text("a\x00b\x1fc\td\ne") == "a\ufffdb\ufffdc\td\ne"


def _record(typ: SpeakerType, name: str, text: str = "X said that it rains.") -> StatementRecord:
    st = Statement(
        id="S1",
        kind=Kind.INDIRECT,
        content=Span.of(text, 12, 20),
        speaker=Speaker(Span.of(text, 0, 1), name, typ),
        cue=Span.of(text, 2, 6),
    )
    ref = ArticleRef("a" * 64, "Rain", "Weather Desk", "2026-03-01", url=None)
    return StatementRecord(ref, st, name, None)


def test_claimreview_types_authors_and_omits_missing() -> None:
    entries = tuple(
        ClaimEntry(_record(t, n), Stance.ASSERTS, "support")
        for t, n in [
            (SpeakerType.PERSON, "Ana Ruiz"),
            (SpeakerType.GROUP, "residents"),
            (SpeakerType.ORGANIZATION, "Water Board"),
            (SpeakerType.ANONYMOUS, "an official"),
        ]
    )
    view = ClaimView("Crain", "it rains", False, 4, 0, 0, "2026-03-01", "2026-03-01", entries)
    doc = claim_review(view)
    types = [a["author"]["@type"] for a in doc["itemReviewed"]["appearance"]]
    assert types == ["Person", "Thing", "Organization", "Thing"]
    assert "reviewRating" not in doc and "url" not in doc
    assert all("url" not in a for a in doc["itemReviewed"]["appearance"])
    doc = claim_review(view, base_url="https://cg.example")
    assert doc["itemReviewed"]["appearance"][0]["url"] == f"https://cg.example/articles/{'a' * 64}"
