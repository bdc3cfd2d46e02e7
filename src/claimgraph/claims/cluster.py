"""Grouping texts by proposition: TF-IDF cosine similarity and average-linkage clustering."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .text import content_tokens

__all__ = ["DEFAULT_THRESHOLD", "cluster_texts", "similarity_matrix"]

#: Texts whose average-linkage similarity is at least this end up in one cluster.
DEFAULT_THRESHOLD = 0.2


def _analyzer(text: str) -> list[str]:
    return content_tokens(text)


def similarity_matrix(texts: Sequence[str]) -> np.ndarray:
    """Pairwise cosine similarities of the texts' TF-IDF vectors (fitted on ``texts``)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    n = len(texts)
    if n == 0:
        return np.zeros((0, 0))
    vec = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True)
    try:
        x = vec.fit_transform(texts)
    except ValueError:  # no content words at all
        return np.eye(n)
    sim = np.asarray((x @ x.T).todense(), dtype=float)
    np.fill_diagonal(sim, 1.0)
    return sim


def _average_linkage(sim: np.ndarray, threshold: float) -> list[int]:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    n = sim.shape[0]
    if n == 0:
        return []
    if n == 1:
        return [0]
    dist = np.clip(1.0 - sim, 0.0, 2.0)
    np.fill_diagonal(dist, 0.0)
    dist = (dist + dist.T) / 2
    z = linkage(squareform(dist, checks=False), method="average")
    raw = fcluster(z, t=1.0 - threshold, criterion="distance")
    # relabel 0..k-1 in order of first appearance
    seen: dict[int, int] = {}
    return [seen.setdefault(int(c), len(seen)) for c in raw]


def cluster_texts(texts: Sequence[str], *, threshold: float | None = None) -> list[int]:
    """One cluster label per text; texts about the same proposition share a label.

    Labels are 0, 1, 2, ... in order of first appearance.
    """
    t = DEFAULT_THRESHOLD if threshold is None else threshold
    return _average_linkage(similarity_matrix(list(texts)), t)
