"""``claimgraph analyze`` on good and bad input: a result or one clear error line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.cli import main

ARTICLE = (
    "Port deal collapses, says union\n\n"
    "The sale of the Veldhaven container port collapsed on Thursday, the Dock Workers Union "
    "said. “We were never consulted,” said Ana Roth, the union’s leader. She added that the "
    "buyer had withdrawn its offer.\n"
)


def run(args: list[str], input: bytes | str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, args, input=input)


def test_json_offsets_index_into_text(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    r = run(["analyze", str(f), "--format", "json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["text"] == ARTICLE
    assert len(out["statements"]) >= 3
    for st in out["statements"]:
        for key in ("speaker", "cue", "content"):
            obj = st[key]
            if obj and obj.get("start") is not None:
                text = obj.get("text") or obj.get("mention")
                assert out["text"][obj["start"] : obj["end"]] == text
        assert st["kind"] in ("direct", "indirect", "mixed", "according_to", "nominal")
        assert 0 < st["confidence"] <= 1
    names = {st["speaker"]["name"] for st in out["statements"]}
    assert "Ana Roth" in names


def test_table_and_stdin() -> None:
    r = run(["analyze", "-"], input=ARTICLE.encode())
    assert r.exit_code == 0, r.output
    assert "SPEAKER" in r.output and "Ana Roth" in r.output


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        ("Caf\u00e9 owners said prices rose.".encode("latin-1"), "not valid utf-8"),
    ],
)
def test_bad_input_gets_one_clear_error(tmp_path: Path, data: bytes, message: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(data)
    r = run(["analyze", str(f)])
    assert r.exit_code == 2
    assert "Traceback" not in r.output
    assert message in r.output.lower()
    assert str(f) in r.output


def test_non_utf8_with_encoding_option(tmp_path: Path) -> None:
    f = tmp_path / "latin.txt"
    f.write_bytes("Caf\u00e9 owners said prices rose sharply.".encode("latin-1"))
    r = run(["analyze", str(f), "--encoding", "latin-1", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["text"].startswith("Café")


def test_missing_file(tmp_path: Path) -> None:
    r = run(["analyze", str(tmp_path / "nope.txt")])
    assert r.exit_code == 2
    assert "no such file" in r.output.lower()


def test_ten_megabyte_file_is_refused_clearly(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    para = "The council said the harbour would reopen. " * 50 + "\n\n"
    with f.open("w", encoding="utf-8") as fh:
        while fh.tell() < 10 * 1024 * 1024:
            fh.write(para)
    r = run(["analyze", str(f)])
    assert r.exit_code == 2
    assert "over the limit" in r.output and "CLAIMGRAPH_MAX_CHARS" in r.output


def test_unbalanced_quotes(tmp_path: Path) -> None:
    f = tmp_path / "q.txt"
    f.write_text(
        "“This never closes, the mayor said.\n\n“Nor this.\n\n” « ‹ „ ' \" ’ ‘\n", encoding="utf-8"
    )
    r = run(["analyze", str(f), "--format", "json"])
    assert r.exit_code == 0, r.output
    json.loads(r.output)


def test_unknown_pipeline_is_a_clear_error(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    r = run(["analyze", str(f), "--pipeline", "xx_no_such_pipeline"])
    assert r.exit_code == 3
    assert "not installed" in r.output
