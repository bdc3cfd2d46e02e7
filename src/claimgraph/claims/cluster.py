"""Grouping texts by proposition.

The similarity of two texts is a weighted average of three cosines: TF-IDF over stemmed
content words, TF-IDF over character 3-5-grams (robust to "19M"/"19 million",
"Baghdadi"/"al-Baghdadi"), and MiniLM sentence embeddings (wording changes). Texts are
then clustered by average linkage, cut at a fixed similarity. Without the embedding
model the two TF-IDF cosines are averaged and cut at their own threshold.

When a whole set of texts is clustered at once (:func:`cluster_texts`), each pair's
similarity is blended with how alike their neighbourhoods are: the cosine of their rows
of the similarity matrix, each row kept to its ``NEIGHBOURS`` most similar texts
(shared-nearest-neighbour similarity). Two headlines worded apart but close to the same
ten others are then pulled together, and a chance match between two texts whose
neighbours differ is weakened. Pairwise uses (placing one statement, grouping one
article) read :func:`similarity_matrix` alone.

Weights and thresholds were chosen on Emergent train headlines; the same values were
chosen on each of its ten training folds (see ``MODEL_CARD.md``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import embed as _embed
from .text import content_tokens

__all__ = [
    "NEIGHBOURHOOD_WEIGHT",
    "NEIGHBOURS",
    "THRESHOLD",
    "THRESHOLD_NO_EMBEDDINGS",
    "WEIGHTS",
    "cluster_texts",
    "similarity_matrix",
]

#: Weights of the (word TF-IDF, character TF-IDF, MiniLM) cosines.
WEIGHTS = (0.3, 0.3, 0.4)
#: Average-linkage cut: texts this similar or more end up in one cluster.
THRESHOLD = 0.28
#: The cut used when the embedding model is unavailable (word and character TF-IDF only).
THRESHOLD_NO_EMBEDDINGS = 0.16
#: How many nearest texts make a text's neighbourhood, and the neighbourhood
#: similarity's share of the blend (see the module docstring).
NEIGHBOURS = 10
NEIGHBOURHOOD_WEIGHT = 0.35


def _analyzer(text: str) -> list[str]:
    return content_tokens(text)


def _tfidf_cos(texts: Sequence[str], **kwargs: object) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        x = TfidfVectorizer(sublinear_tf=True, **kwargs).fit_transform(texts)
    except ValueError:  # nothing to count in any text
        return np.zeros((len(texts), len(texts)))
    return np.asarray((x @ x.T).todense(), dtype=float)


def similarity_matrix(texts: Sequence[str], *, embeddings: bool | None = None) -> np.ndarray:
    """Pairwise similarities in [0, 1] (1 on the diagonal), TF-IDF fitted on ``texts``."""
    texts = list(texts)
    n = len(texts)
    if n == 0:
        return np.zeros((0, 0))
    use_emb = _embed.available() if embeddings is None else embeddings
    words = _tfidf_cos(texts, analyzer=_analyzer)
    chars = _tfidf_cos(texts, analyzer="char_wb", ngram_range=(3, 5), lowercase=True)
    if use_emb:
        e = _embed.embed(texts)
        sem = np.clip(e @ e.T, 0.0, 1.0).astype(float)
        w = WEIGHTS
        sim = w[0] * words + w[1] * chars + w[2] * sem
    else:
        sim = (words + chars) / 2
    np.fill_diagonal(sim, 1.0)
    return sim


def _neighbourhood(sim: np.ndarray, k: int) -> np.ndarray:
    """Cosine of the rows of ``sim``, each row kept to its ``k`` largest entries."""
    rows = sim.copy()
    if k < rows.shape[1]:
        drop = np.argpartition(-rows, k, axis=1)[:, k:]
        np.put_along_axis(rows, drop, 0.0, axis=1)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    rows /= np.where(norms > 0, norms, 1.0)
    return np.asarray(rows @ rows.T, dtype=float)


def _average_linkage(sim: np.ndarray, threshold: float) -> list[int]:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    n = sim.shape[0]
    if n == 0:
        return []
    if n == 1:
        return [0]
    dist = np.clip(1.0 - sim, 0.0, 1.0)
    dist = (dist + dist.T) / 2
    np.fill_diagonal(dist, 0.0)
    z = linkage(squareform(dist, checks=False), method="average")
    raw = fcluster(z, t=1.0 - threshold, criterion="distance")
    seen: dict[int, int] = {}
    return [seen.setdefault(int(c), len(seen)) for c in raw]


def cluster_texts(
    texts: Sequence[str], *, threshold: float | None = None, embeddings: bool | None = None
) -> list[int]:
    """One cluster label per text; texts about the same proposition share a label.

    Labels are 0, 1, 2, ... in order of first appearance.
    """
    use_emb = _embed.available() if embeddings is None else embeddings
    if threshold is None:
        threshold = THRESHOLD if use_emb else THRESHOLD_NO_EMBEDDINGS
    sim = similarity_matrix(texts, embeddings=use_emb)
    if len(sim):
        w = NEIGHBOURHOOD_WEIGHT
        sim = (1 - w) * sim + w * _neighbourhood(sim, NEIGHBOURS)
    return _average_linkage(sim, threshold)
