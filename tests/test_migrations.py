"""Migrations build the schema the models describe, on both databases, and can be undone."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.ext.asyncio import create_async_engine

from internhub.migrate import alembic_config, head_revision, include_object, upgrade
from internhub.models import Base
from internhub.testing.postgres import TemporaryPostgres


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request: pytest.FixtureRequest, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'm.db'}"
    server: TemporaryPostgres = request.getfixturevalue("postgres")
    return server.create_database(f"migrations_{tmp_path.name[-20:].replace('-', '_').lower()}")


def _differences(sync_connection) -> list:
    context = MigrationContext.configure(sync_connection, opts={"compare_type": True, "include_object": include_object})
    return compare_metadata(context, Base.metadata)


async def _diff_and_revision(url: str) -> tuple[list, str | None]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            diff = await connection.run_sync(_differences)
            revision = await connection.run_sync(lambda c: MigrationContext.configure(c).get_current_revision())
    finally:
        await engine.dispose()
    return diff, revision


async def test_migrations_match_the_models_and_round_trip(empty_database: str) -> None:
    import asyncio

    await asyncio.to_thread(upgrade, empty_database)
    diff, revision = await _diff_and_revision(empty_database)
    assert diff == []
    assert revision == head_revision()

    await asyncio.to_thread(command.downgrade, alembic_config(empty_database), "base")
    _, revision = await _diff_and_revision(empty_database)
    assert revision is None

    await asyncio.to_thread(upgrade, empty_database)
    diff, revision = await _diff_and_revision(empty_database)
    assert diff == [] and revision == head_revision()
