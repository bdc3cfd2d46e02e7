"""``claimgraph analyze``: who said what in one article."""

from __future__ import annotations

import json

import click

from . import main


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help='A readable table, or the machine form (offsets index into its "text").',
)
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of FILE.")
@click.option("--pipeline", default=None, help="spaCy pipeline name [env CLAIMGRAPH_PIPELINE].")
def analyze(file: str, fmt: str, encoding: str, pipeline: str | None) -> None:
    """Find every attributed statement in FILE (a text file, or - for standard input)."""
    from .. import nlp as nlp_mod
    from ..ingest.text import read_text_file
    from ..pipeline import analyze as run

    article = read_text_file(file, encoding=encoding)
    analysis = run(article, nlp=nlp_mod.load(pipeline))
    if fmt == "json":
        click.echo(json.dumps(analysis.to_dict(), ensure_ascii=False, indent=1))
        return
    from ..report import statements_table

    click.echo(statements_table(analysis))
