"""What the Bitrix24 screens and API read and send: the connection, its queue, conflicts and first connection."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from internhub.common.pagination import ListQuery
from internhub.common.schemas import InputModel, OutputModel
from internhub.models import ConnectionStatus, PortalNewUsers


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
    new_users: PortalNewUsers | None = Field(
        default=None, description="Who a person of the portal becomes on first opening the app inside Bitrix24"
    )


class PortalSettingsIn(InputModel):
    new_users: PortalNewUsers = Field(
        description="by_portal_role: the portal's administrators become admins, others managers; managers: everyone "
        "a manager; ask_admin: a new person waits, inactive, until an admin turns their account on"
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


class PipelineStageOut(OutputModel):
    id: str = Field(description="The stage id deals carry in STAGE_ID, e.g. C7:NEW (plain NEW in pipeline 0)")
    name: str
    sort: int
    semantics: Literal["process", "success", "failure"]


class PipelineOut(OutputModel):
    id: int = Field(description="The deal pipeline (CATEGORY_ID); 0 is the portal's default one")
    name: str
    sort: int
    is_default: bool
    stages: list[PipelineStageOut]


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


class LinkedRecordOut(OutputModel):
    """Our record linked to a Bitrix24 record (what a tab in its card shows)."""

    entity_type: Literal["university", "company", "student", "opening", "application"]
    entity_id: int


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
