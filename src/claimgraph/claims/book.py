"""The ClaimBook: statements from many articles grouped into claims, with stances.

Incremental: :meth:`ClaimBook.add` takes one article's analysis at a time and puts each
statement into the best-matching existing claim or a new one. Matching is the cosine of
TF-IDF vectors whose document frequencies are kept over every text the book has seen.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..errors import ClaimsError
from ..model import Analysis, Claim, ClaimStatement, Stance, Statement
from .text import content_tokens, normalize

__all__ = ["MATCH_THRESHOLD", "ClaimBook", "member_key", "statement_text"]

#: A statement joins a claim when its similarity to it is at least this.
MATCH_THRESHOLD = 0.3


def member_key(article_id: str, statement_id: str) -> str:
    return f"{article_id}:{statement_id}"


def statement_text(statement: Statement) -> str:
    """The text a statement is matched on: its content (pieces joined)."""
    return " ".join(p.text for p in statement.content_pieces).strip()


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
    """Token counts per text, and document frequencies over all of them."""

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

    def vector(self, counts: Counter[str]) -> dict[str, float]:
        n = len(self.tf) + 1
        v = {
            t: (1.0 + math.log(c)) * (math.log((n + 1) / (self.df.get(t, 0) + 1)) + 1.0)
            for t, c in counts.items()
        }
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {t: x / norm for t, x in v.items()}


def _cos(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


class ClaimBook:
    """Claims over a corpus; see :mod:`claimgraph.claims` for the contract."""

    def __init__(self, *, threshold: float = MATCH_THRESHOLD) -> None:
        self.threshold = threshold
        self._entries: dict[str, _Entry] = {}
        self._texts: dict[str, str] = {}
        self._claim_of: dict[str, str] = {}
        self._index = _Index()

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

    # --- building ----------------------------------------------------------------------

    @classmethod
    def restore(
        cls, claims: Iterable[Claim], member_texts: Mapping[str, str], **kwargs: float
    ) -> ClaimBook:
        """A book holding ``claims`` as they were saved, ready for more :meth:`add` calls."""
        book = cls(**kwargs)
        for c in claims:
            if c.id in book._entries:
                raise ClaimsError(f"claim {c.id} appears twice")
            texts = {member_texts.get(member_key(m.article_id, m.statement_id)) for m in c.members}
            e = _Entry(id=c.id, text=c.text, tracked=not c.members or c.text not in texts)
            book._entries[c.id] = e
            book._index.put("claim:" + c.id, c.text)
            for m in c.members:
                key = member_key(m.article_id, m.statement_id)
                if key in book._claim_of:
                    raise ClaimsError(f"statement {key} is in two claims")
                text = member_texts.get(key, "")
                e.members[key] = m
                book._texts[key] = text
                book._claim_of[key] = c.id
                book._index.put(key, text)
        return book

    def _entry(self, claim_id: str) -> _Entry:
        try:
            return self._entries[claim_id]
        except KeyError:
            raise ClaimsError(f"no claim with id {claim_id!r}") from None

    def _score(self, vec: Mapping[str, float], e: _Entry) -> float:
        best = _cos(vec, self._index.vector(self._index.tf["claim:" + e.id]))
        keys = list(e.members)
        if keys:
            centroid: dict[str, float] = {}
            for k in keys:
                for t, x in self._index.vector(self._index.tf[k]).items():
                    centroid[t] = centroid.get(t, 0.0) + x / len(keys)
            norm = math.sqrt(sum(x * x for x in centroid.values())) or 1.0
            best = max(best, _cos(vec, {t: x / norm for t, x in centroid.items()}))
        return best

    def _best(self, text: str) -> tuple[_Entry | None, float]:
        vec = self._index.vector(Counter(content_tokens(text)))
        best: _Entry | None = None
        best_score = 0.0
        for e in self._entries.values():
            s = self._score(vec, e)
            if s > best_score:
                best, best_score = e, s
        return best, best_score

    def _remove_member(self, key: str, changed: dict[str, _Entry]) -> None:
        cid = self._claim_of.pop(key, None)
        self._texts.pop(key, None)
        self._index.drop(key)
        if cid is None:
            return
        e = self._entries[cid]
        e.members.pop(key, None)
        changed[cid] = e
        if not e.members and not e.tracked:
            del self._entries[cid]
            self._index.drop("claim:" + cid)

    def _member_stance(self, claim_text: str, statement: Statement) -> tuple[Stance, float]:
        return statement.stance, statement.confidence

    def add(self, analysis: Analysis) -> list[Claim]:
        """Group this article's statements into existing or new claims.

        Adding an article again replaces its earlier members. Returns the claims created
        or changed (claims left empty by a re-add are dropped from the book).
        """
        aid = analysis.article.id
        changed: dict[str, _Entry] = {}
        for key in [k for k in self._claim_of if k.rsplit(":", 1)[0] == aid]:
            self._remove_member(key, changed)
        for st in analysis.statements:
            key = member_key(aid, st.id)
            text = statement_text(st)
            if not normalize(text):
                continue
            entry, score = self._best(text)
            if entry is None or score < self.threshold:
                entry = _Entry(id=self._new_id(key), text=text)
                self._entries[entry.id] = entry
                self._index.put("claim:" + entry.id, text)
            stance, conf = self._member_stance(entry.text, st)
            entry.members[key] = ClaimStatement(aid, st.id, stance, conf)
            self._texts[key] = text
            self._claim_of[key] = entry.id
            self._index.put(key, text)
            changed[entry.id] = entry
        return [e.freeze() for e in changed.values() if e.id in self._entries]

    def _new_id(self, seed: str) -> str:
        cid = _claim_id(seed)
        n = 1
        while cid in self._entries:
            cid = _claim_id(f"{seed}#{n}")
            n += 1
        return cid

    def track(self, text: str) -> Claim:
        """A claim the user names; statements added later that match it join it."""
        if not normalize(text):
            raise ClaimsError("cannot track an empty claim")
        cid = _claim_id("track:" + normalize(text))
        if cid not in self._entries:
            self._entries[cid] = _Entry(id=cid, text=text.strip(), tracked=True)
            self._index.put("claim:" + cid, text)
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
        del self._entries[other.id]
        self._index.drop("claim:" + other.id)
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
        if e.text in {self._texts.get(k) for k in keys} and e.members and not e.tracked:
            e.text = self._texts[next(iter(e.members))]
            self._index.put("claim:" + e.id, e.text)
        self._entries[new.id] = new
        self._index.put("claim:" + new.id, new.text)
        return e.freeze(), new.freeze()
