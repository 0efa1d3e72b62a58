"""Running report schedules when they are due, in whichever process gets to them first."""

from __future__ import annotations

import asyncio
import contextlib
import time
from datetime import datetime, timedelta

import structlog
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from internhub import jobs
from internhub.db import changed_rows
from internhub.models import Report, ReportSchedule, ReportStatus, utcnow
from internhub.reports.generate import generate_report
from internhub.reports.service import next_run, queue_run
from internhub.students import personal_data

log = structlog.get_logger(__name__)

CHECK_SECONDS = 30.0
RETENTION_SWEEP_SECONDS = 3600.0
# A report takes seconds to make; one running or queued this long was left behind by a process that stopped.
STALE_AFTER = timedelta(minutes=30)
INTERRUPTED = "Interrupted: the server stopped while making this report. Order it again."


async def run_due(sessionmaker: async_sessionmaker[AsyncSession], now: datetime | None = None) -> int:
    """Queue the reports of every schedule that is due; returns how many reports were queued."""
    now = now or utcnow()
    queued = 0
    async with sessionmaker() as session:
        due = (
            await session.execute(
                select(ReportSchedule.id, ReportSchedule.next_run_at).where(
                    ReportSchedule.enabled.is_(True), ReportSchedule.next_run_at <= now
                )
            )
        ).all()
    for schedule_id, next_run_at in due:
        # Each schedule in a transaction of its own: one that fails is tried again at the next check, and the
        # others run meanwhile.
        async with sessionmaker() as session:
            try:
                schedule = await session.get_one(ReportSchedule, schedule_id)
                # Claimed by moving next_run_at on from the value read: of several processes, one wins the run.
                claimed = await changed_rows(
                    session,
                    update(ReportSchedule)
                    .where(ReportSchedule.id == schedule_id, ReportSchedule.next_run_at == next_run_at)
                    .values(next_run_at=next_run(schedule.cadence, schedule.cron, now))
                    .execution_options(synchronize_session=False),
                )
                if claimed != 1:
                    continue
                made = await queue_run(session, schedule, now)
                await session.commit()
            except Exception:
                log.exception("report_schedule_failed", schedule_id=schedule_id)
                continue
        queued += made
        log.info("report_schedule_run", schedule_id=schedule_id, reports=made)
    return queued


async def recover_stale(sessionmaker: async_sessionmaker[AsyncSession], now: datetime | None = None) -> int:
    """Reports a stopped process left behind: one ``running`` for long was cut off (it says so, to be ordered
    again); one still ``queued`` for long lost its job (it is sent again). With RabbitMQ a job is lost only when
    its API process stopped before the broker took it (RabbitMQ away meanwhile); one that merely waits behind
    others is still in the queue, so queued reports are sent again only when the queue is empty. Returns how
    many were recovered."""
    now = now or utcnow()
    long_ago = now - STALE_AFTER
    async with sessionmaker() as session:
        recovered = await changed_rows(
            session,
            update(Report)
            .where(Report.status == ReportStatus.running, Report.started_at < long_ago)
            .values(status=ReportStatus.failed, error=INTERRUPTED, progress=0, finished_at=now),
        )
        lost = list(
            await session.scalars(
                select(Report.id).where(Report.status == ReportStatus.queued, Report.created_at < long_ago)
            )
        )
        # RabbitMQ is asked only when some report waits that long, not every half minute.
        if lost and (not jobs.settings().rabbitmq_url or await jobs.waiting() == 0):
            for report_id in lost:
                jobs.enqueue(session, generate_report, report_id)
            recovered += len(lost)
        await session.commit()
    if recovered:
        log.warning("reports_recovered", reports=recovered)
    return recovered


async def run_forever(
    sessionmaker: async_sessionmaker[AsyncSession], stop: asyncio.Event, cv_retention_days: int | None = None
) -> None:
    """Due report schedules every half minute; reports left behind and, hourly, CVs past their retention."""
    swept = 0.0
    while not stop.is_set():
        try:
            await run_due(sessionmaker)
            await recover_stale(sessionmaker)
            if cv_retention_days and time.monotonic() - swept > RETENTION_SWEEP_SECONDS:
                await personal_data.delete_stale_cvs(sessionmaker, cv_retention_days)
                swept = time.monotonic()
        except Exception:
            log.exception("report_schedules_failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=CHECK_SECONDS)
