"""How an application arrived: the applicant's private status link, CV and consent, and mail sent about it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from internhub.models.base import Base, BigId, IdPk, JsonDoc, utcnow, workspace_fk


class StoredFile(Base):
    """An uploaded file (a CV), kept in the database so that every running mode has it without a volume."""

    __tablename__ = "stored_files"

    id: Mapped[IdPk]
    workspace_id: Mapped[int] = workspace_fk()
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApplicationIntake(Base):
    """One per application: what the applicant gave besides the application itself."""

    __tablename__ = "application_intake"

    application_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    workspace_id: Mapped[int] = workspace_fk()
    # SHA-256 of the private link's token: the link works, a database dump does not reveal it.
    status_token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    cv_file_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("stored_files.id", ondelete="SET NULL"))
    consent_version: Mapped[str | None] = mapped_column(String(32))
    consent_at: Mapped[datetime | None]
    locale: Mapped[str] = mapped_column(String(2), default="ru")


class MailStatus(StrEnum):
    queued = "queued"
    sent = "sent"
    failed = "failed"
    cancelled = "cancelled"  # not to be sent: its student's personal data was erased before it went


class MailMessage(Base):
    """An e-mail, written in the transaction that caused it and delivered by a job (SMTP or kept here)."""

    __tablename__ = "mail_outbox"
    __table_args__ = (
        Index("ix_mail_outbox_workspace", "workspace_id", "id"),
        Index("ix_mail_outbox_application", "application_id"),
    )

    id: Mapped[IdPk]
    workspace_id: Mapped[int] = workspace_fk()
    application_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("applications.id", ondelete="SET NULL"))
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    template: Mapped[str] = mapped_column(String(50))
    locale: Mapped[str] = mapped_column(String(2))
    # What the template needs that the database does not keep in the clear (the applicant's private link).
    context: Mapped[dict] = mapped_column(JsonDoc, default=dict)
    status: Mapped[MailStatus] = mapped_column(String(16), default=MailStatus.queued)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    # Bumped by every write: delivery reads the student's address and writes the message back after sending, and an
    # erasure in between must not be undone by that write (the ORM's optimistic concurrency check).
    version_id: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__: Any = MappingProxyType({"version_id_col": version_id})
