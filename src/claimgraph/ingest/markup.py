"""A fragment of HTML (a feed item's content) -> plain text with paragraph breaks."""

from __future__ import annotations

import html as htmllib
import re

_BLOCK = re.compile(r"(?i)<\s*(?:br|/p|/div|/li|/h[1-6]|/blockquote|/tr)\b[^>]*>")
_TAG = re.compile(r"(?s)<[^>]+>")
_SCRIPT = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANKS = re.compile(r"\n\s*\n+|\n")


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment: tags dropped, entities decoded, one blank line between
    paragraphs. Plain text passes through (whitespace tidied)."""
    s = _SCRIPT.sub(" ", fragment)
    s = _BLOCK.sub("\n", s)
    s = _TAG.sub(" ", s)
    s = htmllib.unescape(s)
    lines = [_SPACES.sub(" ", ln).strip() for ln in s.split("\n")]
    paras = [ln for ln in lines if ln]
    return "\n\n".join(paras) + ("\n" if paras else "")
