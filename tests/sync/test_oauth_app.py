"""The installed-app path: ONAPPINSTALL stores the portal, the worker binds events, tokens rotate,
robot events (no tokens) still work, ONAPPUNINSTALL revokes."""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from internhub.bitrix24 import connection as connections
from internhub.bitrix24.client import Throttle
from internhub.bitrix24.portals import PortalClients
from internhub.bitrix24.sandbox import SandboxConfig, SandboxPortal
from internhub.bitrix24.setup import PLACEMENTS, ROBOTS
from internhub.bitrix24.worker import SyncWorker, run_until_idle
from internhub.models import ConnectionStatus, Portal, University
from tests.sync.conftest import let_go, link

HANDLER = "http://test/api/v1/bitrix24/events"


@pytest.fixture
async def app_portal(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[SandboxPortal]:
    config = SandboxConfig(
        domain=f"app{uuid.uuid4().hex[:8]}.bitrix24.test",
        member_id=uuid.uuid4().hex,
        application_token=uuid.uuid4().hex,
        rate=1000.0,
        burst=10_000,
        clock=AheadClock(),  # token expiry is reached by moving the clock on, not by waiting
    )
    sandbox = SandboxPortal(config)
    link(app, sandbox, outgoing_webhooks=False)
    settings = app.state.bitrix24_clients.settings
    monkeypatch.setattr(settings, "bitrix24_client_id", config.client_id)
    monkeypatch.setattr(settings, "bitrix24_client_secret", type(settings.secret_key)(config.client_secret))
    monkeypatch.setattr(settings, "bitrix24_oauth_url", f"{config.base_url}/oauth/token/")
    monkeypatch.setattr(settings, "public_url", "http://test")
    yield sandbox
    # The app (and its database) outlives this test: the portal installed here is let go, so that no later
    # test's worker keeps calling a portal whose app credentials are gone with this test's settings.
    async with app.state.sessionmaker() as session:
        installed = list(await session.scalars(select(Portal.id).where(Portal.member_id == config.member_id)))
    await let_go(app, *installed)


class AheadClock:
    """The real time plus a lead the test adds to: time still passes (the portal's request bucket drains, so later
    tests can still use this portal), and an hour can pass at once."""

    def __init__(self) -> None:
        self.lead = 0.0

    def __call__(self) -> float:
        return time.time() + self.lead


def expire_tokens(sandbox: SandboxPortal) -> None:
    """Move the portal's clock past the access tokens' lifetime (an hour, as on a real portal)."""
    clock = sandbox.config.clock
    assert isinstance(clock, AheadClock)
    clock.lead += sandbox.config.token_lifetime_seconds + 1


async def installed_portal(app: FastAPI, sandbox: SandboxPortal) -> Portal:
    async with app.state.sessionmaker() as session:
        return await session.scalar(select(Portal).where(Portal.member_id == sandbox.config.member_id))


async def settle_connection(worker: SyncWorker, portal_id: int) -> None:
    """An install into a new workspace: the worker plans the connection, which decides nothing (the workspace is
    empty) and is accepted at once, then sets the portal up, binds our events and imports."""
    async with worker.sessionmaker() as session:
        assert (await connections.latest(session, portal_id)).status == ConnectionStatus.planning
    for _ in range(5):
        await worker.work_on(portal_id)
        async with worker.sessionmaker() as session:
            if (await connections.latest(session, portal_id)).status == ConnectionStatus.done:
                return
    raise AssertionError("the first connection did not finish")


async def install_and_settle(
    app: FastAPI, sandbox: SandboxPortal, app_url: str | None = None
) -> tuple[Portal, SyncWorker]:
    """Install the app on ``sandbox`` and let its first connection finish; the portal and a worker for it."""
    sandbox.install_app(handler_url=HANDLER, app_url=app_url)
    await sandbox.drain_events()
    portal = await installed_portal(app, sandbox)
    clients: PortalClients = app.state.bitrix24_clients
    clients.client_for(portal).throttle = Throttle(1000, 10_000)
    worker = SyncWorker(app.state.settings, app.state.sessionmaker, clients)
    await settle_connection(worker, portal.id)
    return portal, worker


async def test_install_bind_robot_event_refresh_and_uninstall(app: FastAPI, app_portal: SandboxPortal) -> None:
    sandbox = app_portal
    installation = sandbox.install_app(handler_url=HANDLER)
    await sandbox.drain_events()
    portal = await installed_portal(app, sandbox)
    assert portal is not None and portal.auth_mode == "oauth" and portal.is_active
    assert installation.access_token not in (portal.access_token_enc or "")  # stored encrypted

    clients: PortalClients = app.state.bitrix24_clients
    worker = SyncWorker(app.state.settings, app.state.sessionmaker, clients)
    clients.client_for(portal).throttle = Throttle(1000, 10_000)
    await settle_connection(worker, portal.id)
    bound = {(b["event"], b["handler"]) for b in (await clients.client_for(portal).call("event.get")).result}
    assert ("ONCRMCOMPANYADD", HANDLER) in bound and ("ONAPPUNINSTALL", HANDLER) in bound
    # Our tabs in the CRM cards and our automation rules come with the install.
    tabs = {(b.placement, b.handler) for b in sandbox.apps.placements}
    assert tabs == {(placement, "http://test/api/v1/bitrix24/app") for placement in PLACEMENTS}
    assert set(sandbox.apps.robots) == set(ROBOTS)
    assert {robot.handler for robot in sandbox.apps.robots.values()} == {"http://test/api/v1/bitrix24/robots"}

    # A robot's write: the event carries no user tokens; we fetch with the portal's stored ones,
    # after the access token has expired, refreshing and storing the rotated pair.
    expire_tokens(sandbox)
    sandbox.robot.add_company({"TITLE": "Университет ИТМО", "COMPANY_TYPE": "UNIVERSITY"})
    await sandbox.drain_events()
    robot_event = sandbox.delivered_events[-1]
    assert "access_token" not in robot_event.payload["auth"]
    await run_until_idle(worker, portal.id)
    async with app.state.sessionmaker() as session:
        names = list(
            await session.scalars(select(University.name).where(University.workspace_id == portal.workspace_id))
        )
    assert names == ["Университет ИТМО"]
    refreshed = await installed_portal(app, sandbox)
    assert refreshed.refresh_token_enc != portal.refresh_token_enc

    sandbox.uninstall_app()
    await sandbox.drain_events()
    assert (await installed_portal(app, sandbox)).is_active is False


async def test_an_install_with_tokens_the_portal_does_not_know_is_refused(
    app: FastAPI, app_portal: SandboxPortal
) -> None:
    from tests.factories import client_for

    config = app_portal.config
    body = {
        "event": "ONAPPINSTALL",
        "auth": {
            "access_token": "forged",
            "refresh_token": "forged",
            "domain": config.domain,
            "member_id": config.member_id,
            "client_endpoint": config.client_endpoint,
            "application_token": "x",
        },
    }
    async with client_for(app) as client:
        response = await client.post("/api/v1/bitrix24/events", json=body)
    assert response.status_code == 401
    assert await installed_portal(app, app_portal) is None


class Recorder(httpx.AsyncBaseTransport):
    """A host of the caller's choosing that answers every call as a portal would: it must never be called."""

    def __init__(self) -> None:
        self.requests: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(str(request.url))
        return httpx.Response(200, json={"result": {"ID": 1, "CODE": "app", "STATUS": "F", "INSTALLED": True}})


@pytest.mark.parametrize("claim", ["made-up tokens", "real tokens, another portal's address"])
async def test_an_install_is_verified_with_the_oauth_server_and_calls_no_host_the_caller_names(
    app: FastAPI, app_portal: SandboxPortal, claim: str
) -> None:
    from tests.factories import client_for

    evil = Recorder()
    clients: PortalClients = app.state.bitrix24_clients
    clients.transports["evil.example"] = evil
    if claim == "made-up tokens":
        tokens = {"access_token": "made-up", "refresh_token": "made-up", "member_id": "m" * 32}
    else:
        installation = app_portal.install_app()  # tokens the OAuth server did issue, for the sandbox portal
        tokens = {
            "access_token": installation.access_token,
            "refresh_token": installation.refresh_token,
            "member_id": app_portal.config.member_id,
        }
    body = {
        "event": "ONAPPINSTALL",
        "auth": {
            **tokens,
            "domain": "evil.example",
            "client_endpoint": "https://evil.example/rest/",
            "application_token": "x",
        },
    }
    async with client_for(app) as client:
        response = await client.post("/api/v1/bitrix24/events", json=body)
    assert response.status_code == 401, response.text
    assert evil.requests == []
    async with app.state.sessionmaker() as session:
        assert await session.scalar(select(Portal).where(Portal.domain == "evil.example")) is None


async def test_offline_events_deliver_what_the_online_ones_lost(app: FastAPI, app_portal: SandboxPortal) -> None:
    sandbox = app_portal
    portal, worker = await install_and_settle(app, sandbox)
    assert portal.id in worker.offline_portals

    sandbox.config.event_drop_rate = 1.0  # every HTTP delivery is lost
    sandbox.person.add_company(
        {"TITLE": "Санкт-Петербургский политехнический университет", "COMPANY_TYPE": "UNIVERSITY"}
    )
    await sandbox.drain_events()
    await worker.work_on(portal.id)
    await run_until_idle(worker, portal.id)
    async with app.state.sessionmaker() as session:
        names = list(
            await session.scalars(select(University.name).where(University.workspace_id == portal.workspace_id))
        )
    assert names == ["Санкт-Петербургский политехнический университет"]
    clients: PortalClients = app.state.bitrix24_clients
    queued = (await clients.client_for(portal).call("event.offline.get", {"clear": 0})).result["events"]
    assert queued == []  # read and cleared


async def test_a_second_process_picks_up_tokens_another_one_rotated(app: FastAPI, app_portal: SandboxPortal) -> None:
    sandbox = app_portal
    sandbox.install_app(handler_url=HANDLER)
    await sandbox.drain_events()
    portal = await installed_portal(app, sandbox)
    settings = app.state.bitrix24_clients.settings
    first = PortalClients(settings, app.state.sessionmaker)
    second = PortalClients(settings, app.state.sessionmaker)
    for clients in (first, second):
        clients.transports = app.state.bitrix24_clients.transports
        assert (await clients.client_for(portal).call("profile")).result
    expire_tokens(sandbox)  # both access tokens expire
    assert (await first.client_for(portal).call("profile")).result  # the first refreshes and rotates
    # The second still holds the old refresh token, which no longer works: it must take the stored pair.
    assert (await second.client_for(portal).call("profile")).result
    await first.aclose()
    await second.aclose()
