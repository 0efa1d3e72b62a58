"""Running report schedules when they are due, in whichever process gets to them first."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import datetime

import structlog
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from internhub.models import ReportSchedule, utcnow
from internhub.reports.service import next_run, queue_run

log = structlog.get_logger(__name__)

CHECK_SECONDS = 30.0


async def run_due(sessionmaker: async_sessionmaker[AsyncSession], now: datetime | None = None) -> int:
    """Queue the reports of every schedule that is due; returns how many reports were queued."""
    now = now or utcnow()
    queued = 0
    async with sessionmaker() as session:
        due = (
            await session.scalars(
                select(ReportSchedule).where(ReportSchedule.enabled.is_(True), ReportSchedule.next_run_at <= now)
            )
        ).all()
        for schedule in due:
            # Claimed by moving next_run_at on from the value read: of several processes, one wins the run.
            claimed = await session.execute(
                update(ReportSchedule)
                .where(ReportSchedule.id == schedule.id, ReportSchedule.next_run_at == schedule.next_run_at)
                .values(next_run_at=next_run(schedule.cadence, schedule.cron, now))
                .execution_options(synchronize_session=False)
            )
            if claimed.rowcount != 1:
                continue
            queued += await queue_run(session, schedule, now)
            await session.commit()
            log.info("report_schedule_run", schedule_id=schedule.id, reports=queued)
    return queued


async def run_forever(sessionmaker: async_sessionmaker[AsyncSession], stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await run_due(sessionmaker)
        except Exception:
            log.exception("report_schedules_failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=CHECK_SECONDS)
