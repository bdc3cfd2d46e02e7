"""The ``--engine`` option of the throughput benches: which attribution engine runs.

Issue 5's figures are for the rules engine, the default here; ``--engine learned`` times
the learned model instead. The choice goes into ``CLAIMGRAPH_ATTRIBUTION`` before
claimgraph is imported, so Dask workers and child processes inherit it.
"""

from __future__ import annotations

import argparse
import os


def add_option(ap: argparse.ArgumentParser) -> None:
    ap.add_argument(
        "--engine",
        choices=["rules", "learned", "auto"],
        default="rules",
        help="attribution engine (CLAIMGRAPH_ATTRIBUTION); issue 5's figures use rules",
    )


def apply(engine: str) -> None:
    os.environ["CLAIMGRAPH_ATTRIBUTION"] = engine
    print(f"attribution engine: {engine}")
