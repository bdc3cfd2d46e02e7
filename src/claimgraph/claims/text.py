"""Text helpers shared by grouping and stance: normalising, tokens, light stemming."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..lang import lexicon

__all__ = ["STOPWORDS", "content_tokens", "normalize", "stem", "words"]

_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)
# letters and digits of any script (after NFKC and lower case), with a trailing 's
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")

STOPWORDS = lexicon().STOPWORDS


def normalize(text: str) -> str:
    """NFKC, straight quotes, lower case, one space between words."""
    t = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return " ".join(t.split())


def words(text: str) -> list[str]:
    """Lower-case word tokens, possessive ``'s`` dropped."""
    out = []
    for w in _WORD.findall(normalize(text)):
        if w.endswith("'s"):
            w = w[:-2]
        out.append(w)
    return out


def stem(word: str) -> str:
    """A deliberately light suffix stripper (enough to match watch/watches, kill/killed)."""
    w = word
    if len(w) <= 3 or w.isdigit():
        return w
    for suf, rep in (
        ("ies", "y"),
        ("sses", "ss"),
        ("ings", ""),
        ("ing", ""),
        ("edly", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            if suf == "s" and w.endswith(("ss", "us", "is")):
                return w
            return w[: len(w) - len(suf)] + rep
    return w


def content_tokens(text: str, extra_stop: Iterable[str] = ()) -> list[str]:
    """Stemmed content words of ``text`` (stop words dropped)."""
    stop = STOPWORDS | frozenset(extra_stop)
    return [stem(w) for w in words(text) if w not in stop and len(w) > 1]
