"""Delivering a finished report: e-mail to the university's or company's contact, and Bitrix24.

E-mail goes through the mail outbox (``mail_outbox``): SMTP in production, kept for admins to read in the
default mode. The file is attached when it is no larger than ``report_mail_attachment_max_bytes``;
otherwise, and always besides, the mail carries the link to download it.

In Bitrix24 the manager responsible for the university's or company's CRM record is told with
``im.notify.system.add`` (a link to the file), and the file is attached to that record's timeline with
``crm.timeline.comment.add`` (``FILES``: name and base64 content). What went where is kept on the report.
"""

from __future__ import annotations

import base64
from typing import Any

import structlog
from sqlalchemy import select

from internhub import jobs
from internhub.bitrix24.client import Bitrix24Error
from internhub.models import (
    Company,
    MailMessage,
    Portal,
    Report,
    ReportKind,
    ReportStatus,
    Role,
    University,
    User,
)
from internhub.notifications import bitrix24 as notifications
from internhub.notifications.mail import ATTACHMENTS, deliver_mail, render
from internhub.reports.content import period_text
from internhub.reports.generate import MEDIA_TYPES, stored_file

log = structlog.get_logger(__name__)


def link(report: Report) -> str:
    return f"{jobs.settings().base_url}/api/v1/reports/{report.id}/file"


async def _subject(session, report: Report) -> University | Company | None:
    if report.kind == ReportKind.university:
        return await session.get(University, report.subject_id)
    if report.kind == ReportKind.company:
        return await session.get(Company, report.subject_id)
    return None


async def _recipients(session, report: Report, subject: University | Company | None) -> list[str]:
    if subject is not None:
        return [subject.contact_email] if subject.contact_email else []
    admins = select(User.email).where(
        User.workspace_id == report.workspace_id, User.role == Role.admin, User.is_active.is_(True)
    )
    return sorted((await session.scalars(admins)).all())


def _mail(report: Report, to_address: str, attach: bool) -> MailMessage:
    """The report's e-mail: the file attached when it is small enough, a link to it always."""
    name = f"report-{report.kind}-{report.id}.{report.format}"
    context: dict[str, Any] = {
        "report_id": report.id,
        "title": report.title,
        "period": period_text(report.date_from, report.date_to),
        "link": link(report),
        "attached": name if attach else "",
    }
    subject, body = render("report", "ru", context)
    if attach:
        attachment = {"path": report.path, "filename": name, "content_type": MEDIA_TYPES[report.format]}
        context[ATTACHMENTS] = [attachment]
    return MailMessage(
        workspace_id=report.workspace_id,
        to_address=to_address,
        subject=subject[:300],
        body=body,
        template="report",
        locale="ru",
        context=context,
    )


def _attach(report: Report) -> bool:
    limit = jobs.settings().report_mail_attachment_max_bytes
    size = report.size if report.size is not None else stored_file(report).stat().st_size
    return size <= limit


async def _bitrix24(session, report: Report, subject: University | Company | None) -> dict[str, Any]:
    portal = await session.scalar(
        select(Portal).where(Portal.workspace_id == report.workspace_id, Portal.is_active.is_(True))
    )
    if portal is None:
        return {"skipped": "no Bitrix24 portal connected"}
    client = notifications.portal_clients().client_for(portal)
    company_id = subject.bitrix24_company_id if subject is not None else None
    if company_id is not None:
        record = (await client.call("crm.company.get", {"id": company_id})).result
        users = [int(record["ASSIGNED_BY_ID"])] if record.get("ASSIGNED_BY_ID") else []
    else:
        linked = select(User.bitrix24_user_id).where(
            User.workspace_id == report.workspace_id, User.role == Role.admin, User.bitrix24_user_id.is_not(None)
        )
        users = sorted(set((await session.scalars(linked)).all()))
    message = f"Готов отчёт «{report.title}» ({period_text(report.date_from, report.date_to)}): {link(report)}"
    for user_id in users:
        await client.call("im.notify.system.add", {"USER_ID": user_id, "MESSAGE": message})
    done: dict[str, Any] = {"notified": users}
    if company_id is not None:
        content = base64.b64encode(stored_file(report).read_bytes()).decode()
        name = f"report-{report.kind}-{report.id}.{report.format}"
        answer = await client.call(
            "crm.timeline.comment.add",
            {
                "fields": {
                    "ENTITY_ID": company_id,
                    "ENTITY_TYPE": "company",
                    "COMMENT": f"Отчёт InternHub: {report.title}",
                    "FILES": [[name, content]],
                }
            },
        )
        done["timeline_comment"] = answer.result
    return done


@jobs.job
async def deliver_report(report_id: int) -> None:
    """Send a finished report where it was asked to go; each way once, even when the job is retried."""
    async with jobs.session() as session:
        report = await session.get(Report, report_id)
        if report is None or report.status != ReportStatus.done:
            return
        subject = await _subject(session, report)
        delivery = dict(report.delivery or {})
        if report.deliver_email and "email" not in delivery:
            attach = _attach(report)
            messages = [_mail(report, address, attach) for address in await _recipients(session, report, subject)]
            session.add_all(messages)
            await session.flush()
            for message in messages:
                jobs.enqueue(session, deliver_mail, message.id)
            delivery["email"] = [message.to_address for message in messages]
            report.delivery = dict(delivery)  # a new object: an assignment of the same dict is not a change
            await session.commit()
        if report.deliver_bitrix24 and "bitrix24" not in delivery:
            try:
                delivery["bitrix24"] = await _bitrix24(session, report, subject)
            except Bitrix24Error as error:
                report.delivery_error = f"Bitrix24: {error}"[:1000]
                await session.commit()
                raise  # retried by the queue: the portal may be down or over its limits
            report.delivery, report.delivery_error = dict(delivery), None
            await session.commit()
        log.info("report_delivered", report_id=report.id, delivery=delivery)
