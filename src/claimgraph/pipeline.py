"""The one-article pipeline: text -> spaCy -> attribution -> :class:`Analysis`.

``analyze`` handles one text; ``analyze_many`` streams articles through ``nlp.pipe``
in batches. Results hold no spaCy objects.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from itertools import islice
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .model import Analysis, Article
from .stopping import checkpoint, stop_requested

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def _as_article(item: str | Article) -> Article:
    return item if isinstance(item, Article) else Article(text=item)


# The marks counted against CLAIMGRAPH_MAX_QUOTE_MARKS: every mark that can open a
# quotation, but not ’ and ' (apostrophes in ordinary prose).
_QUOTE_MARK = re.compile(r"``|''|[\"“”„«»‹›‘]")


def quote_marks(text: str) -> int:
    """How many quotation marks ``text`` holds (apostrophes aside)."""
    return sum(1 for _ in _QUOTE_MARK.finditer(text))


def check_quote_marks(text: str, where: str, *, max_quote_marks: int | None = None) -> None:
    """Refuse text with more quotation marks than the setting allows."""
    if max_quote_marks is None:
        from .config import get_settings

        max_quote_marks = get_settings().max_quote_marks
    if len(text) <= max_quote_marks:
        return  # too short to hold that many
    n = quote_marks(text)
    if n > max_quote_marks:
        raise InputError(
            f"the article has {n:,} quotation marks, over the limit of {max_quote_marks:,} "
            "(set CLAIMGRAPH_MAX_QUOTE_MARKS to raise it)",
            where=where,
        )


def check_article(
    article: Article, *, max_chars: int | None = None, max_quote_marks: int | None = None
) -> None:
    """Refuse what cannot be analysed, with a message naming the article."""
    if max_chars is None:
        from .config import get_settings

        max_chars = get_settings().max_chars
    where = article.source or article.id[:12]
    if not article.text.strip():
        raise InputError("the article is empty (no text to analyse)", where=where)
    if len(article.text) > max_chars:
        raise InputError(
            f"the article has {len(article.text):,} characters, over the limit of "
            f"{max_chars:,} (set CLAIMGRAPH_MAX_CHARS to raise it)",
            where=where,
        )
    check_quote_marks(article.text, where, max_quote_marks=max_quote_marks)


def analysis_from_doc(doc: Doc, article: Article) -> Analysis:
    """Read the attribution component's results off an annotated ``doc``."""
    from .attribution.component import results

    statements, entities = results(doc)
    return Analysis(article=article, statements=statements, entities=entities)


def _parse(nlp: Language, text: str) -> Doc:
    if not stop_requested():
        return nlp(text)
    checkpoint()
    doc = nlp.make_doc(text)
    for _name, step in nlp.pipeline:
        checkpoint()
        doc = step(doc)
    return doc


def analyze(
    text: str | Article, *, nlp: Language | None = None, max_chars: int | None = None
) -> Analysis:
    """Every attributed statement in one article."""
    article = _as_article(text)
    check_article(article, max_chars=max_chars)
    if nlp is None:
        from . import nlp as nlp_mod

        nlp = nlp_mod.load()
    return analysis_from_doc(_parse(nlp, article.text), article)


def analyze_many(
    items: Iterable[str | Article],
    *,
    nlp: Language | None = None,
    batch_size: int = 32,
    max_chars: int | None = None,
) -> Iterator[Analysis]:
    """Analyse many articles in spaCy batches, in order.

    Articles that cannot be analysed raise :class:`InputError` when reached; use
    :func:`claimgraph.pipeline.check_article` first to filter them in a batch.
    """
    if nlp is None:
        from . import nlp as nlp_mod

        nlp = nlp_mod.load()
    articles = (_as_article(i) for i in items)

    def checked() -> Iterator[tuple[str, Article]]:
        for a in articles:
            check_article(a, max_chars=max_chars)
            yield a.text, a

    # one spaCy memory zone per batch: the strings and vocabulary entries the batch adds
    # are freed once its analyses (plain data) are out, so a long run does not grow
    pairs = checked()
    while chunk := list(islice(pairs, batch_size)):
        with memory_zone(nlp):
            done = [
                analysis_from_doc(doc, article)
                for doc, article in nlp.pipe(chunk, as_tuples=True, batch_size=batch_size)
            ]
        yield from done


def memory_zone(nlp: Language) -> AbstractContextManager[Any]:
    """``nlp.memory_zone()`` (spaCy >= 3.8): what the pipeline adds to its string store
    and vocabulary inside the block is freed at its end. No ``Doc`` made inside may be
    used after it."""
    zone = getattr(nlp, "memory_zone", None)
    return zone() if zone is not None else nullcontext()
