"""SQLite's planner statistics are refreshed by the server itself; PostgreSQL keeps its own."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import text

from internhub.db import refresh_statistics
from tests.factories import Tenant


async def test_statistics_cover_the_tables_after_a_refresh(app: FastAPI, tenant: Tenant) -> None:
    await tenant.university()  # a row, so the table's indexes have something to sample
    engine = app.state.engine
    if engine.dialect.name != "sqlite":
        await refresh_statistics(engine)  # nothing to do there: autovacuum analyzes
        return
    async with engine.begin() as connection:
        if await connection.scalar(text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")):
            await connection.execute(text("DELETE FROM sqlite_stat1"))  # whatever statistics there were, forgotten
    await refresh_statistics(engine)
    async with engine.connect() as connection:
        analyzed = set((await connection.execute(text("SELECT DISTINCT tbl FROM sqlite_stat1"))).scalars())
    assert {"universities", "workspaces", "users"} <= analyzed
