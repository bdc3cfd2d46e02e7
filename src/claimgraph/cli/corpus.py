"""Corpus commands: ingest, demo, who, speakers, claims, claim, search, track, merge,
split, export. Each reads or writes one store (``--db``, ``CLAIMGRAPH_DB``, or the user
data directory)."""

from __future__ import annotations

import dataclasses
import functools
import importlib
import json
import os
import shlex
import shutil
import sys
from collections.abc import Callable
from typing import Any, TextIO

import click

from ..errors import ClaimgraphError, InputError
from ..model import Article
from . import main

_db_option = click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False),
    envvar="CLAIMGRAPH_DB",
    default=None,
    help="The store (an SQLite file) [env CLAIMGRAPH_DB; default: the user data directory].",
)
_format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Readable text, or JSON.",
)


def _open(db: str | None, *, readonly: bool = False, writing: bool = False) -> Any:
    from ..store import Store

    return Store.open(db, readonly=readonly, writing=writing)


def _json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=1))


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _invocation() -> str:
    """How to run claimgraph again from this shell, as the user can type it.

    ``claimgraph`` when that name on the PATH is this program; else the path of the
    launcher that was run (``.venv/bin/claimgraph`` before the environment is
    activated); else ``python -m claimgraph`` with this interpreter.
    """
    argv0 = sys.argv[0] if sys.argv else ""
    if os.path.basename(argv0) == "claimgraph" and os.path.isfile(argv0):
        on_path = shutil.which("claimgraph")
        if on_path and os.path.samefile(on_path, argv0):
            return "claimgraph"
        rel = os.path.relpath(os.path.abspath(argv0))
        shown = rel if not rel.startswith("..") else os.path.abspath(argv0)
        return shlex.quote(shown if os.sep in shown else "./" + shown)
    return f"{shlex.quote(sys.executable)} -m claimgraph"


def cite(article: Any, n: int = 60) -> str:
    """An article as a table cites it: “Title”, Outlet, date (the id only in JSON)."""
    parts = [f"“{_short(article.title, n)}”" if article.title else "untitled article"]
    if article.outlet:
        parts.append(article.outlet)
    parts.append(article.published[:10] if article.published else "undated")
    return ", ".join(parts)


# -- ingest --------------------------------------------------------------------------


class _Progress:
    """One status line on standard error, redrawn in place; silent when not a terminal."""

    def __init__(self, stream: TextIO, label: str) -> None:
        self.stream = stream
        self.label = label
        self.on = stream.isatty()
        self.shown = False

    def __call__(self, report: Any) -> None:
        if not self.on:
            return
        rate = report.added / report.seconds if report.seconds > 0 else 0.0
        self.stream.write(
            f"\r{self.label}: {report.added} added, {report.skipped} already stored, "
            f"{report.failed} failed ({rate:.1f} articles/s)  "
        )
        self.stream.flush()
        self.shown = True

    def error(self, err: ClaimgraphError) -> None:
        if self.shown:
            self.stream.write("\n")
            self.shown = False
        self.stream.write(f"error: {err}\n")
        self.stream.flush()

    def warning(self, err: ClaimgraphError) -> None:
        if self.shown:
            self.stream.write("\n")
            self.shown = False
        self.stream.write(f"warning: {err}\n")
        self.stream.flush()

    def done(self) -> None:
        if self.shown:
            self.stream.write("\n")


def _load_analyzer(spec: str) -> Callable[..., Any]:
    mod, _, name = spec.partition(":")
    try:
        return getattr(importlib.import_module(mod), name or "analyze_batch")
    except (ImportError, AttributeError) as exc:
        raise InputError(f"cannot load the analyzer {spec!r} ({exc})") from exc


