"""The ClaimBook: statements from many articles grouped into claims, with stances.

:meth:`ClaimBook.add` takes one article's analysis at a time.

1. **Within the article**, statements are about the article's main claim unless they are
   an independent proposition: asserted (not a denial, call or question), self-contained
   (not an anaphor like "these allegations" or a slogan), not by a speaker who asserts the
   main claim elsewhere in the article, and either about the speaker ("he had met ...")
   or unlike every other statement of the article. Denials, anaphors, slogans and calls
   for investigation stay with the main claim: in a news article they bear on it.
2. **Across articles**, each group (the main one, and the independent propositions,
   clustered) joins the existing claim it is most similar to, when that similarity is at
   least :data:`MATCH_THRESHOLD` (an average of TF-IDF and MiniLM centroid cosines),
   or becomes a new claim. A tracked claim (:meth:`ClaimBook.track`) matches on its text.
3. Each new member gets its **stance toward the claim** (:func:`members.member_stance`).

A new claim's text is its most central asserted, self-contained member's content.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..errors import ClaimsError
from ..model import Analysis, Claim, ClaimStatement, Statement
from . import embed as _embed
from .members import (
    cue_class,
    is_self_contained,
    is_self_reference,
    member_stance,
    refutes,
    statement_text,
)
from .text import content_tokens, normalize

__all__ = ["MATCH_THRESHOLD", "ClaimBook", "member_key", "statement_text"]

#: A group of statements joins an existing claim when its similarity to it is at least this.
MATCH_THRESHOLD = 0.38
#: The same, when the embedding model is not available (TF-IDF alone).
MATCH_THRESHOLD_NO_EMBEDDINGS = 0.25
#: Within an article, a statement unlike all others (mean of its three best similarities
#: below this) may be an independent proposition.
ISOLATED = 0.2
#: Independent propositions of one article this similar are one claim.
SAME_IN_ARTICLE = 0.3
_CANDIDATES = 30


def member_key(article_id: str, statement_id: str) -> str:
    return f"{article_id}:{statement_id}"


def _claim_id(seed: str) -> str:
    return "C" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:10]


@dataclass
class _Entry:
    """A claim under construction: mutable state behind one immutable :class:`Claim`."""

    id: str
    text: str
    tracked: bool = False
    members: dict[str, ClaimStatement] = field(default_factory=dict)

    def freeze(self) -> Claim:
        return Claim(id=self.id, text=self.text, members=tuple(self.members.values()))


class _Index:
    """Token counts per text, document frequencies, and which claims hold each token."""

    def __init__(self) -> None:
        self.tf: dict[str, Counter[str]] = {}
        self.df: Counter[str] = Counter()

    def put(self, key: str, text: str) -> None:
        self.drop(key)
        c = Counter(content_tokens(text))
        self.tf[key] = c
        self.df.update(c.keys())

    def drop(self, key: str) -> None:
        old = self.tf.pop(key, None)
        if old:
            self.df.subtract(old.keys())
            for t in old:
                if self.df[t] <= 0:
                    del self.df[t]

    def idf(self, token: str) -> float:
        n = len(self.tf) + 1
        return math.log((n + 1) / (self.df.get(token, 0) + 1)) + 1.0

    def vector(self, counts: Mapping[str, int]) -> dict[str, float]:
        v = {t: (1.0 + math.log(c)) * self.idf(t) for t, c in counts.items() if c > 0}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {t: x / norm for t, x in v.items()}

    def centroid(self, keys: Iterable[str]) -> dict[str, float]:
        acc: dict[str, float] = {}
        for k in keys:
            tf = self.tf.get(k)
            if not tf:
                continue
            for t, x in self.vector(tf).items():
                acc[t] = acc.get(t, 0.0) + x
        norm = math.sqrt(sum(x * x for x in acc.values())) or 1.0
        return {t: x / norm for t, x in acc.items()}


_QUOTES = "\"'\u201c\u201d\u2018\u2019 ,;:"


def _as_claim(content: str) -> str:
    """A content as a claim's text: no leading "that", no wrapping quotes or commas."""
    t = content.strip().strip(_QUOTES).strip()
    if t[:5].lower() == "that ":
        t = t[5:].strip().strip(_QUOTES).strip()
    return t[:1].upper() + t[1:] if t else content.strip()


