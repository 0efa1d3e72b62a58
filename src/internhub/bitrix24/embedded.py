"""Connecting the configured portal at start-up: a real one through its incoming webhook, or the built-in
sandbox portal (the default in development), which lives in memory and is refilled from our data."""

from __future__ import annotations

import asyncio
import threading
from urllib.parse import urlsplit

import httpx
import structlog
from fastapi import FastAPI
from sqlalchemy import insert, literal, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.bitrix24 import connection as connections
from internhub.bitrix24.events import ENTITY_EVENTS
from internhub.bitrix24.mapping import MODEL_OF
from internhub.bitrix24.portals import PortalClients, connect_webhook
from internhub.bitrix24.sandbox import SandboxConfig, SandboxPortal, create_app
from internhub.config import Settings
from internhub.db import changed_rows
from internhub.models import OutboxItem, Portal, utcnow
from internhub.workspaces import get_or_create

log = structlog.get_logger(__name__)

SANDBOX_DOMAIN = "sandbox.bitrix24.local"
CONNECT_ATTEMPTS = 3  # replicas starting together: one writes the portal, the others read it


class OnLoop(httpx.AsyncBaseTransport):
    """Hands each request to ``inner`` on ``loop`` (another thread's) and waits for the answer here, as a call
    over the network would: the work of answering never runs on the caller's loop."""

    def __init__(self, inner: httpx.AsyncBaseTransport, loop: asyncio.AbstractEventLoop) -> None:
        self.inner, self.loop = inner, loop

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if asyncio.get_running_loop() is self.loop:
            return await self.inner.handle_async_request(request)
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(self._answer(request), self.loop))

    async def _answer(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        body = await response.aread()  # read where it was made; the caller gets plain bytes
        return httpx.Response(response.status_code, headers=response.headers, content=body, request=request)


class SandboxThread:
    """The built-in sandbox portal on a thread and an event loop of its own. Answering a list over thousands of
    records is pure Python work: on the API's loop it held every other request for seconds at each
    reconciliation. A real portal answers elsewhere; so does this one."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="sandbox-portal", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)


async def enqueue_everything(session: AsyncSession, workspace_id: int) -> int:
    """Queue every live record of the workspace for a push (the first export to a fresh portal)."""
    total = 0
    now = utcnow()
    for kind, model in MODEL_OF.items():
        rows = select(
            literal(workspace_id), literal(kind), model.id, literal(now), literal(now), literal(1), literal(0)
        ).where(model.workspace_id == workspace_id, model.deleted_at.is_(None))
        added = await changed_rows(
            session,
            insert(OutboxItem).from_select(
                ["workspace_id", "entity_type", "entity_id", "created_at", "due_at", "version", "attempts"], rows
            ),
        )
        total += added
    return total


async def _forget_link(session: AsyncSession, portal: Portal) -> None:
    """The sandbox starts empty each time: drop every id and sync state that pointed into the old one."""
    await connections.forget_links(session, portal)
    portal.lease_owner = portal.lease_until = None


async def _workspace_id(session: AsyncSession, slug: str) -> int:
    return (await get_or_create(session, slug, slug.replace("-", " ").title())).id


async def connect_configured_webhook(
    session: AsyncSession,
    clients: PortalClients,
    workspace_id: int,
    url: str,
    application_token: str | None,
    settings: Settings,
    move: bool = False,
) -> Portal:
    """Connect the portal behind an incoming webhook. A portal new to the workspace is matched with what the
    workspace holds before anything is written (a connection plan); the same portal again (a new webhook code)
    changes nothing. Another portal than the one the workspace's records are linked to is refused, unless moving
    the workspace is asked for (links are per portal): then the old links go and the new portal is matched."""
    existing = await session.scalar(select(Portal).where(Portal.workspace_id == workspace_id))
    domain = urlsplit(url).netloc
    moved = False
    if existing is not None and existing.domain != domain and await connections.has_links(session, workspace_id):
        if not (move or settings.bitrix24_move_workspace):
            existing.is_active = False
            existing.sync_error = (
                f"The webhook leads to {domain}, but this workspace's records are linked to {existing.domain}. "
                "Move the workspace (INTERNHUB_BITRIX24_MOVE_WORKSPACE=true, or `internhub bitrix24 connect --move`) "
                "to link them to the new portal instead."
            )
            existing.sync_error_at = utcnow()
            raise connections.WorkspaceLinkedElsewhere(existing.sync_error)
        await connections.forget_links(session, existing)
        moved = True
    portal = await connect_webhook(session, clients.box, workspace_id, url, application_token)
    # Connecting (a restart, a new webhook code) is a fresh start: an earlier refusal or pause is forgotten.
    portal.sync_error = portal.sync_error_at = portal.resting_until = None
    portal.sync_failures = 0
    if existing is None or moved:
        await connections.start(session, portal)
    return portal


async def connect_configured_portal(app: FastAPI, settings: Settings, clients: PortalClients) -> None:
    sessionmaker = app.state.sessionmaker
    if settings.bitrix24_webhook_url:
        token = settings.bitrix24_application_token
        url = settings.bitrix24_webhook_url.get_secret_value()
        for attempt in range(1, CONNECT_ATTEMPTS + 1):
            async with sessionmaker() as session:
                try:
                    workspace_id = await _workspace_id(session, settings.bitrix24_workspace)
                    try:
                        await connect_configured_webhook(
                            session, clients, workspace_id, url, token.get_secret_value() if token else None, settings
                        )
                    except connections.WorkspaceLinkedElsewhere as refused:
                        log.error("bitrix24_portal_refused", error=str(refused))
                    await session.commit()
                    return
                except IntegrityError:
                    # Another process (a replica starting at the same moment) wrote the workspace or the portal
                    # first: what it wrote is read on the next attempt.
                    if attempt == CONNECT_ATTEMPTS:
                        raise
    if not settings.sandbox_enabled:
        return
    sandbox = SandboxPortal(
        SandboxConfig(domain=SANDBOX_DOMAIN, scheme="http", rate=settings.bitrix24_rate, burst=settings.bitrix24_burst)
    )
    thread = SandboxThread()
    app.state.sandbox_thread = thread
    clients.transports[SANDBOX_DOMAIN] = OnLoop(httpx.ASGITransport(app=create_app(sandbox)), thread.loop)
    # The sandbox's outgoing webhooks come back into this app (on its own loop), as a real portal's would over
    # HTTPS.
    sandbox.set_transport(OnLoop(httpx.ASGITransport(app=app), asyncio.get_running_loop()))
    handler = f"{settings.base_url}/api/v1/bitrix24/events"
    for event in ENTITY_EVENTS:
        sandbox.add_outgoing_webhook(event, handler)
    app.state.sandbox = sandbox
    async with sessionmaker() as session:
        portal = await connect_webhook(
            session,
            clients.box,
            await _workspace_id(session, settings.bitrix24_workspace),
            sandbox.config.webhook_url,
            sandbox.config.application_token,
        )
        await _forget_link(session, portal)
        queued = await enqueue_everything(session, portal.workspace_id)
        await session.commit()
    log.info("bitrix24_sandbox_started", domain=SANDBOX_DOMAIN, queued=queued)
