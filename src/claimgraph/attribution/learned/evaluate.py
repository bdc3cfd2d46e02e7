"""Run claimgraph's own commands with the learned engine in place of the rules.

Until the attribution component reads ``CLAIMGRAPH_ATTRIBUTION`` itself, this swaps
:func:`claimgraph.attribution.engine.extract` for :func:`.extract.extract` in this
process and runs the ``claimgraph`` command line, so that the product's scorers
(``eval polnear``, ``eval gold``) and ``analyze`` see the learned model's output::

    python -m claimgraph.attribution.learned.evaluate [--model DIR] eval polnear DEV --out P
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any


def use_learned(model: Path | None = None) -> None:
    """From now on in this process, the attribution component runs the learned model."""
    from .. import engine
    from . import get_tagger
    from .extract import extract

    tagger = get_tagger(model)

    def learned_extract(doc: Any) -> Any:
        return extract(doc, tagger)

    engine.extract = learned_extract


def main(argv: list[str]) -> None:
    model = None
    if argv[:1] == ["--model"]:
        model, argv = Path(argv[1]), argv[2:]
    use_learned(model)
    from ...cli import main as cli

    cli.main(args=argv, prog_name="claimgraph")


if __name__ == "__main__":
    main(sys.argv[1:])