def _run_ingest(
    db: str | None,
    inputs: list[str],
    *,
    encoding: str = "utf-8",
    batch_size: int = 32,
    claims: bool = True,
    analyzer: str | None = None,
    pipeline: str | None = None,
    fetch_opts: dict[str, Any] | None = None,
    label: str = "ingest",
    overrides: dict[str, str] | None = None,
) -> Any:
    from ..corpus import ingest_records, spacy_analyzer
    from ..ingest.fetch import fetch
    from ..ingest.sources import read_sources

    store = _open(db, writing=True)  # a damaged store is refused before any write
    progress = _Progress(sys.stderr, label)
    fetcher = functools.partial(fetch, **(fetch_opts or {}))
    records = read_sources(inputs, encoding=encoding, fetcher=fetcher)
    if overrides:
        records = (
            dataclasses.replace(r, **overrides) if isinstance(r, Article) else r for r in records
        )
    try:
        report = ingest_records(
            store,
            records,
            analyzer=_load_analyzer(analyzer) if analyzer else spacy_analyzer(pipeline, batch_size),
            batch_size=batch_size,
            claims=claims,
            on_error=progress.error,
            on_warning=progress.warning,
            on_progress=progress,
        )
    finally:
        progress.done()
    counts = store.counts()
    store.close()
    return report, counts


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@_db_option
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of text files.")
@click.option("--batch-size", default=32, show_default=True, help="Articles per spaCy batch.")
@click.option("--no-claims", is_flag=True, help="Store statements without grouping claims.")
@click.option("--pipeline", default=None, help="spaCy pipeline name [env CLAIMGRAPH_PIPELINE].")
@click.option("--timeout", default=15.0, show_default=True, help="Seconds per URL fetch.")
@click.option("--max-bytes", default=5_000_000, show_default=True, help="Largest page fetched.")
@click.option("--max-redirects", default=5, show_default=True, help="Redirects followed.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Summary as text or JSON.")  # fmt: skip
@click.option(
    "--title",
    default=None,
    help="Title of every article of this run (overrides what the input gives).",
)
@click.option(
    "--published",
    default=None,
    help="Published date of every article of this run (2026-03-06, 'March 6, 2026').",
)
@click.option("--outlet", default=None, help="Outlet of every article of this run.")
@click.option("--analyzer", default=None, hidden=True,
              help="module:function analysing a list of articles (testing).")  # fmt: skip
def ingest(
    inputs: tuple[str, ...],
    db: str | None,
    encoding: str,
    batch_size: int,
    no_claims: bool,
    pipeline: str | None,
    timeout: float,
    max_bytes: int,
    max_redirects: int,
    fmt: str,
    title: str | None,
    published: str | None,
    outlet: str | None,
    analyzer: str | None,
) -> None:
    """Analyse articles and keep them in the store.

    INPUTS are files (.txt, .html, .rss/.atom/.xml feeds, .warc/.warc.gz, .jsonl),
    directories (read recursively), globs ("news/**/*.html"), http(s) URLs, or - for
    standard input. JSON Lines: one object per line with "text" (required) and
    optionally "title", "url", "outlet", "author", "published" (ISO date) and "id".

    A plain-text article's first line is its title when it looks like a headline, and
    a date line ("Friday, March 6, 2026") or dateline near the top is its published
    date. --title, --published and --outlet override what the inputs give.

    Articles already stored (same text) are skipped, so rerunning an interrupted
    ingest finishes it. Each bad record is reported on standard error; the exit code
    is non-zero when any failed, and the good ones are kept.
    """
    from ..ingest.text import normalise_date

    overrides = {
        k: v
        for k, v in (
            ("title", title),
            ("published", normalise_date(published, where="--published") if published else None),
            ("outlet", outlet),
        )
        if v
    }
    report, counts = _run_ingest(
        db,
        list(inputs),
        encoding=encoding,
        batch_size=batch_size,
        claims=not no_claims,
        analyzer=analyzer,
        pipeline=pipeline,
        fetch_opts={"timeout": timeout, "max_bytes": max_bytes, "max_redirects": max_redirects},
        overrides=overrides,
    )
    if fmt == "json":
        _json({"report": report.to_dict(), "store": counts.to_dict()})
    else:
        click.echo(
            f"{report.added} articles added ({report.statements} statements), "
            f"{report.skipped} already stored, {report.failed} failed, "
            f"in {report.seconds:.1f} s. The store now holds {counts.articles} articles, "
            f"{counts.statements} statements, {counts.claims} claims."
        )
    if report.failed:
        click.echo(f"{report.failed} record(s) failed; see the errors above.", err=True)
        sys.exit(2)


