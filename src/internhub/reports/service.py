"""Reports on demand and on schedule: who may order and read which, and what a schedule's run covers."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from croniter import CroniterBadDateError, croniter
from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from internhub import jobs
from internhub.auth.principal import Principal
from internhub.common.crud import apply, one_or_404
from internhub.common.pagination import Page, paginate
from internhub.companies import service as companies
from internhub.errors import Conflict, Forbidden, Unprocessable
from internhub.models import (
    Cadence,
    Company,
    Report,
    ReportKind,
    ReportSchedule,
    ReportStatus,
    Role,
    University,
    utcnow,
)
from internhub.reports.generate import data_dir, generate_report
from internhub.reports.schemas import ReportIn, ReportQuery, ScheduleIn, SchedulePatch
from internhub.tenancy import readable
from internhub.universities import service as universities

SORTABLE = {"id": Report.id, "created_at": Report.created_at}
RUN_HOUR = time(6, 0, tzinfo=UTC)


def scoped(principal: Principal) -> Select:
    if principal.role == Role.student:
        raise Forbidden("Reports are for universities, employers and managers.")
    return readable(Report, principal)


async def list_(session: AsyncSession, principal: Principal, query: ReportQuery) -> Page:
    stmt = scoped(principal)
    for column, value in (
        (Report.kind, query.kind),
        (Report.subject_id, query.subject_id),
        (Report.status, query.status),
        (Report.schedule_id, query.schedule_id),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    return await paginate(session, stmt, query, SORTABLE, Report.id)


async def get(session: AsyncSession, principal: Principal, report_id: int) -> Report:
    return await one_or_404(session, scoped(principal).where(Report.id == report_id), "Report")


async def file_of(session: AsyncSession, principal: Principal, report_id: int) -> tuple[Report, Path]:
    report = await get(session, principal, report_id)
    if report.status != ReportStatus.done or report.path is None:
        raise Conflict(f"The report is {report.status}; its file is ready when it is done.", code="report_not_ready")
    path = data_dir() / report.path
    if not path.is_file():
        raise Conflict(
            "The report's file is missing from the data directory; order it again.", code="report_file_missing"
        )
    return report, path


async def _check_subject(session: AsyncSession, principal: Principal, kind: ReportKind, subject_id: int | None) -> None:
    if kind == ReportKind.overall:
        if not principal.is_staff:
            raise Forbidden("Only managers can order the overall report.")
        return
    # Outside the staff, a report is ordered for one's own university or company only: it is mailed to the
    # subject's contact and posted on its Bitrix24 record, so ordering another's acts on it.
    if kind == ReportKind.university:
        if principal.role == Role.recruiter:
            raise Forbidden("Recruiters can order their company's report only.")
        if subject_id is None and not principal.is_staff:
            raise Forbidden("A university can order its own report only.")
        if subject_id is not None:
            await universities.get(session, principal, subject_id)
    else:
        if principal.role == Role.university:
            raise Forbidden("A university can order its own report only.")
        if not principal.is_staff and (subject_id is None or subject_id != principal.company_id):
            raise Forbidden("Recruiters can order their company's report only.")
        if subject_id is not None:
            await companies.get(session, principal, subject_id)


async def create(session: AsyncSession, principal: Principal, body: ReportIn) -> Report:
    values = body.model_dump()
    if principal.role == Role.student:
        raise Forbidden("Reports are for universities, employers and managers.")
    await _check_subject(session, principal, values["kind"], values["subject_id"])
    report = Report(workspace_id=principal.workspace_id, requested_by_id=principal.user_id, **values)
    session.add(report)
    await session.flush()
    jobs.enqueue(session, generate_report, report.id)
    return report


# --- schedules ----------------------------------------------------------------------------------------


def next_run(cadence: Cadence, cron: str | None, after: datetime) -> datetime:
    """The first run strictly after ``after`` (UTC)."""
    after = after.astimezone(UTC)
    if cadence == Cadence.cron:
        return croniter(cron, after).get_next(datetime).astimezone(UTC)
    if cadence == Cadence.weekly:
        day = after.date() + timedelta(days=(7 - after.weekday()) % 7)
    else:
        day = after.date().replace(day=1)
    candidate = datetime.combine(day, RUN_HOUR)
    while candidate <= after:
        day = day + timedelta(days=7) if cadence == Cadence.weekly else (day + timedelta(days=32)).replace(day=1)
        candidate = datetime.combine(day, RUN_HOUR)
    return candidate


def period_of(schedule: ReportSchedule, run_at: datetime) -> tuple[date, date]:
    """The whole days a run covers: the previous week or month, or the days since the previous run."""
    today = run_at.astimezone(UTC).date()
    if schedule.cadence == Cadence.weekly:
        return today - timedelta(days=7), today - timedelta(days=1)
    if schedule.cadence == Cadence.monthly:
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    start = schedule.last_run_at.astimezone(UTC).date() if schedule.last_run_at else today - timedelta(days=7)
    return min(start, today - timedelta(days=1)), today - timedelta(days=1)


def _validate_cron(cron: str | None) -> None:
    """A cron schedule must be readable, come round (``0 0 30 2 *`` never does), and run at most hourly: a report
    a minute would bury its readers and the queue."""

    def refused(detail: str, code: str) -> Unprocessable:
        return Unprocessable(detail, errors=[{"field": "cron", "message": detail, "code": code}], code=code)

    if cron is None:
        return
    if not croniter.is_valid(cron):
        raise refused("The cron expression is not valid.", "cron_invalid")
    runs = croniter(cron, utcnow())
    try:
        first, second = runs.get_next(datetime), runs.get_next(datetime)
    except CroniterBadDateError:
        raise refused("The cron expression never comes round (a day no month has).", "cron_never_fires") from None
    if second - first < timedelta(hours=1):
        raise refused("Reports can be made at most once an hour.", "cron_too_often")


async def schedules(session: AsyncSession, principal: Principal) -> list[ReportSchedule]:
    stmt = select(ReportSchedule).where(ReportSchedule.workspace_id == principal.workspace_id)
    return list((await session.scalars(stmt.order_by(ReportSchedule.id))).all())


async def get_schedule(session: AsyncSession, principal: Principal, schedule_id: int) -> ReportSchedule:
    stmt = select(ReportSchedule).where(
        ReportSchedule.workspace_id == principal.workspace_id, ReportSchedule.id == schedule_id
    )
    return await one_or_404(session, stmt, "Schedule")


async def create_schedule(session: AsyncSession, principal: Principal, body: ScheduleIn) -> ReportSchedule:
    values = body.model_dump()
    _validate_cron(values.get("cron"))
    await _check_subject(session, principal, values["kind"], values["subject_id"])
    schedule = ReportSchedule(
        workspace_id=principal.workspace_id,
        created_by_id=principal.user_id,
        next_run_at=next_run(values["cadence"], values.get("cron"), utcnow()),
        **values,
    )
    session.add(schedule)
    await session.flush()
    return schedule


async def update_schedule(session: AsyncSession, principal: Principal, schedule_id: int, patch: SchedulePatch):
    values = patch.model_dump(exclude_unset=True)
    return apply(await get_schedule(session, principal, schedule_id), values)


async def delete_schedule(session: AsyncSession, principal: Principal, schedule_id: int) -> None:
    await session.delete(await get_schedule(session, principal, schedule_id))


async def _subjects(session: AsyncSession, schedule: ReportSchedule) -> list[int | None]:
    if schedule.kind == ReportKind.overall:
        return [None]
    if schedule.subject_id is not None:
        return [schedule.subject_id]
    model = University if schedule.kind == ReportKind.university else Company
    stmt = select(model.id).where(model.workspace_id == schedule.workspace_id, model.deleted_at.is_(None))
    return list((await session.scalars(stmt.order_by(model.id))).all())


async def queue_run(session: AsyncSession, schedule: ReportSchedule, run_at: datetime) -> int:
    """One report per subject of the schedule, each made by its own job after the commit."""
    date_from, date_to = period_of(schedule, run_at)
    reports = [
        Report(
            workspace_id=schedule.workspace_id,
            kind=schedule.kind,
            subject_id=subject_id,
            format=schedule.format,
            date_from=date_from,
            date_to=date_to,
            schedule_id=schedule.id,
            deliver_email=schedule.deliver_email,
            deliver_bitrix24=schedule.deliver_bitrix24,
        )
        for subject_id in await _subjects(session, schedule)
    ]
    session.add_all(reports)
    await session.flush()
    for report in reports:
        jobs.enqueue(session, generate_report, report.id)
    schedule.last_run_at = run_at
    return len(reports)
