"""Fuzz the WARC reader: any bytes (plain or gzip) -> Articles and IngestErrors.

scripts/fuzz warc 600
"""

from __future__ import annotations

import io
import sys

import atheris

with atheris.instrument_imports(include=["claimgraph", "warcio"]):
    import warcio.archiveiterator  # noqa: F401
    from _common import check_records

    from claimgraph.ingest.warc import read_warc


def test_one_input(data: bytes) -> None:
    check_records(read_warc(io.BytesIO(data), where="fuzz"))


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
