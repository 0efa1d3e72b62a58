"""Openings (internships and vacancies), applications and their status history."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from internhub.models.base import (
    LIVE,
    Base,
    BigId,
    IdPk,
    SoftDeleted,
    Timestamped,
    index_where,
    unique_link,
    utcnow,
    workspace_fk,
)
from internhub.models.bitrix24 import SyncState, sync_state_of


class OpeningKind(StrEnum):
    internship = "internship"
    vacancy = "vacancy"


class WorkFormat(StrEnum):
    office = "office"
    remote = "remote"
    hybrid = "hybrid"


class OpeningStatus(StrEnum):
    draft = "draft"
    active = "active"
    closed = "closed"
    completed = "completed"


class ApplicationStatus(StrEnum):
    new = "new"
    screening = "screening"
    interview = "interview"
    offer = "offer"
    hired = "hired"
    rejected = "rejected"
    withdrawn = "withdrawn"


class ApplicationSource(StrEnum):
    portal = "portal"
    university = "university"
    bitrix24 = "bitrix24"
    import_ = "import"


def city_key_of(city: str | None) -> str | None:
    """A city as matched: "  Москва " and "москва" are one city."""
    return (city or "").strip().lower() or None


class Opening(Timestamped, SoftDeleted, Base):
    __tablename__ = "openings"
    __table_args__ = (
        Index("ix_openings_workspace_status", "workspace_id", "status", "kind", "id"),
        Index("ix_openings_company", "company_id", "id"),
        Index("ix_openings_workspace_city", "workspace_id", "city"),
        # Of live openings only: a count by city then reads the index alone, never the wide rows.
        index_where("ix_openings_workspace_city_key", "workspace_id", "city_key", "status", "id", where=LIVE),
        Index("ix_openings_workspace_starts", "workspace_id", "starts_on"),
        unique_link("openings", "bitrix24_deal_id"),
        CheckConstraint("slots >= 0", name="slots_non_negative"),
        CheckConstraint("ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on", name="period"),
    )

    if TYPE_CHECKING:
        # Set on the catalogue's openings for its answer (joined in by the service); not columns.
        company_name: str
        free_slots: int

    id: Mapped[IdPk]
    workspace_id: Mapped[int] = workspace_fk()
    company_id: Mapped[int] = mapped_column(BigId, ForeignKey("companies.id", ondelete="RESTRICT"))
    kind: Mapped[OpeningKind] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    city: Mapped[str | None] = mapped_column(String(100))
    # The city as the filter matches it, in any case: kept beside the city (``_keep_city_key``) so that an index
    # answers it on both databases (SQLite's Unicode lower() is made in Python, which an index cannot use).
    city_key: Mapped[str | None] = mapped_column(String(100))
    format: Mapped[WorkFormat] = mapped_column(String(16), default=WorkFormat.office)
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    slots: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[OpeningStatus] = mapped_column(String(16), default=OpeningStatus.draft)
    bitrix24_deal_id: Mapped[int | None] = mapped_column(BigInteger)
    # Title, city, company's name and skills in one text for the catalogue's words (internhub.openings.search),
    # written by the flush that changes any of them; never read into the objects.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="", deferred=True)

    skill_rows: Mapped[list[OpeningSkill]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="OpeningSkill.skill"
    )

    @property
    def skills(self) -> list[str]:
        return [row.skill for row in self.skill_rows]

    @validates("city")
    def _keep_city_key(self, _key: str, city: str | None) -> str | None:
        self.city_key = city_key_of(city)
        return city

    @property
    def ended(self) -> bool:
        """Past its last day: no longer offered in the catalogue, and no applications are taken."""
        return self.ends_on is not None and self.ends_on < utcnow().date()

    sync_state: Mapped[SyncState | None] = sync_state_of("opening", "Opening")


class OpeningSkill(Base):
    __tablename__ = "opening_skills"
    __table_args__ = (Index("ix_opening_skills_skill", "skill", "opening_id"),)

    opening_id: Mapped[int] = mapped_column(BigId, ForeignKey("openings.id", ondelete="CASCADE"), primary_key=True)
    skill: Mapped[str] = mapped_column(String(50), primary_key=True)


class Application(Timestamped, SoftDeleted, Base):
    __tablename__ = "applications"
    __table_args__ = (
        UniqueConstraint("opening_id", "student_id"),
        Index("ix_applications_workspace_status", "workspace_id", "status", "id"),
        Index("ix_applications_opening", "opening_id", "status"),
        Index("ix_applications_student", "student_id"),
        Index("ix_applications_workspace_applied", "workspace_id", "applied_at"),
        Index("ix_applications_assignee", "assignee_id", "status"),
        unique_link("applications", "bitrix24_deal_id"),
    )

    if TYPE_CHECKING:
        # Set for an answer by the service that joins them in, and the private status link's token on the
        # application just made (only its digest is kept); not columns.
        student_name: str
        opening_title: str
        company_name: str
        status_token: str

    id: Mapped[IdPk]
    workspace_id: Mapped[int] = workspace_fk()
    opening_id: Mapped[int] = mapped_column(BigId, ForeignKey("openings.id", ondelete="RESTRICT"))
    student_id: Mapped[int] = mapped_column(BigId, ForeignKey("students.id", ondelete="RESTRICT"))
    status: Mapped[ApplicationStatus] = mapped_column(String(16), default=ApplicationStatus.new)
    source: Mapped[ApplicationSource] = mapped_column(String(16), default=ApplicationSource.portal)
    assignee_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id", ondelete="SET NULL"))
    cover_letter: Mapped[str | None] = mapped_column(Text)
    rejection_reason: Mapped[str | None] = mapped_column(String(500))
    applied_at: Mapped[datetime] = mapped_column(default=utcnow)
    bitrix24_deal_id: Mapped[int | None] = mapped_column(BigInteger)

    sync_state: Mapped[SyncState | None] = sync_state_of("application", "Application")


class ApplicationStatusChange(Base):
    __tablename__ = "application_status_history"
    __table_args__ = (Index("ix_application_status_history_application", "application_id", "id"),)

    id: Mapped[IdPk]
    application_id: Mapped[int] = mapped_column(BigId, ForeignKey("applications.id", ondelete="CASCADE"))
    from_status: Mapped[ApplicationStatus | None] = mapped_column(String(16))
    to_status: Mapped[ApplicationStatus] = mapped_column(String(16))
    changed_by_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id", ondelete="SET NULL"))
    actor: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[ApplicationSource] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(500))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
