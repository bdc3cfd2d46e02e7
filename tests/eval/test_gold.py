"""``claimgraph eval gold`` on one or several golden files: figures per file, summed
figures, and counts that agree with ../shared/tools/score_attribution.py.

The articles and their annotations are written here (never copied from ../shared).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from claimgraph.cli import main
from shared_corpora import shared_path

HARBOUR = (
    "Harbour fees to rise, council says\n\n"
    "The Veldhaven city council will raise harbour fees by ten percent next spring, its "
    "finance director Mira Olsen said on Tuesday. “The port has to pay for its own "
    "dredging,” Olsen told reporters. Local fishermen said the increase would drive them "
    "out of business.\n\n"
    "According to the harbour master, traffic fell by a fifth last year.\n"
)
HARBOUR_GOLD = [
    ("Mira Olsen", "said", "The Veldhaven city council will raise harbour fees by ten percent "
     "next spring", False),
    ("Mira Olsen", "told", "The port has to pay for its own dredging,", False),
    ("Local fishermen", "said", "the increase would drive them out of business", False),
    ("the harbour master", "According to", "traffic fell by a fifth last year", False),
    ("Veldhaven city council", "says", "Harbour fees to rise", True),
]  # fmt: skip
RAIL = (
    "Rail strike called off\n\n"
    "The Northern Rail union called off Friday's strike after talks, a union spokesperson "
    "said. “We have a deal that our members can accept,” said Tomas Berg, the union's "
    "general secretary. He added that the vote would take place next week.\n"
)
RAIL_GOLD = [
    ("a union spokesperson", "said", "The Northern Rail union called off Friday's strike "
     "after talks", False),
    ("Tomas Berg", "said", "We have a deal that our members can accept,", False),
    ("Tomas Berg", "added", "the vote would take place next week", False),
]  # fmt: skip
ENTITIES = [
    {"name": "Mira Olsen", "type": "person", "aliases": ["Olsen", "its finance director"]},
    {"name": "Veldhaven city council", "type": "organization", "aliases": ["council"]},
    {"name": "Tomas Berg", "type": "person", "aliases": ["Berg"]},
]


def _gold(text: str, rows: list[tuple[str, str, str, bool]]) -> dict[str, Any]:
    statements = []
    for k, (speaker, cue, content, optional) in enumerate(rows, 1):
        start = text.index(content)
        st: dict[str, Any] = {
            "id": f"S{k}",
            "speaker": speaker,
            "cue": cue,
            "content": content,
            "content_span": [start, start + len(content)],
        }
        if optional:
            st["optional"] = True
        statements.append(st)
    return {"statements": statements, "entities": ENTITIES}


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for name, text, rows in (("harbour", HARBOUR, HARBOUR_GOLD), ("rail", RAIL, RAIL_GOLD)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / f"{name}.gold.json").write_text(json.dumps(_gold(text, rows)), "utf-8")
    return folder


def run(args: list[str]):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, args)


def test_several_files_print_a_line_each_and_summed_figures(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "golden")
    r = run(["eval", "gold", str(folder), "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert [a["name"] for a in out["articles"]] == ["harbour", "rail"]
    total = out["total"]
    for key in ("tp", "predicted", "gold"):
        assert total["statements"][key] == sum(a["statements"][key] for a in out["articles"])
    assert total["statements"]["gold"] == 4 + 3  # the optional statement is not counted
    for key in ("speaker_right", "matched"):
        assert total[key] == sum(a[key] for a in out["articles"])
    s = total["statements"]
    p = s["tp"] / s["predicted"] if s["predicted"] else 0.0
    assert abs(s["precision"] - round(p, 4)) < 1e-9

    # the same files named one by one; the text report has a line per file and a total
    r = run(["eval", "gold", str(folder / "harbour.gold.json"), str(folder / "rail.gold.json")])
    assert r.exit_code == 0, r.output
    lines = r.output.strip().splitlines()
    assert lines[0].startswith("harbour: statements P=")
    assert lines[1].startswith("rail: statements P=")
    assert lines[2].startswith("total (2 files): statements P=")

    # the thresholds apply to the summed figures
    assert run(["eval", "gold", str(folder), "--min-f1", "1.01"]).exit_code == 1
    assert run(["eval", "gold", str(folder), "--min-speaker", "1.01"]).exit_code == 1
    assert run(["eval", "gold", str(folder), "--min-f1", "0.1"]).exit_code == 0


def test_one_file_keeps_its_verdicts_and_text_option(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "golden")
    other = tmp_path / "elsewhere.txt"
    other.write_text(RAIL, encoding="utf-8")
    r = run(["eval", "gold", str(folder / "rail.gold.json"), "--text", str(other)])
    assert r.exit_code == 0, r.output
    assert any(line.startswith(("OK", "SPKR", "MISS")) for line in r.output.splitlines())
    assert "speaker right on" in r.output.splitlines()[-1]
    bad = run(["eval", "gold", str(folder), "--text", str(other)])
    assert bad.exit_code != 0
    assert "--text goes with one golden file" in bad.output


def test_a_folder_without_golden_files_is_an_error(tmp_path: Path) -> None:
    r = run(["eval", "gold", str(tmp_path)])
    assert r.exit_code != 0
    assert "no *.gold.json here" in r.output


def test_counts_agree_with_score_attribution(tmp_path: Path) -> None:
    """Per file, the counts of ``eval gold --json`` are those of the shared scorer run on
    ``analyze --format json`` (skipped without ../shared)."""
    tool = shared_path("tools", "score_attribution.py")
    folder = _corpus(tmp_path / "golden")
    r = run(["eval", "gold", str(folder), "--json"])
    assert r.exit_code == 0, r.output
    ours = {a["name"]: a for a in json.loads(r.output)["articles"]}
    for name in ("harbour", "rail"):
        pred = run(["analyze", str(folder / f"{name}.txt"), "--format", "json"])
        assert pred.exit_code == 0, pred.output
        (tmp_path / f"{name}.pred.json").write_text(pred.output, encoding="utf-8")
        scored = subprocess.run(
            [sys.executable, str(tool), str(folder / f"{name}.gold.json"),
             str(tmp_path / f"{name}.pred.json"), "--json"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        theirs = json.loads(scored.stdout)
        a = ours[name]
        assert theirs == {
            "tp": a["statements"]["tp"],
            "pred": a["statements"]["predicted"],
            "gold": a["statements"]["gold"],
            "speaker_ok": a["speaker_right"],
            "matched": a["matched"],
        }, name
