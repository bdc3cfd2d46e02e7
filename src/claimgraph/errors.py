"""Coded exceptions. The CLI prints ``error: [CG###] message`` and exits non-zero;
the API returns ``{"error": {"code": ..., "message": ...}}``.

Codes by stage: 1xx input and ingest, 2xx models and NLP, 3xx store, 4xx serve,
5xx batch, 6xx evaluation, 7xx claims, 8xx training.
"""

from __future__ import annotations


class ClaimgraphError(Exception):
    """Base of every error claimgraph raises on purpose."""

    code = "CG000"
    exit_code = 1

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"[{self.code}] {text}"

    def to_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "message": self.message, "where": self.where}


class InputError(ClaimgraphError):
    """An input could not be read as an article (empty, binary, wrong encoding, too big)."""

    code = "CG100"
    exit_code = 2


class IngestError(InputError):
    """A record in an ingest source is malformed; the batch goes on without it."""

    code = "CG110"


class FetchError(InputError):
    """A URL could not be fetched, or was refused (private address, too big, redirects)."""

    code = "CG120"


class ModelError(ClaimgraphError):
    """A spaCy pipeline or a learned model is missing or unusable."""

    code = "CG200"
    exit_code = 3


class LanguageError(ModelError):
    """No word lists for the language asked for (:mod:`claimgraph.lang`)."""

    code = "CG210"


class StoreError(ClaimgraphError):
    """The store could not be opened, read or written."""

    code = "CG300"
    exit_code = 4


class NotFoundError(ClaimgraphError):
    """Something asked for by id or name is not in the store."""

    code = "CG310"
    exit_code = 4


class ServeError(ClaimgraphError):
    code = "CG400"


class BatchError(ClaimgraphError):
    code = "CG500"


class EvalError(ClaimgraphError):
    """An evaluation corpus is missing or malformed, or a gate floor was not met."""

    code = "CG600"
    exit_code = 5


class ClaimsError(ClaimgraphError):
    code = "CG700"


class TrainingError(ClaimgraphError):
    """A model could not be trained, tuned or averaged: a missing input, base model or
    optional dependency, or an inconsistent setting (:mod:`claimgraph.training`)."""

    code = "CG800"
    exit_code = 6
