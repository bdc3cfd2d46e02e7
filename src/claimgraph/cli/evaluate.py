"""``claimgraph eval``: score against PolNeAR, golden files and Emergent."""

from __future__ import annotations

import click

from . import main


@main.group(name="eval")
def eval_group() -> None:
    """Score claimgraph against annotated corpora."""
