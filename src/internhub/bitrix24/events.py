"""``POST /api/v1/bitrix24/events``: what Bitrix24 sends us, on disk before we answer.

Bitrix24 posts form-encoded bodies with bracketed keys (``auth[application_token]``), never retries, and
carries only the record's ID: we verify the application token in constant time, keep the raw event
(without its tokens), mark the record dirty, commit, and answer 200. Workers fetch the record later.
"""

from __future__ import annotations

import hmac
import json
import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

import structlog
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import or_, select

from internhub import metrics
from internhub.bitrix24 import connection as connections
from internhub.bitrix24 import outbox
from internhub.bitrix24.ingest import EventIngestor, InboundEvent, KnownPortal
from internhub.bitrix24.phpquery import parse_query
from internhub.bitrix24.portals import PortalClients, connect_oauth
from internhub.common.ratelimit import address, limiter
from internhub.db import SessionDep, after_commit
from internhub.errors import BadRequest, Problem, TooManyRequests, Unauthorized
from internhub.models import Portal, utcnow

log = structlog.get_logger(__name__)
router = APIRouter(prefix="/bitrix24", tags=["bitrix24"])

ENTITY_EVENTS = {
    f"ONCRM{entity.upper()}{action}": (entity, action)
    for entity in ("deal", "contact", "company")
    for action in ("ADD", "UPDATE", "DELETE")
}
ENTITY_EVENTS["ONCRMDEALMOVETOCATEGORY"] = ("deal", "MOVE")
SECRET_AUTH_KEYS = {"access_token", "refresh_token", "application_token"}
# Bitrix24's events are a few hundred bytes; anything near this is not one (the app's limit applies first).
MAX_EVENT_BYTES = 64 * 1024
# Bitrix24 ids are 32- or 64-bit integers; ours are signed 64-bit columns.
_RECORD_ID = re.compile(r"[1-9][0-9]{0,18}")
MAX_RECORD_ID = 2**63 - 1


# PostgreSQL keeps neither NUL characters nor lone surrogates in JSON.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class EventUnavailable(Problem):
    status = 503


async def read_payload(request: Request) -> dict[str, Any]:
    """The event's fields. Cheap checks come first: a body without an application token is refused before it
    is parsed, and the parse keeps PHP's limits (phpquery.py), so no body can hold the event loop."""
    raw = await request.body()
    if b"application_token" not in raw:
        raise Unauthorized("The event carries no application token.", code="event_token_missing")
    if "json" in request.headers.get("content-type", ""):
        try:
            payload = json.loads(raw or b"{}")
        except (ValueError, RecursionError) as exc:
            raise BadRequest("The event body is not valid JSON.", code="event_body_invalid") from exc
    else:
        payload = parse_query(raw.decode("utf-8", errors="replace"))
    if not isinstance(payload, dict):
        raise BadRequest("The event body must be an object.", code="event_body_invalid")
    return payload


def record_id(payload: dict[str, Any]) -> int:
    """``data[FIELDS][ID]``: a positive integer that fits a 64-bit id, or a 400 for this event alone."""
    data = payload.get("data")
    fields = data.get("FIELDS") if isinstance(data, dict) else None
    raw = fields.get("ID") if isinstance(fields, dict) else None
    text = str(raw) if isinstance(raw, str | int) and not isinstance(raw, bool) else ""
    if not _RECORD_ID.fullmatch(text) or int(text) > MAX_RECORD_ID:
        detail = "The event names no valid record: data[FIELDS][ID] must be a positive integer."
        raise BadRequest(detail, code="event_id_invalid")
    return int(text)


def _storable(value: Any, depth: int = 0) -> bool:
    """Can the database keep this as JSON: no NUL characters and no lone surrogates (PostgreSQL refuses both),
    nesting as PHP allows it."""
    if isinstance(value, str):
        return _UNSTORABLE.search(value) is None
    if isinstance(value, dict):
        return depth < 64 and all(_storable(k, depth) and _storable(v, depth + 1) for k, v in value.items())
    if isinstance(value, list):
        return depth < 64 and all(_storable(v, depth + 1) for v in value)
    return True


