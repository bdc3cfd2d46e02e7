"""Fuzz the RSS/Atom reader: any bytes -> Articles and IngestErrors, nothing else.

scripts/fuzz feed 600
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["claimgraph", "feedparser", "sgmllib"]):
    import feedparser  # noqa: F401  (instrumented: imported inside the block)
    from _common import check_records

    from claimgraph.ingest.feeds import read_feed


def test_one_input(data: bytes) -> None:
    check_records(read_feed(data, where="fuzz"))


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
