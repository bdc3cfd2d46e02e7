"""The ``claimgraph`` command: one group, one module per family of commands.

Each module in this package adds its commands to :data:`main`. Commands are thin:
they parse options, call the library and print. A :class:`ClaimgraphError` becomes
one line on standard error, ``error: [CODE] message``, and a non-zero exit code.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from .. import __version__
from ..errors import ClaimgraphError


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ClaimgraphError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimgraph")
def main() -> None:
    """claimgraph: who said what in the news.

    Finds every attributed statement in news articles (speaker, cue, content, kind,
    stance, relay), keeps a corpus of them, and follows claims across articles.
    """


# Each import registers that module's commands on ``main``.
from . import analyze as _analyze  # noqa: E402
from . import batch as _batch  # noqa: E402
from . import claims_cmds as _claims_cmds  # noqa: E402
from . import corpus as _corpus  # noqa: E402
from . import doctor as _doctor  # noqa: E402
from . import evaluate as _evaluate  # noqa: E402
from . import serve as _serve  # noqa: E402
from . import train_attr as _train_attr  # noqa: E402

__all__ = ["main"]
del _analyze, _batch, _claims_cmds, _corpus, _doctor, _evaluate, _serve, _train_attr
