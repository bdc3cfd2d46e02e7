"""Fuzz the HTML reader: any bytes -> an Article or an IngestError, nothing else.

scripts/fuzz html 600
"""

from __future__ import annotations

import os
import sys

import atheris

# Coverage feedback from claimgraph only by default (fast); CG_FUZZ_DEEP=1 also
# instruments the parsing library (better guidance, 5-30x slower).
LIBS = ["trafilatura", "courlan", "htmldate"] if os.environ.get("CG_FUZZ_DEEP") == "1" else []

with atheris.instrument_imports(include=["claimgraph", *LIBS]):
    import trafilatura  # noqa: F401

    from claimgraph.errors import InputError
    from claimgraph.ingest.html import article_from_html
    from claimgraph.ingest.markup import html_to_text


def test_one_input(data: bytes) -> None:
    try:
        art = article_from_html(data, where="fuzz")
    except InputError as exc:
        assert exc.message and exc.where, repr(exc)
    else:
        assert art.text.strip()
    html_to_text(data.decode("utf-8", "replace"))


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