@main.command()
@_db_option
@click.option("--pipeline", default=None, help="spaCy pipeline name [env CLAIMGRAPH_PIPELINE].")
def demo(db: str | None, pipeline: str | None) -> None:
    """Load the demo corpus (fictional news over several weeks) and show what to try.

    Loading twice changes nothing: stored articles are skipped.
    """
    from ..config import get_settings
    from ..corpus import DEMO_PATH

    where = db or str(get_settings().db_path)
    report, counts = _run_ingest(db, [str(DEMO_PATH)], pipeline=pipeline, label="demo")
    click.echo(
        f"Demo corpus: {report.added} articles added, {report.skipped} already there.\n"
        f"Store {where}: {counts.articles} articles, {counts.statements} statements, "
        f"{counts.speakers} speakers, {counts.claims} claims, {counts.reprints} reprints.\n"
    )
    with _open(db, readonly=True) as store:
        top = store.claims(limit=1)
    cg = _invocation()
    db_arg = f" --db {shlex.quote(db)}" if db else ""
    claim_id = top[0].id if top else "CLAIM_ID"
    lines = [
        (f"{cg} claims{db_arg}", "claims, most contested first"),
        (f"{cg} claim {claim_id}{db_arg}", "the most contested claim's timeline"),
        (f'{cg} who "Marta Velasco"{db_arg}', "what one speaker said, by date"),
        (f"{cg} speakers{db_arg}", "everyone quoted"),
        (f'{cg} search "reservoir"{db_arg}', "full-text search"),
        (f'{cg} track "the dam is leaking"{db_arg}', "follow a claim you name"),
        (f"{cg} export graph -o demo.graphml{db_arg}", "speakers and claims for Gephi"),
        (f"{cg} serve{db_arg}", "the web pages, http://127.0.0.1:8000/"),
    ]
    width = max(len(c) for c, _ in lines) + 2
    click.echo("Try next:")
    for command, what in lines:
        click.echo(f"  {command:<{width}}# {what}")
    if report.failed:
        sys.exit(2)


# -- queries -------------------------------------------------------------------------


@main.command()
@click.argument("name")
@_db_option
@_format_option
@click.option("--limit", default=100, show_default=True, help="Most statements shown.")
@click.option("--offset", default=0, show_default=True, help="Statements skipped first.")
def who(name: str, db: str | None, fmt: str, limit: int, offset: int) -> None:
    """What the speaker NAME said, by date, with stance.

    NAME may be a full name, a surname ("Velasco") or an alias.
    """
    from ..errors import NotFoundError

    with _open(db, readonly=True) as store:
        sp = store.speaker(name)
        if sp is None:
            raise NotFoundError(f"no speaker called {name!r} (see `claimgraph speakers`)")
        recs = store.statements(speaker=sp.id, limit=limit, offset=offset)
    if fmt == "json":
        _json({"speaker": sp.to_dict(), "statements": [r.to_dict() for r in recs]})
        return
    aka = f" (also: {', '.join(sp.aliases)})" if sp.aliases else ""
    click.echo(f"{sp.name}{aka}: {sp.statements} statements in {sp.articles} articles")
    for r in recs:
        d = r.to_dict()
        claim = f" [claim {d['claim']}]" if d["claim"] else ""
        if r.article.reprint_of:
            claim += " (reprint)"
        click.echo(
            f"  {(d['date'] or '(undated)')[:10]:<10}  {d['stance']:<23} "
            f"{_short(d['content'], 70)}{claim}"
        )
        click.echo(f"              in {cite(r.article)}")


@main.command()
@click.argument("query", required=False)
@_db_option
@_format_option
@click.option("--limit", default=50, show_default=True, help="Most speakers shown.")
def speakers(query: str | None, db: str | None, fmt: str, limit: int) -> None:
    """Speakers across the corpus, most quoted first (QUERY filters by name)."""
    with _open(db, readonly=True) as store:
        rows = store.speakers(query, limit=limit)
    if fmt == "json":
        _json([s.to_dict() for s in rows])
        return
    for s in rows:
        extra = f"  aka {', '.join(s.aliases)}" if s.aliases else ""
        click.echo(f"{s.statements:5d}  {s.name}  ({s.type}){extra}")


