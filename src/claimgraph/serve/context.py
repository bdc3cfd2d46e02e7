"""What every route reaches through the app: settings, stores, the writer, the analyser."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import dataclass, field

from starlette.requests import Request

from ..errors import InputError
from ..model import Analysis, Article
from ..pipeline import check_quote_marks
from ..stopping import stop_when
from ..store.sqlite import Store
from .errors import Forbidden, PayloadTooLarge, Unauthorized, Unavailable
from .security import token_ok
from .stores import StorePool
from .write import Writer

__all__ = ["Context", "default_analyzer", "get_context", "get_store"]

Analyzer = Callable[[Article], Analysis]


def default_analyzer(article: Article) -> Analysis:
    """The real pipeline (spaCy and the attribution engine, loaded once)."""
    from ..pipeline import analyze

    return analyze(article)


@dataclass
class Context:
    pool: StorePool
    analyzer: Analyzer
    token: str | None = None
    allow_write: bool = False
    max_body: int = 2_000_000
    max_chars: int = 200_000
    writer: Writer = field(default_factory=Writer)
    analyze_timeout: float = 10.0
    analyze_slots: int = 2
    _slots: threading.BoundedSemaphore | None = field(default=None, repr=False)
    _workers: ThreadPoolExecutor | None = field(default=None, repr=False)

    def _run_bounded(self, article: Article) -> Analysis:
        """The analyser in one of ``analyze_slots`` worker threads, waited for at most
        ``analyze_timeout`` seconds. A request finding every slot busy is refused at once;
        one over its budget is answered 503 and its analysis told to stop: it ends at its
        next pipeline step (Python cannot stop a thread, and a step already running
        finishes first), so at most ``analyze_slots`` cores are ever spent."""
        if self._slots is None or self._workers is None:
            self._slots = threading.BoundedSemaphore(self.analyze_slots)
            self._workers = ThreadPoolExecutor(self.analyze_slots, "claimgraph-analyze")
        slots = self._slots
        if not slots.acquire(blocking=False):
            raise Unavailable(
                f"all {self.analyze_slots} analysis slots are busy; try again shortly "
                "(CLAIMGRAPH_ANALYZE_SLOTS)",
                where="text",
            )
        stop = threading.Event()

        def work() -> Analysis:
            with stop_when(stop):
                return self.analyzer(article)

        future = self._workers.submit(work)
        future.add_done_callback(lambda _: slots.release())
        try:
            return future.result(timeout=self.analyze_timeout)
        except FuturesTimeout:
            stop.set()  # the analysis stops at its next pipeline step, freeing its slot
            raise Unavailable(
                f"the analysis took over this server's budget of {self.analyze_timeout:g} s "
                "(CLAIMGRAPH_ANALYZE_TIMEOUT)",
                where="text",
            ) from None

    def analyze(self, article: Article) -> Analysis:
        """Analyse an article posted to the server, refusing over-long texts."""
        if len(article.text) > self.max_chars:
            raise InputError(
                f"the text has {len(article.text):,} characters, over this server's limit "
                f"of {self.max_chars:,}",
                where="text",
            )
        if not article.text.strip():
            raise InputError("the text is empty", where="text")
        # before any parsing: text made of quote marks costs seconds of CPU per request
        try:
            check_quote_marks(article.text, "text")
        except InputError as exc:
            raise PayloadTooLarge(exc.message, where="text") from exc
        return self._run_bounded(article)

    def close(self) -> None:
        """Let the analysis threads end (a running analysis finishes first)."""
        if self._workers is not None:
            self._workers.shutdown(wait=False)

    @property
    def needs_token(self) -> bool:
        return self.token is not None

    def check_write(self, authorization: str | None) -> None:
        """Raise unless this request may write to the store."""
        if not self.allow_write:
            raise Forbidden(
                "this server is read-only (start it with --allow-write to accept articles)",
                where="write",
            )
        if self.token is not None and not token_ok(authorization, self.token):
            raise Unauthorized(
                "writing needs 'Authorization: Bearer <token>' with the server's token",
                where="write",
            )


def get_context(request: Request) -> Context:
    ctx: Context = request.app.state.ctx
    return ctx


def get_store(request: Request) -> Store:
    return get_context(request).pool.get()
