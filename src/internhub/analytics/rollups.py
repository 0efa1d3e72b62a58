"""Rebuilding a workspace's analytics rollups from its rows: the demo generator and bulk imports call ``rebuild``
after loading rows without the ORM (which the flush listener in ``rollup_listener`` keeps current otherwise)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from internhub.analytics import skills
from internhub.analytics.rollup_rows import COUNT_GRAINS, DURATION_GRAINS, DURATION_SCOPES, SHARE_GRAINS, SHARE_SCOPES
from internhub.analytics.rollup_sql import (
    coarser,
    events_table,
    facts_select,
    grouped_insert,
    insert_facts,
    opening_statements,
    student_statements,
)
from internhub.analytics.sql import events
from internhub.models import Application, Workspace
from internhub.models.analytics import (
    ApplicationFact,
    Grain,
    OpeningCount,
    RollupScope,
    ShareCount,
    SkillCount,
    StageCount,
    StageDuration,
    StudentCount,
)

ROLLUPS = (StageCount, StageDuration, ShareCount, OpeningCount, StudentCount, SkillCount)
ALL_ROLLUPS = (*ROLLUPS, ApplicationFact)
EVENT_ROLLUPS = {
    StageCount: (tuple(RollupScope), COUNT_GRAINS),
    StageDuration: (DURATION_SCOPES, DURATION_GRAINS),
    ShareCount: (SHARE_SCOPES, SHARE_GRAINS),
}


def rebuild_facts(connection: Connection, workspace_id: int) -> None:
    table = ApplicationFact.__table__
    connection.execute(delete(table).where(table.c.workspace_id == workspace_id))
    live = (Application.workspace_id == workspace_id, Application.deleted_at.is_(None))
    insert_facts(connection, facts_select(connection.dialect.name, *live))


def rebuild(connection: Connection, workspace_id: int, only: tuple[Any, ...] | None = None) -> None:
    """Compute one workspace's rollups from its rows (within the caller's transaction).

    ``only`` names the rollup models to build (all of them by default): a migration that adds a rollup
    builds just its own, with the tables of later ones not there yet.
    """
    models = ALL_ROLLUPS if only is None else only
    dialect = connection.dialect.name
    if dialect == "postgresql":
        # Millions of events are grouped: room for hash aggregates instead of sorts spilled to disk.
        connection.execute(text("SET LOCAL work_mem = '256MB'"))
    for model in models:
        if model in ROLLUPS:
            connection.execute(delete(model).where(model.workspace_id == workspace_id))
    if counted := tuple(model for model in models if model in EVENT_ROLLUPS):
        rebuild_events(connection, workspace_id, counted)
    if ApplicationFact in models:
        rebuild_facts(connection, workspace_id)
    if OpeningCount in models:
        for statement in opening_statements(dialect, workspace_id):
            connection.execute(statement)
    if StudentCount in models:
        for statement in student_statements(dialect, workspace_id):
            connection.execute(statement)
    if SkillCount in models:
        skills.rebuild(connection, workspace_id)
    # Statistics for the planner now: SQLite gathers none by itself (its planner would guess, and picked
    # the wrong index at scale L), and PostgreSQL's autovacuum would come to it only later.
    for model in models:
        connection.execute(text(f"ANALYZE {model.__tablename__}"))


def rebuild_events(connection: Connection, workspace_id: int, models: tuple[Any, ...]) -> None:
    """Count a workspace's application events into the (emptied) rollup tables of ``models``."""
    dialect = connection.dialect.name
    # The events are read once into a temporary table and grouped into day rows per scope; weeks and
    # months are then added up from the (far fewer) day rows.
    staged = events_table()
    staged.create(connection)
    try:
        live = (Application.workspace_id == workspace_id, Application.deleted_at.is_(None))
        source = events(dialect, *live)
        connection.execute(staged.insert().from_select([c.name for c in staged.columns], source))
        if dialect == "postgresql":
            connection.execute(text(f"ANALYZE {staged.name}"))
        for model in models:
            scopes, grains = EVENT_ROLLUPS[model]
            for scope in scopes:
                connection.execute(grouped_insert(dialect, model.__table__, staged, scope, Grain.day, 1, upsert=False))
            for grain in grains[1:]:
                connection.execute(coarser(dialect, model.__table__, workspace_id, grain))
    finally:
        staged.drop(connection)


async def rebuild_database(database_url: str, workspace_id: int) -> None:
    """Rebuild one workspace's rollups in a database of its own (the demo generator's last step)."""
    engine = create_async_engine(database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(rebuild, workspace_id)
    finally:
        await engine.dispose()


async def rebuild_all(connection: AsyncConnection) -> None:
    """Rebuild every workspace's rollups (after a bulk load that bypassed the ORM)."""
    for workspace_id in (await connection.scalars(select(Workspace.id))).all():
        await connection.run_sync(rebuild, workspace_id)
