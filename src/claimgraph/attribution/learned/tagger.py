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
from ...stopping import checkpoint
from . import windows as W
from .rerank import ROLE as RERANKED
from .rerank import Reranker

Spans = dict[str, list[tuple[int, int]]]
FORMAT = "claimgraph-attribution-tagger/1"  # text only
FORMAT_RULES = "claimgraph-attribution-tagger/2"  # text and the rules engine's tags
FORMATS = (FORMAT, FORMAT_RULES)


class Tagger:
    """The learned attribution tagger loaded from ``model_dir``."""

    def __init__(self, model_dir: Path, *, threads: int | None = None) -> None:
        import onnxruntime as ort

        self.dir = Path(model_dir)
        for name in ("model.onnx", "tokenizer.json", "config.json"):
            if not (self.dir / name).is_file():
                raise ModelError(f"the attribution model folder has no {name}", where=str(self.dir))
        self.config: dict[str, Any] = json.loads((self.dir / "config.json").read_text("utf-8"))
        if self.config.get("format") not in FORMATS:
            raise ModelError(
                f"unknown model format {self.config.get('format')!r} "
                f"(expected one of {', '.join(FORMATS)})",
                where=str(self.dir),
            )
        # a hybrid model reads the rules engine's spans beside the text
        self.uses_rules = self.config.get("format") == FORMAT_RULES
        self.max_pieces = int(self.config.get("max_pieces", W.MAX_PIECES))
        self.stride = int(self.config.get("stride", W.STRIDE))
        # minimum mean probability of a span's pieces, per role (chosen on PolNeAR dev)
        self.min_conf: dict[str, float] = dict(self.config.get("min_conf", {"content": 0.8}))
        # taken off each role's O score before the argmax (chosen on PolNeAR dev)
        self.o_bias: dict[str, float] = dict(self.config.get("o_bias", {}))
        # content picked by a span scorer fitted on held-out articles (.rerank), if any
        self.reranker: Reranker | None = None
        # keep the argmax's content spans that overlap none the scorer picked
        self.rerank_fill = bool((self.config.get("content_rerank") or {}).get("fill", False))
        if self.config.get("content_rerank"):
            try:
                self.reranker = Reranker.from_config(self.config["content_rerank"])
            except (KeyError, TypeError, ValueError) as exc:
                raise ModelError(
                    f"content_rerank in config.json: {exc}", where=str(self.dir)
                ) from exc
        self.tok = W.load_tokenizer(str(self.dir / "tokenizer.json"))
        self.cls_id, self.sep_id = W.special_ids(self.tok)
        opts = ort.SessionOptions()
        n = threads or int(os.environ.get("CLAIMGRAPH_THREADS", "0") or 0)
        if n:
            opts.intra_op_num_threads = n
            opts.inter_op_num_threads = 1
        # idle pool threads sleep instead of spinning: the tagger shares the cores with
        # spaCy, other Dask workers or a server answering beside an ingest, and a spinning
        # pool burns a core between runs (about 10% of an analysis's CPU, for about 5% of
        # its wall time; docs/reliability.md, load)
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(
            str(self.dir / "model.onnx"), opts, providers=["CPUExecutionProvider"]
        )

    def scores(self, text: str, enc: W.Encoded, rules: Spans | None = None) -> np.ndarray:
        """Per-piece tag scores ``[n, roles, 3]`` over the paragraphs of ``text`` (``enc``
        is its encoding; :func:`.windows.chunks`). Each window is run on its own,
        unpadded: its scores depend on its pieces alone."""
        n = len(enc.ids)
        wins = W.chunks(text, enc, self.max_pieces, self.stride)
        tags = W.rule_tags(enc, rules) if self.uses_rules else None
        logits: list[np.ndarray] = []
        for win in wins:
            checkpoint()  # a server's analysis past its budget stops here
            ids, mask = W.batch_inputs(enc, [win], self.cls_id, self.sep_id)
            feed = {"input_ids": ids, "attention_mask": mask}
            if tags is not None:
                feed["rule_tags"] = W.batch_features(tags, [win], ids.shape[1])
            (out,) = self.session.run(["logits"], feed)
            logits.append(out[0])
        return W.gather(logits, n, wins)

    def spans(self, text: str, rules: Spans | None = None) -> Spans:
        """Character spans per role in ``text``; ``rules`` are the rules engine's spans
        per role, which a hybrid model (``uses_rules``) needs."""
        if self.uses_rules and rules is None:
            raise ModelError(
                "this attribution model reads the rules engine's spans: pass rules=",
                where=str(self.dir),
            )
        enc = W.encode(self.tok, text)
        if len(enc.ids) == 0:
            return {r: [] for r in W.ROLES}
        scores = self.scores(text, enc, rules)
        spans = W.decode_scores(enc, scores, o_bias=self.o_bias, min_conf=self.min_conf)
        if self.reranker is not None:
            picked = self.reranker.content(text, enc, scores, (rules or {}).get(RERANKED, []))
            if self.rerank_fill:  # the argmax's content where the scorer picked none
                picked += [
                    (s, e)
                    for s, e in spans[RERANKED]
                    if not any(a < e and s < b for a, b in picked)
                ]
            spans[RERANKED] = sorted(picked)
        return spans
