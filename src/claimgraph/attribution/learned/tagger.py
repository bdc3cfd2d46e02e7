"""Run time: the ONNX tagger (onnxruntime + tokenizers, no torch).

:class:`Tagger` reads a model folder (``model.onnx``, ``tokenizer.json``,
``config.json``) and turns a text into character spans per role (source, cue,
content), each span one fragment as PolNeAR annotates them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import ModelError
from . import windows as W

Spans = dict[str, list[tuple[int, int]]]
FORMAT = "claimgraph-attribution-tagger/1"


class Tagger:
    """The learned attribution tagger loaded from ``model_dir``."""

    def __init__(self, model_dir: Path, *, threads: int | None = None, batch: int = 8) -> None:
        import onnxruntime as ort

        self.dir = Path(model_dir)
        for name in ("model.onnx", "tokenizer.json", "config.json"):
            if not (self.dir / name).is_file():
                raise ModelError(f"the attribution model folder has no {name}", where=str(self.dir))
        self.config: dict[str, Any] = json.loads((self.dir / "config.json").read_text("utf-8"))
        if self.config.get("format") != FORMAT:
            raise ModelError(
                f"unknown model format {self.config.get('format')!r} (expected {FORMAT})",
                where=str(self.dir),
            )
        self.max_pieces = int(self.config.get("max_pieces", W.MAX_PIECES))
        self.stride = int(self.config.get("stride", W.STRIDE))
        self.batch = batch
        # minimum mean probability of a span's pieces, per role (chosen on PolNeAR dev)
        self.min_conf: dict[str, float] = dict(self.config.get("min_conf", {"content": 0.8}))
        self.tok = W.load_tokenizer(str(self.dir / "tokenizer.json"))
        self.cls_id, self.sep_id = W.special_ids(self.tok)
        opts = ort.SessionOptions()
        n = threads or int(os.environ.get("CLAIMGRAPH_THREADS", "0") or 0)
        if n:
            opts.intra_op_num_threads = n
            opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            str(self.dir / "model.onnx"), opts, providers=["CPUExecutionProvider"]
        )

    def scores(self, enc: W.Encoded) -> np.ndarray:
        """Per-piece tag scores ``[n, roles, 3]`` over the windows of ``enc``."""
        n = len(enc.ids)
        wins = W.windows(n, self.max_pieces, self.stride)
        logits: list[np.ndarray] = []
        for k in range(0, len(wins), self.batch):
            part = wins[k : k + self.batch]
            ids, mask = W.batch_inputs(enc, part, self.cls_id, self.sep_id)
            (out,) = self.session.run(["logits"], {"input_ids": ids, "attention_mask": mask})
            logits.extend(out)
        return W.gather(logits, n, wins)

    def spans(self, text: str) -> Spans:
        """Character spans per role in ``text``."""
        enc = W.encode(self.tok, text)
        if len(enc.ids) == 0:
            return {r: [] for r in W.ROLES}
        scores = self.scores(enc)
        spans = W.decode(enc, scores.argmax(-1))
        # a content span the model is unsure of is more often noise than content
        for r, role in enumerate(W.ROLES):
            floor = float(self.min_conf.get(role, 0.0))
            if floor > 0:
                spans[role] = W.confident(enc, scores[:, r], {role: spans[role]}, floor)
        return spans
