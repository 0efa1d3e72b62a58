"""The migrations that add rollups fill them for the data already there, equal to what a rebuild makes."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from alembic import command
from sqlalchemy import select
from sqlalchemy.ext.asyncio import create_async_engine

from internhub.analytics import rollups
from internhub.demo import generate
from internhub.migrate import alembic_config, upgrade
from internhub.models import Workspace
from internhub.models.analytics import ApplicationFact, ShareCount
from tests.test_migrations import empty_database  # noqa: F401 (the fixture, used by name)

BEFORE_SHARE_COUNTS = "38c03d9ed9ff"


async def _rows(url: str) -> dict[str, set[tuple]]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            return {
                model.__tablename__: {tuple(row) for row in await connection.execute(select(model.__table__))}
                for model in (ShareCount, ApplicationFact)
            }
    finally:
        await engine.dispose()


async def test_new_rollup_tables_are_filled_for_existing_data(empty_database: str) -> None:  # noqa: F811
    database = empty_database
    await asyncio.to_thread(upgrade, database)
    now = datetime(2026, 11, 20, tzinfo=UTC)
    await generate(database, universities=3, companies=5, students=60, openings=15, applications=200, now=now)
    built = await _rows(database)  # by the generator's rebuild
    assert len(built["analytics_share_counts"]) > 50 and len(built["analytics_application_facts"]) >= 200

    await asyncio.to_thread(command.downgrade, alembic_config(database), BEFORE_SHARE_COUNTS)
    await asyncio.to_thread(upgrade, database)
    assert await _rows(database) == built

    engine = create_async_engine(database)
    try:
        async with engine.begin() as connection:
            workspace_id = (await connection.execute(select(Workspace.id))).scalar_one()
            await connection.run_sync(rollups.rebuild, workspace_id)
    finally:
        await engine.dispose()
    assert await _rows(database) == built
