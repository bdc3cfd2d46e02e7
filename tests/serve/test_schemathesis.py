"""schemathesis over the OpenAPI schema: generated requests to every operation, bounded.

Required: no server error (5xx) anywhere, and every response matches the schema
(status code, content type, body). Run over a real store holding the fictional corpus.
"""

from __future__ import annotations

import atexit
import os
import tempfile
from pathlib import Path
from typing import Any

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


def _app() -> Any:
    # built at import (schemathesis reads the schema then; its pytest fixture loader does
    # not work with pytest 9): a store of its own in a temp dir, read-write on loopback
    # without a token, so that POST /api/articles really analyses and stores
    tmp = tempfile.TemporaryDirectory(prefix="claimgraph-schemathesis-")
    atexit.register(tmp.cleanup)
    db = corpus_mod.build(Path(tmp.name) / "st.db").path
    return create_app(db, allow_write=True, analyzer=quote_analyzer)


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
