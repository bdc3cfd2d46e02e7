"""Wordpieces, sliding windows and BIO labels, shared by training and run time.

The roles (:data:`ROLES`) are those of :mod:`claimgraph.attribution.fragments`.

Only numpy and ``tokenizers``: no torch, no spaCy. An article is encoded once as
wordpieces with character offsets; the model sees windows of at most
``MAX_PIECES`` pieces (plus ``[CLS]`` and ``[SEP]``) that overlap, and each piece
takes its label from the window in which it sits farthest from an edge.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..fragments import ROLES

if TYPE_CHECKING:
    from tokenizers import Tokenizer

O, B, I = 0, 1, 2  # noqa: E741  (BIO tag ids, per role)
MAX_PIECES = 254  # 256 with [CLS] and [SEP]
STRIDE = 222  # windows overlap by 32 pieces
IGNORE = -100

Offsets = list[tuple[int, int]]


@dataclass(frozen=True)
class Encoded:
    """An article as wordpieces: ids, character offsets, and which pieces start a word."""

    ids: np.ndarray  # int64 [n]
    offsets: Offsets
    word_start: np.ndarray  # bool [n]


def load_tokenizer(path: str) -> Tokenizer:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(path)
    tok.no_truncation()
    tok.no_padding()
    return tok


def special_ids(tok: Tokenizer) -> tuple[int, int]:
    """The ids of ``[CLS]`` and ``[SEP]``."""
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    if cls_id is None or sep_id is None:
        raise ValueError("the tokenizer has no [CLS] or [SEP] token")
    return int(cls_id), int(sep_id)


def encode(tok: Tokenizer, text: str) -> Encoded:
    enc = tok.encode(text, add_special_tokens=False)
    offsets = [(int(a), int(b)) for a, b in enc.offsets]
    pieces = enc.tokens
    starts = np.ones(len(offsets), dtype=bool)
    for i in range(1, len(offsets)):
        if pieces[i].startswith("##") and offsets[i][0] == offsets[i - 1][1]:
            starts[i] = False
    return Encoded(np.asarray(enc.ids, dtype=np.int64), offsets, starts)


def windows(n: int, size: int = MAX_PIECES, stride: int = STRIDE) -> list[tuple[int, int]]:
    """Overlapping ``(start, end)`` piece ranges covering ``n`` pieces."""
    if n <= size:
        return [(0, n)]
    out = []
    s = 0
    while True:
        e = min(n, s + size)
        out.append((s, e))
        if e == n:
            return out
        s = min(s + stride, n - size)


def owner(n: int, wins: Sequence[tuple[int, int]]) -> np.ndarray:
    """For each piece, the index of the window where it is farthest from an edge."""
    best = np.full(n, -1, dtype=np.int64)
    depth = np.full(n, -1, dtype=np.int64)
    for w, (s, e) in enumerate(wins):
        idx = np.arange(s, e)
        d = np.minimum(idx - s, e - 1 - idx)
        better = d > depth[s:e]
        depth[s:e][better] = d[better]
        best[s:e][better] = w
    return best


def labels(enc: Encoded, spans: dict[str, list[tuple[int, int]]]) -> np.ndarray:
    """BIO labels ``[n, len(ROLES)]`` from character spans per role (fragments)."""
    n = len(enc.offsets)
    out = np.zeros((n, len(ROLES)), dtype=np.int64)
    starts = np.array([a for a, _ in enc.offsets], dtype=np.int64)
    ends = np.array([b for _, b in enc.offsets], dtype=np.int64)
    for r, role in enumerate(ROLES):
        for s, e in sorted(spans.get(role, [])):
            inside = np.nonzero((starts < e) & (ends > s))[0]
            if len(inside) == 0:
                continue
            out[inside, r] = np.where(out[inside, r] == O, I, out[inside, r])
            out[inside[0], r] = B
    return out


def outermost(spans: dict[str, list[tuple[int, int]]]) -> dict[str, list[tuple[int, int]]]:
    """Per role, the spans not inside another span of that role (BIO tags cannot nest:
    an inner span's ``B`` would cut the outer one in two)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for role, frags in spans.items():
        keep: list[tuple[int, int]] = []
        reach = -1  # the furthest end of a kept span; every kept span starts at or before s
        for s, e in sorted(set(frags), key=lambda x: (x[0], -x[1])):
            if e > reach:
                keep.append((s, e))
                reach = e
        out[role] = keep
    return out


def rule_tags(enc: Encoded, rules: dict[str, list[tuple[int, int]]] | None) -> np.ndarray:
    """The rules engine's spans as BIO tags ``[n, len(ROLES)]``: the model's features."""
    return labels(enc, outermost(rules or {}))


def decode(
    enc: Encoded, tags: np.ndarray, roles: Sequence[str] = ROLES
) -> dict[str, list[tuple[int, int]]]:
    """Character spans per role (those of ``roles``) from BIO tags ``[n, len(ROLES)]``.

    A piece inside a word follows the word's first piece; an ``I`` after ``O``
    opens a span.
    """
    spans: dict[str, list[tuple[int, int]]] = {r: [] for r in ROLES}
    for r, role in enumerate(ROLES):
        if role not in roles:
            continue
        cur: list[int] | None = None
        prev = O
        for i, (a, b) in enumerate(enc.offsets):
            t = int(tags[i, r])
            if not enc.word_start[i]:
                t = I if prev != O else O
            if t == B or (t == I and cur is None):
                if cur is not None:
                    spans[role].append((cur[0], cur[1]))
                cur = [a, b]
            elif t == I and cur is not None:
                cur[1] = b
            else:
                if cur is not None:
                    spans[role].append((cur[0], cur[1]))
                cur = None
            prev = t
        if cur is not None:
            spans[role].append((cur[0], cur[1]))
    return spans


def probs(scores: np.ndarray) -> np.ndarray:
    """Tag probabilities from tag logits (softmax over the last axis, ``O, B, I``)."""
    z = np.exp(scores - scores.max(-1, keepdims=True))
    out: np.ndarray = z / z.sum(-1, keepdims=True)
    return out


def confident(
    enc: Encoded, scores: np.ndarray, spans: dict[str, list[tuple[int, int]]], min_conf: float
) -> list[tuple[int, int]]:
    """``spans`` whose pieces are, on average, at least ``min_conf`` likely inside a span
    of the role whose ``scores`` ``[n, 3]`` (O, B, I logits) are given."""
    p_in = 1.0 - probs(scores)[:, O]
    starts = np.array([a for a, _ in enc.offsets], dtype=np.int64)
    ends = np.array([b for _, b in enc.offsets], dtype=np.int64)
    out = []
    for role_spans in spans.values():
        for s, e in role_spans:
            idx = np.nonzero((starts >= s) & (ends <= e))[0]
            if len(idx) and float(p_in[idx].mean()) >= min_conf:
                out.append((s, e))
    return out


def decode_scores(
    enc: Encoded,
    scores: np.ndarray,
    *,
    o_bias: Mapping[str, float] | None = None,
    min_conf: Mapping[str, float] | None = None,
    roles: Sequence[str] = ROLES,
) -> dict[str, list[tuple[int, int]]]:
    """Spans per role from tag scores ``[n, len(ROLES), 3]``: ``o_bias`` (per role) is
    taken off the ``O`` score before the argmax (above 0: more and longer spans), then
    a role's spans whose pieces are on average less than ``min_conf`` likely inside a
    span are dropped. Both are picked on held-out data (:mod:`claimgraph.training.tune`).
    Only ``roles`` are decoded (the others come back empty)."""
    if o_bias:
        scores = scores.copy()
        for r, role in enumerate(ROLES):
            scores[:, r, O] -= float(o_bias.get(role, 0.0))
    spans = decode(enc, scores.argmax(-1), roles)
    for r, role in enumerate(ROLES):
        floor = float((min_conf or {}).get(role, 0.0))
        if floor > 0:
            spans[role] = confident(enc, scores[:, r], {role: spans[role]}, floor)
    return spans


def batch_inputs(
    enc: Encoded, wins: Sequence[tuple[int, int]], cls_id: int, sep_id: int
) -> tuple[np.ndarray, np.ndarray]:
    """``input_ids`` and ``attention_mask`` ``[len(wins), max_len + 2]`` for the windows."""
    width = max(e - s for s, e in wins) + 2
    ids = np.zeros((len(wins), width), dtype=np.int64)
    mask = np.zeros((len(wins), width), dtype=np.int64)
    for k, (s, e) in enumerate(wins):
        m = e - s
        ids[k, 0] = cls_id
        ids[k, 1 : m + 1] = enc.ids[s:e]
        ids[k, m + 1] = sep_id
        mask[k, : m + 2] = 1
    return ids, mask


def batch_features(feats: np.ndarray, wins: Sequence[tuple[int, int]], width: int) -> np.ndarray:
    """Rule tags ``[len(wins), width, len(ROLES)]`` for the windows (``O`` on the
    specials and the padding), aligned with :func:`batch_inputs`."""
    out = np.zeros((len(wins), width, len(ROLES)), dtype=np.int64)
    for k, (s, e) in enumerate(wins):
        out[k, 1 : e - s + 1] = feats[s:e]
    return out


def gather(logits: Sequence[np.ndarray], n: int, wins: Sequence[tuple[int, int]]) -> np.ndarray:
    """Per-piece scores ``[n, len(ROLES), 3]`` from window logits ``[width, 9]`` each."""
    own = owner(n, wins)
    out = np.zeros((n, len(ROLES), 3), dtype=np.float32)
    for w, (s, e) in enumerate(wins):
        lg = np.asarray(logits[w])[1 : e - s + 1].reshape(e - s, len(ROLES), 3)
        sel = own[s:e] == w
        out[s:e][sel] = lg[sel]
    return out
