"""Fixtures for the serve tests: a store built from model objects, and clients over it."""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from claimgraph.model import Analysis, Article, Kind, Span, Speaker, SpeakerType, Statement
from claimgraph.serve import create_app

from . import corpus as corpus_mod

_QUOTE_SAID = re.compile(r"\"([^\"]+?),?\" (said|says) ([A-Z][a-z]+(?: [A-Z][a-z]+)*)")


def quote_analyzer(article: Article) -> Analysis:
    """A tiny stand-in for the engine: '"...," said Name' is a direct statement.

    It lets the write and analyze tests check what the server does with an analysis
    without depending on the attribution engine's current quality.
    """
    t = article.text
    out = []
    for i, m in enumerate(_QUOTE_SAID.finditer(t), start=1):
        content = Span.of(t, m.start(1), m.end(1))
        cue = Span.of(t, m.start(2), m.end(2))
        who = Span.of(t, m.start(3), m.end(3))
        out.append(
            Statement(
                id=f"S{i}",
                kind=Kind.DIRECT,
                content=content,
                speaker=Speaker(who, who.text, SpeakerType.PERSON),
                cue=cue,
            )
        )
    return Analysis(article, tuple(out))


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> corpus_mod.Corpus:
    return corpus_mod.build(tmp_path_factory.mktemp("serve") / "corpus.db")


@pytest.fixture(scope="session")
def app(corpus: corpus_mod.Corpus) -> FastAPI:
    return create_app(corpus.path, analyzer=quote_analyzer)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture()
def fresh_db(tmp_path: Path) -> Path:
    """A new store with the corpus in it, for tests that write."""
    return corpus_mod.build(tmp_path / "fresh.db").path


CHROMIUM = os.environ.get("CLAIMGRAPH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """Run ``app`` with uvicorn on a free loopback port in a thread; yield its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_url(app: FastAPI) -> Iterator[str]:
    with serving(app) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright. Outside CI, skip when it is absent."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI: scripts/setup-browser should install it")
        pytest.skip(f"{CHROMIUM} is absent: run scripts/setup-browser (as root) to install it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("dialog", lambda d: (errors.append(f"dialog opened: {d.message}"), d.dismiss()))
    pg.js_errors = errors  # console errors, uncaught exceptions, and any alert() an XSS ran
    try:
        yield pg
    finally:
        ctx.close()


def screenshot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
