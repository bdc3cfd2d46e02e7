"""Shared fixtures. The spaCy pipeline is loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test saying what is missing."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(
            f"{p} is not here: this test needs the ../shared corpora (absent in a fresh clone)"
        )
    return p


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from claimgraph import nlp as nlp_mod

    return nlp_mod.load()


@pytest.fixture(scope="session")
def analyze(nlp):  # type: ignore[no-untyped-def]
    from claimgraph.pipeline import analyze as run

    def _run(text: str):  # type: ignore[no-untyped-def]
        return run(text, nlp=nlp)

    return _run


@pytest.fixture()
def shared():  # type: ignore[no-untyped-def]
    """``shared("data", "polnear", "dev")``: a path under ../shared, or skip."""
    return shared_path
