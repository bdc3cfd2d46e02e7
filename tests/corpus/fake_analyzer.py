"""A stand-in for the spaCy pipeline in subprocess tests: fast and deterministic.

``Name Surname said that X.`` and ``Name Surname denied that X.`` become statements.
``CG_FAKE_DELAY`` (seconds per article) slows it down so a test can kill it mid-batch.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator, Sequence

from claimgraph.model import Analysis, Article, Kind, Span, Speaker, SpeakerType, Stance, Statement

PATTERN = re.compile(r"([A-Z][a-z]+(?: [A-Z][a-z]+)*) (said|denied) that ([^.]+)\.")


def analyze_one(article: Article) -> Analysis:
    out = []
    for i, m in enumerate(PATTERN.finditer(article.text), start=1):
        out.append(
            Statement(
                id=f"S{i}",
                kind=Kind.INDIRECT,
                content=Span.of(article.text, m.start(3), m.end(3)),
                speaker=Speaker(
                    Span.of(article.text, m.start(1), m.end(1)), m.group(1), SpeakerType.PERSON
                ),
                cue=Span.of(article.text, m.start(2), m.end(2)),
                stance=Stance.DENIES if m.group(2) == "denied" else Stance.ASSERTS,
            )
        )
    return Analysis(article=article, statements=tuple(out))


def analyze_batch(articles: Sequence[Article]) -> Iterator[Analysis]:
    delay = float(os.environ.get("CG_FAKE_DELAY", "0"))
    for a in articles:
        if "EXPLODE" in a.text:
            raise RuntimeError("the engine choked")
        time.sleep(delay)
        yield analyze_one(a)
