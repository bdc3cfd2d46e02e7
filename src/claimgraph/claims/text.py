"""Text helpers shared by grouping and stance: normalising, tokens, light stemming."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["STOPWORDS", "content_tokens", "normalize", "stem", "words"]

_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

_STOP = """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves said says say saying told tells new news report reports reported
    according via after amid us"""
STOPWORDS = frozenset(_STOP.split())


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
