"""Across articles: each local claim of a new article joins the stored claim stating the
same proposition, or becomes a new claim. The cost of placing one article does not grow
with the store.

Placing is split in two so that the part that needs the store is short:

1. :meth:`Assigner.prepare` (no store): groups the article's statements into local
   claims (:func:`claimgraph.claims.group.group_article`) and computes each local
   claim's terms (stemmed content words of its members' propositions) and its MiniLM
   vector. ``batch`` runs this on the workers.
2. :meth:`Assigner.place` (inside the store's write transaction): asks a
   :class:`ClaimSource` for at most :data:`CANDIDATES` stored claims sharing the local
   claim's rarest terms (an FTS5 query over claim terms: its cost depends on those terms'
   posting lists, capped by :data:`MAX_DF`, not on the store's size), scores each by the
   mean of the TF-IDF cosine of the terms and the cosine of the vectors, and joins the
   best at :data:`MATCH_THRESHOLD` or more.

A member keeps the stance it has toward its local claim; when the stored claim it joins
states the proposition's negation ("no purge is taking place" joining "a purge is taking
place"), asserting becomes denying and denying asserting.

Why FTS5 candidates and vectors stored as blobs rather than an approximate-nearest-
neighbour index: the index is then part of the SQLite store, written in the same
transaction as the members, so two writers never see each other's claims half-written
and nothing beside the store file can go stale; Python's ``sqlite3`` here cannot load
extensions (so ``sqlite-vec`` is out), and an HNSW file beside the store
(``usearch``/``faiss``) would have to be kept in step across processes. Statements that
state the same proposition share its rare words (names, places, numbers) in news text,
which is what the lexical candidates need; the vectors then rank those candidates.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from ..model import Analysis, ClaimStatement, Stance
from . import embed as _embed
from .cluster import similarity_matrix
from .group import LocalClaim, group_article
from .outlet import OutletStance, outlet_stance, own_voice
from .proposition import negated, proposition
from .text import content_tokens

__all__ = [
    "CANDIDATES",
    "MATCH_THRESHOLD",
    "MAX_DF",
    "Assigner",
    "ClaimSource",
    "Placement",
    "Prepared",
    "StoredClaim",
    "claim_id",
    "terms_of",
]

#: A local claim joins a stored one this similar or more (mean of TF-IDF and MiniLM
#: cosines; chosen on Emergent train headlines added one at a time, see MODEL_CARD.md).
MATCH_THRESHOLD = 0.38
#: The same with TF-IDF alone (no embedding model).
MATCH_THRESHOLD_NO_EMBEDDINGS = 0.25
#: Below this TF-IDF cosine the vectors are not consulted: MiniLM finds sentences of
#: the same form alike ("the X in Y will close in May") whatever they are about.
MIN_LEXICAL = 0.1
#: Document frequencies are read again after this many lookups, or when this many
#: terms are remembered.
DF_REFRESH = 2000
DF_CACHE = 200_000
DF_REMEMBER = 50
#: Stored claims scored per local claim.
CANDIDATES = 10
#: Terms held by more stored claims than this nominate no candidates (too common).
MAX_DF = 2000
#: Terms of a stored claim that count in its TF-IDF vector (its most frequent).
SCORED_TERMS = 100
#: Query terms per local claim (the rarest).
QUERY_TERMS = 8
#: Terms kept per stored claim (the most frequent), so rewriting a claim's terms costs
#: the same however many members it has.
MAX_TERMS = 400


def claim_id(seed: str) -> str:
    """A stable claim id: "C" and a short hash of its first member's key."""
    return "C" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:10]


def terms_of(texts: Iterable[str]) -> Counter[str]:
    """Stemmed content words of some texts, as stored in the claim index."""
    c: Counter[str] = Counter()
    for t in texts:
        c.update(w.replace("'", "") for w in content_tokens(t))
    c.pop("", None)
    return c


@dataclass(frozen=True)
class StoredClaim:
    """A stored claim as the assigner sees it."""

    id: str
    text: str
    terms: Counter[str]
    vector: np.ndarray | None  # the sum of its members' vectors (not normalised)


