"""The list filters a URL carries (``?from=&to=&outlet=&stance=&speaker_type=``), for
the pages and the JSON API alike."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Query

from ..errors import InputError
from ..model import SpeakerType, Stance
from ..store import filters as flt

__all__ = ["FiltersDep", "page_filters"]


_FROM = "published on or after (YYYY-MM-DD)"
_TO = "published on or before (YYYY-MM-DD)"


def page_filters(
    date_from: Annotated[str | None, Query(alias="from", max_length=32, description=_FROM)] = None,
    date_to: Annotated[str | None, Query(alias="to", max_length=32, description=_TO)] = None,
    outlet: Annotated[str | None, Query(max_length=300, description="the article's outlet")] = None,
    stance: Annotated[str | None, Query(max_length=40, description="asserts, denies, ...")] = None,
    speaker_type: Annotated[
        str | None, Query(max_length=40, description="person, organization, group, ...")
    ] = None,
) -> flt.Filters:
    """The list filters in a page's URL (``?from=&to=&outlet=&stance=&speaker_type=``);
    a blank field is no filter, a bad one a 400 naming it."""
    from datetime import date

    def day(value: str | None, name: str) -> str | None:
        value = (value or "").strip()
        if not value:
            return None
        try:
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError as exc:
            raise InputError(f"{value!r} is not a date (YYYY-MM-DD)", where=name) from exc

    def choice(value: str | None, kind: type[Stance] | type[SpeakerType], name: str) -> Any:
        value = (value or "").strip()
        if not value:
            return None
        try:
            return kind(value)
        except ValueError as exc:
            known = ", ".join(k.value for k in kind)
            raise InputError(f"{value!r} is not one of {known}", where=name) from exc

    return flt.Filters(
        date_from=day(date_from, "from"),
        date_to=day(date_to, "to"),
        outlet=(outlet or "").strip() or None,
        stance=choice(stance, Stance, "stance"),
        speaker_type=choice(speaker_type, SpeakerType, "speaker_type"),
    )


FiltersDep = Annotated[flt.Filters, Depends(page_filters)]
