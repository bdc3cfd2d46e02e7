"""Fuzz the JSON Lines reader: any bytes -> Articles and IngestErrors, nothing else.

scripts/fuzz jsonl 600
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["claimgraph"]):
    from _common import check_records

    from claimgraph.ingest.jsonl import read_jsonl
    from claimgraph.ingest.sources import read_bytes


def test_one_input(data: bytes) -> None:
    check_records(read_jsonl(data.splitlines(), where="fuzz"))
    check_records(read_bytes(data, where="fuzz", kind="jsonl"))


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
