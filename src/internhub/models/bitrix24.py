"""The Bitrix24 side: connected portals, the raw event log, what needs fetching, and what needs pushing."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from internhub.models.base import Base, BigId, IdPk, JsonDoc, Timestamped, unique_where, utcnow, workspace_fk


class AuthMode(StrEnum):
    webhook = "webhook"
    oauth = "oauth"


class PortalNewUsers(StrEnum):
    """Who a person of the portal becomes here the first time they open the app inside Bitrix24."""

    by_portal_role = "by_portal_role"  # the portal's administrators become admins, everyone else managers
    managers = "managers"  # everyone becomes a manager; an admin here makes admins
    ask_admin = "ask_admin"  # an inactive account waits until an admin here turns it on


class SyncStatus(StrEnum):
    pending = "pending"
    synced = "synced"
    failed = "failed"
    # Bitrix24 holds a change we cannot apply (a duplicate, an impossible delete): shown with its reason.
    conflict = "conflict"


class SyncWorkerBeat(Base):
    """A live sync worker process: it writes here every round, so the workers know how many share the portals."""

    __tablename__ = "bitrix24_workers"

    owner: Mapped[str] = mapped_column(String(100), primary_key=True)
    seen_at: Mapped[datetime]


class Portal(Timestamped, Base):
    """One connected Bitrix24 portal; a workspace has at most one."""

    __tablename__ = "bitrix24_portals"

    id: Mapped[IdPk]
    workspace_id: Mapped[int] = mapped_column(BigId, ForeignKey("workspaces.id", ondelete="CASCADE"), unique=True)
    domain: Mapped[str] = mapped_column(String(255), unique=True)
    member_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    auth_mode: Mapped[AuthMode] = mapped_column(String(16))
    client_endpoint: Mapped[str] = mapped_column(String(500))
    # Secrets are stored encrypted (Fernet with a key derived from INTERNHUB_SECRET_KEY).
    webhook_url_enc: Mapped[str | None] = mapped_column(Text)
    access_token_enc: Mapped[str | None] = mapped_column(Text)
    refresh_token_enc: Mapped[str | None] = mapped_column(Text)
    access_expires_at: Mapped[datetime | None]
    application_token_enc: Mapped[str | None] = mapped_column(Text)
    is_active: Mapped[bool] = mapped_column(default=True)
    installed_at: Mapped[datetime | None]
    uninstalled_at: Mapped[datetime | None]
    last_reconciled_at: Mapped[datetime | None]
    # Per entity kind: the newest DATE_MODIFY seen, as the portal wrote it (with its offset).
    watermarks: Mapped[dict] = mapped_column(JsonDoc, default=dict)
    mapping: Mapped[dict] = mapped_column(JsonDoc, default=dict)
    # Only one process spends a portal's request budget at a time.
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[datetime | None]
    # Work the worker could not do: the reason, how many rounds in a row failed, and when to try again
    # (an exponential, capped pause, kept here so that every worker process respects it).
    sync_error: Mapped[str | None] = mapped_column(String(1000))
    sync_error_at: Mapped[datetime | None]
    sync_failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    resting_until: Mapped[datetime | None]
    # A deletion sweep that found an implausible share of our records missing from the portal stops and
    # waits here for an administrator: {"detected_at", "missing": {type: n}, "known": {type: n}, "approved"}.
    deletion_hold: Mapped[dict | None] = mapped_column(JsonDoc)
    new_users: Mapped[PortalNewUsers] = mapped_column(
        String(16), default=PortalNewUsers.by_portal_role, server_default=PortalNewUsers.by_portal_role.value
    )


class ConnectionStatus(StrEnum):
    planning = "planning"  # the portal is being read and matched with what we hold
    planned = "planned"  # the plan waits for an administrator; nothing has been written on either side
    accepted = "accepted"  # links are made, the portal's own records come in, ours are queued for it
    exporting = "exporting"  # ours are being created in the portal
    done = "done"
    failed = "failed"


class Connection(Base):
    """The first connection of a portal to a workspace that may hold records already: a plan of what matches what,
    accepted by an administrator before anything is written, then carried out (resumable)."""

    __tablename__ = "bitrix24_connections"
    __table_args__ = (Index("ix_bitrix24_connections_portal", "portal_id", "id"),)

    id: Mapped[IdPk]
    portal_id: Mapped[int] = mapped_column(BigId, ForeignKey("bitrix24_portals.id", ondelete="CASCADE"))
    status: Mapped[ConnectionStatus] = mapped_column(String(16), default=ConnectionStatus.planning)
    # {kind: {"link": n, "create_there": n, "create_here": n, "conflict": n}}
    counts: Mapped[dict] = mapped_column(JsonDoc, default=dict)
    # What the run has done so far: {"phase": ..., "export_total": n, "imported": {type: n}}
    progress: Mapped[dict] = mapped_column(JsonDoc, default=dict)
    error: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    planned_at: Mapped[datetime | None]
    accepted_at: Mapped[datetime | None]
    accepted_by_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id", ondelete="SET NULL"))
    finished_at: Mapped[datetime | None]


class ConnectionItem(Base):
    """One line of a connection's plan: a record of ours linked to one of the portal's, a record of the portal's
    to create here, or a conflict (several candidates) left for an administrator. Ours without a match are
    created there; they are not listed."""

    __tablename__ = "bitrix24_connection_items"
    __table_args__ = (Index("ix_bitrix24_connection_items_action", "connection_id", "action", "id"),)

    id: Mapped[IdPk]
    connection_id: Mapped[int] = mapped_column(BigId, ForeignKey("bitrix24_connections.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(16))  # link | create_here | conflict
    kind: Mapped[str] = mapped_column(String(16))  # ours: university, company, student, opening, application
    entity_id: Mapped[int | None] = mapped_column(BigInteger)
    remote_type: Mapped[str] = mapped_column(String(16))
    remote_id: Mapped[int | None] = mapped_column(BigInteger)
    matched_by: Mapped[str | None] = mapped_column(String(16))  # key | inn | name | email | phone
    reason: Mapped[str | None] = mapped_column(String(500))
    # The portal's record as it was read, for a link: its values fill blanks here, the rest of ours wins.
    remote: Mapped[dict | None] = mapped_column(JsonDoc)


class PortalEvent(Base):
    """An event exactly as it arrived (tokens removed): on disk before we answer 200."""

    __tablename__ = "bitrix24_events"
    __table_args__ = (Index("ix_bitrix24_events_portal", "portal_id", "id"),)

    id: Mapped[IdPk]
    portal_id: Mapped[int] = mapped_column(BigId, ForeignKey("bitrix24_portals.id", ondelete="CASCADE"))
    event: Mapped[str] = mapped_column(String(64))
    entity_type: Mapped[str | None] = mapped_column(String(16))
    entity_id: Mapped[int | None] = mapped_column(BigInteger)
    payload: Mapped[dict] = mapped_column(JsonDoc)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class DirtyEntity(Base):
    """A Bitrix24 record that changed and must be fetched. Many events for one record make one row."""

    __tablename__ = "bitrix24_dirty"
    __table_args__ = (Index("ix_bitrix24_dirty_due", "portal_id", "due_at"),)

    portal_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("bitrix24_portals.id", ondelete="CASCADE"), primary_key=True
    )
    entity_type: Mapped[str] = mapped_column(String(16), primary_key=True)
    entity_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    deleted: Mapped[bool] = mapped_column(default=False)
    marked_at: Mapped[datetime] = mapped_column(default=utcnow)
    due_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(1000))
    # Set when the record cannot be applied here (a stable code such as ``duplicate_inn``; the message is in
    # ``last_error``): the row waits for the record to change again or for an administrator, and nothing
    # else waits for it.
    conflict: Mapped[str | None] = mapped_column(String(40))


class OutboxItem(Base):
    """A local change that must reach Bitrix24, written in the same transaction as the change."""

    __tablename__ = "bitrix24_outbox"
    __table_args__ = (
        unique_where("uq_bitrix24_outbox_pending", "workspace_id", "entity_type", "entity_id", where="done_at IS NULL"),
        Index("ix_bitrix24_outbox_due", "workspace_id", "due_at"),
    )

    id: Mapped[IdPk]
    workspace_id: Mapped[int] = workspace_fk()
    entity_type: Mapped[str] = mapped_column(String(16))
    entity_id: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    due_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Bumped by every new change while the row is pending: a push completes the row only if no change
    # arrived while it was in flight.
    version: Mapped[int] = mapped_column(Integer, default=1)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(1000))
    # Set (and committed) before a push is sent: if the process dies before it hears back, the next push
    # looks the record up by its key instead of adding it twice.
    sent_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]


class SyncState(Base):
    """What we last agreed with Bitrix24 about one of our records: the base of a three-way merge."""

    __tablename__ = "bitrix24_sync_state"
    __table_args__ = (
        UniqueConstraint("workspace_id", "entity_type", "entity_id"),
        Index("ix_bitrix24_sync_state_status", "workspace_id", "status"),
    )

    id: Mapped[IdPk]
    workspace_id: Mapped[int] = workspace_fk()
    entity_type: Mapped[str] = mapped_column(String(16))
    entity_id: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[SyncStatus] = mapped_column(String(16), default=SyncStatus.pending)
    error: Mapped[str | None] = mapped_column(String(1000))
    synced_at: Mapped[datetime | None]
    base: Mapped[dict] = mapped_column(JsonDoc, default=dict)
    # The entries of the portal's multiple fields that carry our values ({"EMAIL": "17"}): an update names
    # the entry's ID, or Bitrix24 adds a value beside the old one (crm-contact-update.md).
    remote_entries: Mapped[dict] = mapped_column(JsonDoc, default=dict)
    # DATE_MODIFY of the version we last applied, as the portal wrote it: a reconciliation that lists the
    # same version again does not fetch it again.
    remote_modified: Mapped[str | None] = mapped_column(String(40))
    # Archived here because the portal said the record is gone; it comes back if the record reappears.
    remote_deleted_at: Mapped[datetime | None]
    # With status ``conflict``: the stable code of what Bitrix24 holds that we cannot apply (see conflicts.py).
    conflict: Mapped[str | None] = mapped_column(String(40))


def sync_state_of(kind: str, model_name: str):
    """A record's SyncState, loaded with it in the same query (a LEFT JOIN served by the unique index)."""
    return relationship(
        SyncState,
        primaryjoin=(
            f"and_(foreign(SyncState.workspace_id) == {model_name}.workspace_id, "
            f"foreign(SyncState.entity_id) == {model_name}.id, SyncState.entity_type == '{kind}')"
        ),
        viewonly=True,
        uselist=False,
        lazy="joined",
    )
