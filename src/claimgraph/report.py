"""Plain-text renderings of results for the terminal."""

from __future__ import annotations

import shutil
import textwrap

from .model import Analysis


def _clip(s: str, width: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[: max(1, width - 1)] + "…"


def statements_table(analysis: Analysis) -> str:
    """A readable table: speaker, cue, kind, stance, content."""
    if not analysis.statements:
        return "No attributed statements found."
    width = max(80, min(shutil.get_terminal_size((120, 20)).columns, 160))
    spk_w, cue_w, kind_w, stance_w = 28, 14, 12, 12
    content_w = max(20, width - spk_w - cue_w - kind_w - stance_w - 5)
    head = (
        f"{'SPEAKER':<{spk_w}} {'CUE':<{cue_w}} {'KIND':<{kind_w}} {'STANCE':<{stance_w}} CONTENT"
    )
    lines = [head, "-" * min(width, len(head) + content_w - 7)]
    for s in analysis.statements:
        sp = s.speaker
        if sp is None:
            who = "?"
        else:
            who = sp.name or (sp.mention.text if sp.mention else "?")
            if sp.anonymous and sp.affiliation:
                who = f"{who} ({sp.affiliation})"
            if not sp.resolved:
                who = f"{sp.mention.text if sp.mention else '?'} [{sp.type.value}]"
        if s.relay:
            who += " via " + " via ".join(s.relay)
        cue = s.cue.text if s.cue else "-"
        wrapped = textwrap.wrap(" ".join(s.content.text.split()), content_w) or [""]
        lines.append(
            f"{_clip(who, spk_w):<{spk_w}} {_clip(cue, cue_w):<{cue_w}} "
            f"{s.kind.value:<{kind_w}} {s.stance.value:<{stance_w}} {wrapped[0]}"
        )
        pad = " " * (spk_w + cue_w + kind_w + stance_w + 4)
        lines.extend(pad + w for w in wrapped[1:3])
        if len(wrapped) > 3:
            lines.append(pad + "…")
    lines.append(f"\n{len(analysis.statements)} statements")
    return "\n".join(lines)
