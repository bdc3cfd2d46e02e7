"""The layout of a claim's stance timeline: who said what about it, and when.

One row per speaker (in order of their first statement), dates along x, one marker per
statement, coloured and shaped by stance. Statements without a date go in a column of
their own at the right. This module computes coordinates only; the template
``_timeline.svg.html`` draws them, so every label passes through autoescaping.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from ..model import Stance
from ..store.views import ClaimEntry
from .highlight import speaker_label

__all__ = ["STANCE_STYLE", "Chart", "Point", "Row", "Tick", "layout", "parse_date"]

# stance -> (css class, legend label); shapes are drawn by class in the template.
STANCE_STYLE: dict[Stance, tuple[str, str]] = {
    Stance.ASSERTS: ("asserts", "asserts"),
    Stance.SUPPORTS: ("supports", "supports"),
    Stance.DENIES: ("denies", "denies"),
    Stance.QUESTIONS: ("questions", "questions"),
    Stance.CALLS_FOR_INVESTIGATION: ("investigate", "calls for investigation"),
    Stance.CALLS_FOR_ACTION: ("action", "calls for action"),
    Stance.NEUTRAL: ("neutral", "neutral"),
}

LABEL_W = 215  # room for speaker names on the left
PLOT_W = 760
UNDATED_W = 70
ROW_H = 30
TOP = 34  # room for the date axis
BOTTOM = 12
MAX_ROWS = 40


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    stance: str  # css class
    stance_label: str
    title: str
    href: str


@dataclass(frozen=True)
class Row:
    y: float
    label: str
    href: str | None


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    top: int
    rows: tuple[Row, ...]
    points: tuple[Point, ...]
    ticks: tuple[Tick, ...]
    undated_x: float | None
    hidden_rows: int  # speakers left out beyond MAX_ROWS
    legend: tuple[tuple[str, str], ...]  # (css class, label) of the stances shown


def parse_date(value: str | None) -> date | None:
    """The calendar date of an ISO 8601 date or datetime; None when absent or unreadable."""
    if not value:
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _ticks(lo: date, hi: date, left: float, right: float) -> list[Tick]:
    span = (hi - lo).days
    if span == 0:
        return [Tick((left + right) / 2, lo.isoformat())]
    n = min(span, 6)
    out: dict[date, Tick] = {}  # rounding may repeat a day; keep it once
    for i in range(n + 1):
        d = date.fromordinal(lo.toordinal() + round(span * i / n))
        out[d] = Tick(left + (right - left) * (d - lo).days / span, d.isoformat())
    return list(out.values())


def layout(entries: Sequence[ClaimEntry], *, speaker_href: bool = True) -> Chart:
    """Coordinates for ``entries`` (a claim's timeline, any order)."""
    dated = [(parse_date(e.record.date), e) for e in entries]
    days = [d for d, _ in dated if d is not None]
    has_undated = any(d is None for d, _ in dated)

    # rows: speakers by first appearance (dated first, by date; then undated)
    def sort_key(item: tuple[date | None, ClaimEntry]) -> tuple[int, int]:
        d, _ = item
        return (0, d.toordinal()) if d is not None else (1, 0)

    order: dict[str, int] = {}
    ids: dict[str, int | None] = {}
    for _, e in sorted(dated, key=sort_key):
        name = e.record.speaker or speaker_label(e.record.statement)
        if name not in order:
            order[name] = len(order)
            ids[name] = e.record.entity_id
    shown = [n for n in order if order[n] < MAX_ROWS]

    plot_left = LABEL_W
    plot_right = LABEL_W + PLOT_W
    # undated statements get a column of their own at the right, or the middle of the
    # plot when nothing is dated
    extra = has_undated and bool(days)
    undated_x: float | None = None
    if has_undated:
        undated_x = plot_right + UNDATED_W / 2 if extra else (plot_left + plot_right) / 2
    width = plot_right + (UNDATED_W if extra else 0) + 10
    height = TOP + ROW_H * max(1, len(shown)) + BOTTOM

    rows = tuple(
        Row(
            y=TOP + ROW_H * i + ROW_H / 2,
            label=name,
            href=f"/speakers/{ids[name]}" if speaker_href and ids[name] is not None else None,
        )
        for i, name in enumerate(shown)
    )
    row_y = {r.label: r.y for r in rows}

    lo = min(days) if days else None
    hi = max(days) if days else None
    inner_left, inner_right = plot_left + 24, plot_right - 40
    ticks = _ticks(lo, hi, inner_left, inner_right) if lo and hi else []

    def x_of(d: date | None) -> float:
        if d is None or lo is None or hi is None:
            return undated_x or (inner_left + inner_right) / 2
        if hi == lo:
            return (inner_left + inner_right) / 2
        return inner_left + (inner_right - inner_left) * (d - lo).days / (hi - lo).days

    points: list[Point] = []
    stacked: dict[tuple[str, float], int] = {}
    used: set[Stance] = set()
    for d, e in dated:
        name = e.record.speaker or speaker_label(e.record.statement)
        if name not in row_y:
            continue
        x = x_of(d)
        k = stacked.get((name, x), 0)
        stacked[(name, x)] = k + 1
        css, label = STANCE_STYLE.get(e.stance, ("neutral", e.stance.value))
        used.add(e.stance)
        rec = e.record
        where = rec.article.outlet or rec.article.title or rec.article.id[:12]
        title = (
            f"{name} {label} ({d.isoformat() if d else 'undated'}, {where}): "
            f"“{_clip(rec.statement.content.text, 160)}”"
        )
        again = sum(1 for a in e.reprinted_in if a.id == rec.article.id)
        reprints = len(e.reprinted_in) - again
        if again:
            title += f" (and {again} more time{'s' if again > 1 else ''} in this article)"
        if reprints:
            title += f" (reprinted in {reprints} more article{'s' if reprints > 1 else ''})"
        points.append(
            Point(
                x=x + 18 * k,  # markers on the same day and row sit side by side
                y=row_y[name],
                stance=css,
                stance_label=label,
                title=title,
                href=f"/articles/{rec.article.id}#{rec.statement.id}",
            )
        )
    legend = tuple(v for s, v in STANCE_STYLE.items() if s in used)
    return Chart(
        width=int(width),
        height=int(height),
        plot_left=plot_left,
        plot_right=plot_right,
        top=TOP,
        rows=rows,
        points=tuple(points),
        ticks=tuple(ticks),
        undated_x=undated_x,
        hidden_rows=len(order) - len(shown),
        legend=legend,
    )


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
