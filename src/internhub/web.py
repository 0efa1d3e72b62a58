"""Serving the built single-page web UI: files as they are, and index.html for the app's own routes."""

from __future__ import annotations

from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

API_PREFIXES = ("/api/", "/docs", "/redoc", "/openapi.json", "/healthz", "/readyz")


class SinglePageApp(StaticFiles):
    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            return await super().get_response(path, scope)
        except HTTPException as exc:
            # A client-side route such as /openings/12 has no file; the app's index.html handles it.
            if exc.status_code != 404 or scope["path"].startswith(API_PREFIXES) or "." in path.rsplit("/", 1)[-1]:
                raise
            return await super().get_response("index.html", scope)


def web_app(directory: Path) -> SinglePageApp | None:
    return SinglePageApp(directory=directory, html=True) if (directory / "index.html").is_file() else None
