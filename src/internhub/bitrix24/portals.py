"""Connected portals: their clients (one per portal), stored secrets, and the lease on a portal's budget."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlsplit

import httpx
from redis.asyncio import Redis
from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from internhub.bitrix24.bucket import SharedThrottle
from internhub.bitrix24.client import Bitrix24Client, OAuthAuth, OAuthTokens, Throttle, WebhookAuth
from internhub.bitrix24.crypto import SecretBox
from internhub.config import Settings
from internhub.db import changed_rows
from internhub.models import AuthMode, Portal, Workspace, utcnow


class PortalClients:
    """Builds and keeps one client per portal. ``transports`` routes a portal domain to an in-process
    app (the sandbox portal) instead of the network."""

    def __init__(self, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self.settings = settings
        self.sessionmaker = sessionmaker
        self.box = SecretBox(settings.secret_key.get_secret_value())
        self.transports: dict[str, httpx.AsyncBaseTransport] = {}
        self._clients: dict[int, tuple[str, Bitrix24Client]] = {}
        # The process's one Redis client (shared buckets; the app lends it to revocations and the public cache).
        self.redis = (
            Redis.from_url(settings.redis_url.get_secret_value(), socket_timeout=0.5, socket_connect_timeout=0.5)
            if settings.redis_url is not None
            else None
        )

    def http_for(self, domain: str) -> httpx.AsyncClient:
        transport = self.transports.get(domain)
        timeout = httpx.Timeout(65.0, connect=10.0)
        return (
            httpx.AsyncClient(transport=transport, timeout=timeout) if transport else httpx.AsyncClient(timeout=timeout)
        )

    def client_for(self, portal: Portal) -> Bitrix24Client:
        # OAuth tokens are not part of it: they rotate inside the client, and it reloads them when stale.
        fingerprint = f"{portal.auth_mode}:{portal.webhook_url_enc}:{portal.installed_at}"
        cached = self._clients.get(portal.id)
        if cached is not None and cached[0] == fingerprint:
            return cached[1]
        client = Bitrix24Client(self._auth(portal), http=self.http_for(portal.domain), throttle=self._throttle(portal))
        client.portal = portal.domain
        if cached is not None:
            client.throttle = cached[1].throttle  # the bucket is the portal's, not the client's
        self._clients[portal.id] = (fingerprint, client)
        return client

    def _throttle(self, portal: Portal) -> Throttle:
        """The portal's bucket: shared by every process through Redis when there is one (bitrix24/bucket.py)."""
        rate, burst = self.settings.bitrix24_rate, self.settings.bitrix24_burst
        if self.redis is None:
            return Throttle(rate=rate, burst=burst)
        return SharedThrottle(self.redis, portal.domain, rate, burst)

    def _auth(self, portal: Portal) -> WebhookAuth | OAuthAuth:
        if portal.auth_mode == AuthMode.webhook:
            return WebhookAuth(self.box.open(portal.webhook_url_enc) or "")
        portal_id = portal.id

        async def persist(tokens: OAuthTokens) -> None:
            async with self.sessionmaker() as session:
                await session.execute(
                    update(Portal)
                    .where(Portal.id == portal_id)
                    .values(
                        access_token_enc=self.box.seal(tokens.access_token),
                        refresh_token_enc=self.box.seal(tokens.refresh_token),
                    )
                )
                await session.commit()

        async def load() -> OAuthTokens | None:
            async with self.sessionmaker() as session:
                stored = await session.get(Portal, portal_id)
            if stored is None or stored.access_token_enc is None:
                return None
            return OAuthTokens(
                self.box.open(stored.access_token_enc) or "", self.box.open(stored.refresh_token_enc) or ""
            )

        return OAuthAuth(
            client_endpoint=portal.client_endpoint,
            tokens=OAuthTokens(
                self.box.open(portal.access_token_enc) or "", self.box.open(portal.refresh_token_enc) or ""
            ),
            client_id=self.settings.bitrix24_client_id,
            client_secret=self.settings.bitrix24_client_secret.get_secret_value()
            if self.settings.bitrix24_client_secret
            else "",
            token_url=self.settings.bitrix24_oauth_url,
            on_refresh=persist,
            load=load,
        )

    async def aclose(self) -> None:
        for _, client in self._clients.values():
            await client.aclose()
        self._clients.clear()
        if self.redis is not None:
            await self.redis.aclose()


async def connect_webhook(
    session: AsyncSession, box: SecretBox, workspace_id: int, webhook_url: str, application_token: str | None
) -> Portal:
    """Store (or update) the portal of a workspace, reached through an incoming webhook."""
    parts = urlsplit(webhook_url)
    portal = await session.scalar(select(Portal).where(Portal.workspace_id == workspace_id))
    if portal is None:
        portal = Portal(workspace_id=workspace_id, watermarks={}, mapping={})
        session.add(portal)
    portal.domain = parts.netloc
    portal.auth_mode = AuthMode.webhook
    portal.client_endpoint = f"{parts.scheme}://{parts.netloc}/rest/"
    portal.webhook_url_enc = box.seal(webhook_url)
    portal.application_token_enc = box.seal(application_token) if application_token else None
    portal.is_active = True
    portal.installed_at = portal.installed_at or utcnow()
    await session.flush()
    return portal


async def connect_oauth(
    session: AsyncSession,
    box: SecretBox,
    *,
    domain: str,
    member_id: str,
    client_endpoint: str,
    access_token: str,
    refresh_token: str,
    application_token: str | None,
) -> Portal:
    """Store an installed app's portal; a new portal gets a workspace of its own."""
    portal = await session.scalar(select(Portal).where(or_(Portal.member_id == member_id, Portal.domain == domain)))
    if portal is None:
        workspace = Workspace(slug=f"b24-{member_id[:24]}", name=domain)
        session.add(workspace)
        await session.flush()
        portal = Portal(workspace_id=workspace.id, watermarks={}, mapping={})
        session.add(portal)
    portal.domain = domain
    portal.member_id = member_id
    portal.auth_mode = AuthMode.oauth
    portal.client_endpoint = client_endpoint
    portal.access_token_enc = box.seal(access_token)
    portal.refresh_token_enc = box.seal(refresh_token)
    if application_token:
        portal.application_token_enc = box.seal(application_token)
    portal.is_active = True
    portal.installed_at = utcnow()
    portal.uninstalled_at = None
    await session.flush()
    return portal


async def acquire_lease(session: AsyncSession, portal_id: int, owner: str, seconds: float, now: datetime) -> bool:
    """Take or extend the portal's lease; False while another live process holds it."""
    taken = await changed_rows(
        session,
        update(Portal)
        .where(
            Portal.id == portal_id,
            or_(Portal.lease_owner.is_(None), Portal.lease_owner == owner, Portal.lease_until < now),
        )
        .values(lease_owner=owner, lease_until=now + timedelta(seconds=seconds))
        .execution_options(synchronize_session=False),
    )
    return taken == 1


async def release_lease(session: AsyncSession, portal_id: int, owner: str) -> None:
    await session.execute(
        update(Portal)
        .where(Portal.id == portal_id, Portal.lease_owner == owner)
        .values(lease_owner=None, lease_until=None)
        .execution_options(synchronize_session=False)
    )
