"""The portal over HTTP: REST (incoming webhook and OAuth) and the OAuth token endpoint."""

from __future__ import annotations

import html
import json
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from internhub.bitrix24.phpquery import parse_query

from .apps import FrameRequest
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


# The cards of CRM records and the placement of the tab an application adds to each (crm/detail-tab.md).
CARD_TABS = {"deal": "CRM_DEAL_DETAIL_TAB", "contact": "CRM_CONTACT_DETAIL_TAB", "company": "CRM_COMPANY_DETAIL_TAB"}


def frames_page(title: str, requests: list[FrameRequest]) -> HTMLResponse:
    """A portal page showing applications in frames: each frame is opened with the POST the portal makes (a form
    aimed at the frame, sent as the page loads). The portal's own JS library, which carries BX24.resizeWindow from
    the frame, is not part of the sandbox."""
    parts = [f"<!doctype html><html lang='ru'><meta charset='utf-8'><title>{html.escape(title)}</title>"]
    parts.append(f"<h1>{html.escape(title)}</h1>")
    for number, request in enumerate(requests):
        fields = "".join(
            f"<input type='hidden' name='{html.escape(k)}' value='{html.escape(v)}'>" for k, v in request.form.items()
        )
        parts.append(
            f"<form method='post' target='app-{number}' action='{html.escape(request.url)}'>{fields}</form>"
            f"<iframe name='app-{number}' title='{html.escape(title)}' style='width:100%;height:900px;border:0'>"
            "</iframe>"
        )
    if not requests:
        parts.append("<p>No application shows here.</p>")
    parts.append("<script>for (const form of document.forms) form.submit();</script></html>")
    return HTMLResponse("".join(parts))


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

    async def card(request: Request) -> Response:
        kind, record_id = request.path_params["kind"], request.path_params["record_id"]
        if kind not in CARD_TABS:
            return PlainTextResponse("404 Not Found", status_code=404)
        user_id = int(request.query_params.get("user_id") or 1)
        options = {"ID": str(record_id), "URI": f"/crm/{kind}/details/{record_id}/"}
        frames = portal.open_placement(CARD_TABS[kind], options, user_id, request.query_params.get("lang", "ru"))
        return frames_page(f"{kind} {record_id}", frames)

    async def app_page(request: Request) -> Response:
        user_id = int(request.query_params.get("user_id") or 1)
        try:
            frame = portal.open_app(user_id, request.query_params.get("lang", "ru"))
        except LookupError:
            return frames_page("Application", [])
        return frames_page("Application", [frame])

    async def install(request: Request) -> Response:
        # The sandbox's own control, standing for an administrator adding the local app in the portal's settings
        # (its install handler and its page): not a Bitrix24 endpoint.
        form = await read_params(request)
        handler, app_url = str(form.get("handler_url") or ""), str(form.get("app_url") or "")
        if not handler.startswith(("http://", "https://")) or not app_url.startswith(("http://", "https://")):
            return PlainTextResponse("handler_url and app_url must be http(s) addresses", status_code=400)
        installation = portal.install_app(handler, int(form.get("user_id") or 1), app_url)
        return JSONResponse({"member_id": installation.member_id, "domain": installation.domain})

    routes = [
        Route("/sandbox/install-app", install, methods=["POST"]),
        Route("/crm/{kind:str}/details/{record_id:int}/", card, methods=["GET"]),
        Route("/marketplace/app/", app_page, methods=["GET"]),
        Route("/rest/{path:path}", rest, methods=["GET", "POST"]),
        Route("/oauth/token/", token, methods=["GET", "POST"]),
        Route("/oauth/token", token, methods=["GET", "POST"]),
    ]
    app = Starlette(routes=routes)
    app.state.portal = portal
    return app