def without_secrets(payload: dict[str, Any]) -> dict[str, Any]:
    auth = payload.get("auth")
    if not isinstance(auth, dict):
        return payload
    return {**payload, "auth": {k: v for k, v in auth.items() if k not in SECRET_AUTH_KEYS}}


def _token_matches(expected: str | None, presented: Any) -> bool:
    # An empty stored token disables the endpoint for the portal rather than accepting everything.
    if not expected or not isinstance(presented, str) or not presented:
        return False
    return hmac.compare_digest(expected.encode(), presented.encode())


def _answer(status: str) -> Response:
    # Written out directly: Bitrix24 may send thousands of events a second, so no model validation for these.
    return Response(b'{"status":"%s"}' % status.encode(), media_type="application/json")


@router.post("/events", operation_id="bitrix24-events-receive", response_model=dict[str, str])
async def receive_event(request: Request) -> Response:
    """Receive a Bitrix24 event (form-encoded as Bitrix24 sends it, or the same as JSON)."""
    # No request-wide session: a CRM event (nearly all of them) is written by the ingestor's group commit.
    # A source whose events keep being refused (unknown portal, wrong token) waits before its body is read.
    # Accepted events are never limited: Bitrix24 does not send an event twice, so a refusal would lose it.
    return await refusals_limited(request, _receive)


async def refusals_limited(request: Request, receive: Callable[[Request], Awaitable[Response]]) -> Response:
    """Answer with ``receive``; a source whose calls keep being refused (unknown portal, wrong token) waits first."""
    limits, source = limiter(request), address(request)
    if wait := await limits.wait_needed("events-refused", source):
        raise TooManyRequests("Too many refused events from this address.", wait, code="events_throttled")
    try:
        return await receive(request)
    except Unauthorized:
        await limits.hit("events-refused", source)
        raise


async def known_sender(request: Request, auth: dict[str, Any]) -> KnownPortal:
    """The portal a call from Bitrix24 names, if it carries that portal's application token (safe-event-handlers.md:
    the token is the only proof; there is no signature)."""
    portal = await request.app.state.bitrix24_ingestor.portal(auth.get("member_id"), auth.get("domain"))
    if portal is None or not _token_matches(portal.application_token, auth.get("application_token")):
        raise Unauthorized("Unknown portal or wrong application token.")
    return portal


async def _receive(request: Request) -> Response:
    payload = await read_payload(request)
    event = str(payload.get("event", "")).upper()
    given = payload.get("auth")
    auth: dict[str, Any] = given if isinstance(given, dict) else {}
    clients: PortalClients = request.app.state.bitrix24_clients
    ingestor: EventIngestor = request.app.state.bitrix24_ingestor
    if event == "ONAPPINSTALL":
        async with request.app.state.sessionmaker() as session:
            await install(session, clients, auth)
            await session.commit()
        ingestor.forget_portals()
        await request.app.state.frame_ancestors.refresh(request.app.state.sessionmaker)  # it may frame us now
        return _answer("installed")
    portal = await known_sender(request, auth)
    if event == "ONAPPUNINSTALL":
        async with request.app.state.sessionmaker() as session:
            await uninstall(session, portal.id)
            await session.commit()
        ingestor.forget_portals()
        await request.app.state.frame_ancestors.refresh(request.app.state.sessionmaker)
        return _answer("uninstalled")
    if event not in ENTITY_EVENTS or not portal.is_active:
        return _answer("ignored")
    entity_type, action = ENTITY_EVENTS[event]
    entity_id = record_id(payload)
    stored = without_secrets(payload)
    if not _storable(stored):
        raise BadRequest("The event holds characters that cannot be stored.", code="event_body_invalid")
    try:
        await ingestor.submit(InboundEvent(portal.id, event, entity_type, entity_id, action == "DELETE", stored))
    except Exception as exc:
        # Written on its own and still refused by the database: say so, without a traceback to the sender.
        log.warning("bitrix24_event_not_stored", portal=portal.id, error=str(exc)[:200])
        raise EventUnavailable("The event could not be stored; nothing was kept.", code="event_not_stored") from exc
    metrics.events_received.labels(portal.domain).inc()
    return _answer("accepted")


