from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from internhub.models.base import Base, BigId, IdPk, Timestamped, unique_where, workspace_fk


class Workspace(Timestamped, Base):
    """A tenant: one Bitrix24 portal, or a standalone installation."""

    __tablename__ = "workspaces"

    id: Mapped[IdPk]
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    bitrix24_domain: Mapped[str | None] = mapped_column(String(255), unique=True)


class Role(StrEnum):
    admin = "admin"
    manager = "manager"
    university = "university"
    recruiter = "recruiter"
    student = "student"


class User(Timestamped, Base):
    __tablename__ = "users"
    __table_args__ = (
        Index("ix_users_workspace_role", "workspace_id", "role"),
        # One account per e-mail in a workspace; the same person may have one in another workspace too.
        UniqueConstraint("workspace_id", "email", name="uq_users_workspace_email"),
        Index("ix_users_email", "email"),
        # One user here per Bitrix24 user: a deal's ASSIGNED_BY_ID names one person on both sides.
        unique_where(
            "uq_users_workspace_bitrix24_user", "workspace_id", "bitrix24_user_id", where="bitrix24_user_id IS NOT NULL"
        ),
    )

    id: Mapped[IdPk]
    workspace_id: Mapped[int] = workspace_fk()
    email: Mapped[str] = mapped_column(String(254))
    full_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(String(16))
    university_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("universities.id", ondelete="CASCADE"))
    company_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("companies.id", ondelete="CASCADE"))
    student_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("students.id", ondelete="CASCADE"))
    bitrix24_user_id: Mapped[int | None] = mapped_column(BigInteger)
    is_active: Mapped[bool] = mapped_column(default=True)


class AuthToken(Base):
    """An opaque session or bearer token; only its SHA-256 is stored."""

    __tablename__ = "auth_tokens"

    id: Mapped[IdPk]
    user_id: Mapped[int] = mapped_column(BigId, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    # Kept to the minute: a session unused for longer than the idle timeout ends.
    last_used_at: Mapped[datetime | None] = mapped_column(default=None)


class ApiKey(Base):
    """A university's machine key: shown once, stored as a hash, revocable."""

    __tablename__ = "api_keys"
    __table_args__ = (
        UniqueConstraint("key_hash"),
        Index("ix_api_keys_university", "workspace_id", "university_id"),
    )

    id: Mapped[IdPk]
    workspace_id: Mapped[int] = workspace_fk()
    university_id: Mapped[int] = mapped_column(BigId, ForeignKey("universities.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64))
    created_by_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None] = mapped_column(default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
