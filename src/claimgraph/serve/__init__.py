"""REST API and web pages over the store.

``create_app(db_path, token=None, allow_write=False)`` builds the FastAPI app; the
``claimgraph serve`` command runs it with uvicorn. JSON lives under ``/api`` (schema at
``/openapi.json``); pages are rendered on the server with Jinja2, autoescaped.
"""

from .app import create_app

__all__ = ["create_app"]