def _proposition(statement: Statement, text: str) -> bool:
    """An asserted, self-contained content: something a claim can be made of."""
    return (
        cue_class(statement) in ("assert", "support", "neutral")
        and not refutes(text)
        and is_self_contained(text)
    )


def _cos(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


class ClaimBook:
    """Claims over a corpus; see :mod:`claimgraph.claims` for the contract."""

    def __init__(self, *, threshold: float | None = None, embeddings: bool | None = None) -> None:
        self.embeddings = _embed.available() if embeddings is None else embeddings
        if threshold is None:
            threshold = MATCH_THRESHOLD if self.embeddings else MATCH_THRESHOLD_NO_EMBEDDINGS
        self.threshold = threshold
        self._entries: dict[str, _Entry] = {}
        self._texts: dict[str, str] = {}
        self._claim_of: dict[str, str] = {}
        self._index = _Index()
        self._postings: dict[str, set[str]] = {}  # token -> claim ids
        self._vec: dict[str, np.ndarray] = {}  # text key -> embedding
        self._centroids: dict[str, np.ndarray] = {}  # claim id -> embedding centroid
        # claim id -> TF-IDF centroid (idf as it was then: it drifts slowly)
        self._wcentroids: dict[str, dict[str, float]] = {}

    # --- views -------------------------------------------------------------------------

    @property
    def claims(self) -> list[Claim]:
        return [e.freeze() for e in self._entries.values()]

    @property
    def member_texts(self) -> dict[str, str]:
        return dict(self._texts)

    def claim(self, claim_id: str) -> Claim:
        return self._entry(claim_id).freeze()

    def claim_of(self, key: str) -> Claim | None:
        """The claim a member ("article_id:statement_id") belongs to, if any."""
        cid = self._claim_of.get(key)
        return self._entries[cid].freeze() if cid else None

    # --- bookkeeping -------------------------------------------------------------------

    @classmethod
    def restore(
        cls,
        claims: Iterable[Claim],
        member_texts: Mapping[str, str],
        *,
        threshold: float | None = None,
        embeddings: bool | None = None,
    ) -> ClaimBook:
        """A book holding ``claims`` as they were saved, ready for more :meth:`add` calls."""
        book = cls(threshold=threshold, embeddings=embeddings)
        for c in claims:
            if c.id in book._entries:
                raise ClaimsError(f"claim {c.id} appears twice")
            texts = {member_texts.get(member_key(m.article_id, m.statement_id)) for m in c.members}
            e = _Entry(id=c.id, text=c.text, tracked=not c.members or c.text not in texts)
            book._entries[c.id] = e
            book._put_text("claim:" + c.id, c.text, c.id)
            for m in c.members:
                key = member_key(m.article_id, m.statement_id)
                if key in book._claim_of:
                    raise ClaimsError(f"statement {key} is in two claims")
                e.members[key] = m
                book._claim_of[key] = c.id
                book._put_text(key, member_texts.get(key, ""), c.id)
        return book

    def _entry(self, claim_id: str) -> _Entry:
        try:
            return self._entries[claim_id]
        except KeyError:
            raise ClaimsError(f"no claim with id {claim_id!r}") from None

    def _put_text(self, key: str, text: str, claim_id: str) -> None:
        if not key.startswith("claim:"):
            self._texts[key] = text
        self._index.put(key, text)
        for t in self._index.tf[key]:
            self._postings.setdefault(t, set()).add(claim_id)
        self._centroids.pop(claim_id, None)
        self._wcentroids.pop(claim_id, None)

    def _keys_of(self, e: _Entry) -> list[str]:
        return ["claim:" + e.id, *e.members]

    def _reindex_claim(self, e: _Entry) -> None:
        """Postings of a claim whose members changed (tokens of removed members linger
        harmlessly until then: postings only nominate candidates)."""
        self._centroids.pop(e.id, None)
        self._wcentroids.pop(e.id, None)
        for k in self._keys_of(e):
            for t in self._index.tf.get(k, ()):
                self._postings.setdefault(t, set()).add(e.id)

    def _remove_member(self, key: str, changed: dict[str, _Entry]) -> None:
        cid = self._claim_of.pop(key, None)
        self._texts.pop(key, None)
        self._index.drop(key)
        self._vec.pop(key, None)
        if cid is None:
            return
        e = self._entries[cid]
        e.members.pop(key, None)
        self._centroids.pop(cid, None)
        self._wcentroids.pop(cid, None)
        changed[cid] = e
        if not e.members and not e.tracked:
            self._drop_entry(e)

    def _drop_entry(self, e: _Entry) -> None:
        del self._entries[e.id]
        self._index.drop("claim:" + e.id)
        self._centroids.pop(e.id, None)
        self._wcentroids.pop(e.id, None)

    def _new_id(self, seed: str) -> str:
        cid = _claim_id(seed)
        n = 1
        while cid in self._entries:
            cid = _claim_id(f"{seed}#{n}")
            n += 1
        return cid

    # --- similarity --------------------------------------------------------------------

    def _embed_keys(self, keys: Sequence[str], texts: Mapping[str, str]) -> np.ndarray:
        missing = [k for k in keys if k not in self._vec]
        if missing:
            vecs = _embed.embed([texts[k] for k in missing])
            for k, v in zip(missing, vecs, strict=True):
                self._vec[k] = v
        return np.stack([self._vec[k] for k in keys])

    def _claim_centroid(self, e: _Entry) -> np.ndarray:
        c = self._centroids.get(e.id)
        if c is None:
            keys = self._keys_of(e)
            texts = {**self._texts, "claim:" + e.id: e.text}
            m = self._embed_keys(keys, texts).mean(axis=0)
            c = m / (np.linalg.norm(m) or 1.0)
            self._centroids[e.id] = c
        return c

    def _match(self, texts: Sequence[str]) -> tuple[_Entry | None, float]:
        """The existing claim most similar to a group of texts, with the similarity."""
        if not self._entries:
            return None, 0.0
        counts: Counter[str] = Counter()
        for t in texts:
            counts.update(content_tokens(t))
        if not counts:
            return None, 0.0
        group = self._index.vector(counts)
        n = len(self._index.tf) + 1
        cands: set[str] = set()
        for t in counts:
            ids = self._postings.get(t)
            # very common words nominate nothing: every claim would share them
            if ids and self._index.df.get(t, 0) <= max(50, n // 20):
                cands |= ids
        scored = []
        for cid in cands:
            e = self._entries.get(cid)
            if e is not None:
                wc = self._wcentroids.get(cid)
                if wc is None:
                    wc = self._wcentroids[cid] = self._index.centroid(self._keys_of(e))
                scored.append((_cos(group, wc), e))
        scored.sort(key=lambda x: -x[0])
        scored = scored[:_CANDIDATES]
        if not scored:
            return None, 0.0
        if self.embeddings:
            g = _embed.embed(list(texts)).mean(axis=0)
            g = g / (np.linalg.norm(g) or 1.0)
            scored = [(0.5 * w + 0.5 * float(g @ self._claim_centroid(e)), e) for w, e in scored]
            scored.sort(key=lambda x: -x[0])
        best, entry = scored[0]
        return entry, best

    # --- adding ------------------------------------------------------------------------

    def _split_article(
        self, items: list[tuple[str, Statement, str]]
    ) -> tuple[list[int], list[list[int]]]:
        """(main group, independent groups) as indices into ``items``."""
        from .cluster import similarity_matrix

        n = len(items)
        if n == 1:
            return [0], []
        texts = [t for _, _, t in items]
        sim = similarity_matrix(texts, embeddings=self.embeddings)
        classes = [cue_class(st) for _, st, _ in items]
        negative = [refutes(t) for t in texts]

        def speaker(st: Statement) -> str | None:
            sp = st.speaker
            if sp is None:
                return None
            return normalize(sp.name or (sp.mention.text if sp.mention is not None else "")) or None

        speakers = [speaker(st) for _, st, _ in items]
        candidate = []
        for i in range(n):
            if classes[i] not in ("assert", "neutral") or negative[i]:
                continue
            if not is_self_contained(texts[i]):
                continue
            others = np.delete(sim[i], i)
            top = float(np.sort(others)[-3:].mean()) if len(others) else 0.0
            if is_self_reference(texts[i]) or top < ISOLATED:
                candidate.append(i)
        # a speaker who asserts the main claim elsewhere in the article elaborates on it
        main = [i for i in range(n) if i not in candidate]
        asserters = {
            speakers[j]
            for j in main
            if speakers[j] and classes[j] in ("assert", "support") and not negative[j]
        }
        peeled = [i for i in candidate if not (speakers[i] and speakers[i] in asserters)]
        if len(peeled) == n:  # nothing is "the main claim": the first group is
            peeled = peeled[1:]
        main = [i for i in range(n) if i not in peeled]
        groups: list[list[int]] = []
        if peeled:
            from .cluster import _average_linkage

            sub = sim[np.ix_(peeled, peeled)]
            labels = _average_linkage(sub, SAME_IN_ARTICLE)
            by: dict[int, list[int]] = {}
            for i, lab in zip(peeled, labels, strict=True):
                by.setdefault(lab, []).append(i)
            groups = list(by.values())
        return main, groups

    def _pick_text(self, group: list[tuple[str, Statement, str]]) -> str:
        """The most central asserted, self-contained content of a group, as a sentence."""
        return _as_claim(self._pick_content(group))

    def _pick_content(self, group: list[tuple[str, Statement, str]]) -> str:
        texts = [t for _, _, t in group]
        good = [i for i, (_, st, t) in enumerate(group) if _proposition(st, t)]
        if not good:
            good = [i for i, (_, _, t) in enumerate(group) if not refutes(t)] or list(
                range(len(group))
            )
        if len(good) == 1 or len(group) == 1:
            return texts[good[0]]
        from .cluster import similarity_matrix

        sim = similarity_matrix(texts, embeddings=self.embeddings)
        return texts[max(good, key=lambda i: (float(sim[i].sum()), len(texts[i])))]

    def _terms(self, e: _Entry, extra: Sequence[str] = ()) -> frozenset[str]:
        """The claim's key words: its text's, and those shared by two of its members."""
        df: Counter[str] = Counter()
        for k in e.members:
            df.update(set(self._index.tf.get(k, ())))
        for t in extra:
            df.update(set(content_tokens(t)))
        shared = {t for t, c in df.items() if c >= 2}
        return frozenset(content_tokens(e.text)) | shared

    def add(self, analysis: Analysis) -> list[Claim]:
        """Group this article's statements into existing or new claims.

        Adding an article again replaces its earlier members. Returns the claims created
        or changed (claims left empty by a re-add are dropped from the book).
        """
        aid = analysis.article.id
        changed: dict[str, _Entry] = {}
        for key in [k for k in self._claim_of if k.rsplit(":", 1)[0] == aid]:
            self._remove_member(key, changed)
        items = []
        for st in analysis.statements:
            text = statement_text(st)
            if normalize(text):
                items.append((member_key(aid, st.id), st, text))
        if not items:
            return [e.freeze() for e in changed.values() if e.id in self._entries]
        main, independent = self._split_article(items)
        placed = [self._place([items[i] for i in idx], changed) for idx in independent]
        if main:
            group = [items[i] for i in main]
            target = None
            if placed and not any(_proposition(st, t) for _, st, t in group):
                # only denials, calls, questions and anaphors: they bear on a claim the
                # article states, unless they match one the book already holds
                entry, score = self._match([t for _, _, t in group])
                if entry is None or score < self.threshold:
                    target = self._closest(group, placed)
            self._place(group, changed, target)
        return [e.freeze() for e in changed.values() if e.id in self._entries]

    def _closest(self, group: list[tuple[str, Statement, str]], entries: list[_Entry]) -> _Entry:
        from .cluster import similarity_matrix

        texts = [t for _, _, t in group]
        heads = [e.text for e in entries]
        sim = similarity_matrix([*texts, *heads], embeddings=self.embeddings)
        scores = sim[: len(texts), len(texts) :].mean(axis=0)
        return entries[int(np.argmax(scores))]

    def _place(
        self,
        group: list[tuple[str, Statement, str]],
        changed: dict[str, _Entry],
        entry: _Entry | None = None,
    ) -> _Entry:
        texts = [t for _, _, t in group]
        if entry is None:
            entry, score = self._match(texts)
            if entry is None or score < self.threshold:
                entry = _Entry(id=self._new_id(group[0][0]), text=self._pick_text(group))
                self._entries[entry.id] = entry
                self._put_text("claim:" + entry.id, entry.text, entry.id)
        terms = self._terms(entry, texts)
        for key, st, text in group:
            stance, conf = member_stance(entry.text, terms, st)
            entry.members[key] = ClaimStatement(key.rsplit(":", 1)[0], st.id, stance, conf)
            self._claim_of[key] = entry.id
            self._put_text(key, text, entry.id)
        changed[entry.id] = entry
        return entry

    # --- what people do ----------------------------------------------------------------

    def track(self, text: str) -> Claim:
        """A claim the user names; statements added later that match it join it."""
        if not normalize(text):
            raise ClaimsError("cannot track an empty claim")
        cid = _claim_id("track:" + normalize(text))
        if cid not in self._entries:
            self._entries[cid] = _Entry(id=cid, text=text.strip(), tracked=True)
            self._put_text("claim:" + cid, text, cid)
        return self._entries[cid].freeze()

    def merge(self, keep_id: str, other_id: str) -> Claim:
        """Move every member of ``other_id`` into ``keep_id``; ``other_id`` is gone after."""
        keep, other = self._entry(keep_id), self._entry(other_id)
        if keep is other:
            return keep.freeze()
        for key, m in other.members.items():
            keep.members[key] = m
            self._claim_of[key] = keep.id
        keep.tracked = keep.tracked or other.tracked
        self._drop_entry(other)
        self._reindex_claim(keep)
        return keep.freeze()

    def split(self, claim_id: str, member_keys: Sequence[str]) -> tuple[Claim, Claim]:
        """Move ``member_keys`` out of a claim into a new one; returns (rest, new)."""
        e = self._entry(claim_id)
        keys = list(dict.fromkeys(member_keys))
        if not keys:
            raise ClaimsError("split needs at least one member to move")
        missing = [k for k in keys if k not in e.members]
        if missing:
            raise ClaimsError(f"not members of claim {claim_id}: {', '.join(missing)}")
        new = _Entry(id=self._new_id("split:" + keys[0]), text=self._texts.get(keys[0], ""))
        for k in keys:
            new.members[k] = e.members.pop(k)
            self._claim_of[k] = new.id
        if e.members and not e.tracked and e.text in {self._texts.get(k) for k in keys}:
            e.text = self._texts[next(iter(e.members))]
            self._put_text("claim:" + e.id, e.text, e.id)
        self._entries[new.id] = new
        self._put_text("claim:" + new.id, new.text, new.id)
        self._reindex_claim(e)
        self._reindex_claim(new)
        return e.freeze(), new.freeze()
