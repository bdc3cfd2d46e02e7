"""Features of a text (a headline, or a statement with cue and speaker) toward a claim.

Refutation and hedging are modelled explicitly: lexicons of denial and debunking words,
of hedges and reporting verbs, question forms, negation that the claim does not have,
and how much of the claim the text repeats. Words the text shares with the claim are
masked as ``_c_`` in the n-gram features so that what is learned carries over to claims
never seen in training ("X is a hoax" and "Y is a hoax" share ``_c_ hoax``).
"""

from __future__ import annotations

import itertools
import re

from ..lang import lexicon
from .text import STOPWORDS, normalize, stem, words

__all__ = ["FEATURES_VERSION", "stance_features"]

#: Bumped whenever the features change: a model trained on other features is refused.
FEATURES_VERSION = 1

lx = lexicon()


def _has_phrase(t: str, phrases: tuple[str, ...]) -> list[str]:
    padded = " " + re.sub(r"[^\w',?]+", " ", t) + " "
    return [p for p in phrases if (" " + p) in padded]


def stance_features(claim: str, text: str) -> dict[str, float]:
    """Sparse features (name -> value) of ``text`` toward ``claim``."""
    f: dict[str, float] = {"bias": 1.0}
    raw = text.strip()
    t = normalize(raw)
    c = normalize(claim)
    tw = words(raw)
    cw = words(claim)
    ts = [stem(w) for w in tw]
    cs_content = {stem(w) for w in cw if w not in STOPWORDS}
    ts_content = [s for w, s in zip(tw, ts, strict=True) if w not in STOPWORDS]

    # how much of the claim the text repeats, and the reverse
    if cs_content:
        inter = cs_content & set(ts_content)
        f["ov_claim"] = len(inter) / len(cs_content)
        f["ov_text"] = len(inter) / max(1, len(set(ts_content)))
        f["ov_none"] = float(not inter)
    nums_t = set(re.findall(r"\d+", t))
    nums_c = set(re.findall(r"\d+", c))
    if nums_c:
        f["num_match"] = float(bool(nums_t & nums_c))
        f["num_clash"] = float(bool(nums_t) and not (nums_t & nums_c))

    # n-grams with claim words masked
    masked = [
        "_c_" if (s in cs_content and w not in STOPWORDS) else w
        for w, s in zip(tw, ts, strict=True)
    ]
    seq = ["<s>", *masked, "</s>"]
    for w in set(masked):
        f["w=" + w] = 1.0
    for a, b in set(itertools.pairwise(seq)):
        f[f"b={a}_{b}"] = 1.0

    # refutation
    ref = [w for w in tw if w in lx.REFUTE]
    refp = _has_phrase(t, lx.REFUTE_PHRASES)
    for w in ref:
        f["ref=" + w] = 1.0
    for p in refp:
        f["refp=" + p] = 1.0
    f["ref_n"] = float(len(ref) + len(refp))
    neg_t = any(w in lx.NEG_WORDS or w.endswith("n't") for w in tw)
    neg_c = any(w in lx.NEG_WORDS or w.endswith("n't") for w in cw)
    f["neg_t"] = float(neg_t)
    f["neg_mismatch"] = float(neg_t != neg_c)
    f["neg_t_only"] = float(neg_t and not neg_c)
    f["neg_c_only"] = float(neg_c and not neg_t)
    # refuting word close to a claim word
    for i, w in enumerate(tw):
        if w in lx.REFUTE or w in lx.NEG_WORDS or w.endswith("n't"):
            window = masked[max(0, i - 4) : i + 5]
            if "_c_" in window:
                f["ref_near_claim"] = 1.0
                break

    # hedging and reporting
    hed = [w for w in tw if w in lx.HEDGE]
    hedp = _has_phrase(t, lx.HEDGE_PHRASES)
    for w in hed:
        f["hed=" + w] = 1.0
    for p in hedp:
        f["hedp=" + p] = 1.0
    f["hed_n"] = float(len(hed) + len(hedp))
    sup = [w for w in tw if w in lx.SUPPORT_WORDS]
    for w in sup:
        f["sup=" + w] = 1.0

    # questions
    f["q_mark"] = float("?" in raw)
    f["q_end"] = float(raw.rstrip(" .!'\"").endswith("?"))
    if tw and tw[0] in lx.QWORDS:
        f["q_first"] = 1.0
        f["q_first=" + tw[0]] = 1.0
    # "..., officials say" / ": report" / "- Reports"
    if re.search(r"(,|:|-|\u2014)\s*(\w+\s){0,3}(says?|said|claims?|reports?|sources?)\W*$", t):
        f["attrib_tail"] = 1.0
    if re.search(r"^(\w+\s){0,3}(says?|claims?|reports?):", t):
        f["attrib_head"] = 1.0
    caps = [w for w in raw.split() if len(w) > 2 and w.isupper() and w.isalpha()]
    if caps and not raw.isupper():
        f["caps"] = 1.0
        for w in caps:
            if w.lower() in lx.NEG_WORDS or w.lower() in lx.REFUTE:
                f["caps_ref"] = 1.0
    f["len"] = min(len(tw), 40) / 40.0

    # the claim's own form: modal / future claims are more often only reported
    for w in ("will", "may", "could", "plans", "is", "was", "not"):
        if w in cw:
            f["cl=" + w] = 1.0
            if w in tw:
                f["cl_t=" + w] = 1.0
    return f
