"""Fuzz the HTML reader: any bytes -> an Article or an IngestError, nothing else.

scripts/fuzz html 600
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["claimgraph", "trafilatura", "courlan", "htmldate"]):
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
