"""E-mail to applicants: on receipt and on every status change, whichever side made it.

Every flush that records a status change (an ``ApplicationStatusChange``) also writes a queued
``mail_outbox`` row in the same transaction, the way the Bitrix24 outbox is written: no write path can
forget to mail, and a rolled-back change mails nobody. After commit a job renders the template (Russian
or English) and delivers the message: over SMTP in production, or it simply stays in the outbox table
for admins to read. Delivery never blocks or fails the request; a failed send is retried by the queue.
"""

from __future__ import annotations

import asyncio
import smtplib
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import structlog
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlalchemy import Insert, exists, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from internhub import jobs
from internhub.config import Settings
from internhub.models import (
    ERASED_EMAIL_DOMAIN,
    Application,
    ApplicationIntake,
    ApplicationStatus,
    ApplicationStatusChange,
    Company,
    MailMessage,
    MailStatus,
    Opening,
    Student,
    utcnow,
)

log = structlog.get_logger(__name__)

LOCALES = ("ru", "en")
STATUS_URLS = "status_urls"
"""``session.info`` key: application id → its private status link, known only to the request that made it."""

templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    undefined=StrictUndefined,
    autoescape=False,  # plain-text mail; nothing here is rendered as HTML
    keep_trailing_newline=True,
)


def template_for(to_status: str, first: bool) -> str:
    return "received" if first else to_status


def render(template: str, locale: str, context: dict[str, Any]) -> tuple[str, str]:
    """(subject, body) of a template; the first line of every template is ``Subject: …``."""
    text = templates.get_template(f"{template}.{locale}.txt").render(**context)
    first, _, body = text.partition("\n")
    return first.removeprefix("Subject:").strip(), body.lstrip("\n")


def remember_status_url(session, application_id: int, url: str) -> None:
    session.info.setdefault(STATUS_URLS, {})[application_id] = url


def queue_mail(session: Session, _context) -> None:
    changes = [obj for obj in session.new if isinstance(obj, ApplicationStatusChange)]
    if not changes:
        return
    connection = session.connection()
    urls = session.info.get(STATUS_URLS, {})
    for change in changes:
        application = session.identity_map.get(session.identity_key(Application, change.application_id))
        workspace_id = (
            application.workspace_id
            if application is not None
            else connection.scalar(select(Application.workspace_id).where(Application.id == change.application_id))
        )
        first = change.from_status is None
        template = template_for(str(change.to_status), first)
        context = {"reason": change.reason or ""}
        if first and change.application_id in urls:
            context["status_url"] = urls[change.application_id]
        message_id = connection.execute(_queued(workspace_id, change.application_id, template, context)).scalar_one()
        jobs.enqueue(session, deliver_mail, message_id)


def _queued(workspace_id: int | None, application_id: int, template: str, context: dict[str, Any]) -> Insert:
    """A mail to the candidate, queued: recipient, subject and body are filled in when it is sent."""
    return (
        insert(MailMessage.__table__)
        .values(
            workspace_id=workspace_id,
            application_id=application_id,
            to_address="",
            subject="",
            body="",
            template=template,
            locale="ru",
            context=context,
            status=MailStatus.queued,
            attempts=0,
            created_at=utcnow(),
        )
        .returning(MailMessage.__table__.c.id)
    )


async def queue_status_mail(session: AsyncSession, application: Application) -> int:
    """The candidate's e-mail about where their application stands now, asked for by someone (a Bitrix24 robot on a
    deal stage) rather than by a change of status; the same mail the change would have sent."""
    first = application.status == ApplicationStatus.new
    context = {"reason": application.rejection_reason or ""}
    template = template_for(str(application.status), first)
    message_id = (
        await session.execute(_queued(application.workspace_id, application.id, template, context))
    ).scalar_one()
    jobs.enqueue(session, deliver_mail, message_id)
    return message_id


ATTACHMENTS = "attachments"
"""``context`` key of a message: files under the data directory sent with it, as
``{"path": …, "filename": …, "content_type": "type/subtype"}``."""


def email_of(settings: Settings, message: MailMessage) -> EmailMessage:
    """The message as it is sent, its attachments read from the data directory."""
    mail = EmailMessage()
    mail["From"] = settings.mail_from
    mail["To"] = message.to_address
    mail["Subject"] = message.subject
    mail.set_content(message.body)
    for attachment in (message.context or {}).get(ATTACHMENTS, []):
        maintype, _, subtype = attachment["content_type"].partition("/")
        content = (settings.data_dir / attachment["path"]).read_bytes()
        mail.add_attachment(content, maintype=maintype, subtype=subtype, filename=attachment["filename"])
    return mail


