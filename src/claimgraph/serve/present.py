"""Small pure helpers shared by the JSON API and the pages: stance labels and groups,
a claim's stance breakdown, pagination links, and which URLs are safe to link to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar
from urllib.parse import urlencode, urlsplit

from ..claims.story import DENYING, SUPPORTING
from ..model import Stance
from ..store.views import ClaimEntry, ClaimView
from .timeline import STANCE_STYLE

T = TypeVar("T")

__all__ = [
    "Page",
    "breakdown",
    "safe_url",
    "sides",
    "speaker_key",
    "stance_class",
    "stance_label",
]


def speaker_key(ref: str) -> int | str | None:
    """A speaker reference from a URL: an entity id (ASCII digits) or a name; None if blank."""
    ref = ref.strip()
    if not ref:
        return None
    return int(ref) if ref.isascii() and ref.isdigit() and len(ref) < 18 else ref


def stance_class(stance: Stance | str) -> str:
    s = Stance(stance)
    return STANCE_STYLE[s][0]


def stance_label(stance: Stance | str) -> str:
    s = Stance(stance)
    return STANCE_STYLE[s][1]


def breakdown(view: ClaimView) -> dict[str, int]:
    """Statements per stance in a claim's whole timeline (a reprinted statement counts
    once), whichever window of it the view holds (:meth:`Store.claim` counts them)."""
    return dict(view.breakdown)


def sides(
    entries: Sequence[ClaimEntry],
) -> tuple[list[ClaimEntry], list[ClaimEntry], list[ClaimEntry]]:
    """Supporters (asserts, supports), deniers, and the rest, each oldest first."""
    sup = [e for e in entries if e.stance in SUPPORTING]
    den = [e for e in entries if e.stance in DENYING]
    rest = [e for e in entries if e.stance not in SUPPORTING and e.stance not in DENYING]
    return sup, den, rest


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL, else None (never link ``javascript:``)."""
    if not url:
        return None
    u = url.strip()
    try:
        parts = urlsplit(u)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(c in u for c in "\r\n\t\x00 "):
        return None
    return u


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list; fetched with one extra item to know whether more follow."""

    items: list[T]
    limit: int
    offset: int
    total: int | None
    path: str
    params: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(
        cls,
        fetched: list[T],
        *,
        limit: int,
        offset: int,
        path: str,
        total: int | None = None,
        params: dict[str, str | None] | None = None,
    ) -> Page[T]:
        kept = tuple((k, v) for k, v in (params or {}).items() if v is not None)
        more = len(fetched) > limit
        items = fetched[:limit]
        if total is None and not more:
            total = offset + len(items)
        return cls(items, limit, offset, total, path, kept)

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def has_next(self) -> bool:
        if self.total is not None:
            return self.offset + len(self.items) < self.total
        return len(self.items) == self.limit

    def _url(self, offset: int) -> str:
        q = [*self.params, ("limit", str(self.limit)), ("offset", str(offset))]
        return f"{self.path}?{urlencode(q)}"

    @property
    def next_url(self) -> str | None:
        return self._url(self.offset + self.limit) if self.has_next and self.items else None

    @property
    def prev_url(self) -> str | None:
        return self._url(max(0, self.offset - self.limit)) if self.offset > 0 else None

    def to_dict(self, items: Sequence[object]) -> dict[str, object]:
        return {
            "items": list(items),
            "limit": self.limit,
            "offset": self.offset,
            "total": self.total,
            "next": self.next_url,
        }
