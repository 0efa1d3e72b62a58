"""Reports: generated files (XLSX or PDF) with their progress, and the schedules that order them."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from internhub.models.base import Base, BigId, IdPk, JsonDoc, Timestamped, utcnow, workspace_fk


class ReportKind(StrEnum):
    university = "university"  # its students' applications, placements, employers, trends
    company = "company"  # its openings, funnel, universities
    overall = "overall"  # the operator's view of the workspace


class ReportFormat(StrEnum):
    xlsx = "xlsx"
    pdf = "pdf"


class ReportStatus(StrEnum):
    queued = "queued"
    running = "running"
    done = "done"
    failed = "failed"


class Cadence(StrEnum):
    weekly = "weekly"  # Mondays 06:00 UTC, covering the previous week
    monthly = "monthly"  # the 1st at 06:00 UTC, covering the previous month
    cron = "cron"  # a cron expression (UTC), covering the time since the previous run


class ReportSchedule(Timestamped, Base):
    __tablename__ = "report_schedules"
    __table_args__ = (Index("ix_report_schedules_due", "enabled", "next_run_at"),)

    id: Mapped[IdPk]
    workspace_id: Mapped[int] = workspace_fk()
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[ReportKind] = mapped_column(String(16))
    # None with kind university or company: one report for each of them.
    subject_id: Mapped[int | None] = mapped_column(BigInteger)
    format: Mapped[ReportFormat] = mapped_column(String(8))
    cadence: Mapped[Cadence] = mapped_column(String(16))
    cron: Mapped[str | None] = mapped_column(String(100))
    deliver_email: Mapped[bool] = mapped_column(default=True)
    deliver_bitrix24: Mapped[bool] = mapped_column(default=True)
    enabled: Mapped[bool] = mapped_column(default=True)
    next_run_at: Mapped[datetime]
    last_run_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id", ondelete="SET NULL"))


class Report(Base):
    __tablename__ = "reports"
    __table_args__ = (
        Index("ix_reports_workspace", "workspace_id", "id"),
        Index("ix_reports_subject", "workspace_id", "kind", "subject_id", "id"),
        Index("ix_reports_schedule", "schedule_id"),
    )

    id: Mapped[IdPk]
    workspace_id: Mapped[int] = workspace_fk()
    kind: Mapped[ReportKind] = mapped_column(String(16))
    subject_id: Mapped[int | None] = mapped_column(BigInteger)
    format: Mapped[ReportFormat] = mapped_column(String(8))
    date_from: Mapped[date | None]
    date_to: Mapped[date | None]
    status: Mapped[ReportStatus] = mapped_column(String(16), default=ReportStatus.queued)
    progress: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(String(1000))
    title: Mapped[str] = mapped_column(String(300), default="")
    # Relative to the data directory, so that the files move with it.
    path: Mapped[str | None] = mapped_column(String(500))
    size: Mapped[int | None] = mapped_column(Integer)
    schedule_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("report_schedules.id", ondelete="SET NULL"))
    requested_by_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id", ondelete="SET NULL"))
    deliver_email: Mapped[bool] = mapped_column(default=False)
    deliver_bitrix24: Mapped[bool] = mapped_column(default=False)
    # Who got it: e-mail addresses and Bitrix24 users, and what could not be delivered.
    delivery: Mapped[dict] = mapped_column(JsonDoc, default=dict)
    delivery_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
