"""The learned attribution model: a small BERT tagger run with onnxruntime.

A fine-tuned all-MiniLM-L6-v2 marks source, cue and content spans (BIO tags per
role) over sliding windows of wordpieces (:mod:`.tagger`, :mod:`.windows`). The shipped
model is a hybrid: beside the text it reads the rules engine's tags, and
:mod:`.extract` merges the two (rules statements the model confirms stay whole, the
model's other spans become statements through the rules engine's speaker resolution,
relays and stance). Training lives in :mod:`claimgraph.training` and needs torch;
nothing here imports it.

Which engine runs is a setting: ``CLAIMGRAPH_ATTRIBUTION=auto`` (the default: learned
when a model is installed, else rules), ``learned`` (the model must be installed) or
``rules``. ``CLAIMGRAPH_ATTRIBUTION_MODEL`` points at another model folder; the default
is the one shipped in ``claimgraph/models/attribution-minilm``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import ModelError

if TYPE_CHECKING:
    from .tagger import Tagger

ENGINES = ("rules", "learned", "auto")
_lock = threading.Lock()
_cache: dict[str, Tagger] = {}
_forced: ContextVar[str | None] = ContextVar("claimgraph_attribution_engine", default=None)


def default_model_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "models" / "attribution-minilm"


def model_dir() -> Path:
    from ...config import get_settings

    configured = get_settings().attribution_model
    return Path(configured) if configured else default_model_dir()


def installed(path: Path | None = None) -> bool:
    """Whether a model folder with an ONNX model is there."""
    p = path or model_dir()
    return (p / "model.onnx").is_file() and (p / "config.json").is_file()


@contextmanager
def using(choice: str) -> Iterator[None]:
    """Run the attribution component with the engine ``choice`` (``rules``, ``learned``
    or ``auto``) inside the block, whatever the settings say: how the eval gate measures
    each engine in one process."""
    if choice not in ENGINES:
        raise ModelError(f"engine {choice!r}: expected one of {', '.join(ENGINES)}")
    token = _forced.set(choice)
    try:
        yield
    finally:
        _forced.reset(token)


def forced() -> str | None:
    """The engine :func:`using` forces here, if any."""
    return _forced.get()


def engine() -> str:
    """``rules`` or ``learned``: the attribution engine the settings ask for."""
    from ...config import get_settings

    choice = (forced() or get_settings().attribution or "auto").lower()
    if choice not in ENGINES:
        raise ModelError(f"CLAIMGRAPH_ATTRIBUTION={choice!r}: expected one of {', '.join(ENGINES)}")
    if choice == "auto":
        return "learned" if installed() else "rules"
    if choice == "learned" and not installed():
        raise ModelError(
            "CLAIMGRAPH_ATTRIBUTION=learned but no model is installed",
            where=str(model_dir()),
        )
    return choice


def get_tagger(path: Path | None = None) -> Tagger:
    """The tagger from ``path`` (default: the configured model), loaded once."""
    from .tagger import Tagger

    p = (path or model_dir()).resolve()
    with _lock:
        if str(p) not in _cache:
            _cache[str(p)] = Tagger(p)
        return _cache[str(p)]


def active_tagger() -> Tagger | None:
    """The tagger when the settings choose the learned engine, else ``None``."""
    return get_tagger() if engine() == "learned" else None