class ClaimSource(Protocol):
    """What placing needs from a store (``claimgraph.store`` implements it in SQL)."""

    def candidates(self, terms: Sequence[str], limit: int) -> list[StoredClaim]:
        """Stored claims sharing some of ``terms``, best first."""
        ...

    def frequencies(self, terms: Sequence[str]) -> tuple[dict[str, int], int]:
        """How many stored claims hold each term, and how many claims there are."""
        ...


@dataclass(frozen=True)
class Prepared:
    """An article's local claims, with what placing them needs."""

    article_id: str
    local: tuple[LocalClaim, ...]
    terms: tuple[Counter[str], ...]
    vectors: tuple[np.ndarray | None, ...]
    propositions: dict[str, str] = field(default_factory=dict)  # statement id -> text
    outlets: tuple[OutletStance, ...] = ()  # the outlet's own stance toward each


@dataclass(frozen=True)
class Placement:
    """Where one local claim went: a new or an existing claim, with its members."""

    claim_id: str
    new: bool
    text: str
    members: tuple[ClaimStatement, ...]
    terms: Counter[str]
    vector: np.ndarray | None  # sum of the new members' vectors
    outlet: OutletStance = OutletStance.REPORTS  # the article's own voice toward the claim


_FLIP = {
    Stance.ASSERTS: Stance.DENIES,
    Stance.SUPPORTS: Stance.DENIES,
    Stance.DENIES: Stance.ASSERTS,
}


def _tfidf(counts: Mapping[str, int], idf: Mapping[str, float]) -> dict[str, float]:
    v = {t: (1.0 + math.log(c)) * idf.get(t, 1.0) for t, c in counts.items() if c > 0}
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {t: x / norm for t, x in v.items()}


