"""Fuzz the RSS/Atom reader: any bytes -> Articles and IngestErrors, nothing else.

scripts/fuzz feed 600
"""

from __future__ import annotations

import os
import sys

import atheris

# Coverage feedback from claimgraph only by default (fast); CG_FUZZ_DEEP=1 also
# instruments the parsing library (better guidance, 5-30x slower).
LIBS = ["feedparser", "sgmllib"] if os.environ.get("CG_FUZZ_DEEP") == "1" else []

with atheris.instrument_imports(include=["claimgraph", *LIBS]):
    import feedparser  # noqa: F401  (instrumented: imported inside the block)
    from _common import check_records

    from claimgraph.ingest.feeds import read_feed


def test_one_input(data: bytes) -> None:
    check_records(read_feed(data, where="fuzz"))


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
