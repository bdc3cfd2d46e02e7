"""The learned attribution model: a small BERT tagger run with onnxruntime.

A fine-tuned all-MiniLM-L6-v2 marks source, cue and content spans (BIO tags per
role) over sliding windows of wordpieces (:mod:`.tagger`, :mod:`.windows`);
:mod:`.extract` groups the spans into statements and runs them through the rules
engine's speaker resolution, relays and stance. Training (:mod:`.train`) needs
torch; nothing at run time does.

Which engine runs is a setting: ``CLAIMGRAPH_ATTRIBUTION=rules`` (the default),
``learned`` (the model must be installed) or ``auto`` (learned when a model is
installed). ``CLAIMGRAPH_ATTRIBUTION_MODEL`` points at another model folder; the
default is the one shipped in ``claimgraph/models/attribution-minilm``.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import ModelError

if TYPE_CHECKING:
    from .tagger import Tagger

ENGINES = ("rules", "learned", "auto")
_lock = threading.Lock()
_cache: dict[str, Tagger] = {}


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


def engine() -> str:
    """``rules`` or ``learned``: the attribution engine the settings ask for."""
    from ...config import get_settings

    choice = (get_settings().attribution or "rules").lower()
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
