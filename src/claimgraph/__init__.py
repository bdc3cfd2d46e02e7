"""claimgraph: who said what in the news.

>>> import claimgraph
>>> analysis = claimgraph.analyze("“We will win,” the mayor said.")  # doctest: +SKIP
>>> [s.content.text for s in analysis.statements]  # doctest: +SKIP
['We will win,']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .model import Analysis, Article


def analyze(text: str | Article, **kwargs: Any) -> Analysis:
    """Find every attributed statement in one article (see :func:`claimgraph.pipeline.analyze`)."""
    from .pipeline import analyze as _analyze

    return _analyze(text, **kwargs)


__all__ = ["__version__", "analyze"]
