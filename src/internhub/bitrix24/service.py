"""The Bitrix24 connection as people manage it: its state, pipelines, conflicts, first connection and retries
(the router only maps these to HTTP)."""

from __future__ import annotations

from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.bitrix24 import connection as connections
from internhub.bitrix24 import outbox
from internhub.bitrix24.client import BATCH_LIMIT, Bitrix24Client, Bitrix24Error, command
from internhub.bitrix24.conflicts import relink_children
from internhub.bitrix24.kinds import remote_id_of
from internhub.bitrix24.mapping import MODEL_OF, REMOTE_ID_COLUMN, REMOTE_OF, Mapping
from internhub.bitrix24.schemas import (
    ConflictOut,
    ConnectionOut,
    DeletionHoldOut,
    ExportOut,
    LinkedRecordOut,
    PipelineOut,
    PipelineStageOut,
    PortalOut,
    QueueOut,
    RemoteRecord,
    SyncErrorOut,
)
from internhub.common.crud import one_or_404
from internhub.db import after_commit
from internhub.errors import NotFound, Problem
from internhub.models import Connection, DirtyEntity, OutboxItem, Portal, PortalEvent, SyncState, SyncStatus, utcnow

SEMANTICS: dict[str, Literal["process", "success", "failure"]] = {"S": "success", "F": "failure"}
MAX_CONFLICTS = 1000


class PortalUnreachable(Problem):
    status = 502
    title = "Bad Gateway"


async def portal_of(session, workspace_id: int) -> Portal | None:
    return await session.scalar(select(Portal).where(Portal.workspace_id == workspace_id))


async def require_portal(session, workspace_id: int) -> Portal:
    portal = await portal_of(session, workspace_id)
    if portal is None:
        raise NotFound("No Bitrix24 portal is connected to this workspace.", code="portal_not_connected")
    return portal


async def conflicts(session, portal: Portal) -> list[ConflictOut]:
    """Our records in conflict, then the portal's records set aside that are not linked to one of ours.
    Conflicts are few; past MAX_CONFLICTS of each the oldest are shown."""
    local = select(SyncState).where(
        SyncState.workspace_id == portal.workspace_id, SyncState.status == SyncStatus.conflict
    )
    remote = select(DirtyEntity).where(DirtyEntity.portal_id == portal.id, DirtyEntity.conflict.is_not(None))
    items = [
        ConflictOut(
            entity_type=state.entity_type,
            entity_id=state.entity_id,
            remote_type=REMOTE_OF[state.entity_type],
            remote_id=await remote_id_of(session, state.entity_type, state.entity_id),
            code=state.conflict or "invalid",
            message=state.error or "",
            since=state.synced_at,
        )
        for state in await session.scalars(local.order_by(SyncState.id).limit(MAX_CONFLICTS))
    ]
    linked = {(item.remote_type, item.remote_id) for item in items}
    items += [
        ConflictOut(
            entity_type=None,
            entity_id=None,
            remote_type=row.entity_type,
            remote_id=row.entity_id,
            code=row.conflict or "invalid",
            message=row.last_error or "",
            since=row.marked_at,
        )
        for row in await session.scalars(remote.order_by(DirtyEntity.marked_at).limit(MAX_CONFLICTS))
        if (row.entity_type, row.entity_id) not in linked
    ]
    return items


async def linked_record(session: AsyncSession, workspace_id: int, remote: RemoteRecord) -> LinkedRecordOut:
    """Our record behind a deal, contact or company of the workspace's portal (a deal is an application or an
    opening, a company a university or an employer)."""
    for kind, model in MODEL_OF.items():
        if REMOTE_OF[kind] != remote.remote_type:
            continue
        column = getattr(model, REMOTE_ID_COLUMN[kind])
        found = await session.scalar(
            select(model.id).where(
                model.workspace_id == workspace_id, column == remote.remote_id, model.deleted_at.is_(None)
            )
        )
        if found is not None:
            return LinkedRecordOut.model_validate({"entity_type": kind, "entity_id": found})
    raise NotFound(
        f"No record here is linked to Bitrix24 {remote.remote_type} {remote.remote_id}.", code="record_not_linked"
    )


async def connection_out(session, portal: Portal, connection: Connection) -> ConnectionOut:
    out = ConnectionOut.model_validate(connection)
    total = connection.progress.get("export_total")
    if total is not None:
        pending = await connections.pending_pushes(session, portal.workspace_id)
        out.export = ExportOut(total=total, done=max(total - pending, 0) if connection.status != "done" else total)
    return out


async def open_connection(session, workspace_id: int) -> tuple[Portal, Connection]:
    portal = await require_portal(session, workspace_id)
    connection = await connections.latest(session, portal.id)
    if connection is None:
        raise NotFound("This portal has no connection plan.", code="connection_plan_missing")
    return portal, connection


