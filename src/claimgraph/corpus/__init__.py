"""The corpus: ingest -> analyse -> claims -> store, as one library call.

:func:`ingest` reads sources (see :mod:`claimgraph.ingest.sources`), analyses each new
article, groups its statements into claims and stores it, one transaction per article.
:class:`ClaimKeeper` keeps the claims of a store in step with :mod:`claimgraph.claims`
(track, merge, split). :func:`load_demo` loads the demo corpus shipped in the package.
"""

from .claims import ClaimKeeper
from .demo import DEMO_PATH, load_demo
from .ingest import Analyzer, IngestReport, ingest, ingest_records, spacy_analyzer

__all__ = [
    "DEMO_PATH",
    "Analyzer",
    "ClaimKeeper",
    "IngestReport",
    "ingest",
    "ingest_records",
    "load_demo",
    "spacy_analyzer",
]
