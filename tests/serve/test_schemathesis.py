"""schemathesis over the OpenAPI schema: generated requests to every operation, bounded.

Required: no server error (5xx) anywhere, and every response matches the schema
(status code, content type, body). Run over a real store holding the fictional corpus.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from claimgraph.serve import create_app

from . import corpus as corpus_mod
from .conftest import quote_analyzer

_DB = Path(__file__).resolve().parent.parent / "screenshots" / "_schemathesis.db"


def _app():  # type: ignore[no-untyped-def]
    # a fresh store per session; read-write on loopback without a token, so that
    # POST /api/articles really analyses and stores
    _DB.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{_DB}{suffix}").unlink(missing_ok=True)
    corpus_mod.build(_DB)
    return create_app(_DB, allow_write=True, analyzer=quote_analyzer)


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("CLAIMGRAPH_SCHEMATHESIS_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.filterwarnings("ignore")
def test_api_has_no_server_errors(case: schemathesis.Case) -> None:
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )
