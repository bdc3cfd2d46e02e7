"""``claimgraph serve``: the REST API and the web pages over a store."""

from __future__ import annotations

import os

import click

from . import main

#: Seconds an idle keep-alive connection stays open (uvicorn's own default is 5: the
#: same as httpx's pool, so a client reusing a connection at 5 s raced the close).
DEFAULT_KEEP_ALIVE = 75


@main.command()
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False),
    default=None,
    help="The SQLite store to serve [env CLAIMGRAPH_DB; default: the user data directory].",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--allow-write/--read-only",
    default=False,
    show_default=True,
    help="Accept articles to analyse and store (POST /api/articles, the analyze page).",
)
@click.option(
    "--token",
    default=None,
    envvar="CLAIMGRAPH_TOKEN",
    show_envvar=True,
    help="Bearer token every write must carry. Required with --allow-write unless "
    "listening on loopback.",
)
@click.option(
    "--max-body",
    default=2_000_000,
    show_default=True,
    type=click.IntRange(1_000, 100_000_000),
    help="Largest request body in bytes; bigger ones get 413.",
)
@click.option(
    "--allowed-host",
    "allowed_host",
    multiple=True,
    help="A name clients may reach the server by (the Host header), besides loopback "
    "names and the --host address; repeat for several. Other names get 421.",
)
@click.option(
    "--keep-alive",
    "keep_alive",
    default=DEFAULT_KEEP_ALIVE,
    show_default=True,
    type=click.IntRange(1, 3600),
    help="Seconds an idle keep-alive connection stays open. Keep it longer than clients "
    "keep idle connections (5 s for httpx, about 60 s for browsers) so that the client, "
    "not the server, closes them: a server closing a connection as the client reuses it "
    "resets the client's request.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes answering on the same port. One process uses one core at most "
    "(Python's lock); on a machine with more cores, or sharing them with an ingest, more "
    "processes answer more requests at once. Each process that analyses text (the "
    "analyze page, POST /api/articles) loads its own pipeline.",
)
def serve(
    db: str | None,
    host: str,
    port: int,
    allow_write: bool,
    token: str | None,
    max_body: int,
    allowed_host: tuple[str, ...],
    keep_alive: int,
    workers: int,
) -> None:
    """Serve the store: JSON under /api (schema at /openapi.json) and web pages.

    Pages: / (overview), /articles/ID (the text with every speaker, cue and quote
    highlighted), /claims/ID (stance timeline, supporters and deniers), /speakers/ID,
    /search, /analyze (paste a text and see it highlighted).

    Read-only by default. With --allow-write, a server listening on anything but
    loopback refuses to start without --token. Requests naming another host than
    loopback, the --host address or an --allowed-host get 421 (no DNS rebinding).
    """
    import uvicorn

    from ..config import get_settings
    from ..serve.app import APP_FACTORY, AppOptions
    from ..serve.security import allowed_hosts, check_bind
    from ..store.sqlite import Store

    path = str(get_settings(db=db).db_path)
    check_bind(host, allow_write=allow_write, token=token)
    # create or migrate it now, failing early with a clear error (and, for a server that
    # writes, refusing a damaged store before writing anything to it)
    Store.open(path, writing=allow_write).close()
    options = AppOptions(
        db_path=path,
        token=token,
        allow_write=allow_write,
        max_body=max_body,
        hosts=allowed_hosts(host, allowed_host),
    )
    mode = "read-write" if allow_write else "read-only"
    auth = ", token required for writes" if token else ""
    procs = f", {workers} processes" if workers > 1 else ""
    click.echo(
        f"claimgraph: serving {path} ({mode}{auth}{procs}) on http://{host}:{port}/", err=True
    )
    if workers > 1:
        # each process builds its app from the options, passed in the environment
        os.environ[AppOptions.ENV] = options.to_json()
    uvicorn.run(
        options.create() if workers == 1 else APP_FACTORY,
        factory=workers > 1,
        workers=workers,
        host=host,
        port=port,
        log_level=os.environ.get("CLAIMGRAPH_LOG", "warning"),
        timeout_keep_alive=keep_alive,
    )
