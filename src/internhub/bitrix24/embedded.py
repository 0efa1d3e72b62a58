"""Connecting the configured portal at start-up: a real one through its incoming webhook, or the built-in
sandbox portal (the default in development), which lives in memory and is refilled from our data."""

from __future__ import annotations

import httpx
import structlog
from fastapi import FastAPI
from sqlalchemy import delete, insert, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.bitrix24.events import ENTITY_EVENTS
from internhub.bitrix24.mapping import MODEL_OF, REMOTE_ID_COLUMN
from internhub.bitrix24.portals import PortalClients, connect_webhook
from internhub.bitrix24.sandbox import SandboxConfig, SandboxPortal, create_app
from internhub.config import Settings
from internhub.models import DirtyEntity, OutboxItem, Portal, PortalEvent, SyncState, utcnow
from internhub.workspaces import get_or_create

log = structlog.get_logger(__name__)

SANDBOX_DOMAIN = "sandbox.bitrix24.local"


async def enqueue_everything(session: AsyncSession, workspace_id: int) -> int:
    """Queue every live record of the workspace for a push (the first export to a fresh portal)."""
    total = 0
    now = utcnow()
    for kind, model in MODEL_OF.items():
        rows = select(
            literal(workspace_id), literal(kind), model.id, literal(now), literal(now), literal(1), literal(0)
        ).where(model.workspace_id == workspace_id, model.deleted_at.is_(None))
        result = await session.execute(
            insert(OutboxItem).from_select(
                ["workspace_id", "entity_type", "entity_id", "created_at", "due_at", "version", "attempts"], rows
            )
        )
        total += result.rowcount or 0
    return total


async def _forget_link(session: AsyncSession, portal: Portal) -> None:
    """The sandbox starts empty each time: drop every id and sync state that pointed into the old one."""
    for kind, model in MODEL_OF.items():
        await session.execute(
            update(model).where(model.workspace_id == portal.workspace_id).values({REMOTE_ID_COLUMN[kind]: None})
        )
    await session.execute(delete(SyncState).where(SyncState.workspace_id == portal.workspace_id))
    await session.execute(delete(OutboxItem).where(OutboxItem.workspace_id == portal.workspace_id))
    await session.execute(delete(DirtyEntity).where(DirtyEntity.portal_id == portal.id))
    await session.execute(delete(PortalEvent).where(PortalEvent.portal_id == portal.id))
    portal.mapping, portal.watermarks, portal.last_reconciled_at = {}, {}, None
    portal.lease_owner = portal.lease_until = None


async def _workspace_id(session: AsyncSession, slug: str) -> int:
    return (await get_or_create(session, slug, slug.replace("-", " ").title())).id


async def connect_configured_portal(app: FastAPI, settings: Settings, clients: PortalClients) -> None:
    sessionmaker = app.state.sessionmaker
    if settings.bitrix24_webhook_url:
        token = settings.bitrix24_application_token
        async with sessionmaker() as session:
            await connect_webhook(
                session,
                clients.box,
                await _workspace_id(session, settings.bitrix24_workspace),
                settings.bitrix24_webhook_url.get_secret_value(),
                token.get_secret_value() if token else None,
            )
            await session.commit()
        return
    if not settings.sandbox_enabled:
        return
    sandbox = SandboxPortal(
        SandboxConfig(domain=SANDBOX_DOMAIN, scheme="http", rate=settings.bitrix24_rate, burst=settings.bitrix24_burst)
    )
    clients.transports[SANDBOX_DOMAIN] = httpx.ASGITransport(app=create_app(sandbox))
    # The sandbox's outgoing webhooks come straight back into this app, as a real portal's would over HTTPS.
    sandbox.set_transport(httpx.ASGITransport(app=app))
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
