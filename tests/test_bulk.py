"""Bulk inserts (COPY on PostgreSQL, executemany on SQLite) write what an ORM flush would, in the caller's
transaction."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import FastAPI
from sqlalchemy import func, select

from internhub.common import bulk
from internhub.models import SyncState, SyncStatus
from tests.factories import Tenant


async def test_rows_get_their_defaults_and_their_types(app: FastAPI, tenant: Tenant) -> None:
    moment = datetime(2026, 3, 1, 12, 30, tzinfo=UTC)
    rows = [
        {"workspace_id": tenant.workspace_id, "entity_type": "student", "entity_id": 1, "base": {"имя": "Анна"}},
        {
            "workspace_id": tenant.workspace_id,
            "entity_type": "student",
            "entity_id": 2,
            "status": SyncStatus.synced,
            "synced_at": moment,
            "base": {"course": 3, "skills": ["sql"]},
        },
    ]
    async with app.state.sessionmaker() as session:
        await bulk.insert_rows(session, SyncState.__table__, rows)
        await session.commit()
    async with app.state.sessionmaker() as session:
        found = (
            await session.scalars(
                select(SyncState).where(SyncState.workspace_id == tenant.workspace_id).order_by(SyncState.entity_id)
            )
        ).all()
    assert [(s.entity_id, s.status, s.base, s.synced_at, s.error) for s in found] == [
        (1, SyncStatus.pending, {"имя": "Анна"}, None, None),  # the column's default, JSON as JSON
        (2, SyncStatus.synced, {"course": 3, "skills": ["sql"]}, moment, None),
    ]
    assert all(s.id for s in found)  # the primary key from the database


async def test_rows_go_in_the_callers_transaction(app: FastAPI, tenant: Tenant) -> None:
    row = {"workspace_id": tenant.workspace_id, "entity_type": "company", "entity_id": 7, "base": {}}
    async with app.state.sessionmaker() as session:
        await bulk.insert_rows(session, SyncState.__table__, [row])  # the first statement of the transaction
        await session.rollback()
    async with app.state.sessionmaker() as session:
        count = select(func.count()).where(SyncState.workspace_id == tenant.workspace_id)
        assert await session.scalar(count.select_from(SyncState)) == 0
