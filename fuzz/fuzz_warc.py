"""Fuzz the WARC reader: any bytes (plain or gzip) -> Articles and IngestErrors.

scripts/fuzz warc 600
"""

from __future__ import annotations

import io
import os
import sys

import atheris

# Coverage feedback from claimgraph only by default (fast); CG_FUZZ_DEEP=1 also
# instruments the parsing library (better guidance, 5-30x slower).
LIBS = ["warcio"] if os.environ.get("CG_FUZZ_DEEP") == "1" else []

with atheris.instrument_imports(include=["claimgraph", *LIBS]):
    import warcio.archiveiterator  # noqa: F401
    from _common import check_records

    from claimgraph.ingest.warc import read_warc


def test_one_input(data: bytes) -> None:
    check_records(read_warc(io.BytesIO(data), where="fuzz"))


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
