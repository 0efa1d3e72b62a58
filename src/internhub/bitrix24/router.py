"""The Bitrix24 connection as people see it: status, queue, event log, mapping, retries."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, status
from sqlalchemy import select

from internhub.auth.principal import Admin, Staff
from internhub.bitrix24 import connection as connections
from internhub.bitrix24 import outbox, service
from internhub.bitrix24.mapping import KINDS, Mapping
from internhub.bitrix24.schemas import (
    ConflictsOut,
    ConnectionItemOut,
    ConnectionItemsQuery,
    ConnectionOut,
    DeletionHoldOut,
    EventOut,
    LinkedRecordOut,
    PipelineOut,
    PortalOut,
    PortalSettingsIn,
    QueueItemOut,
    QueueQuery,
    RemoteRecord,
)
from internhub.bitrix24.sync import mark_dirty
from internhub.common.pagination import ListQuery, Page, paginate
from internhub.common.schemas import Id
from internhub.db import SessionDep, after_commit
from internhub.errors import Conflict, NotFound
from internhub.models import (
    ConnectionItem,
    ConnectionStatus,
    OutboxItem,
    PortalEvent,
)

router = APIRouter(prefix="/bitrix24", tags=["bitrix24"])

PLURAL = {
    "university": "universities",
    "company": "companies",
    "student": "students",
    "opening": "openings",
    "application": "applications",
}


@router.get("/portal", operation_id="bitrix24-portal-get")
async def portal_status(request: Request, principal: Staff, session: SessionDep) -> PortalOut:
    """The connection: which portal, how it is authorised, and how much is waiting to sync."""
    portal = await service.portal_of(session, principal.workspace_id)
    if portal is None:
        return PortalOut(connected=False)
    sandbox = getattr(request.app.state, "sandbox", None)
    return await service.portal_status(session, portal, sandbox.config.domain if sandbox is not None else None)


@router.patch("/portal", operation_id="bitrix24-portal-update")
async def update_portal(request: Request, body: PortalSettingsIn, principal: Admin, session: SessionDep) -> PortalOut:
    """Choose who a person of the portal becomes on first opening InternHub inside Bitrix24 (admins)."""
    portal = await service.require_portal(session, principal.workspace_id)
    portal.new_users = body.new_users
    return await portal_status(request, principal, session)


@router.get("/records/{remote_type}/{remote_id}", operation_id="bitrix24-records-get")
async def linked_record(
    remote_type: Literal["company", "contact", "deal"],
    remote_id: Annotated[int, Path(ge=1, le=2**63 - 1)],
    principal: Staff,
    session: SessionDep,
) -> LinkedRecordOut:
    """Our record linked to a Bitrix24 deal, contact or company (for the tabs in the portal's CRM cards)."""
    remote = RemoteRecord(remote_type=remote_type, remote_id=remote_id)
    return await service.linked_record(session, principal.workspace_id, remote)


@router.get("/mapping", operation_id="bitrix24-mapping-get")
async def get_mapping(principal: Staff, session: SessionDep) -> Mapping:
    """Pipelines, stages and company types our records map to."""
    portal = await service.require_portal(session, principal.workspace_id)
    return Mapping.model_validate(portal.mapping or {})


@router.put("/mapping", operation_id="bitrix24-mapping-update")
async def update_mapping(body: Mapping, principal: Admin, session: SessionDep) -> Mapping:
    """Replace the mapping (admins); records are pushed with it from now on."""
    portal = await service.require_portal(session, principal.workspace_id)
    portal.mapping = body.model_dump(mode="json")
    return body


@router.get("/pipelines", operation_id="bitrix24-pipelines-list")
async def list_pipelines(request: Request, principal: Staff, session: SessionDep) -> list[PipelineOut]:
    """The portal's deal pipelines with their stages, as Bitrix24 has them now (for mapping and routing)."""
    portal = await service.require_portal(session, principal.workspace_id)
    return await service.pipelines(request.app.state.bitrix24_clients.client_for(portal))


@router.get("/events", operation_id="bitrix24-events-list")
async def list_events(query: Annotated[ListQuery, Query()], principal: Staff, session: SessionDep) -> Page[EventOut]:
    """The event log: what Bitrix24 sent, newest first (tokens are never stored)."""
    portal = await service.require_portal(session, principal.workspace_id)
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
    portal = await service.require_portal(session, principal.workspace_id)
    portal.last_reconciled_at = None
    portal.resting_until = None
    after_commit(session, outbox.wake)
    return {"status": "scheduled"}


@router.get("/conflicts", operation_id="bitrix24-conflicts-list")
async def list_conflicts(
    principal: Staff, session: SessionDep, limit: Annotated[int, Query(ge=1, le=200)] = 50
) -> ConflictsOut:
    """What Bitrix24 holds that cannot be applied here, with the reason; everything else keeps flowing."""
    portal = await service.require_portal(session, principal.workspace_id)
    conflicts = await service.conflicts(session, portal)
    return ConflictsOut(items=conflicts[:limit], total=len(conflicts))


@router.post("/conflicts/retry", status_code=status.HTTP_202_ACCEPTED, operation_id="bitrix24-conflicts-retry")
async def retry_conflict(body: RemoteRecord, principal: Staff, session: SessionDep) -> dict[str, str]:
    """Fetch and apply a Bitrix24 record again now (after the conflict was resolved here)."""
    portal = await service.require_portal(session, principal.workspace_id)
    await mark_dirty(session, portal.id, body.remote_type, body.remote_id)
    after_commit(session, outbox.wake)
    return {"status": "scheduled"}


@router.get("/deletions", operation_id="bitrix24-deletions-get")
async def deletion_hold(principal: Staff, session: SessionDep) -> DeletionHoldOut | None:
    """The deletion check waiting for an administrator (null when none waits)."""
    # Held when the portal's lists lacked too many of our records at once: another portal behind the webhook,
    # or a user who lost rights.
    portal = await service.require_portal(session, principal.workspace_id)
    return DeletionHoldOut.model_validate(portal.deletion_hold) if portal.deletion_hold else None


@router.post("/deletions/approve", operation_id="bitrix24-deletions-approve")
async def approve_deletions(principal: Admin, session: SessionDep) -> DeletionHoldOut:
    """Let the next deletion check go on; each record is archived only if Bitrix24 says it is not found."""
    portal = await service.require_portal(session, principal.workspace_id)
    if not portal.deletion_hold:
        raise NotFound("No deletion check is waiting for approval.", code="deletion_check_missing")
    portal.deletion_hold = {**portal.deletion_hold, "approved": True}
    portal.last_reconciled_at = None
    after_commit(session, outbox.wake)
    return DeletionHoldOut.model_validate(portal.deletion_hold)


@router.get("/connection", operation_id="bitrix24-connection-get")
async def connection_status(principal: Staff, session: SessionDep) -> ConnectionOut | None:
    """The portal's first connection: its plan (what matches what) and how far carrying it out has come."""
    portal = await service.require_portal(session, principal.workspace_id)
    connection = await connections.latest(session, portal.id)
    return await service.connection_out(session, portal, connection) if connection is not None else None


@router.post("/connection", status_code=status.HTTP_202_ACCEPTED, operation_id="bitrix24-connection-plan")
async def plan_connection(principal: Admin, session: SessionDep) -> ConnectionOut:
    """Match the portal's records with ours again (a new plan); nothing is written before it is accepted."""
    portal = await service.require_portal(session, principal.workspace_id)
    current = await connections.latest(session, portal.id)
    if current is not None and current.status in (ConnectionStatus.accepted, ConnectionStatus.exporting):
        raise Conflict("A connection is being carried out; wait until it is done.", code="connection_busy")
    connection = await connections.start(session, portal)
    after_commit(session, outbox.wake)
    return await service.connection_out(session, portal, connection)


@router.post("/connection/accept", operation_id="bitrix24-connection-accept")
async def accept_connection(principal: Admin, session: SessionDep) -> ConnectionOut:
    """Accept the plan: links are made, the portal's records come in and ours go out."""
    portal, connection = await service.open_connection(session, principal.workspace_id)
    if connection.status != ConnectionStatus.planned:
        raise Conflict(
            f"Only a plan that waits for acceptance can be accepted; this one is {connection.status}.",
            code="connection_not_planned",
        )
    await connections.accept(session, connection, principal.user_id)
    after_commit(session, outbox.wake)
    return await service.connection_out(session, portal, connection)


@router.get("/connection/items", operation_id="bitrix24-connection-items")
async def connection_items(
    query: Annotated[ConnectionItemsQuery, Query()], principal: Staff, session: SessionDep
) -> Page[ConnectionItemOut]:
    """The plan's lines: links (with what matched), records to create here, conflicts (with why)."""
    _, connection = await service.open_connection(session, principal.workspace_id)
    stmt = select(ConnectionItem).where(ConnectionItem.connection_id == connection.id)
    if query.action is not None:
        stmt = stmt.where(ConnectionItem.action == query.action)
    return await paginate(session, stmt, query, {"id": ConnectionItem.id}, ConnectionItem.id, default_sort="id")


def _add_retry_route(kind: str) -> None:
    async def retry_sync(entity_id: Id, principal: Staff, session: SessionDep) -> dict[str, str]:
        await service.retry(session, principal.workspace_id, kind, entity_id)
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
