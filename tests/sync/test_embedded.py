"""Development mode: the built-in sandbox portal starts with the app and is filled from our data."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from fastapi import FastAPI
from sqlalchemy import select

from internhub.app import create_app
from internhub.bitrix24.client import Throttle
from internhub.bitrix24.worker import SyncWorker, run_until_idle
from internhub.config import Settings
from internhub.models import Portal, University, Workspace
from internhub.workspaces import get_or_create


def development_app(tmp_path: Path) -> FastAPI:
    settings = Settings(
        env="development",
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'dev.db'}",
        data_dir=tmp_path,
        bitrix24_workers=False,
        log_level="WARNING",
    )
    assert settings.sandbox_enabled
    return create_app(settings)


async def drive(app: FastAPI) -> Portal:
    async with app.state.sessionmaker() as session:
        portal = await session.scalar(select(Portal))
    clients = app.state.bitrix24_clients
    clients.client_for(portal).throttle = Throttle(1000, 10_000)
    worker = SyncWorker(app.state.settings, app.state.sessionmaker, clients)
    await worker.work_on(portal.id)  # first round sets the portal up
    for _ in range(5):
        await app.state.sandbox.drain_events()
        await run_until_idle(worker, portal.id)
    return portal


async def test_the_sandbox_is_filled_from_our_data_on_every_start(tmp_path: Path) -> None:
    app = development_app(tmp_path)
    async with app.router.lifespan_context(app), app.state.sessionmaker() as session:
        workspace = await get_or_create(session, "default", "Default")
        session.add(University(workspace_id=workspace.id, name="МГТУ им. Н. Э. Баумана"))
        await session.commit()
    # The record existed before the portal connected: the next start exports it.
    app = development_app(tmp_path)
    async with app.router.lifespan_context(app):
        portal = await drive(app)
        async with app.state.sessionmaker() as session:
            university = await session.scalar(select(University))
            workspace = await session.get(Workspace, portal.workspace_id)
        assert workspace.slug == "default"
        assert university.bitrix24_company_id is not None
        assert portal.domain == "sandbox.bitrix24.local"
        remote = await clients_call(app, "crm.company.get", {"id": university.bitrix24_company_id})
        assert (remote["TITLE"], remote["COMPANY_TYPE"]) == ("МГТУ им. Н. Э. Баумана", "UNIVERSITY")
        first_id = university.bitrix24_company_id

    # A restart brings a new, empty sandbox: the old ids are forgotten and everything is exported again.
    app = development_app(tmp_path)
    async with app.router.lifespan_context(app):
        async with app.state.sessionmaker() as session:
            assert (await session.scalar(select(University))).bitrix24_company_id is None
        await drive(app)
        async with app.state.sessionmaker() as session:
            again = await session.scalar(select(University))
        assert again.bitrix24_company_id == first_id  # the new sandbox numbers from 1 as well
        remote = await clients_call(app, "crm.company.get", {"id": again.bitrix24_company_id})
        assert remote["TITLE"] == "МГТУ им. Н. Э. Баумана"


async def clients_call(app: FastAPI, method: str, params: dict) -> dict:
    async with app.state.sessionmaker() as session:
        portal = await session.scalar(select(Portal))
    return (await app.state.bitrix24_clients.client_for(portal).call(method, params)).result


async def test_the_sandbox_answers_off_the_api_event_loop(tmp_path: Path, monkeypatch) -> None:
    """The sandbox's answers are pure Python work (a list over every record); on the API's own loop, each
    reconciliation held every other request for seconds. It answers on a thread of its own, like a portal."""
    from internhub.bitrix24.sandbox import portal as sandbox_portal

    real_dispatch = sandbox_portal.dispatch

    def slow_dispatch(portal, method, params, ctx):
        if method == "user.current":
            time.sleep(1.0)  # a long answer, computed without awaiting anything
        return real_dispatch(portal, method, params, ctx)

    monkeypatch.setattr(sandbox_portal, "dispatch", slow_dispatch)
    app = development_app(tmp_path)
    async with app.router.lifespan_context(app), app.state.sessionmaker() as session:
        portal = await session.scalar(select(Portal))
        client = app.state.bitrix24_clients.client_for(portal)
        ticks = 0

        async def tick() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.01)

        ticker = asyncio.create_task(tick())
        await asyncio.sleep(0)
        before = ticks
        await client.call("user.current")
        during = ticks - before
        ticker.cancel()
    assert during >= 10  # the loop kept turning while the portal worked (held, it would not turn at all)
