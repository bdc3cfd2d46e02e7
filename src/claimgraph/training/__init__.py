"""Everything that fits, tunes, averages or ablates a model; never imported at run time.

- :mod:`.train`: fine-tune the attribution tagger on PolNeAR and export it (needs torch);
- :mod:`.tune`: pick its decoding (O-bias, confidence floors) on held-out articles;
- :mod:`.rerank`: fit the content scorer the tagger runs
  (:mod:`claimgraph.attribution.learned.rerank`);
- :mod:`.soup`: average float32 exports of two runs;
- :mod:`.ablate`: what each merge rule of the learned engine is worth on a split;
- :mod:`.features`: the rules engine's predictions, the hybrid model's input.

This package imports the runtime (``attribution``, ``model``, ...) and ``eval``; nothing
outside ``training`` and ``cli`` imports it (``tests/test_architecture.py``). Its
failures are :class:`~claimgraph.errors.TrainingError`. The stance model of claims is
still trained by :func:`claimgraph.claims.stance.train_stance`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from ..errors import TrainingError


def run(main: Callable[[list[str]], None], argv: list[str] | None = None) -> None:
    """Run a module's ``main`` as a command: a :class:`TrainingError` becomes one line
    on standard error and exit code 6, as the ``claimgraph`` command reports it."""
    try:
        main(sys.argv[1:] if argv is None else argv)
    except TrainingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(exc.exit_code) from exc
