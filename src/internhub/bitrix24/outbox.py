"""Local changes that must reach Bitrix24: an outbox row in the same transaction as the change.

Every flush that adds, changes or removes a synced record writes the rows itself (``after_flush``), so
no write path can forget. Changes that came *from* Bitrix24 are flushed with ``from_bitrix24(session)``
and write none: that is what keeps our own writes from echoing back and forth. One pending row per
record: many changes before the next push make one push of the latest state.
"""

from __future__ import annotations

import asyncio

from sqlalchemy import inspect, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from internhub.bitrix24.mapping import MODEL_OF, SYNCED_FIELDS
from internhub.common.upsert import insert_for
from internhub.db import after_commit
from internhub.models import OutboxItem, Portal, SyncState, SyncStatus, utcnow

KIND_OF = {model: kind for kind, model in MODEL_OF.items()}
ORIGIN = "bitrix24_origin"

work_available = asyncio.Event()
"""Set after a commit that left work for the sync workers of this process."""


def wake() -> None:
    work_available.set()


def from_bitrix24(session: AsyncSession | Session) -> None:
    """Mark the session's changes as coming from Bitrix24: they must not be pushed back."""
    session.info[ORIGIN] = True


def _changed(obj: object, kind: str) -> bool:
    state = inspect(obj)
    if state.deleted or state.was_deleted:
        return True
    fields = (*SYNCED_FIELDS[kind], "deleted_at", "skill_rows")
    return any(state.attrs[name].history.has_changes() for name in fields if name in state.attrs)


def queue_statements(dialect: str, workspace_id: int, kind: str, entity_id: int) -> tuple:
    """Upserts of the record's pending outbox row (due now; a newer version if one is waiting) and of its
    sync state (pending)."""
    now = utcnow()
    key = {"workspace_id": workspace_id, "entity_type": kind, "entity_id": entity_id}
    pending = (
        insert_for(dialect, OutboxItem.__table__)
        .values(**key, created_at=now, due_at=now, version=1, attempts=0)
        .on_conflict_do_update(
            index_elements=list(key),
            index_where=OutboxItem.done_at.is_(None),
            set_={"version": OutboxItem.version + 1, "due_at": now, "attempts": 0},
        )
    )
    state = (
        insert_for(dialect, SyncState.__table__)
        .values(**key, status=SyncStatus.pending, base={})
        .on_conflict_do_update(index_elements=list(key), set_={"status": SyncStatus.pending, "error": None})
    )
    return pending, state


def write_outbox(session: Session, _context) -> None:
    if session.info.get(ORIGIN):
        return
    changed: set[tuple[int, str, int]] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        kind = KIND_OF.get(type(obj))
        if kind is not None and obj.id is not None and _changed(obj, kind):
            changed.add((obj.workspace_id, kind, obj.id))
    if not changed:
        return
    connection = session.connection()
    workspaces = {workspace_id for workspace_id, _, _ in changed}
    connected = set(
        connection.scalars(
            select(Portal.workspace_id).where(Portal.workspace_id.in_(workspaces), Portal.is_active.is_(True))
        )
    )
    dialect = connection.dialect.name
    for workspace_id, kind, entity_id in changed:
        if workspace_id in connected:
            for statement in queue_statements(dialect, workspace_id, kind, entity_id):
                connection.execute(statement)
    if connected:
        after_commit(session, wake)