@main.command()
@_db_option
@_format_option
@click.option("--limit", default=20, show_default=True, help="Most claims shown.")
@click.option("--offset", default=0, show_default=True, help="Claims skipped first.")
def claims(db: str | None, fmt: str, limit: int, offset: int) -> None:
    """Claims ranked by how contested they are (supporters against deniers).

    A reprinted statement counts once. JSON lists each claim with its statements.
    """
    with _open(db, readonly=True) as store:
        views = store.claims(limit=limit, offset=offset, with_statements=True)
    if fmt == "json":
        _json([v.to_dict() for v in views])
        return
    for v in views:
        mark = " (tracked)" if v.tracked else ""
        click.echo(f"{v.id}  +{v.supporters} -{v.deniers} ?{v.others}  {_short(v.text, 80)}{mark}")
        for e in v.statements[:8]:
            click.echo(
                f"    {e.stance.value:<23} {_short(e.record.speaker or '(unknown)', 30):<30} "
                f"{cite(e.record.article, 50)}"
            )
        if len(v.statements) > 8:
            click.echo(f"    … {len(v.statements) - 8} more (claimgraph claim {v.id})")


@main.command()
@click.argument("claim_id")
@_db_option
@_format_option
def claim(claim_id: str, db: str | None, fmt: str) -> None:
    """The timeline of CLAIM_ID: first report, relays, support, denials."""
    from ..errors import NotFoundError

    with _open(db, readonly=True) as store:
        v = store.claim(claim_id)
    if v is None:
        raise NotFoundError(f"no claim {claim_id!r} (see `claimgraph claims`)")
    if fmt == "json":
        _json(v.to_dict())
        return
    from ..claims.story import summarize

    click.echo(f"{v.id}: {v.text}")
    click.echo(
        f"{v.supporters} supporting, {v.deniers} denying, {v.others} other "
        f"(reprints counted once); {v.first or '?'} to {v.last or '?'}"
    )
    s = summarize(
        [e.stance for e in v.statements],
        [e.role for e in v.statements],
        [e.record.speaker_key for e in v.statements],
    )

    def who(idx: tuple[int, ...]) -> str:
        names = list(dict.fromkeys(v.statements[i].record.speaker or "(unknown)" for i in idx))
        return ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")

    if s.first is not None:
        f = v.statements[s.first].record
        click.echo(f"first said by {f.speaker or '(unknown)'} in {cite(f.article)}")
    if s.repeated:
        click.echo(f"repeated by {who(s.repeated)}")
    if s.denied:
        click.echo(f"denied by {who(s.denied)}")
    for o in v.outlets:
        if o.stance != "reports":
            click.echo(f"in its own voice, {cite(o.article, 40)} {o.stance} it")
    for e in v.statements:
        r = e.record
        relay = f" via {' < '.join(r.statement.relay)}" if r.statement.relay else ""
        click.echo(
            f"  {(r.date or '(undated)')[:10]:<10}  {e.role:<22} {r.speaker or '(unknown)'}"
            f" ({e.stance.value}){relay}"
        )
        click.echo(f"              {_short(r.statement.content.text, 100)}")
        click.echo(f"              in {cite(r.article)}")
        if e.reprinted_in:
            outs = "; ".join(cite(a, 40) for a in e.reprinted_in)
            click.echo(f"              reprinted in: {outs}")


@main.command()
@click.argument("text")
@_db_option
@_format_option
@click.option("--limit", default=20, show_default=True, help="Most hits shown.")
def search(text: str, db: str | None, fmt: str, limit: int) -> None:
    """Full-text search over statements and articles (all words must match)."""
    from ..store.sqlite import MARK_END, MARK_START

    with _open(db, readonly=True) as store:
        hits = store.search(text, limit=limit)
    if fmt == "json":
        _json([h.to_dict() for h in hits])
        return
    for h in hits:
        who_ = f"{h.speaker}: " if h.speaker else ""
        click.echo(f"{who_}{_short(h.snippet.replace(MARK_START, '[').replace(MARK_END, ']'), 90)}")
        click.echo(f"    in {cite(h.article)}")


# -- editing claims ------------------------------------------------------------------


