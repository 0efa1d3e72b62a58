"""Making a report's file in a job: progress in the database, the file under the data directory."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import structlog

from internhub import jobs
from internhub.errors import Problem
from internhub.models import Report, ReportFormat, ReportStatus, utcnow
from internhub.reports import content, pdf, xlsx

log = structlog.get_logger(__name__)

RENDERERS = {ReportFormat.xlsx: xlsx.render, ReportFormat.pdf: pdf.render}
MEDIA_TYPES = {
    ReportFormat.xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ReportFormat.pdf: "application/pdf",
}


def data_dir() -> Path:
    return jobs.settings().data_dir


def stored_file(report: Report) -> Path:
    """Where a made report's file is kept."""
    if report.path is None:
        raise ValueError(f"report {report.id} has no file yet")
    return data_dir() / report.path


def relative_path(report: Report) -> str:
    return f"reports/{report.workspace_id}/{report.id}.{report.format}"


def _write(path: Path, data: bytes) -> None:
    # Written beside and renamed: a download never sees half a file.
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(path.suffix + ".part")
    partial.write_bytes(data)
    os.replace(partial, path)


async def _progress(session, report: Report, progress: int, **values) -> None:
    report.progress = progress
    for name, value in values.items():
        setattr(report, name, value)
    await session.commit()


# A schedule's run queues a report for every university at once; drawing files is CPU work, so a process
# makes a few at a time and the rest wait here rather than each holding a database connection.
_making = asyncio.Semaphore(4)


@jobs.job
async def generate_report(report_id: int) -> None:
    """Collect the figures, draw the file, store it; then hand it to delivery."""
    async with _making:
        await _generate(report_id)


async def _generate(report_id: int) -> None:
    async with jobs.session() as session:
        report = await session.get(Report, report_id)
        if report is None or report.status == ReportStatus.done:
            return
        await _progress(session, report, 5, status=ReportStatus.running, started_at=utcnow(), error=None)
        try:
            made = await content.build(
                session, report.workspace_id, report.kind, report.subject_id, report.date_from, report.date_to
            )
            await _progress(session, report, 50, title=made.title[:300])
            data = await asyncio.to_thread(RENDERERS[ReportFormat(report.format)], made)
            relative = relative_path(report)
            await asyncio.to_thread(_write, data_dir() / relative, data)
        except Problem as problem:  # the university or company is gone: nothing to retry
            await session.rollback()
            await _progress(
                session, report, 100, status=ReportStatus.failed, error=problem.detail, finished_at=utcnow()
            )
            return
        except Exception as error:
            # Whatever broke, the report says so (never "running" for ever); the job is retried and starts over.
            await session.rollback()
            reason = f"{type(error).__name__}: {error}"[:1000]
            await _progress(session, report, 0, status=ReportStatus.failed, error=reason, finished_at=utcnow())
            raise
        await _progress(
            session, report, 100, status=ReportStatus.done, path=relative, size=len(data), finished_at=utcnow()
        )
        log.info("report_done", report_id=report.id, kind=report.kind, size=len(data))
        if report.deliver_email or report.deliver_bitrix24:
            # Imported here: delivery reaches for Bitrix24 and mail, which themselves know nothing of reports.
            from internhub.reports.delivery import deliver_report

            jobs.enqueue(session, deliver_report, report.id)
            await session.commit()
