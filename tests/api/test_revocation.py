"""A session revoked in one API process dies at once in every other, through Redis; without it, within the
cache's lifetime."""

from __future__ import annotations

import asyncio
from pathlib import Path

from internhub.app import create_app
from internhub.auth import service as auth
from internhub.auth.schemas import UserIn
from internhub.config import Settings
from internhub.models import Role
from internhub.testing.postgres import free_port
from internhub.workspaces import get_or_create
from tests.factories import PASSWORD, client_for


def process(tmp_path: Path, redis_url: str) -> Settings:
    return Settings(
        env="test",
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'shared.db'}",
        data_dir=tmp_path,
        bitrix24_workers=False,
        bitrix24_sandbox=False,
        report_schedules=False,
        log_level="WARNING",
        redis_url=redis_url,
        auth_cache_seconds=300,  # long enough that only the signal can explain a quick refusal
    )


async def test_a_sign_out_in_one_process_ends_the_session_in_the_others_at_once(tmp_path: Path, redis_url: str) -> None:
    first, second = create_app(process(tmp_path, redis_url)), create_app(process(tmp_path, redis_url))
    async with first.router.lifespan_context(first), second.router.lifespan_context(second):
        async with first.state.sessionmaker() as session:
            workspace = await get_or_create(session, "revocation", "Revocation")
            await auth.create_user(
                session, workspace.id, UserIn(email="admin@revocation.ru", password=PASSWORD, role=Role.admin)
            )
            await session.commit()
        if (signal := getattr(second.state, "revocations", None)) is not None:
            await asyncio.wait_for(signal.listening.wait(), 10)  # subscribed before anything is revoked
        async with client_for(first) as one:
            signed = await one.post("/api/v1/auth/login", json={"email": "admin@revocation.ru", "password": PASSWORD})
            token = signed.json()["access_token"]
        async with client_for(second, token) as other, client_for(first, token) as same:
            assert (await other.get("/api/v1/auth/me")).status_code == 200  # now kept in the second's cache
            assert (await same.post("/api/v1/auth/logout")).status_code == 204
            for _ in range(100):
                if (await other.get("/api/v1/auth/me")).status_code == 401:
                    break
                await asyncio.sleep(0.02)
            assert (await other.get("/api/v1/auth/me")).status_code == 401


async def test_with_redis_down_a_sign_out_still_works_here(tmp_path: Path) -> None:
    settings = process(tmp_path, f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        async with app.state.sessionmaker() as session:
            workspace = await get_or_create(session, "down", "Down")
            await auth.create_user(
                session, workspace.id, UserIn(email="admin@down.ru", password=PASSWORD, role=Role.admin)
            )
            await session.commit()
        async with client_for(app) as anonymous:
            signed = await anonymous.post("/api/v1/auth/login", json={"email": "admin@down.ru", "password": PASSWORD})
            assert signed.status_code == 200
        async with client_for(app, signed.json()["access_token"]) as admin:
            assert (await admin.get("/api/v1/auth/me")).status_code == 200
            assert (await admin.post("/api/v1/auth/logout")).status_code == 204
            assert (await admin.get("/api/v1/auth/me")).status_code == 401  # at once in this process
