"""Rollups for analytics: counts kept current by the transactions that change the data.

A dashboard reads a few hundred of these rows instead of scanning millions of applications. Every
application event (applied, or moved into a stage) adds 1 to its rows; rows exist per scope (the whole
workspace, one university, one company) and per grain (a day, an ISO week starting Monday, a month), so a
period is read as whole months, then weeks and days at its edges.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from internhub.models.base import Base, BigId


class RollupScope(StrEnum):
    workspace = "w"  # scope_id 0
    totals = "t"  # the workspace again, without city and format: far fewer rows for the usual questions
    university = "u"  # scope_id: the student's university
    company = "c"  # scope_id: the opening's company


class Grain(StrEnum):
    day = "d"
    week = "w"  # period: the Monday
    month = "m"  # period: the first of the month


def _workspace_key() -> Mapped[int]:
    return mapped_column(BigId, ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True)


class StageCount(Base):
    """Applications that entered a stage (``new`` = applied) on a day, week or month.

    City and format are kept for the workspace and company scopes and left empty for universities (whose
    rows would otherwise be one per event).
    """

    __tablename__ = "analytics_stage_counts"
    __table_args__ = (
        Index("ix_analytics_stage_counts_stage_period", "workspace_id", "scope", "grain", "stage", "period"),
    )

    workspace_id: Mapped[int] = _workspace_key()
    scope: Mapped[str] = mapped_column(String(1), primary_key=True)
    scope_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    grain: Mapped[str] = mapped_column(String(1), primary_key=True)
    period: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    stage: Mapped[str] = mapped_column(String(16), primary_key=True)
    city: Mapped[str] = mapped_column(String(100), primary_key=True)
    format: Mapped[str] = mapped_column(String(16), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class StageDuration(Base):
    """How many whole days after applying applications entered a stage: a histogram per day and month.

    Medians and percentiles are exact from it, since days are whole numbers.
    """

    __tablename__ = "analytics_stage_durations"

    workspace_id: Mapped[int] = _workspace_key()
    scope: Mapped[str] = mapped_column(String(1), primary_key=True)
    scope_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    grain: Mapped[str] = mapped_column(String(1), primary_key=True)
    period: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    stage: Mapped[str] = mapped_column(String(16), primary_key=True)
    days: Mapped[int] = mapped_column(Integer, primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class OpeningCount(Base):
    """Openings by the day, week or month they were created, with their current status."""

    __tablename__ = "analytics_opening_counts"

    workspace_id: Mapped[int] = _workspace_key()
    scope: Mapped[str] = mapped_column(String(1), primary_key=True)
    scope_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    grain: Mapped[str] = mapped_column(String(1), primary_key=True)
    period: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), primary_key=True)
    city: Mapped[str] = mapped_column(String(100), primary_key=True)
    format: Mapped[str] = mapped_column(String(16), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class StudentCount(Base):
    """Registered students per university (university_id 0: the whole workspace), course and specialty."""

    __tablename__ = "analytics_student_counts"

    workspace_id: Mapped[int] = _workspace_key()
    university_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    course: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    specialty: Mapped[str] = mapped_column(String(200), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class SkillCount(Base):
    """Skills asked for by active openings (side ``o``; scope workspace or company, by kind) and offered by
    students (side ``s``; scope workspace or university, kind empty)."""

    __tablename__ = "analytics_skill_counts"

    workspace_id: Mapped[int] = _workspace_key()
    side: Mapped[str] = mapped_column(String(1), primary_key=True)
    scope: Mapped[str] = mapped_column(String(1), primary_key=True)
    scope_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    skill: Mapped[str] = mapped_column(String(50), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class ShareCount(Base):
    """Applications (stage ``new``) and hires per day and month, for the distribution's crossings that the
    stage counts do not hold: a university's applications by city and format (scope ``u``, university_id 0)
    and a company's by the students' university (scope ``c``, city and format empty)."""

    __tablename__ = "analytics_share_counts"

    workspace_id: Mapped[int] = _workspace_key()
    scope: Mapped[str] = mapped_column(String(1), primary_key=True)
    scope_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    grain: Mapped[str] = mapped_column(String(1), primary_key=True)
    period: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    stage: Mapped[str] = mapped_column(String(16), primary_key=True)
    university_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    city: Mapped[str] = mapped_column(String(100), primary_key=True)
    format: Mapped[str] = mapped_column(String(16), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class ApplicationFact(Base):
    """An application's applying (stage ``new``) and its hire, with what a university's page counts by:
    which students applied or were placed, which openings they applied to, which companies hired them.

    One row per application and stage, so distinct students and openings are counted from the university's
    rows in the period (an index range) instead of from its students' applications.
    """

    __tablename__ = "analytics_application_facts"
    __table_args__ = (
        Index("ix_analytics_application_facts_university", "workspace_id", "university_id", "stage", "day"),
        Index("ix_analytics_application_facts_opening", "opening_id"),
        Index("ix_analytics_application_facts_student", "student_id"),
    )

    application_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    stage: Mapped[str] = mapped_column(String(16), primary_key=True)
    workspace_id: Mapped[int] = mapped_column(BigId, ForeignKey("workspaces.id", ondelete="CASCADE"))
    university_id: Mapped[int] = mapped_column(BigInteger)
    student_id: Mapped[int] = mapped_column(BigInteger)
    company_id: Mapped[int] = mapped_column(BigInteger)
    opening_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16))
    day: Mapped[date] = mapped_column(Date)
