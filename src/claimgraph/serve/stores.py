"""One store connection per server thread.

Route handlers run in a thread pool; a SQLite connection should not be shared between
threads that interleave cursors, so each thread opens its own :class:`Store` on first use
and keeps it. :meth:`StorePool.close` closes them all when the server stops.
"""

from __future__ import annotations

import threading
from pathlib import Path

from ..store.sqlite import Store

__all__ = ["StorePool"]


class StorePool:
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[Store] = []

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store.open(self.path)
            self._local.store = store
            with self._lock:
                self._open.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            stores, self._open = self._open, []
        for s in stores:
            s.close()
        self._local = threading.local()
