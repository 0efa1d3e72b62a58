"""Serving the built single-page web UI: files as they are (precompressed when the browser takes it), index.html
for the app's own routes, and caching that suits each: hashed assets for a year, the app shell never stale."""

from __future__ import annotations

import stat as stat_module
from mimetypes import guess_type
from pathlib import Path

import anyio
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

API_PREFIXES = ("/api/", "/docs", "/redoc", "/openapi.json", "/healthz", "/readyz")
# What `nuxt generate` writes beside each asset (nitro's compressPublicAssets), best first.
PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))
IMMUTABLE = "public, max-age=31536000, immutable"  # a file under /_nuxt/ has its content's hash in its name


def _accepted(scope: Scope) -> set[str]:
    """The content codings the request accepts (``Accept-Encoding``, leaving out those given q=0)."""
    accepted = set()
    for part in Headers(scope=scope).get("accept-encoding", "").split(","):
        coding, _, params = part.strip().partition(";")
        try:
            weight = float(params.replace(" ", "").removeprefix("q=")) if params.strip() else 1.0
        except ValueError:
            weight = 1.0
        if coding and weight > 0:
            accepted.add(coding.strip().lower())
    return accepted


class SinglePageApp(StaticFiles):
    async def get_response(self, path: str, scope: Scope) -> Response:
        if path.endswith(tuple(suffix for _, suffix in PRECOMPRESSED)):
            raise HTTPException(status_code=404)  # served in place of their original only
        if path in ("", "."):
            path = "index.html"  # the site's root: the app shell, which is worth compressing like any asset
        try:
            response = await self._file(path, scope)
        except HTTPException as exc:
            # A client-side route such as /openings/12 has no file; the app's index.html handles it.
            if exc.status_code != 404 or scope["path"].startswith(API_PREFIXES) or "." in path.rsplit("/", 1)[-1]:
                raise
            response = await self._file("index.html", scope)
        if response.status_code < 400:
            if path.startswith("_nuxt/"):
                response.headers["Cache-Control"] = IMMUTABLE
                response.headers["Vary"] = "Accept-Encoding"
            elif response.headers.get("content-type", "").startswith("text/html"):
                response.headers["Cache-Control"] = "no-cache"  # always revalidated: a new release shows at once
            else:
                response.headers.setdefault("Cache-Control", "public, max-age=3600")
        return response

    async def _file(self, path: str, scope: Scope) -> Response:
        return await self._precompressed(path, scope) or await super().get_response(path, scope)

    async def _precompressed(self, path: str, scope: Scope) -> Response | None:
        accepted = _accepted(scope)
        for coding, suffix in PRECOMPRESSED:
            if coding not in accepted:
                continue
            full_path, stat = await anyio.to_thread.run_sync(self.lookup_path, path + suffix)
            if stat is None or not stat_module.S_ISREG(stat.st_mode):
                continue
            media_type = guess_type(path)[0] or "application/octet-stream"
            response = FileResponse(full_path, stat_result=stat, media_type=media_type)
            response.headers["Content-Encoding"] = coding
            response.headers["Vary"] = "Accept-Encoding"
            return response
        return None


def web_app(directory: Path) -> SinglePageApp | None:
    return SinglePageApp(directory=directory, html=True) if (directory / "index.html").is_file() else None
