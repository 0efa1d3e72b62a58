"""Students and their skills."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

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

ERASED_EMAIL_DOMAIN = "erased.invalid"
"""An erased student's e-mail is ``erased-<id>@erased.invalid``: unique, and in a domain reserved never to exist
(RFC 2606), so it is never mailed."""


class Student(Timestamped, SoftDeleted, Base):
    __tablename__ = "students"
    __table_args__ = (
        unique_where("uq_students_workspace_email", "workspace_id", "email", where=LIVE),
        Index("ix_students_university", "university_id", "id"),
        Index("ix_students_workspace_course", "workspace_id", "course"),
        Index("ix_students_workspace_phone", "workspace_id", "phone"),
        unique_link("students", "bitrix24_contact_id"),
        CheckConstraint("course BETWEEN 1 AND 6", name="course_range"),
    )

    id: Mapped[IdPk]
    workspace_id: Mapped[int] = workspace_fk()
    university_id: Mapped[int] = mapped_column(BigId, ForeignKey("universities.id", ondelete="RESTRICT"))
    full_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(32))
    course: Mapped[int] = mapped_column(SmallInteger)
    specialty: Mapped[str | None] = mapped_column(String(200))
    bitrix24_contact_id: Mapped[int | None] = mapped_column(BigInteger)
    consent_version: Mapped[str | None] = mapped_column(String(32))
    consent_at: Mapped[datetime | None]

    skill_rows: Mapped[list[StudentSkill]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="StudentSkill.skill"
    )

    @property
    def skills(self) -> list[str]:
        return [row.skill for row in self.skill_rows]

    sync_state: Mapped[SyncState | None] = sync_state_of("student", "Student")


class StudentSkill(Base):
    __tablename__ = "student_skills"
    __table_args__ = (Index("ix_student_skills_skill", "skill", "student_id"),)

    student_id: Mapped[int] = mapped_column(BigId, ForeignKey("students.id", ondelete="CASCADE"), primary_key=True)
    skill: Mapped[str] = mapped_column(String(50), primary_key=True)
