"""Rendering templates: one Jinja2 environment, autoescaping on for every template."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse

from .highlight import describe, speaker_label
from .present import stance_class, stance_label

__all__ = ["environment", "render"]


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("claimgraph.serve", "templates"),
        autoescape=True,  # every template, whatever its name: article text is untrusted
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates ship with the package: no stat() per render
    )
    env.globals.update(
        first_line=first_line,
        speaker_label=speaker_label,
        describe=describe,
        stance_class=stance_class,
        stance_label=stance_label,
    )
    return env


def first_line(text: str, limit: int = 120) -> str:
    """The first non-blank line of a text, clipped: a heading for an untitled article."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            return line if len(line) <= limit else line[: limit - 1] + "…"
    return ""


def render(request: Request, name: str, *, status: int = 200, **values: Any) -> HTMLResponse:
    values.setdefault("q", None)
    html = environment().get_template(name).render(request=request, **values)
    return HTMLResponse(html, status_code=status)
