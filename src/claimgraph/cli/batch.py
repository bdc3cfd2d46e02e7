"""``claimgraph batch`` and ``claimgraph load``: many articles on Dask, then into the store."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from . import main

if TYPE_CHECKING:
    from ..batch.load import LoadSummary
    from ..batch.run import BatchSummary

_SHOW_ERRORS = 10


def _progress_line(s: BatchSummary) -> None:
    c = s.counts
    click.echo(
        f"\r{s.finished}/{s.shards} shards  {c['articles']:,} articles  "
        f"{c['statements']:,} statements  {c['errors']:,} bad records",
        err=True,
        nl=False,
    )


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out",
    required=True,
    help="Output directory (or fsspec URL): Parquet per shard, errors, completion markers.",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Dask scheduler of an existing cluster (tcp://host:8786); default: a local cluster.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes of the local cluster, one thread each  [default: one per core]",
)
@click.option(
    "--shard-size",
    type=click.IntRange(min=1),
    default=200,
    show_default=True,
    help="Records per shard (one task). Keep it the same when resuming a run.",
)
@click.option("--pipeline", default=None, help="spaCy pipeline name [env CLAIMGRAPH_PIPELINE].")
@click.option(
    "--engine",
    type=click.Choice(["rules", "learned", "auto"]),
    default=None,
    help="Attribution engine on the workers: rules does about 2.4x the articles per core, "
    "learned (the shipped hybrid model) is more accurate  [default: CLAIMGRAPH_ATTRIBUTION, "
    "auto]",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a count of finished shards  [default: when standard error is a terminal]",
)
def batch(
    inputs: tuple[str, ...],
    out: str,
    scheduler: str | None,
    workers: int | None,
    shard_size: int,
    pipeline: str | None,
    engine: str | None,
    progress: bool | None,
) -> None:
    """Analyse every article in INPUTS on Dask, writing Parquet tables to --out.

    INPUTS are JSON Lines files (one article per line: "text" and optional "title",
    "url", "outlet", "author", "published"; also .gz/.bz2/.xz/.zst), WARC archives,
    RSS/Atom feeds (.rss/.atom/.xml), .txt/.html files, or directories or globs of them;
    local paths or fsspec URLs (s3://, gcs://, https://). The formats are those of
    'claimgraph ingest'.

    Each shard gets OUT/articles, OUT/statements and OUT/entities Parquet files and an
    OUT/errors file, written atomically, then a marker in OUT/_done. Rerunning the same
    command skips the finished shards and redoes any that were cut short. Bad records
    are skipped and listed in OUT/errors/. Merge the output into the store with
    'claimgraph load OUT'.
    """
    from ..batch.run import run
    from ..config import get_settings

    settings = get_settings()
    show = sys.stderr.isatty() if progress is None else progress
    summary = run(
        list(inputs),
        out,
        scheduler=scheduler,
        workers=workers,
        shard_size=shard_size,
        pipeline=pipeline,
        batch_size=settings.batch_size,
        max_chars=settings.max_chars,
        engine=engine or settings.attribution,
        progress=_progress_line if show else None,
    )
    if show:
        click.echo("", err=True)
    _report(summary)


def _report(s: BatchSummary) -> None:
    from ..batch.output import OutputDir
    from ..errors import BatchError

    c = s.counts
    click.echo(
        f"{s.finished}/{s.shards} shards done ({s.processed} now, {s.resumed} from an earlier "
        f"run): {c['articles']:,} articles, {c['statements']:,} statements, "
        f"{c['entities']:,} entities"
    )
    if s.processed and s.seconds > 0:
        click.echo(
            f"{s.run_articles:,} articles in {s.seconds:.1f} s ({s.run_articles / s.seconds:.1f}"
            f" articles/s) after {s.startup_seconds:.1f} s of start-up; peak memory per "
            "worker: " + ", ".join(f"{mb:.0f} MiB" for mb in sorted(s.workers.values()))
        )
    if c["skipped"] or c["duplicates"]:
        click.echo(
            f"skipped {c['skipped']:,} records that are not articles and "
            f"{c['duplicates']:,} repeated articles"
        )
    if c["errors"]:
        out = OutputDir(s.out)
        shown = 0
        click.echo(f"{c['errors']:,} bad records skipped; all listed in {out.path('errors')}/:")
        for shard_id in sorted(out.finished()):
            for e in out.read_errors(shard_id):
                click.echo(f"  {e['where']}: {e['reason']}")
                shown += 1
                if shown >= _SHOW_ERRORS:
                    break
            if shown >= _SHOW_ERRORS:
                break
        if c["errors"] > shown:
            click.echo(f"  ... and {c['errors'] - shown:,} more")
    if s.failed:
        lines = "\n".join(f"  {sid}: {why}" for sid, why in s.failed[:_SHOW_ERRORS])
        raise BatchError(
            f"{len(s.failed)} of {s.shards} shards failed (rerun the same command to retry "
            f"them):\n{lines}"
        )


@main.command()
@click.argument("out", metavar="DIR")
@click.option("--db", default=None, help="The SQLite store [env CLAIMGRAPH_DB].")
@click.option(
    "--claims/--no-claims",
    default=True,
    show_default=True,
    help="Group the statements into claims as they are added.",
)
def load(out: str, db: str | None, claims: bool) -> None:
    """Merge the output of 'claimgraph batch' in DIR into the store.

    Reads the finished shards (those with a marker in DIR/_done) and adds each article
    with its statements and entities; articles already in the store are left as they
    are, so loading twice adds nothing new.
    """
    from ..batch.load import load as run_load
    from ..errors import BatchError
    from ..store import Store

    show = sys.stderr.isatty()

    def progress(s: LoadSummary) -> None:
        click.echo(f"\r{s.shards} shards  {s.added:,} articles added", err=True, nl=False)

    with Store.open(db, writing=True) as store:  # a damaged store is refused first
        summary = run_load(out, store, claims=claims, progress=progress if show else None)
    if show:
        click.echo("", err=True)
    click.echo(
        f"{summary.shards} shards read: {summary.articles:,} articles, {summary.added:,} new "
        f"in the store with {summary.statements:,} statements"
    )
    if summary.failed:
        lines = "\n".join(f"  {sid}: {why}" for sid, why in summary.failed[:_SHOW_ERRORS])
        raise BatchError(f"{len(summary.failed)} shards or articles failed:\n{lines}")
