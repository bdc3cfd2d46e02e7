"""Text made of quotation marks is refused by count before any parsing: by the server
(even read-only, even with ``store: false``), the CLI and the pipeline, naming the
setting CLAIMGRAPH_MAX_QUOTE_MARKS."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimgraph.config import get_settings
from claimgraph.errors import InputError
from claimgraph.model import Analysis, Article
from claimgraph.pipeline import check_article, quote_marks
from claimgraph.serve import create_app

FLOOD = '"' * 12_000


def test_quote_marks_counts_quotes_but_not_apostrophes() -> None:
    assert quote_marks("He said “we don’t” and ‘no’ and \"yes\" and «oui» and ``so''.") == 9
    assert quote_marks("It's the workers' union.") == 0


def test_the_limit_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    assert get_settings().max_quote_marks == 1_000
    with pytest.raises(InputError, match="CLAIMGRAPH_MAX_QUOTE_MARKS") as err:
        check_article(Article(text='"' * 1_001, source="flood.txt"))
    assert err.value.where == "flood.txt"
    check_article(Article(text='"' * 1_000))  # at the limit: accepted
    monkeypatch.setenv("CLAIMGRAPH_MAX_QUOTE_MARKS", "5000")
    assert get_settings().max_quote_marks == 5_000
    check_article(Article(text='"' * 4_000))


def _never(article: Article) -> Analysis:
    raise AssertionError("the analyser ran on a refused text")


@pytest.mark.parametrize("write", [False, True])
def test_api_refuses_a_quote_flood_before_analysing(tmp_path: Path, write: bool) -> None:
    app = create_app(tmp_path / "s.db", allow_write=write, analyzer=_never)
    with TestClient(app) as client:
        r = client.post("/api/articles", json={"text": FLOOD, "store": False})
        assert r.status_code == 413
        error = r.json()["error"]
        assert set(error) >= {"code", "message", "where"}
        assert error["where"] == "text"
        assert "12,000 quotation marks" in error["message"]
        page = client.post("/analyze", data={"text": FLOOD})
        assert page.status_code == 413
        assert "quotation marks" in page.text


class _Held:
    """An analyser that runs until released (a stand-in for a slow article)."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.done = threading.Event()

    def __call__(self, article: Article) -> Analysis:
        self.release.wait(30)
        self.done.set()
        return Analysis(article=article)


def test_analysis_has_a_time_budget_and_bounded_slots(tmp_path: Path) -> None:
    held = _Held()
    app = create_app(tmp_path / "s.db", analyzer=held)
    ctx = app.state.ctx
    assert (ctx.analyze_timeout, ctx.analyze_slots) == (10, 2)  # the settings' defaults
    ctx.analyze_timeout, ctx.analyze_slots = 0.05, 1
    with TestClient(app) as client:
        slow = client.post("/api/articles", json={"text": "The mayor said so.", "store": False})
        assert slow.status_code == 503
        assert slow.json()["error"]["code"] == "CG503"
        assert "CLAIMGRAPH_ANALYZE_TIMEOUT" in slow.json()["error"]["message"]
        # its analysis still holds the only slot: the next one is refused at once
        busy = client.post("/api/articles", json={"text": "The mayor said so.", "store": False})
        assert busy.status_code == 503
        assert "slots are busy" in busy.json()["error"]["message"]
        assert client.get("/api/articles").status_code == 200  # readers are served
        held.release.set()
        assert held.done.wait(5)
        ctx._slots.acquire(timeout=5)  # the slot comes back when the analysis ends
        ctx._slots.release()
        ok = client.post("/api/articles", json={"text": "The mayor said so.", "store": False})
        assert ok.status_code == 200


def test_analysis_budget_and_slots_are_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMGRAPH_ANALYZE_TIMEOUT", "3")
    monkeypatch.setenv("CLAIMGRAPH_ANALYZE_SLOTS", "4")
    ctx = create_app(tmp_path / "s.db", analyzer=_never).state.ctx
    assert (ctx.analyze_timeout, ctx.analyze_slots) == (3, 4)


def test_an_analysis_past_its_budget_is_stopped(tmp_path: Path) -> None:
    # the request is answered 503 and the analysis told to stop: it ends at its next
    # step instead of holding its slot until it is done
    from claimgraph.stopping import AnalysisStopped, checkpoint

    stopped = threading.Event()

    def endless(article: Article) -> Analysis:
        for _ in range(3_000):  # 30 s at most, should the stop never come
            try:
                checkpoint()
            except AnalysisStopped:
                stopped.set()
                raise
            threading.Event().wait(0.01)
        return Analysis(article=article)

    app = create_app(tmp_path / "s.db", analyzer=endless)
    ctx = app.state.ctx
    ctx.analyze_timeout, ctx.analyze_slots = 0.05, 1
    with TestClient(app) as client:
        slow = client.post("/api/articles", json={"text": "The mayor said so.", "store": False})
        assert slow.status_code == 503
        assert stopped.wait(5)
        assert ctx._slots.acquire(timeout=5)  # its slot is free again
        ctx._slots.release()


def test_a_stopped_analysis_runs_no_further_step(
    nlp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimgraph.attribution.component import ParagraphSplitter
    from claimgraph.pipeline import analyze
    from claimgraph.stopping import AnalysisStopped, stop_when

    stop = threading.Event()
    real = ParagraphSplitter.__call__

    def then_stop(self: ParagraphSplitter, doc: object) -> object:
        stop.set()  # as the server does when the budget runs out during this step
        return real(self, doc)  # type: ignore[arg-type]

    monkeypatch.setattr(ParagraphSplitter, "__call__", then_stop)
    with stop_when(stop), pytest.raises(AnalysisStopped):
        analyze('"The pier will close," the mayor said.', nlp=nlp)  # type: ignore[arg-type]
    # outside a stop scope (the CLI, ingest) the pipeline runs as one call, as before
    assert analyze('"The pier will close," the mayor said.', nlp=nlp).statements  # type: ignore[arg-type]


def test_the_time_budget_may_be_a_fraction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMGRAPH_ANALYZE_TIMEOUT", "1.5")
    assert create_app(tmp_path / "s.db", analyzer=_never).state.ctx.analyze_timeout == 1.5
