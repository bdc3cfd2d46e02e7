"""Shared fixtures. The spaCy pipeline is loaded once per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from shared_corpora import ROOT, SHARED, shared_path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
__all__ = ["FIXTURES", "ROOT", "SHARED", "shared_path"]


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
