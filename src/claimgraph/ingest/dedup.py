"""Near-duplicate texts and wire stories: how a reprint is recognised.

A text's signature is a MinHash over its word 5-shingles (:data:`NUM_HASHES` values);
two signatures estimate the Jaccard similarity of the shingle sets. Signatures are cut
into :data:`BANDS` bands for locality-sensitive lookup: texts sharing any band are
candidates, and a candidate is a reprint when the estimate reaches
:data:`REPRINT_THRESHOLD` (texts under :data:`MIN_WORDS` words are left alone).
:func:`wire_of` names a wire service that a text credits in
its dateline ("MOSCOW (AP) -") or byline.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

NUM_HASHES = 60
BANDS = 20
ROWS = NUM_HASHES // BANDS
SHINGLE = 5
REPRINT_THRESHOLD = 0.6
#: Shorter texts are never called reprints: briefs on one topic share too much wording.
MIN_WORDS = 50

_MASK = np.uint64((1 << 61) - 1)
_rng = np.random.default_rng(20261124)
_A = _rng.integers(1, (1 << 61) - 1, size=NUM_HASHES, dtype=np.uint64) | np.uint64(1)
_B = _rng.integers(0, (1 << 61) - 1, size=NUM_HASHES, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def _shingles(text: str) -> list[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return [" ".join(words).encode()] if words else []
    return [" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)]


def long_enough(text: str) -> bool:
    """Whether ``text`` is long enough to be recognised as a reprint."""
    return len(_WORD.findall(text)) >= MIN_WORDS


def signature(text: str) -> np.ndarray:
    """The MinHash signature of ``text``: ``NUM_HASHES`` unsigned 64-bit values."""
    sh = _shingles(text)
    if not sh:
        return np.full(NUM_HASHES, np.iinfo(np.uint64).max, dtype=np.uint64)
    h = np.fromiter(
        (int.from_bytes(hashlib.blake2b(s, digest_size=8).digest(), "little") for s in set(sh)),
        dtype=np.uint64,
    )
    with np.errstate(over="ignore"):
        mixed = (h[None, :] * _A[:, None] + _B[:, None]) & _MASK
    return np.asarray(mixed.min(axis=1), dtype=np.uint64)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.mean(a == b))


def bands(sig: np.ndarray) -> list[int]:
    """One 63-bit key per band, for candidate lookup."""
    out = []
    for i in range(BANDS):
        chunk = sig[i * ROWS : (i + 1) * ROWS].tobytes()
        out.append(int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little") >> 1)
    return out


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u8").astype(np.uint64)


# "MOSCOW (AP) —", "LONDON, March 3 (Reuters) -", "(Meridian Wire) --"
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Za-z0-9 .,'-]{0,60}?\(\s*(?P<wire>[A-Z][A-Za-z .&-]{1,40}?)\s*\)\s*(?:[-—–]|--)",
)
_CREDIT = re.compile(
    r"(?:^|\n)\s*(?:By\s+[^\n]{0,60}?,\s*|Reporting by\s+[^\n]{0,60}?;\s*)?"
    r"(?:\(c\)\s*|Copyright\s+\d{4}\s+)?(?P<wire>Associated Press|Reuters|AFP|Agence France-Presse)"
    r"\s*(?:$|\n)",
)


def wire_of(text: str) -> str | None:
    """The wire service a text credits in its dateline, or ``None``."""
    head = text[:400]
    for line in head.splitlines():
        m = _DATELINE.match(line)
        if m:
            return m.group("wire").strip()
    m = _CREDIT.search(text[-300:])
    return m.group("wire") if m else None
