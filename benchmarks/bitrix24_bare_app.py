"""The yardstick of the webhook ingest benchmark: an endpoint at the same path that only answers 200.

It reads the body (a server has to take it off the socket anyway) and does nothing else: no parsing, no
token check, no database. Served by the same uvicorn settings as the API.

    uv run python -m uvicorn --app-dir benchmarks bitrix24_bare_app:app
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


async def events(request: Request) -> Response:
    await request.body()
    return JSONResponse({"status": "accepted"})


async def health(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


app = Starlette(
    routes=[Route("/api/v1/bitrix24/events", events, methods=["POST"]), Route("/health", health, methods=["GET"])]
)