@main.command()
@click.argument("text")
@_db_option
@_format_option
def track(text: str, db: str | None, fmt: str) -> None:
    """Name a claim to follow, e.g. "the dam is leaking".

    Lists the stored claims that already say it, with their statements; the tracked
    claim is kept even while no statement matches, and statements ingested later that
    match it join it.
    """
    from ..corpus import ClaimKeeper

    with _open(db) as store:
        t = ClaimKeeper(store).track(text)
    if fmt == "json":
        _json(
            {
                **t.claim.to_dict(),
                "tracked": True,
                "stored": [{"score": round(s, 3), **v.to_dict()} for v, s in t.matches],
            }
        )
        return
    n = sum(len(v.statements) for v, _ in t.matches)
    click.echo(f"tracking {t.claim.id}: {t.claim.text}")
    if not t.matches:
        click.echo(
            "no stored statement says it yet; statements ingested from now on that do join it"
        )
        return
    click.echo(f"already stored: {n} statements in {len(t.matches)} claims")
    for v, s in t.matches:
        click.echo(f"  {v.id}  {v.text}  (similarity {s:.2f}, {len(v.statements)} statements)")
        for e in v.statements[:5]:
            r = e.record
            who = r.speaker or "unknown"
            said = r.statement.content.text[:90]
            click.echo(f"    {r.date or 'undated'}  {who} {e.stance.value}: {said}")


@main.command()
@click.argument("keep_id")
@click.argument("other_id")
@_db_option
def merge(keep_id: str, other_id: str, db: str | None) -> None:
    """Merge claim OTHER_ID into KEEP_ID (OTHER_ID is gone after)."""
    from ..corpus import ClaimKeeper

    with _open(db) as store:
        c = ClaimKeeper(store).merge(keep_id, other_id)
    click.echo(f"{c.id} now has {len(c.statements)} statements")


@main.command()
@click.argument("claim_id")
@click.argument("members", nargs=-1, required=True)
@_db_option
def split(claim_id: str, members: tuple[str, ...], db: str | None) -> None:
    """Move MEMBERS (keys "ARTICLE_ID:STATEMENT_ID", as `claim --format json` shows)
    out of CLAIM_ID into a new claim."""
    from ..corpus import ClaimKeeper

    with _open(db) as store:
        rest, new = ClaimKeeper(store).split(claim_id, list(members))
    click.echo(f"{rest.id} keeps {len(rest.statements)} statements; new claim {new.id} has "
               f"{len(new.statements)}")  # fmt: skip


# -- export --------------------------------------------------------------------------


@main.command()
@click.argument("claim_id")
@_db_option
@click.option(
    "--rating",
    type=float,
    default=None,
    help="Your rating of the claim, between --worst and --best.",
)
@click.option(
    "--rating-text",
    default=None,
    help='What the rating means, e.g. "False", "Unproven", "Mostly true".',
)
@click.option("--best", type=float, default=5, show_default=True, help="The best rating.")
@click.option("--worst", type=float, default=1, show_default=True, help="The worst rating.")
@click.option("--by", "author", default=None, help="Who rates it (your newsroom).")
@click.option("--clear", is_flag=True, help="Remove the rating.")
@_format_option
def review(
    claim_id: str,
    db: str | None,
    rating: float | None,
    rating_text: str | None,
    best: float,
    worst: float,
    author: str | None,
    clear: bool,
    fmt: str,
) -> None:
    """Rate CLAIM_ID yourself (a fact-check verdict), or show its rating.

    claimgraph never rates a claim: `export claimreview` carries a reviewRating only
    when one was set here. With no option, shows the stored rating.
    """
    from ..errors import NotFoundError

    with _open(db, readonly=rating is None and not clear) as store:
        if store.claim(claim_id) is None:
            raise NotFoundError(f"no claim {claim_id!r} (see `claimgraph claims`)")
        if clear:
            gone = store.clear_review(claim_id)
            click.echo(f"rating of {claim_id} removed" if gone else f"{claim_id} had no rating")
            return
        if rating is not None:
            got = store.set_review(
                claim_id, rating, best=best, worst=worst, text=rating_text, author=author
            )
        else:
            if rating_text or author:
                raise InputError("give --rating with --rating-text or --by")
            got = store.review(claim_id)
    if fmt == "json":
        _json(got.to_dict() if got else None)
    elif got is None:
        click.echo(f"{claim_id} has no rating (set one with --rating N)")
    else:
        words = f" ({got.text})" if got.text else ""
        by = f" by {got.author}" if got.author else ""
        click.echo(f"{claim_id}: {got.rating:g} of {got.worst:g}..{got.best:g}{words}{by}")


