"""Universities, employer companies and the partnerships between them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from internhub.models.base import (
    LIVE,
    Base,
    BigId,
    IdPk,
    SoftDeleted,
    Timestamped,
    unique_link,
    unique_where,
    workspace_fk,
)
from internhub.models.bitrix24 import SyncState, sync_state_of


class University(Timestamped, SoftDeleted, Base):
    __tablename__ = "universities"
    __table_args__ = (
        unique_where("uq_universities_workspace_name", "workspace_id", "name", where=LIVE),
        Index("ix_universities_workspace_city", "workspace_id", "city"),
        unique_link("universities", "bitrix24_company_id"),
    )

    id: Mapped[IdPk]
    workspace_id: Mapped[int] = workspace_fk()
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str | None] = mapped_column(String(50))
    city: Mapped[str | None] = mapped_column(String(100))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    bitrix24_company_id: Mapped[int | None] = mapped_column(BigInteger)

    sync_state: Mapped[SyncState | None] = sync_state_of("university", "University")


class Company(Timestamped, SoftDeleted, Base):
    __tablename__ = "companies"
    __table_args__ = (
        unique_where("uq_companies_workspace_inn", "workspace_id", "inn", where=LIVE),
        Index("ix_companies_workspace_name", "workspace_id", "name"),
        Index("ix_companies_workspace_city", "workspace_id", "city"),
        Index("ix_companies_workspace_industry", "workspace_id", "industry"),
        unique_link("companies", "bitrix24_company_id"),
    )

    id: Mapped[IdPk]
    workspace_id: Mapped[int] = workspace_fk()
    name: Mapped[str] = mapped_column(String(300))
    inn: Mapped[str | None] = mapped_column(String(12))
    industry: Mapped[str | None] = mapped_column(String(100))
    city: Mapped[str | None] = mapped_column(String(100))
    website: Mapped[str | None] = mapped_column(String(300))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(32))
    bitrix24_company_id: Mapped[int | None] = mapped_column(BigInteger)

    sync_state: Mapped[SyncState | None] = sync_state_of("company", "Company")


class Partnership(Timestamped, Base):
    __tablename__ = "partnerships"
    __table_args__ = (
        UniqueConstraint("university_id", "company_id", "agreement_number"),
        CheckConstraint("valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from", name="period"),
        Index("ix_partnerships_company", "company_id"),
    )

    id: Mapped[IdPk]
    workspace_id: Mapped[int] = workspace_fk()
    university_id: Mapped[int] = mapped_column(BigId, ForeignKey("universities.id", ondelete="CASCADE"))
    company_id: Mapped[int] = mapped_column(BigId, ForeignKey("companies.id", ondelete="CASCADE"))
    agreement_number: Mapped[str] = mapped_column(String(64))
    valid_from: Mapped[date | None]
    valid_to: Mapped[date | None]