async def retry(session, workspace_id: int, kind: str, entity_id: int) -> None:
    """Queue a record for a push now, whatever happened before. A record whose Bitrix24 record was deleted while
    records here depended on it is recreated there, and its children are pointed at the new one."""
    await require_portal(session, workspace_id)
    model = MODEL_OF[kind]
    await one_or_404(session, select(model).where(model.id == entity_id, model.workspace_id == workspace_id), kind)
    state = await session.scalar(
        select(SyncState).where(
            SyncState.workspace_id == workspace_id, SyncState.entity_type == kind, SyncState.entity_id == entity_id
        )
    )
    if state is not None and state.conflict == "deleted_with_children":
        await relink_children(session, workspace_id, kind, entity_id)
    for statement in outbox.queue_statements(session.get_bind().dialect.name, workspace_id, kind, entity_id):
        await session.execute(statement)
    after_commit(session, outbox.wake)


async def portal_status(session: AsyncSession, portal: Portal, sandbox_domain: str | None) -> PortalOut:
    """The connection: which portal, how it is authorised, and how much is waiting to sync."""
    pending_filter = (OutboxItem.workspace_id == portal.workspace_id) & OutboxItem.done_at.is_(None)
    pending = await session.scalar(select(func.count()).select_from(OutboxItem).where(pending_filter))
    oldest = await session.scalar(select(func.min(OutboxItem.created_at)).where(pending_filter))
    failed = await session.scalar(
        select(func.count())
        .select_from(SyncState)
        .where(SyncState.workspace_id == portal.workspace_id, SyncState.status == SyncStatus.failed)
    )
    dirty = await session.scalar(
        select(func.count()).select_from(DirtyEntity).where(DirtyEntity.portal_id == portal.id)
    )
    conflict_count = len(await conflicts(session, portal))
    last_event = await session.scalar(
        select(func.max(PortalEvent.received_at)).where(PortalEvent.portal_id == portal.id)
    )
    return PortalOut(
        connected=True,
        domain=portal.domain,
        auth_mode=portal.auth_mode,
        is_active=portal.is_active,
        sandbox=portal.domain == sandbox_domain,
        installed_at=portal.installed_at,
        last_event_at=last_event,
        last_reconciled_at=portal.last_reconciled_at,
        mapping_complete=Mapping.model_validate(portal.mapping or {}).complete,
        queue=QueueOut(
            pending=pending or 0,
            failed=failed or 0,
            dirty=dirty or 0,
            conflicts=conflict_count,
            oldest_pending_seconds=(utcnow() - oldest).total_seconds() if oldest else None,
        ),
        sync_error=SyncErrorOut(
            message=portal.sync_error,
            since=portal.sync_error_at,
            failures=portal.sync_failures,
            next_attempt_at=portal.resting_until,
        )
        if portal.sync_error
        else None,
        deletion_hold=DeletionHoldOut.model_validate(portal.deletion_hold) if portal.deletion_hold else None,
        new_users=portal.new_users,
    )


async def pipelines(client: Bitrix24Client) -> list[PipelineOut]:
    """The portal's deal pipelines with their stages, as Bitrix24 has them now."""
    try:
        categories = (await client.call("crm.category.list", {"entityTypeId": 2})).result["categories"]
        stages: dict[str, list] = {}
        # Every pipeline's stages (crm.status.list, ENTITY_ID DEAL_STAGE or DEAL_STAGE_{id}) in batches of 50.
        for start in range(0, len(categories), BATCH_LIMIT):
            commands = {
                str(c["id"]): command(
                    "crm.status.list",
                    {"filter": {"ENTITY_ID": "DEAL_STAGE" if int(c["id"]) == 0 else f"DEAL_STAGE_{c['id']}"}},
                )
                for c in categories[start : start + BATCH_LIMIT]
            }
            answer = await client.batch(commands)
            if answer.errors:
                name, error = next(iter(answer.errors.items()))
                raise Bitrix24Error(str(error.get("error", "")), f"crm.status.list for pipeline {name}")
            stages.update(answer.results)
    except Bitrix24Error as exc:
        raise PortalUnreachable(f"The Bitrix24 portal did not answer as expected: {exc}") from exc
    found = [
        PipelineOut(
            id=int(c["id"]),
            name=str(c["name"]),
            sort=int(c.get("sort") or 0),
            is_default=c.get("isDefault") == "Y" or int(c["id"]) == 0,
            stages=sorted(
                (
                    PipelineStageOut(
                        id=str(row["STATUS_ID"]),
                        name=str(row["NAME"]),
                        sort=int(row.get("SORT") or 0),
                        semantics=SEMANTICS.get(row.get("SEMANTICS") or "", "process"),
                    )
                    for row in stages.get(str(c["id"])) or []
                ),
                key=lambda stage: stage.sort,
            ),
        )
        for c in categories
    ]
    return sorted(found, key=lambda p: (not p.is_default, p.sort, p.id))
