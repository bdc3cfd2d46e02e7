"""Wordpieces, sliding windows and BIO labels, shared by training and run time.

The roles (:data:`ROLES`) are those of :mod:`claimgraph.attribution.fragments`.

Only numpy and ``tokenizers``: no torch, no spaCy. An article is encoded once as
wordpieces with character offsets; the model sees windows of at most
``MAX_PIECES`` pieces (plus ``[CLS]`` and ``[SEP]``) that overlap, and each piece
takes its label from the window in which it sits farthest from an edge.

At run time the windows are laid paragraph by paragraph (:func:`chunks`): a paragraph
(text between blank lines) is one window, a longer one is covered by overlapping
windows from its own start, and each window is run alone (the shipped model's logits
for a window change, slightly, with the padding and the size of the batch it is run
in). A paragraph's tags then depend on that paragraph alone, not on where a window
boundary falls in the article nor on what else is in its batch, so text added far
away (a paragraph before, a line after) leaves them as they were. Training lays the
same paragraph windows (since session 9: a model trained on windows from the article's
start reads a lone paragraph less well).
"""

from __future__ import annotations

import itertools
import re
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


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


def chunks(
    text: str, enc: Encoded, size: int = MAX_PIECES, stride: int = STRIDE
) -> list[tuple[int, int]]:
    """``(start, end)`` piece ranges, paragraph by paragraph: the pieces of each
    paragraph of ``text`` (split at blank lines) in one range, or a paragraph longer than
    ``size`` pieces in :func:`windows` laid from its own first piece. Every piece is
    in a range, and a paragraph's ranges do not depend on the text around it."""
    n = len(enc.offsets)
    if n == 0:
        return []
    breaks = np.array([m.end() for m in _BLANK_LINE.finditer(text)], dtype=np.int64)
    starts = np.array([a for a, _ in enc.offsets], dtype=np.int64)
    para = np.searchsorted(breaks, starts, side="right")  # blank lines before each piece
    cuts = [0, *(np.nonzero(np.diff(para))[0] + 1).tolist(), n]
    out: list[tuple[int, int]] = []
    for s, e in itertools.pairwise(cuts):
        out.extend((s + a, s + b) for a, b in windows(e - s, size, stride))
    return out


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


class PieceIndex:
    """The pieces of an encoded text that overlap, or lie within, a character span.

    Wordpiece offsets ascend, so each answer is a range found by two binary searches
    (a mask over every piece for every span was quadratic in text of thousands of
    statements); offsets that do not ascend are masked as before.
    """

    def __init__(self, enc: Encoded) -> None:
        self.starts = np.array([a for a, _ in enc.offsets], dtype=np.int64)
        self.ends = np.array([b for _, b in enc.offsets], dtype=np.int64)
        self.ordered = bool(np.all(np.diff(self.starts) >= 0) and np.all(np.diff(self.ends) >= 0))

    def overlapping(self, s: int, e: int) -> np.ndarray:
        """Indices of the pieces with ``start < e`` and ``end > s``."""
        if not self.ordered:
            return np.nonzero((self.starts < e) & (self.ends > s))[0]
        lo = int(np.searchsorted(self.ends, s, side="right"))
        hi = int(np.searchsorted(self.starts, e, side="left"))
        return np.arange(lo, max(lo, hi), dtype=np.int64)

    def within(self, s: int, e: int) -> np.ndarray:
        """Indices of the pieces with ``start >= s`` and ``end <= e``."""
        if not self.ordered:
            return np.nonzero((self.starts >= s) & (self.ends <= e))[0]
        lo = int(np.searchsorted(self.starts, s, side="left"))
        hi = int(np.searchsorted(self.ends, e, side="right"))
        return np.arange(lo, max(lo, hi), dtype=np.int64)


def labels(enc: Encoded, spans: dict[str, list[tuple[int, int]]]) -> np.ndarray:
    """BIO labels ``[n, len(ROLES)]`` from character spans per role (fragments)."""
    n = len(enc.offsets)
    out = np.zeros((n, len(ROLES)), dtype=np.int64)
    pieces = PieceIndex(enc)
    for r, role in enumerate(ROLES):
        for s, e in sorted(spans.get(role, [])):
            inside = pieces.overlapping(s, e)
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
    pieces = PieceIndex(enc)
    out = []
    for role_spans in spans.values():
        for s, e in role_spans:
            idx = pieces.within(s, e)
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
