from __future__ import annotations

from fastapi import FastAPI

from tests.factories import client_for


async def test_alive_and_ready_when_migrated(app: FastAPI) -> None:
    async with client_for(app) as client:
        assert (await client.get("/healthz")).json() == {"status": "ok"}
        ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ok"
    assert ready.json()["revision"] == ready.json()["head"]


async def test_not_ready_when_the_schema_is_behind(tmp_path) -> None:
    from internhub.app import create_app
    from internhub.config import Settings

    settings = Settings(env="test", database_url=f"sqlite+aiosqlite:///{tmp_path / 'bare.db'}", migrate_on_start=False)
    app = create_app(settings)
    async with app.router.lifespan_context(app), client_for(app) as client:
        ready = await client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["status"] == "migrations pending"
    assert ready.json()["revision"] is None
