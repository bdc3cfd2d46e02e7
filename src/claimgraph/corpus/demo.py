"""The demo corpus shipped in the package: fictional outlets, people and events."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..store import Store
from .ingest import IngestReport, ingest

DEMO_PATH = Path(__file__).resolve().parent.parent / "data" / "demo" / "articles.jsonl"


def load_demo(store: Store, **kwargs: Any) -> IngestReport:
    """Ingest the demo corpus into ``store`` (keywords as :func:`ingest_records`)."""
    return ingest(store, [str(DEMO_PATH)], **kwargs)
