"""The Bitrix24 connection as people see it: status, queue, event log, mapping, retries."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, status
from pydantic import Field
from sqlalchemy import func, select

from internhub.auth.principal import Admin, Staff
from internhub.bitrix24 import connection as connections
from internhub.bitrix24 import outbox
from internhub.bitrix24.client import BATCH_LIMIT, Bitrix24Error, command
from internhub.bitrix24.conflicts import relink_children
from internhub.bitrix24.mapping import KINDS, MODEL_OF, REMOTE_ID_COLUMN, REMOTE_OF, Mapping
from internhub.bitrix24.sync import mark_dirty
from internhub.common.crud import one_or_404
from internhub.common.pagination import ListQuery, Page, paginate
from internhub.common.schemas import Id, InputModel, OutputModel
from internhub.db import SessionDep, after_commit
from internhub.errors import Conflict, NotFound, Problem
from internhub.models import (
    Connection,
    ConnectionItem,
    ConnectionStatus,
    DirtyEntity,
    OutboxItem,
    Portal,
    PortalEvent,
    SyncState,
    SyncStatus,
    utcnow,
)

router = APIRouter(prefix="/bitrix24", tags=["bitrix24"])

PLURAL = {
    "university": "universities",
    "company": "companies",
    "student": "students",
    "opening": "openings",
    "application": "applications",
}


class QueueOut(OutputModel):
    pending: int
    failed: int
    dirty: int
    conflicts: int = Field(description="Records Bitrix24 holds that cannot be applied here (GET /bitrix24/conflicts)")
    oldest_pending_seconds: float | None


class SyncErrorOut(OutputModel):
    message: str = Field(description="Why the last rounds failed, as the portal or the worker said it")
    since: datetime | None
    failures: int = Field(description="Rounds failed in a row; the pause doubles with each, up to 15 minutes")
    next_attempt_at: datetime | None = Field(description="Until then the worker leaves the portal alone")


class DeletionHoldOut(OutputModel):
    detected_at: datetime
    missing: dict[str, int] = Field(description="Our records of each kind the portal's lists no longer show")
    known: dict[str, int] = Field(description="Our records of each kind linked to the portal")
    approved: bool


class PortalOut(OutputModel):
    connected: bool
    domain: str | None = None
    auth_mode: str | None = None
    is_active: bool = False
    sandbox: bool = False
    installed_at: datetime | None = None
    last_event_at: datetime | None = None
    last_reconciled_at: datetime | None = None
    mapping_complete: bool = False
    queue: QueueOut | None = None
    sync_error: SyncErrorOut | None = Field(default=None, description="Set while the worker's rounds fail")
    deletion_hold: DeletionHoldOut | None = Field(
        default=None, description="A deletion check waiting for an administrator (POST /bitrix24/deletions/approve)"
    )


class EventOut(OutputModel):
    id: int
    event: str
    entity_type: str | None
    entity_id: int | None
    received_at: datetime
    payload: dict


class QueueItemOut(OutputModel):
    id: int
    entity_type: str
    entity_id: int
    created_at: datetime
    due_at: datetime
    attempts: int
    last_error: str | None


class QueueQuery(ListQuery):
    state: Literal["pending", "failed"] | None = Field(default=None, description="failed: retried without success")


class StageOut(OutputModel):
    id: str = Field(description="The stage id deals carry in STAGE_ID, e.g. C7:NEW (plain NEW in pipeline 0)")
    name: str
    sort: int
    semantics: Literal["process", "success", "failure"]


class PipelineOut(OutputModel):
    id: int = Field(description="The deal pipeline (CATEGORY_ID); 0 is the portal's default one")
    name: str
    sort: int
    is_default: bool
    stages: list[StageOut]


class PortalUnreachable(Problem):
    status = 502
    title = "Bad Gateway"


SEMANTICS: dict[str, Literal["process", "success", "failure"]] = {"S": "success", "F": "failure"}
MAX_CONFLICTS = 1000


async def _portal(session, workspace_id: int) -> Portal | None:
    return await session.scalar(select(Portal).where(Portal.workspace_id == workspace_id))


async def _require_portal(session, workspace_id: int) -> Portal:
    portal = await _portal(session, workspace_id)
    if portal is None:
        raise NotFound("No Bitrix24 portal is connected to this workspace.", code="portal_not_connected")
    return portal


@router.get("/portal", operation_id="bitrix24-portal-get")
async def portal_status(request: Request, principal: Staff, session: SessionDep) -> PortalOut:
    """The connection: which portal, how it is authorised, and how much is waiting to sync."""
    portal = await _portal(session, principal.workspace_id)
    if portal is None:
        return PortalOut(connected=False)
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
    conflicts = len(await _conflicts(session, portal))
    last_event = await session.scalar(
        select(func.max(PortalEvent.received_at)).where(PortalEvent.portal_id == portal.id)
    )
    sandbox = getattr(request.app.state, "sandbox", None)
    return PortalOut(
        connected=True,
        domain=portal.domain,
        auth_mode=portal.auth_mode,
        is_active=portal.is_active,
        sandbox=sandbox is not None and sandbox.config.domain == portal.domain,
        installed_at=portal.installed_at,
        last_event_at=last_event,
        last_reconciled_at=portal.last_reconciled_at,
        mapping_complete=Mapping.model_validate(portal.mapping or {}).complete,
        queue=QueueOut(
            pending=pending or 0,
            failed=failed or 0,
            dirty=dirty or 0,
            conflicts=conflicts,
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
    )


@router.get("/mapping", operation_id="bitrix24-mapping-get")
async def get_mapping(principal: Staff, session: SessionDep) -> Mapping:
    """Pipelines, stages and company types our records map to."""
    portal = await _require_portal(session, principal.workspace_id)
    return Mapping.model_validate(portal.mapping or {})


@router.put("/mapping", operation_id="bitrix24-mapping-update")
async def update_mapping(body: Mapping, principal: Admin, session: SessionDep) -> Mapping:
    """Replace the mapping (admins); records are pushed with it from now on."""
    portal = await _require_portal(session, principal.workspace_id)
    portal.mapping = body.model_dump(mode="json")
    return body


@router.get("/pipelines", operation_id="bitrix24-pipelines-list")
async def list_pipelines(request: Request, principal: Staff, session: SessionDep) -> list[PipelineOut]:
    """The portal's deal pipelines with their stages, as Bitrix24 has them now (for mapping and routing)."""
    portal = await _require_portal(session, principal.workspace_id)
    client = request.app.state.bitrix24_clients.client_for(portal)
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
    pipelines = [
        PipelineOut(
            id=int(c["id"]),
            name=str(c["name"]),
            sort=int(c.get("sort") or 0),
            is_default=c.get("isDefault") == "Y" or int(c["id"]) == 0,
            stages=sorted(
                (
                    StageOut(
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
    return sorted(pipelines, key=lambda p: (not p.is_default, p.sort, p.id))


@router.get("/events", operation_id="bitrix24-events-list")
async def list_events(query: Annotated[ListQuery, Query()], principal: Staff, session: SessionDep) -> Page[EventOut]:
    """The event log: what Bitrix24 sent, newest first (tokens are never stored)."""
    portal = await _require_portal(session, principal.workspace_id)
    stmt = select(PortalEvent).where(PortalEvent.portal_id == portal.id)
    sortable = {"id": PortalEvent.id, "received_at": PortalEvent.received_at}
    return await paginate(session, stmt, query, sortable, PortalEvent.id)


@router.get("/queue", operation_id="bitrix24-queue-list")
async def list_queue(
    query: Annotated[QueueQuery, Query()], principal: Staff, session: SessionDep
) -> Page[QueueItemOut]:
    """Changes waiting to reach Bitrix24; ``state=failed`` for those that keep failing, with the error."""
    stmt = select(OutboxItem).where(OutboxItem.workspace_id == principal.workspace_id, OutboxItem.done_at.is_(None))
    if query.state == "failed":
        stmt = stmt.where(OutboxItem.attempts > 0)
    return await paginate(session, stmt, query, {"id": OutboxItem.id}, OutboxItem.id)


@router.post("/reconcile", status_code=status.HTTP_202_ACCEPTED, operation_id="bitrix24-reconcile")
async def reconcile_now(principal: Staff, session: SessionDep) -> dict[str, str]:
    """Ask the worker to look for missed changes now, and to try a portal resting after failures again now."""
    # The portal's error stays shown until a round succeeds.
    portal = await _require_portal(session, principal.workspace_id)
    portal.last_reconciled_at = None
    portal.resting_until = None
    after_commit(session, outbox.wake)
    return {"status": "scheduled"}


class ConflictOut(OutputModel):
    entity_type: str | None = Field(description="Our kind of record (university, company, ...), when we have it")
    entity_id: int | None = Field(description="Our record's id, when we have it")
    remote_type: str | None = Field(description="company, contact or deal")
    remote_id: int | None = Field(description="The Bitrix24 record's id, when it still has one")
    code: str = Field(
        description="Stable code: duplicate_inn, duplicate_name, duplicate_email, duplicate_application, "
        "bitrix24_id_taken, kind_changed, incomplete, deleted_with_children, invalid"
    )
    message: str
    since: datetime | None


class ConflictsOut(OutputModel):
    items: list[ConflictOut]
    total: int


class RemoteRecord(InputModel):
    remote_type: Literal["company", "contact", "deal"]
    remote_id: int = Field(ge=1, le=2**63 - 1)


@router.get("/conflicts", operation_id="bitrix24-conflicts-list")
async def list_conflicts(
    principal: Staff, session: SessionDep, limit: Annotated[int, Query(ge=1, le=200)] = 50
) -> ConflictsOut:
    """What Bitrix24 holds that cannot be applied here, with the reason; everything else keeps flowing."""
    portal = await _require_portal(session, principal.workspace_id)
    conflicts = await _conflicts(session, portal)
    return ConflictsOut(items=conflicts[:limit], total=len(conflicts))


async def _conflicts(session, portal: Portal) -> list[ConflictOut]:
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
            remote_id=await _remote_id_of(session, state.entity_type, state.entity_id),
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


async def _remote_id_of(session, kind: str, entity_id: int) -> int | None:
    model = MODEL_OF[kind]
    return await session.scalar(select(getattr(model, REMOTE_ID_COLUMN[kind])).where(model.id == entity_id))


@router.post("/conflicts/retry", status_code=status.HTTP_202_ACCEPTED, operation_id="bitrix24-conflicts-retry")
async def retry_conflict(body: RemoteRecord, principal: Staff, session: SessionDep) -> dict[str, str]:
    """Fetch and apply a Bitrix24 record again now (after the conflict was resolved here)."""
    portal = await _require_portal(session, principal.workspace_id)
    await mark_dirty(session, portal.id, body.remote_type, body.remote_id)
    after_commit(session, outbox.wake)
    return {"status": "scheduled"}


@router.get("/deletions", operation_id="bitrix24-deletions-get")
async def deletion_hold(principal: Staff, session: SessionDep) -> DeletionHoldOut | None:
    """The deletion check waiting for an administrator (null when none waits)."""
    # Held when the portal's lists lacked too many of our records at once: another portal behind the webhook,
    # or a user who lost rights.
    portal = await _require_portal(session, principal.workspace_id)
    return DeletionHoldOut.model_validate(portal.deletion_hold) if portal.deletion_hold else None


@router.post("/deletions/approve", operation_id="bitrix24-deletions-approve")
async def approve_deletions(principal: Admin, session: SessionDep) -> DeletionHoldOut:
    """Let the next deletion check go on; each record is archived only if Bitrix24 says it is not found."""
    portal = await _require_portal(session, principal.workspace_id)
    if not portal.deletion_hold:
        raise NotFound("No deletion check is waiting for approval.", code="deletion_check_missing")
    portal.deletion_hold = {**portal.deletion_hold, "approved": True}
    portal.last_reconciled_at = None
    after_commit(session, outbox.wake)
    return DeletionHoldOut.model_validate(portal.deletion_hold)


class ExportOut(OutputModel):
    done: int
    total: int


class ConnectionOut(OutputModel):
    id: int
    status: ConnectionStatus = Field(
        description="planning → planned (waits for an administrator; nothing written yet) → accepted → exporting → done"
    )
    counts: dict[str, dict[str, int]] = Field(
        description="Per kind of ours: link (matched), create_there, create_here, conflict"
    )
    progress: dict = Field(description="What the run has done: phase, linked, queued, imported")
    export: ExportOut | None = Field(default=None, description="Ours created or updated in the portal so far")
    error: str | None = None
    created_at: datetime
    planned_at: datetime | None = None
    accepted_at: datetime | None = None
    finished_at: datetime | None = None


class ConnectionItemOut(OutputModel):
    id: int
    action: Literal["link", "create_here", "conflict"]
    kind: str
    entity_id: int | None
    remote_type: str
    remote_id: int | None
    matched_by: str | None
    reason: str | None


class ConnectionItemsQuery(ListQuery):
    action: Literal["link", "create_here", "conflict"] | None = None


async def _connection_out(session, portal: Portal, connection: Connection) -> ConnectionOut:
    out = ConnectionOut.model_validate(connection)
    total = connection.progress.get("export_total")
    if total is not None:
        pending = await connections.pending_pushes(session, portal.workspace_id)
        out.export = ExportOut(total=total, done=max(total - pending, 0) if connection.status != "done" else total)
    return out


async def _open_connection(session, workspace_id: int) -> tuple[Portal, Connection]:
    portal = await _require_portal(session, workspace_id)
    connection = await connections.latest(session, portal.id)
    if connection is None:
        raise NotFound("This portal has no connection plan.", code="connection_plan_missing")
    return portal, connection


@router.get("/connection", operation_id="bitrix24-connection-get")
async def connection_status(principal: Staff, session: SessionDep) -> ConnectionOut | None:
    """The portal's first connection: its plan (what matches what) and how far carrying it out has come."""
    portal = await _require_portal(session, principal.workspace_id)
    connection = await connections.latest(session, portal.id)
    return await _connection_out(session, portal, connection) if connection is not None else None


@router.post("/connection", status_code=status.HTTP_202_ACCEPTED, operation_id="bitrix24-connection-plan")
async def plan_connection(principal: Admin, session: SessionDep) -> ConnectionOut:
    """Match the portal's records with ours again (a new plan); nothing is written before it is accepted."""
    portal = await _require_portal(session, principal.workspace_id)
    current = await connections.latest(session, portal.id)
    if current is not None and current.status in (ConnectionStatus.accepted, ConnectionStatus.exporting):
        raise Conflict("A connection is being carried out; wait until it is done.", code="connection_busy")
    connection = await connections.start(session, portal)
    after_commit(session, outbox.wake)
    return await _connection_out(session, portal, connection)


@router.post("/connection/accept", operation_id="bitrix24-connection-accept")
async def accept_connection(principal: Admin, session: SessionDep) -> ConnectionOut:
    """Accept the plan: links are made, the portal's records come in and ours go out."""
    portal, connection = await _open_connection(session, principal.workspace_id)
    if connection.status != ConnectionStatus.planned:
        raise Conflict(
            f"Only a plan that waits for acceptance can be accepted; this one is {connection.status}.",
            code="connection_not_planned",
        )
    await connections.accept(session, connection, principal.user_id)
    after_commit(session, outbox.wake)
    return await _connection_out(session, portal, connection)


@router.get("/connection/items", operation_id="bitrix24-connection-items")
async def connection_items(
    query: Annotated[ConnectionItemsQuery, Query()], principal: Staff, session: SessionDep
) -> Page[ConnectionItemOut]:
    """The plan's lines: links (with what matched), records to create here, conflicts (with why)."""
    _, connection = await _open_connection(session, principal.workspace_id)
    stmt = select(ConnectionItem).where(ConnectionItem.connection_id == connection.id)
    if query.action is not None:
        stmt = stmt.where(ConnectionItem.action == query.action)
    return await paginate(session, stmt, query, {"id": ConnectionItem.id}, ConnectionItem.id, default_sort="id")


async def retry(session, workspace_id: int, kind: str, entity_id: int) -> None:
    """Queue a record for a push now, whatever happened before. A record whose Bitrix24 record was deleted while
    records here depended on it is recreated there, and its children are pointed at the new one."""
    await _require_portal(session, workspace_id)
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


def _add_retry_route(kind: str) -> None:
    async def retry_sync(entity_id: Id, principal: Staff, session: SessionDep) -> dict[str, str]:
        await retry(session, principal.workspace_id, kind, entity_id)
        return {"status": "pending"}

    retry_sync.__doc__ = f"Push this {kind} to Bitrix24 again now (after a failure, or to force it)."
    retry_router.add_api_route(
        f"/{PLURAL[kind]}/{{entity_id}}/sync",
        retry_sync,
        methods=["POST"],
        status_code=status.HTTP_202_ACCEPTED,
        operation_id=f"{PLURAL[kind]}-sync",
        tags=[PLURAL[kind], "bitrix24"],
    )


retry_router = APIRouter()
for _kind in KINDS:
    _add_retry_route(_kind)
