"""``claimgraph doctor``: check a store for damage (SQLite's integrity check, the schema
and migrations, foreign keys, the full-text indexes) without changing it."""

from __future__ import annotations

import json
import sys

import click

from . import main


@main.command()
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False),
    envvar="CLAIMGRAPH_DB",
    default=None,
    help="The store (an SQLite file) [env CLAIMGRAPH_DB; default: the user data directory].",
)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Readable text, or JSON.")  # fmt: skip
@click.option("--repair", is_flag=True,
              help="Fix what can be fixed in place: place statements that belong to no claim,"
              " drop claim members pointing nowhere, index unindexed claims.")  # fmt: skip
def doctor(db: str | None, fmt: str, repair: bool) -> None:
    """Check the store for damage and say what was found.

    Runs SQLite's integrity check, checks that every migration is applied and every
    table is there, that rows point at rows that exist, that every statement belongs to
    one claim, and that the search indexes match the tables. The store is not changed
    unless --repair is given. Exit code 0 when all is well, 4 when something is wrong.
    """
    from ..config import get_settings
    from ..store.doctor import check

    path = db or str(get_settings().db_path)
    report = check(path)
    if repair and not report.ok and report.repairable:
        from ..corpus import ClaimKeeper
        from ..store import Store

        with Store.open(path) as store:
            dropped, indexed = store.repair_claim_links()
            placed = ClaimKeeper(store).repair()
        click.echo(
            f"repaired: {placed:,} statements placed in claims, {dropped:,} dangling members"
            f" dropped, {indexed:,} claims indexed",
            err=fmt == "json",
        )
        report = check(path)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=1))
    else:
        click.echo(f"store: {report.path}")
        for f in report.findings:
            click.echo(f"  {'ok ' if f.ok else 'BAD'}  {f.check}: {f.detail}")
        if report.ok:
            click.echo("no problems found")
        else:
            click.echo(
                "problems found: run claimgraph doctor --repair"
                if report.repairable
                else "problems found: restore the store from a backup, or rebuild it by "
                "ingesting the sources again into a new file",
            )
    if not report.ok:
        sys.exit(4)
