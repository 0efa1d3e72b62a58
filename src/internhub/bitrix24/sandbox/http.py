"""The portal over HTTP: REST (incoming webhook and OAuth) and the OAuth token endpoint."""

from __future__ import annotations

import json
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from internhub.bitrix24.phpquery import parse_query

from .context import CallContext
from .errors import RestError, method_not_found
from .portal import SandboxPortal


async def read_params(request: Request) -> dict[str, Any]:
    """Query string plus body; the body is JSON or a form with PHP-style bracketed keys."""
    params: dict[str, Any] = parse_query(request.url.query)
    raw = await request.body()
    if not raw:
        return params
    content_type = request.headers.get("content-type", "")
    if "json" in content_type or raw.lstrip()[:1] in (b"{", b"["):
        try:
            body = json.loads(raw)
        except ValueError as exc:
            raise RestError(400, "INVALID_REQUEST", "Request body is not valid JSON") from exc
        if isinstance(body, dict):
            params.update(body)
        return params
    params.update(parse_query(raw.decode("utf-8", errors="replace")))
    return params


def _error(exc: RestError) -> JSONResponse:
    return JSONResponse(exc.body(), status_code=exc.status)


def _unavailable() -> Response:
    # What a client sees while the portal is down for maintenance: an HTML 503 from the balancer.
    return PlainTextResponse("503 Service Temporarily Unavailable", status_code=503)


def create_app(portal: SandboxPortal) -> Starlette:
    """An ASGI app serving ``portal`` at ``/rest/...`` and ``/oauth/token/``."""

    async def rest(request: Request) -> Response:
        if portal.is_down:
            return _unavailable()
        segments = [s for s in request.path_params["path"].split("/") if s]
        try:
            if len(segments) not in (1, 3):
                raise method_not_found()
            method = segments[-1].removesuffix(".json")
            portal.admit()
            params = await read_params(request)
            ctx: CallContext
            if len(segments) == 3:
                ctx = portal.authenticate_webhook(segments[0], segments[1])
            else:
                ctx = portal.authenticate_token(params.get("auth") or params.get("access_token"))
            params.pop("auth", None)
            answer = portal.run(method, params, ctx)
        except RestError as exc:
            return _error(exc)
        return JSONResponse(answer)

    async def token(request: Request) -> Response:
        if portal.is_down:
            return _unavailable()
        try:
            params = await read_params(request)
            with portal.lock:
                return JSONResponse(portal.oauth.token_endpoint(params))
        except RestError as exc:
            return _error(exc)

    routes = [
        Route("/rest/{path:path}", rest, methods=["GET", "POST"]),
        Route("/oauth/token/", token, methods=["GET", "POST"]),
        Route("/oauth/token", token, methods=["GET", "POST"]),
    ]
    app = Starlette(routes=routes)
    app.state.portal = portal
    return app
