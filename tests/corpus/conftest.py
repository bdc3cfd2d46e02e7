"""Helpers for corpus tests: a generated corpus of fictional articles, a CLI runner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

PEOPLE = ["Ines Okafor", "Rui Damas", "Lea Varga", "Omar Sato", "Nina Holt", "Paul Weir"]
TOPICS = [
    "the harbour will close in May",
    "the ferry fares will rise next year",
    "the bridge over the Tallow river is unsafe",
    "the council hid the budget report",
    "the new school will open in September",
]


def article_text(i: int) -> str:
    a, b = PEOPLE[i % len(PEOPLE)], PEOPLE[(i * 5 + 1) % len(PEOPLE)]
    topic = TOPICS[i % len(TOPICS)]
    return (
        f"Story number {i} from the Tallow valley. {a} said that {topic}. "
        f"{b} denied that {topic}. Residents met in hall {i} on day {i % 28 + 1}."
    )


def write_corpus(path: Path, n: int, start: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i in range(start, start + n):
            rec = {
                "text": article_text(i),
                "title": f"Story {i}",
                "outlet": ["Tallow Times", "Valley Post"][i % 2],
                "published": f"2026-03-{i % 28 + 1:02d}",
            }
            f.write(json.dumps(rec) + "\n")
    return path


def cli(args: list[str], *, delay: float = 0.0, wait: bool = True) -> subprocess.Popen[str]:
    """``python -m claimgraph ARGS`` with the fake analyzer importable."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), env.get("PYTHONPATH", "")])
    env["CG_FAKE_DELAY"] = str(delay)
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimgraph", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    if wait:
        proc.wait(timeout=120)
    return proc


FAKE = ["--analyzer", "fake_analyzer:analyze_batch"]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus.jsonl", 40)
