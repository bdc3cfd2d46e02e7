"""Stopping an analysis part way: how the server ends one that overran its time budget.

Python cannot stop a thread; instead the pipeline and the attribution stage call
:func:`checkpoint` between steps, and it raises :class:`AnalysisStopped` once the event
given to :func:`stop_when` is set. Standard library only, so every stage can import it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar


class AnalysisStopped(Exception):
    """An analysis asked to stop (:func:`stop_when`) before it ended."""


_stop: ContextVar[threading.Event | None] = ContextVar("claimgraph_stop", default=None)


@contextmanager
def stop_when(event: threading.Event) -> Iterator[None]:
    """Inside the block (in this thread), :func:`analyze` runs the pipeline one step at a
    time and raises :class:`AnalysisStopped` before the next step once ``event`` is set:
    how the server ends an analysis that overran its time budget (Python cannot stop a
    thread; a step already running finishes first)."""
    token = _stop.set(event)
    try:
        yield
    finally:
        _stop.reset(token)


def stop_requested() -> bool:
    """Whether the analysis running here can be asked to stop (it runs step by step)."""
    return _stop.get() is not None


def checkpoint() -> None:
    """Raise :class:`AnalysisStopped` if the analysis running here was asked to stop."""
    event = _stop.get()
    if event is not None and event.is_set():
        raise AnalysisStopped("the analysis was stopped")
