"""A person's data as 152-FZ asks: everything held about a student in one file, erasure on request, and CVs of
rejected applicants kept no longer than the retention period."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from typing import Any

import structlog
from sqlalchemy import case, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import undefer

from internhub.auth.principal import Principal
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
    StoredFile,
    Student,
    utcnow,
)
from internhub.students import service as students

log = structlog.get_logger(__name__)

ERASED_NAME = "Данные удалены"


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


async def export(session: AsyncSession, principal: Principal, student_id: int) -> bytes:
    """A ZIP: ``personal-data.json`` (the student, their applications with each status change, consents and the
    mails sent) and the CV files as uploaded."""
    student = await students.get(session, principal, student_id)
    applications = []
    files: list[tuple[str, bytes]] = []
    rows = await session.execute(
        select(Application, Opening.title, Company.name, ApplicationIntake)
        .join(Opening, Opening.id == Application.opening_id)
        .join(Company, Company.id == Opening.company_id)
        .outerjoin(ApplicationIntake, ApplicationIntake.application_id == Application.id)
        .where(Application.student_id == student.id)
        .order_by(Application.id)
    )
    for application, title, company, intake in rows:
        history = await session.scalars(
            select(ApplicationStatusChange)
            .where(ApplicationStatusChange.application_id == application.id)
            .order_by(ApplicationStatusChange.id)
        )
        mails = await session.scalars(
            select(MailMessage).where(MailMessage.application_id == application.id).order_by(MailMessage.id)
        )
        entry: dict[str, Any] = {
            "id": application.id,
            "opening": title,
            "company": company,
            "status": application.status,
            "applied_at": _iso(application.applied_at),
            "cover_letter": application.cover_letter,
            "history": [
                {"from": c.from_status, "to": c.to_status, "at": _iso(c.changed_at), "reason": c.reason}
                for c in history
            ],
            "mails": [{"subject": m.subject, "to": m.to_address, "at": _iso(m.created_at)} for m in mails],
        }
        if intake is not None:
            entry["consent"] = {"version": intake.consent_version, "at": _iso(intake.consent_at)}
            if intake.cv_file_id is not None:
                cv = await session.scalar(
                    select(StoredFile).where(StoredFile.id == intake.cv_file_id).options(undefer(StoredFile.data))
                )
                if cv is not None:
                    name = f"cv/{application.id}-{cv.filename}"
                    files.append((name, cv.data))
                    entry["cv"] = {"file": name, "size": cv.size, "uploaded_at": _iso(cv.created_at)}
        applications.append(entry)
    document = {
        "student": {
            "id": student.id,
            "full_name": student.full_name,
            "email": student.email,
            "phone": student.phone,
            "course": student.course,
            "specialty": student.specialty,
            "skills": student.skills,
            "university_id": student.university_id,
            "consent": {"version": student.consent_version, "at": _iso(student.consent_at)},
            "bitrix24_contact_id": student.bitrix24_contact_id,
            "created_at": _iso(student.created_at),
            "updated_at": _iso(student.updated_at),
        },
        "applications": applications,
        "exported_at": _iso(utcnow()),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("personal-data.json", json.dumps(document, ensure_ascii=False, indent=2, default=str))
        for name, data in files:
            archive.writestr(name, data)
    return buffer.getvalue()


async def _delete_cvs(session: AsyncSession, application_ids: Any) -> int:
    """Delete the CV files of these applications (their intake's link empties with them)."""
    cv_ids = select(ApplicationIntake.cv_file_id).where(
        ApplicationIntake.application_id.in_(application_ids), ApplicationIntake.cv_file_id.is_not(None)
    )
    found = list(await session.scalars(cv_ids))
    if found:
        await session.execute(delete(StoredFile).where(StoredFile.id.in_(found)))
    return len(found)


async def erase(session: AsyncSession, principal: Principal, student_id: int, *, remove: bool = False) -> Student:
    """Anonymise the student on request: name, e-mail, phone, specialty, skills and cover letters go, CVs are
    deleted, mails lose their address and text and those not sent yet are cancelled. Applications stay (as counts
    in the figures), tied to no one. The change goes to the linked Bitrix24 contact as any edit does, so it is
    cleared there too; with ``remove`` the student is archived as well, which the sync carries out as the contact's
    delete."""
    student = await students.get(session, principal, student_id)
    student.full_name = ERASED_NAME
    student.email = f"erased-{student.id}@{ERASED_EMAIL_DOMAIN}"
    student.phone = None
    student.specialty = None
    student.consent_version = student.consent_at = None
    student.skill_rows = []  # deleted with the flush (delete-orphan)
    # Written first, so the student's row stays locked until this commits (PostgreSQL): a delivery composing a mail to
    # them reads that row FOR SHARE (notifications/mail.py), so it either finished before this (and its mail is blanked
    # below) or waits for this and finds them erased. A mail queued meanwhile is so caught too.
    await session.flush()
    their = select(Application.id).where(Application.student_id == student.id)
    deleted = await _delete_cvs(session, their)
    for application in await session.scalars(select(Application).where(Application.student_id == student.id)):
        application.cover_letter = None
    # One statement, on the rows as they are when it runs (a delivery may be writing one now), bumping the version
    # a delivery checks before it writes back what it read. Mails not sent yet will not be.
    await session.execute(
        update(MailMessage)
        .where(MailMessage.application_id.in_(their))
        .values(
            to_address="",
            body="",
            context={},
            last_error=None,  # a mail server's refusal names the address
            status=case((MailMessage.status == MailStatus.sent, MailStatus.sent), else_=MailStatus.cancelled),
            version_id=MailMessage.version_id + 1,
        )
        .execution_options(synchronize_session="fetch")
    )
    if remove:
        student.deleted_at = utcnow()
    await session.flush()
    log.info("student_erased", student=student.id, cvs=deleted, archived=remove)
    return student


async def delete_stale_cvs(sessionmaker: async_sessionmaker[AsyncSession], keep_days: int) -> int:
    """CVs of applications rejected (or withdrawn) more than ``keep_days`` ago are deleted."""
    before = utcnow() - timedelta(days=keep_days)
    ended = select(Application.id).where(
        Application.status.in_([ApplicationStatus.rejected, ApplicationStatus.withdrawn]),
        Application.updated_at < before,
    )
    async with sessionmaker() as session:
        deleted = await _delete_cvs(session, ended)
        await session.commit()
    if deleted:
        log.info("stale_cvs_deleted", cvs=deleted, older_than_days=keep_days)
    return deleted