# -- export --------------------------------------------------------------------------


@main.group()
def export() -> None:
    """Export statements (JSON Lines, JSON, CSV, Parquet), an article's statements as
    Web Annotations, a graph (GraphML) or a claim (ClaimReview)."""


_out_option = click.option(
    "-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
    help="Output file [default: standard output].",
)  # fmt: skip
_base_url_option = click.option(
    "--base-url", default=None,
    help="Where `claimgraph serve` runs for readers (https://host/path): links to stored "
    "articles and claims are made under it.",
)  # fmt: skip


@export.command("statements")
@_db_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    help="Output file [default: standard output; Parquet needs a file].",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "json", "csv", "parquet"]),
    default="jsonl",
    show_default=True,
    help="JSON Lines, a JSON array, CSV or Parquet.",
)
def export_statements(db: str | None, output: str, fmt: str) -> None:
    """Every statement, oldest first, with speaker, stance, claim and article, and the
    character offsets of its content, speaker and cue in the article's text
    (content_start, content_end, speaker_start, ...; end exclusive).

    CSV cells that start like a spreadsheet formula (=, +, -, @) get a leading '.
    """
    from .. import export as ex

    with _open(db, readonly=True) as store:
        records = ex.all_statements(store)
        if fmt == "parquet":
            if output == "-":
                raise InputError("Parquet is binary: give a file with -o", where="--output")
            n = ex.statements_parquet(records, output)
        else:
            write = {"csv": ex.statements_csv, "json": ex.statements_json}.get(
                fmt, ex.statements_jsonl
            )
            with click.open_file(output, "w", encoding="utf-8") as out:
                n = write(records, out)
    click.echo(f"{n} statements exported", err=True)


@export.command("annotations")
@click.argument("article_id")
@_db_option
@_out_option
@_base_url_option
def export_annotations(
    article_id: str, db: str | None, output: TextIO, base_url: str | None
) -> None:
    """ARTICLE_ID's statements as W3C Web Annotations (JSON-LD): content, speaker and
    cue of each, with TextPositionSelector and TextQuoteSelector into the stored text."""
    from ..errors import NotFoundError
    from ..export import web_annotations

    with _open(db, readonly=True) as store:
        analysis = store.article(article_id)
    if analysis is None:
        raise NotFoundError(f"no article {article_id!r} (ids are in `--format json` output)")
    doc = web_annotations(analysis, base_url=base_url)
    output.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    click.echo(f"{doc['total']} annotations exported", err=True)


@export.command("graph")
@_db_option
@_out_option
def export_graph(db: str | None, output: TextIO) -> None:
    """A GraphML graph of speakers and claims, stance on the edges (opens in Gephi)."""
    from ..export import graphml

    with _open(db, readonly=True) as store:
        nodes, edges = graphml(store, output)
    click.echo(f"{nodes} nodes, {edges} edges exported", err=True)


@export.command("claimreview")
@click.argument("claim_id")
@_db_option
@_out_option
@_base_url_option
def export_claimreview(claim_id: str, db: str | None, output: TextIO, base_url: str | None) -> None:
    """CLAIM_ID as schema.org ClaimReview JSON-LD: every appearance with its article's
    url, headline, date, publisher and the speaker as author. It has a reviewRating
    only if you set one with `claimgraph review CLAIM_ID --rating N`."""
    from ..errors import NotFoundError
    from ..export import claim_review

    with _open(db, readonly=True) as store:
        v = store.claim(claim_id)
        rating = store.review(claim_id) if v is not None else None
    if v is None:
        raise NotFoundError(f"no claim {claim_id!r} (see `claimgraph claims`)")
    doc = claim_review(v, rating=rating, base_url=base_url)
    output.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
