"""A workspace linked to its own sandbox portal, with the sync driven by hand so tests are deterministic."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, update

from internhub.bitrix24.client import Bitrix24Client, Throttle, WebhookAuth
from internhub.bitrix24.events import ENTITY_EVENTS
from internhub.bitrix24.portals import PortalClients, connect_webhook
from internhub.bitrix24.sandbox import SandboxConfig, SandboxPortal, create_app
from internhub.bitrix24.setup import ensure_setup
from internhub.bitrix24.worker import SyncWorker, run_until_idle
from internhub.models import DirtyEntity, OutboxItem, Portal, SyncState
from tests.factories import Tenant


@dataclass
class Linked:
    app: FastAPI
    tenant: Tenant
    sandbox: SandboxPortal
    worker: SyncWorker
    portal_id: int

    @property
    def api(self) -> httpx.AsyncClient:
        return self.tenant.client

    async def settle(self, rounds: int = 20) -> None:
        """Deliver every event and run the sync until both sides have nothing left to say."""
        for _ in range(rounds):
            await self.sandbox.drain_events()
            await run_until_idle(self.worker, self.portal_id)
            await self.sandbox.drain_events()
            if await self.queue_sizes() == (0, 0):
                return
        raise AssertionError(f"sync did not settle: {await self.queue_sizes()}")

    async def queue_sizes(self) -> tuple[int, int]:
        async with self.app.state.sessionmaker() as session:
            portal = await session.get_one(Portal, self.portal_id)
            pending = await session.scalar(
                select(func.count())
                .select_from(OutboxItem)
                .where(OutboxItem.workspace_id == portal.workspace_id, OutboxItem.done_at.is_(None))
            )
            # Records set aside as conflicts wait for a change or an administrator, not for the sync.
            dirty = await session.scalar(
                select(func.count())
                .select_from(DirtyEntity)
                .where(DirtyEntity.portal_id == self.portal_id, DirtyEntity.conflict.is_(None))
            )
        return pending, dirty

    async def sync_state(self, kind: str, entity_id: int) -> SyncState | None:
        async with self.app.state.sessionmaker() as session:
            return await session.scalar(
                select(SyncState).where(SyncState.entity_type == kind, SyncState.entity_id == entity_id)
            )

    def remote(self) -> Bitrix24Client:
        """A client of our own onto the sandbox, to read what the portal holds as Bitrix24 answers it."""
        http = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(self.sandbox)))
        return Bitrix24Client(WebhookAuth(self.sandbox.config.webhook_url), http=http, throttle=Throttle(1000, 10_000))

    async def get(self, remote_type: str, remote_id: int) -> dict:
        async with self.remote().http:
            return (await self.remote().call(f"crm.{remote_type}.get", {"id": remote_id})).result

    async def all(self, remote_type: str) -> list[dict]:
        client = self.remote()
        select = ["*", "UF_*", "EMAIL", "PHONE"] if remote_type != "deal" else ["*", "UF_*"]
        return await client.list_all(f"crm.{remote_type}.list", select=select)


def link(app: FastAPI, sandbox: SandboxPortal, outgoing_webhooks: bool = True) -> None:
    """Route our calls to the sandbox and its events to us; in webhook mode, configure its outgoing webhooks
    as an administrator would in the portal's settings."""
    clients: PortalClients = app.state.bitrix24_clients
    clients.transports[sandbox.config.domain] = httpx.ASGITransport(app=create_app(sandbox))
    sandbox.set_transport(httpx.ASGITransport(app=app))
    if outgoing_webhooks:
        for event in ENTITY_EVENTS:
            sandbox.add_outgoing_webhook(event, "http://test/api/v1/bitrix24/events")


@pytest.fixture
def sandbox_config() -> SandboxConfig:
    return SandboxConfig(domain=f"p{uuid.uuid4().hex[:10]}.bitrix24.test", rate=1000.0, burst=10_000, seed=11)


@pytest.fixture
async def linked(app: FastAPI, tenant: Tenant, sandbox_config: SandboxConfig) -> AsyncIterator[Linked]:
    sandbox = SandboxPortal(sandbox_config)
    link(app, sandbox)
    clients: PortalClients = app.state.bitrix24_clients
    async with app.state.sessionmaker() as session:
        portal = await connect_webhook(
            session, clients.box, tenant.workspace_id, sandbox.config.webhook_url, sandbox.config.application_token
        )
        client = clients.client_for(portal)
        client.throttle = Throttle(rate=1000.0, burst=10_000)
        await ensure_setup(session, portal, client)
        await session.commit()
        portal_id = portal.id
    worker = SyncWorker(app.state.settings, app.state.sessionmaker, clients)
    yield Linked(app=app, tenant=tenant, sandbox=sandbox, worker=worker, portal_id=portal_id)
    await sandbox.drain_events()
    await let_go(app, portal_id)


async def let_go(app: FastAPI, *portal_ids: int) -> None:
    """The app and its database outlive a test: its portals are let go, so no later test's worker round (which
    takes every active portal) keeps calling a sandbox nobody drives any more."""
    async with app.state.sessionmaker() as session:
        await session.execute(update(Portal).where(Portal.id.in_(portal_ids)).values(is_active=False))
        await session.commit()
