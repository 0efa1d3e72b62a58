from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from internhub.models.base import Base, IdPk, JsonDoc, utcnow, workspace_fk


class ActorKind(StrEnum):
    user = "user"  # a person signed in
    api_key = "api_key"  # a university's integration
    public = "public"  # the anonymous public form
    bitrix24 = "bitrix24"  # a change made in the portal, applied here
    system = "system"  # a job, a command, the server itself


class AuditEntry(Base):
    """Who changed what and when, and from which side: one row per record written, with the fields that changed
    (old and new; secrets never)."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_workspace", "workspace_id", "id"),
        Index("ix_audit_log_entity", "workspace_id", "entity_type", "entity_id", "id"),
    )

    id: Mapped[IdPk]
    workspace_id: Mapped[int] = workspace_fk()
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_kind: Mapped[ActorKind] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(BigInteger)
    actor_name: Mapped[str] = mapped_column(String(200), default="")
    entity_type: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int] = mapped_column(BigInteger)
    action: Mapped[str] = mapped_column(String(8))  # create | update | delete
    changes: Mapped[dict] = mapped_column(JsonDoc, default=dict)