async def uninstall(session, portal_id: int) -> None:
    """ONAPPUNINSTALL: API access is already revoked; forget the tokens and stop syncing."""
    portal = await session.get_one(Portal, portal_id)
    portal.is_active = False
    portal.uninstalled_at = utcnow()
    portal.access_token_enc = portal.refresh_token_enc = None


async def verify_install(clients: PortalClients, auth: dict[str, Any]) -> dict[str, str]:
    """An install carries no signature. Its refresh token proves it at the OAuth server (the address in our
    settings, never one the caller names), redeemed with the app's own client_id and secret: a made-up token, or
    one issued to another app, is refused there. The server's answer names the portal (``member_id``,
    ``client_endpoint``, settings/oauth/index.md); the install's claims must agree with it. Returns the fresh
    token pair (the redeemed refresh token no longer works) and the verified addresses."""
    settings = clients.settings
    secret = settings.bitrix24_client_secret
    async with clients.http_for(urlsplit(settings.bitrix24_oauth_url).netloc) as http:
        response = await http.get(
            settings.bitrix24_oauth_url,
            params={
                "grant_type": "refresh_token",
                "client_id": settings.bitrix24_client_id,
                "client_secret": secret.get_secret_value() if secret else "",
                "refresh_token": auth["refresh_token"],
            },
        )
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if response.status_code != 200 or not isinstance(answer, dict) or not answer.get("access_token"):
        raise Unauthorized("The Bitrix24 authorization server did not confirm these tokens.", code="install_unverified")
    endpoint = str(answer.get("client_endpoint") or "")
    if answer.get("member_id") != auth["member_id"] or urlsplit(endpoint).netloc != auth["domain"]:
        raise Unauthorized("The tokens belong to another portal than the install names.", code="install_unverified")
    return {
        "access_token": str(answer["access_token"]),
        "refresh_token": str(answer.get("refresh_token") or ""),
        "client_endpoint": endpoint,
        "domain": urlsplit(endpoint).netloc,
        "member_id": str(answer["member_id"]),
    }


async def install(session, clients: PortalClients, auth: dict[str, Any]) -> Portal:
    """ONAPPINSTALL (or the app's install page): verify the tokens with the OAuth server, then store them."""
    required = ("access_token", "refresh_token", "domain", "member_id")
    if not clients.settings.bitrix24_client_id or not all(isinstance(auth.get(k), str) and auth[k] for k in required):
        raise Unauthorized("This installation does not accept Bitrix24 app installs, or the tokens are missing.")
    verified = await verify_install(clients, auth)
    known = await session.scalar(
        select(Portal.id).where(or_(Portal.member_id == verified["member_id"], Portal.domain == verified["domain"]))
    )
    portal = await connect_oauth(
        session,
        clients.box,
        domain=verified["domain"],
        member_id=verified["member_id"],
        client_endpoint=verified["client_endpoint"],
        access_token=verified["access_token"],
        refresh_token=verified["refresh_token"],
        application_token=auth.get("application_token"),
    )
    portal.mapping = {}  # bindings and set-up are redone on every install (bindings are wiped on reinstall)
    if known is None:
        await connections.start(session, portal)  # a portal new to us: match before anything is written
    after_commit(session, outbox.wake)
    log.info("bitrix24_installed", domain=portal.domain)
    return portal


@router.post("/install", operation_id="bitrix24-install", response_class=HTMLResponse)
async def install_page(request: Request, session: SessionDep) -> HTMLResponse:
    """The app's install page: Bitrix24 opens it with AUTH_ID, REFRESH_ID and member_id in the form."""
    form = parse_query((await request.body()).decode("utf-8", errors="replace"))
    domain = request.query_params.get("DOMAIN", "")
    protocol = "https" if request.query_params.get("PROTOCOL", "1") == "1" else "http"
    auth = {
        "access_token": form.get("AUTH_ID"),
        "refresh_token": form.get("REFRESH_ID"),
        "member_id": form.get("member_id"),
        "domain": domain,
        "client_endpoint": f"{protocol}://{domain}/rest/",
    }
    await install(session, request.app.state.bitrix24_clients, auth)
    return HTMLResponse(
        "<!doctype html><title>InternHub</title><p>InternHub is installed. You can close this page.</p>"
    )