def _send_smtp(settings: Settings, message: MailMessage) -> None:
    mail = email_of(settings, message)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_username:
            password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
            smtp.login(settings.smtp_username, password)
        smtp.send_message(mail)


async def _compose(session, message: MailMessage) -> MailStatus | None:
    """Fill in the recipient, subject and body from the application as it is now. None when done; otherwise how the
    message ends instead: failed if the application is gone, cancelled if its student has been erased (or the message
    changed since delivery read it, which an erasure does).

    The student's row is read FOR SHARE and stays locked until delivery commits, after sending (PostgreSQL): an
    erasure writes that row first, so it waits for a mail being sent to its student, or this waits for it and finds
    the student erased. The message's version is read in the same statement."""
    unchanged = exists().where(MailMessage.id == message.id, MailMessage.version_id == message.version_id)
    row = (
        await session.execute(
            select(
                Student.full_name,
                Student.email,
                Opening.title,
                Company.name,
                ApplicationIntake.locale,
                Student.email.endswith(f"@{ERASED_EMAIL_DOMAIN}") | ~unchanged,
            )
            .select_from(Application)
            .join(Student, Student.id == Application.student_id)
            .join(Opening, Opening.id == Application.opening_id)
            .join(Company, Company.id == Opening.company_id)
            .outerjoin(ApplicationIntake, ApplicationIntake.application_id == Application.id)
            .where(Application.id == message.application_id)
            .with_for_update(read=True, of=Student)
        )
    ).one_or_none()
    if row is None:
        return MailStatus.failed
    name, email, title, company, locale, erased = row
    if erased:
        return MailStatus.cancelled
    message.locale = locale if locale in LOCALES else "ru"
    context = {"student_name": name, "opening_title": title, "company_name": company, "status_url": ""}
    context.update(message.context or {})
    if context["status_url"].startswith("/"):
        # A mail has no page to be relative to: the link names the address the server is reached at.
        context["status_url"] = jobs.settings().base_url + context["status_url"]
    message.subject, message.body = render(message.template, message.locale, context)
    message.to_address = email
    return None


async def _saved(session: AsyncSession) -> bool:
    """Commit what delivery wrote on the message; False, rolled back, if the message was changed since it was read:
    its student's personal data was erased meanwhile, and that erasure stands."""
    try:
        await session.commit()
    except StaleDataError:
        await session.rollback()
        return False
    return True


@jobs.job
async def deliver_mail(message_id: int) -> None:
    """Render and send one queued e-mail (retried by the queue when sending fails)."""
    settings = jobs.settings()
    async with jobs.session() as session:
        message = await session.get(MailMessage, message_id)
        if message is None or message.status in (MailStatus.sent, MailStatus.cancelled):
            return  # rolled back with its change, delivered by an earlier attempt, or its student erased
        # A mail about an application is written from it as it is now, on every attempt (a report's comes written).
        ended = await _compose(session, message) if message.application_id is not None else None
        if ended is not None:
            message.status = ended
            message.last_error = "the application no longer exists" if ended == MailStatus.failed else None
            await _saved(session)
            return
        message.attempts += 1
        if settings.mail_mode == "smtp":
            try:
                await asyncio.to_thread(_send_smtp, settings, message)
            except (OSError, smtplib.SMTPException) as exc:
                message.status, message.last_error = MailStatus.failed, f"{type(exc).__name__}: {exc}"[:500]
                if await _saved(session):
                    log.warning("mail_failed", message_id=message_id, error=type(exc).__name__)
                    raise
                return  # cancelled meanwhile: not to be tried again
        message.status, message.sent_at, message.last_error = MailStatus.sent, utcnow(), None
        if not await _saved(session):
            # It went, but the message was changed while it did (its student erased, where rows are not locked, or the
            # same mail delivered twice at once): record that it went, not to whom or what it said.
            await session.execute(
                update(MailMessage)
                .where(MailMessage.id == message_id)
                .values(
                    status=MailStatus.sent,
                    sent_at=utcnow(),
                    last_error=None,
                    attempts=MailMessage.attempts + 1,
                    version_id=MailMessage.version_id + 1,
                )
                .execution_options(synchronize_session=False)
            )
            await session.commit()
            log.info("mail_changed_while_sending", message_id=message_id)
