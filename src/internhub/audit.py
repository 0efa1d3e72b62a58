"""The audit log: every write of a record people care about, with who made it and from which side.

Written by an ``after_flush`` listener in the same transaction as the change (as the outbox is), so no write path
can forget it and a rolled-back change leaves no entry. The actor is the request's principal (set when it is
resolved), the anonymous public form, Bitrix24 (a session marked as the sync's), or the system (jobs, commands).
Bulk loads that write rows without the ORM (the demo data, the Bitrix24 import's first pass) are not entered.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import Field
from sqlalchemy import insert, inspect, select
from sqlalchemy.orm import Session

from internhub.auth.principal import Admin
from internhub.bitrix24.outbox import ORIGIN
from internhub.common.actor import BITRIX24, current
from internhub.common.pagination import ListQuery, Page, paginate
from internhub.common.schemas import Day, OutputModel
from internhub.db import SessionDep
from internhub.models import (
    ActorKind,
    Application,
    AuditEntry,
    Company,
    Opening,
    Partnership,
    ReportSchedule,
    RoutingRule,
    Student,
    Team,
    University,
    User,
    utcnow,
)

AUDITED = {
    University: "university",
    Company: "company",
    Student: "student",
    Opening: "opening",
    Application: "application",
    Partnership: "partnership",
    User: "user",
    RoutingRule: "routing_rule",
    Team: "team",
    ReportSchedule: "report_schedule",
}
SECRET = {"password_hash"}
NOT_CHANGES = {"updated_at", "created_at", "id", "workspace_id"}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _changes(obj: Any, action: str) -> dict[str, list[Any]]:
    state = inspect(obj)
    found: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        name = attr.key
        if name in NOT_CHANGES:
            continue
        history = state.attrs[name].history
        if action == "update" and not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = None if action == "delete" else state.dict.get(name)  # never a load inside the flush
        if action == "create" and new is None:
            continue
        if name in SECRET:
            found[name] = ["***", "***"]
        else:
            found[name] = [_plain(old), _plain(new)]
    return found


def write_audit(session: Session, _context) -> None:
    actor = BITRIX24 if session.info.get(ORIGIN) else current()
    rows = []
    now = utcnow()
    for objects, action in ((session.new, "create"), (session.dirty, "update"), (session.deleted, "delete")):
        for obj in objects:
            kind = AUDITED.get(type(obj))
            if kind is None or obj.id is None:
                continue
            changes = _changes(obj, action)
            if action == "update" and not changes:
                continue
            if action == "update" and set(changes) == {"deleted_at"} and changes["deleted_at"][1] is not None:
                action_taken = "delete"  # removed (kept, hidden): a delete to whoever reads the log
            else:
                action_taken = action
            rows.append(
                {
                    "workspace_id": obj.workspace_id,
                    "at": now,
                    "actor_kind": actor.kind,
                    "actor_id": actor.id,
                    "actor_name": actor.name[:200],
                    "entity_type": kind,
                    "entity_id": obj.id,
                    "action": action_taken,
                    "changes": changes,
                }
            )
    if rows:
        session.connection().execute(insert(AuditEntry.__table__), rows)


# --- reading it ------------------------------------------------------------------------------------------

router = APIRouter(prefix="/audit", tags=["audit"])


class AuditOut(OutputModel):
    id: int
    at: datetime
    actor_kind: ActorKind
    actor_id: int | None
    actor_name: str
    entity_type: str
    entity_id: int
    action: str
    changes: dict[str, list[Any]] = Field(description="Each changed field: [old, new] (secrets as ***)")


class AuditQuery(ListQuery):
    entity_type: str | None = Field(default=None, max_length=32)
    entity_id: int | None = Field(default=None, ge=1, le=2**63 - 1)
    actor_kind: ActorKind | None = None
    actor_id: int | None = Field(default=None, ge=1, le=2**63 - 1)
    date_from: Day | None = Field(default=None, description="On or after this day (UTC)")
    date_to: Day | None = Field(default=None, description="On or before this day (UTC)")


@router.get("", operation_id="audit-list")
async def list_audit(query: Annotated[AuditQuery, Query()], principal: Admin, session: SessionDep) -> Page[AuditOut]:
    """Who changed what and when, newest first (admins only)."""
    stmt = select(AuditEntry).where(AuditEntry.workspace_id == principal.workspace_id)
    for column, value in (
        (AuditEntry.entity_type, query.entity_type),
        (AuditEntry.entity_id, query.entity_id),
        (AuditEntry.actor_kind, query.actor_kind),
        (AuditEntry.actor_id, query.actor_id),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    if query.date_from is not None:
        stmt = stmt.where(AuditEntry.at >= datetime.combine(query.date_from, time.min, tzinfo=UTC))
    if query.date_to is not None:
        stmt = stmt.where(AuditEntry.at <= datetime.combine(query.date_to, time.max, tzinfo=UTC))
    return await paginate(session, stmt, query, {"id": AuditEntry.id}, AuditEntry.id, default_sort="-id")