def _cos(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n else v


class Assigner:
    """Places articles' statements into claims; see the module docstring."""

    def __init__(self, *, embeddings: bool | None = None, threshold: float | None = None):
        self.embeddings = _embed.available() if embeddings is None else embeddings
        if threshold is None:
            threshold = MATCH_THRESHOLD if self.embeddings else MATCH_THRESHOLD_NO_EMBEDDINGS
        self.threshold = threshold
        # document frequencies drift slowly: looked up once per term, forgotten now and
        # then so that a long run follows the store as it grows
        self._df: dict[str, int] = {}
        self._lookups = 0

    def _frequencies(self, terms: Sequence[str], source: ClaimSource) -> tuple[dict[str, int], int]:
        self._lookups += 1
        if self._lookups % DF_REFRESH == 0 or len(self._df) > DF_CACHE:
            self._df.clear()
        todo = [t for t in terms if t not in self._df]
        df, n = source.frequencies(todo)
        out = {t: self._df.get(t, 0) for t in terms}
        for t in todo:
            out[t] = df.get(t, 0)
            # only common terms are remembered: a rare term's count still changes what
            # it nominates, and the claim that just brought it must be found next time
            if out[t] >= DF_REMEMBER:
                self._df[t] = out[t]
        return out, n

    def prepare(self, analysis: Analysis) -> Prepared:
        local = tuple(group_article(analysis))
        props = {m.statement.id: proposition(m.statement) for lc in local for m in lc.members}
        terms = tuple(terms_of([props[m.statement.id] for m in lc.members]) for lc in local)
        vectors: tuple[np.ndarray | None, ...] = tuple(None for _ in local)
        if self.embeddings and local:
            texts = [props[m.statement.id] for lc in local for m in lc.members]
            vecs = _embed.embed(texts)
            out: list[np.ndarray | None] = []
            i = 0
            for lc in local:
                n = len(lc.members)
                out.append(np.asarray(vecs[i : i + n], dtype=np.float32).sum(axis=0))
                i += n
            vectors = tuple(out)
        return Prepared(
            analysis.article.id, local, terms, vectors, props, self._outlets(analysis, local)
        )

    def _outlets(self, analysis: Analysis, local: Sequence[LocalClaim]) -> tuple[OutletStance, ...]:
        """The outlet's own stance toward each local claim (:mod:`.outlet`)."""
        if not local:
            return ()
        sentences = [s.text for s in own_voice(analysis)]
        if not sentences:
            return tuple(OutletStance.REPORTS for _ in local)
        texts = [lc.text for lc in local]
        sim = similarity_matrix([*texts, *sentences], embeddings=self.embeddings)
        return tuple(
            outlet_stance(t, sentences, [float(x) for x in sim[i, len(texts) :]])[0]
            for i, t in enumerate(texts)
        )

    def score(
        self,
        terms: Counter[str],
        vector: np.ndarray | None,
        claim: StoredClaim,
        idf: Mapping[str, float],
    ) -> float:
        """Similarity of a group of statements to a stored claim, in [0, 1]."""
        lexical = _cos(_tfidf(terms, idf), _tfidf(claim.terms, idf))
        if lexical < MIN_LEXICAL:
            return lexical  # sentences alike in form but sharing no key word are apart
        if not self.embeddings or vector is None or claim.vector is None:
            return lexical
        return 0.5 * lexical + 0.5 * max(0.0, float(_unit(vector) @ _unit(claim.vector)))

    def ranked(
        self, terms: Counter[str], vector: np.ndarray | None, source: ClaimSource
    ) -> list[tuple[StoredClaim, float]]:
        """Stored claims sharing some of these terms, scored, best first."""
        if not terms:
            return []
        df, n = self._frequencies(list(terms), source)
        usable = [t for t in terms if 0 < df.get(t, 0) <= MAX_DF]
        if not usable:
            return []
        query = sorted(usable, key=lambda t: (df[t], t))[:QUERY_TERMS]
        cands = source.candidates(query, CANDIDATES)
        if not cands:
            return []
        cands = [
            StoredClaim(c.id, c.text, Counter(dict(c.terms.most_common(SCORED_TERMS))), c.vector)
            for c in cands
        ]
        every = set(terms)
        for c in cands:
            every |= set(c.terms)
        df_all, n = self._frequencies(sorted(every), source)
        idf = {t: math.log((n + 2) / (df_all.get(t, 0) + 1)) + 1.0 for t in every}
        scored = [(c, self.score(terms, vector, c, idf)) for c in cands]
        return sorted(scored, key=lambda x: (-x[1], x[0].id))

    def best(
        self, terms: Counter[str], vector: np.ndarray | None, source: ClaimSource
    ) -> tuple[StoredClaim | None, float]:
        """The stored claim most like these terms and vector, with its score."""
        ranked = self.ranked(terms, vector, source)
        return ranked[0] if ranked else (None, 0.0)

    def place(self, prepared: Prepared, source: ClaimSource) -> list[Placement]:
        """Where each local claim goes (call inside the store's write transaction)."""
        out: list[Placement] = []
        aid = prepared.article_id
        outlets = prepared.outlets or tuple(OutletStance.REPORTS for _ in prepared.local)
        for lc, terms, vec, voice in zip(
            prepared.local, prepared.terms, prepared.vectors, outlets, strict=True
        ):
            stored, score = self.best(terms, vec, source)
            flip = False
            if stored is not None and score >= self.threshold:
                cid, new, text = stored.id, False, stored.text
                flip = negated(stored.text) != negated(lc.text)
            else:
                cid, new, text = claim_id(f"{aid}:{lc.members[0].statement.id}"), True, lc.text
            members = tuple(
                ClaimStatement(
                    aid,
                    m.statement.id,
                    _FLIP.get(m.stance, m.stance) if flip else m.stance,
                    m.confidence,
                )
                for m in lc.members
            )
            if flip and voice != OutletStance.REPORTS:
                voice = (
                    OutletStance.DEBUNKS if voice == OutletStance.ASSERTS else OutletStance.ASSERTS
                )
            out.append(Placement(cid, new, text, members, terms, vec, voice))
        return out
