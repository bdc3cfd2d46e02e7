"""Where the ../shared evaluation corpora are, and a helper that skips without them.

Import as ``from shared_corpora import shared_path`` (tests/conftest.py puts this folder
on sys.path): a module named ``conftest`` can resolve to another folder's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test saying what is missing."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(
            f"{p} is not here: this test needs the ../shared corpora (absent in a fresh clone)"
        )
    return p
