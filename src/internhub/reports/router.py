from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status
from fastapi.responses import FileResponse

from internhub.auth.principal import CurrentPrincipal, Staff
from internhub.common.pagination import Page
from internhub.common.schemas import Id
from internhub.db import SessionDep
from internhub.models import Report, ReportSchedule, utcnow
from internhub.reports import service
from internhub.reports.generate import MEDIA_TYPES
from internhub.reports.schemas import (
    ReportIn,
    ReportOut,
    ReportQuery,
    RunOut,
    ScheduleIn,
    ScheduleOut,
    SchedulePatch,
)

router = APIRouter(prefix="/reports", tags=["reports"])
schedules = APIRouter(prefix="/report-schedules", tags=["reports"])


@router.get("", operation_id="reports-list")
async def list_reports(
    query: Annotated[ReportQuery, Query()], principal: CurrentPrincipal, session: SessionDep
) -> Page[ReportOut]:
    """List generated and queued reports you may read, newest first."""
    return await service.list_(session, principal, query)


@router.post("", status_code=status.HTTP_202_ACCEPTED, operation_id="reports-create", response_model=ReportOut)
async def create_report(body: ReportIn, principal: CurrentPrincipal, session: SessionDep) -> Report:
    """Order a report now; it is made in the background (watch its status and progress)."""
    return await service.create(session, principal, body)


@router.get("/{report_id}", operation_id="reports-get", response_model=ReportOut)
async def get_report(report_id: Id, principal: CurrentPrincipal, session: SessionDep) -> Report:
    """One report with its status and progress."""
    return await service.get(session, principal, report_id)


@router.get(
    "/{report_id}/file",
    operation_id="reports-download",
    response_class=FileResponse,
    responses={200: {"content": {media: {} for media in MEDIA_TYPES.values()}}},
)
async def download_report(report_id: Id, principal: CurrentPrincipal, session: SessionDep) -> FileResponse:
    """Download a finished report (XLSX or PDF)."""
    report, path = await service.file_of(session, principal, report_id)
    name = f"report-{report.kind}-{report.id}.{report.format}"
    return FileResponse(path, media_type=MEDIA_TYPES[report.format], filename=name)


@schedules.get("", operation_id="report-schedules-list", response_model=list[ScheduleOut])
async def list_schedules(principal: Staff, session: SessionDep) -> list[ReportSchedule]:
    """Every report schedule of the workspace."""
    return await service.schedules(session, principal)


@schedules.post(
    "", status_code=status.HTTP_201_CREATED, operation_id="report-schedules-create", response_model=ScheduleOut
)
async def create_schedule(body: ScheduleIn, principal: Staff, session: SessionDep) -> ReportSchedule:
    """Make reports weekly, monthly or by a cron expression, for one subject or for each of them."""
    return await service.create_schedule(session, principal, body)


@schedules.patch("/{schedule_id}", operation_id="report-schedules-update")
async def update_schedule(schedule_id: Id, body: SchedulePatch, principal: Staff, session: SessionDep) -> ScheduleOut:
    """Rename, pause or resume a schedule, or change its format or delivery."""
    return await service.update_schedule(session, principal, schedule_id, body)


@schedules.delete("/{schedule_id}", status_code=status.HTTP_204_NO_CONTENT, operation_id="report-schedules-delete")
async def delete_schedule(schedule_id: Id, principal: Staff, session: SessionDep) -> None:
    """Remove a schedule (the reports it made stay)."""
    await service.delete_schedule(session, principal, schedule_id)


@schedules.post("/{schedule_id}/run", status_code=status.HTTP_202_ACCEPTED, operation_id="report-schedules-run")
async def run_schedule(schedule_id: Id, principal: Staff, session: SessionDep) -> RunOut:
    """Run a schedule now, as if it were due (its next regular run stays as it was)."""
    schedule = await service.get_schedule(session, principal, schedule_id)
    return RunOut(reports=await service.queue_run(session, schedule, utcnow()))
