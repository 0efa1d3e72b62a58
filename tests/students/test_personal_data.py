"""152-FZ: everything held about a student in one file, erasure on request, and CVs kept no longer than needed."""

from __future__ import annotations

import asyncio
import concurrent.futures
import io
import json
import smtplib
import time
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from internhub import jobs
from internhub.models import Application, MailMessage, MailStatus
from internhub.notifications import mail
from internhub.students import personal_data
from internhub.students.personal_data import ERASED_NAME, delete_stale_cvs
from tests.applications_flow.conftest import PDF, mail_of, public_apply, world
from tests.factories import Tenant, problem


async def applied(tenant: Tenant, **form) -> tuple[dict, int]:
    w = await world(tenant)
    made = await public_apply(
        tenant, w["opening"]["id"], university_id=w["university"]["id"], phone="+7 900 555-44-33", **form
    )
    assert made.status_code == 201, made.text
    application = (await tenant.client.get(f"/api/v1/applications/{made.json()['id']}")).json()
    return w, application["id"]


async def test_an_admin_exports_everything_held_about_a_student(tenant: Tenant) -> None:
    w, application_id = await applied(tenant, email="anna@example.ru", cover_letter="Хочу к вам")
    student_id = (await tenant.client.get(f"/api/v1/applications/{application_id}")).json()["student_id"]
    await tenant.client.patch(f"/api/v1/applications/{application_id}", json={"status": "screening"})

    response = await tenant.client.get(f"/api/v1/students/{student_id}/personal-data")
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    document = json.loads(archive.read("personal-data.json"))
    assert document["student"]["email"] == "anna@example.ru" and document["student"]["phone"] == "+79005554433"
    [entry] = document["applications"]
    assert entry["opening"] == w["opening"]["title"] and entry["cover_letter"] == "Хочу к вам"
    assert [c["to"] for c in entry["history"]] == ["new", "screening"]
    assert entry["consent"]["version"] and entry["mails"]
    assert archive.read(entry["cv"]["file"]) == PDF

    manager = await tenant.sign_in_as("manager")
    problem(await manager.get(f"/api/v1/students/{student_id}/personal-data"), 403)


async def test_erasing_a_student_leaves_nothing_that_names_them(tenant: Tenant) -> None:
    _, application_id = await applied(tenant, email="ivan@example.ru", cover_letter="Иван, звоните")
    student_id = (await tenant.client.get(f"/api/v1/applications/{application_id}")).json()["student_id"]

    erased = await tenant.client.post(f"/api/v1/students/{student_id}/erase")
    assert erased.status_code == 200, erased.text
    student = erased.json()
    assert student["full_name"] == ERASED_NAME and student["phone"] is None and student["skills"] == []
    assert "ivan" not in student["email"]
    problem(await tenant.client.get(f"/api/v1/applications/{application_id}/cv"), 404)
    application = (await tenant.client.get(f"/api/v1/applications/{application_id}")).json()
    assert application["id"] == application_id  # the application stays, tied to no one
    async with tenant.app.state.sessionmaker() as session:
        row = await session.get(Application, application_id)
        assert row.cover_letter is None
        mails = list(await session.scalars(select(MailMessage).where(MailMessage.application_id == application_id)))
        assert mails and all(not m.to_address and "ivan" not in m.body.lower() for m in mails)
    exported = zipfile.ZipFile(
        io.BytesIO((await tenant.client.get(f"/api/v1/students/{student_id}/personal-data")).content)
    )
    assert "ivan" not in exported.read("personal-data.json").decode().lower()


async def test_cvs_of_applications_ended_long_ago_are_deleted(tenant: Tenant) -> None:
    _, old = await applied(tenant, email="old@example.ru")
    _, recent = await applied(tenant, email="recent@example.ru")
    for application_id in (old, recent):
        response = await tenant.client.patch(
            f"/api/v1/applications/{application_id}", json={"status": "rejected", "rejection_reason": "Набор закрыт"}
        )
        assert response.status_code == 200, response.text
    async with tenant.app.state.sessionmaker() as session:
        long_ago = datetime.now(UTC) - timedelta(days=200)
        await session.execute(update(Application).where(Application.id == old).values(updated_at=long_ago))
        await session.commit()

    assert await delete_stale_cvs(tenant.app.state.sessionmaker, keep_days=180) >= 1
    problem(await tenant.client.get(f"/api/v1/applications/{old}/cv"), 404)
    assert (await tenant.client.get(f"/api/v1/applications/{recent}/cv")).status_code == 200


def on_postgresql(tenant: Tenant) -> bool:
    return tenant.app.state.settings.effective_database_url.startswith("postgresql")


async def receipt_gone(tenant: Tenant, email: str) -> tuple[int, int]:
    """An application by a student with ``email``, its receipt delivered: the application's and the student's ids."""
    _, application_id = await applied(tenant, email=email)
    student_id = (await tenant.client.get(f"/api/v1/applications/{application_id}")).json()["student_id"]
    await mail_of(tenant, application_id)
    return application_id, student_id


def mail_server(monkeypatch: pytest.MonkeyPatch, send) -> None:
    """Mail goes by SMTP, to ``send(settings, message)``."""
    monkeypatch.setattr(mail, "_send_smtp", send)
    monkeypatch.setattr(jobs.settings(), "mail_mode", "smtp")


async def test_a_mail_sent_while_its_student_is_erased_does_not_bring_their_address_back(
    tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The erasure is asked for while the receipt is with the mail server: after delivery read the address, before it
    # wrote the message back.
    loop = asyncio.get_running_loop()
    erasures: list[concurrent.futures.Future] = []
    sent: list[tuple[str, bool]] = []

    async def erase_the_applicant(application_id: int) -> int:
        student_id = (await tenant.client.get(f"/api/v1/applications/{application_id}")).json()["student_id"]
        answer = await tenant.client.post(f"/api/v1/students/{student_id}/erase")
        assert answer.status_code == 200, answer.text
        return student_id

    def send_slowly(settings, message) -> None:
        erasures.append(asyncio.run_coroutine_threadsafe(erase_the_applicant(message.application_id), loop))
        time.sleep(1)  # the mail server takes its time
        sent.append((message.to_address, erasures[0].done()))

    mail_server(monkeypatch, send_slowly)
    _, application_id = await applied(tenant, email="olga@example.ru")
    await jobs.drain()
    student_id = await asyncio.wrap_future(erasures[0])
    [receipt] = await mail_of(tenant, application_id)

    [(to, erased_before_it_went)] = sent
    assert to == "olga@example.ru"
    if on_postgresql(tenant):
        # The erasure waited for the mail being sent to its student (SQLite has no row locks to wait on).
        assert not erased_before_it_went
    assert receipt.status == MailStatus.sent and receipt.sent_at is not None  # it went, and the outbox says so
    assert receipt.to_address == "" and "olga" not in receipt.body.lower()
    exported = zipfile.ZipFile(
        io.BytesIO((await tenant.client.get(f"/api/v1/students/{student_id}/personal-data")).content)
    )
    assert "olga" not in exported.read("personal-data.json").decode().lower()


async def test_a_mail_queued_while_its_student_is_being_erased_is_cancelled(
    tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    # While the erasure is written but not committed, staff move the application on: a mail is queued that the
    # erasure's own statements never saw, and delivery tries to send it.
    application_id, student_id = await receipt_gone(tenant, "zoya@example.ru")
    sent: list[str] = []
    mail_server(monkeypatch, lambda settings, message: sent.append(message.to_address))
    staff = await tenant.sign_in_as("admin")
    erase = personal_data.erase
    changes: list[asyncio.Future] = []

    async def erase_while_staff_move_it_on(session, principal, erased_id, *, remove=False):
        student = await erase(session, principal, erased_id, remove=remove)
        changes.append(
            asyncio.ensure_future(staff.patch(f"/api/v1/applications/{application_id}", json={"status": "screening"}))
        )
        for _ in range(40):  # up to two seconds for the change and its mail, where nothing holds them back
            await asyncio.sleep(0.05)
            async with tenant.app.state.sessionmaker() as other:
                status = await other.scalar(
                    select(MailMessage.status).where(
                        MailMessage.application_id == application_id, MailMessage.template == "screening"
                    )
                )
            if status not in (None, MailStatus.queued):
                break
        return student

    monkeypatch.setattr(personal_data, "erase", erase_while_staff_move_it_on)
    assert (await tenant.client.post(f"/api/v1/students/{student_id}/erase")).status_code == 200
    assert (await changes[0]).status_code == 200
    mails = await mail_of(tenant, application_id)

    assert sent == []
    [screening] = [m for m in mails if m.template == "screening"]
    assert screening.status == MailStatus.cancelled and screening.sent_at is None
    assert all(m.to_address == "" and "zoya" not in m.body.lower() for m in mails)


async def test_a_refusal_naming_the_address_goes_with_the_erasure(
    tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    application_id, student_id = await receipt_gone(tenant, "pavel@example.ru")

    def refuse(settings, message) -> None:
        raise smtplib.SMTPRecipientsRefused({message.to_address: (550, b"5.1.1 mailbox unavailable")})

    mail_server(monkeypatch, refuse)
    refused_id = await queued_mail(tenant, application_id)
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        await mail.deliver_mail.func(refused_id)

    assert (await tenant.client.post(f"/api/v1/students/{student_id}/erase")).status_code == 200

    async with tenant.app.state.sessionmaker() as session:
        refused = await session.get(MailMessage, refused_id)
        assert refused is not None and refused.status == MailStatus.cancelled and refused.last_error is None
    listed = (await tenant.client.get("/api/v1/mail", params={"application_id": application_id})).json()
    assert listed["items"] and "pavel" not in json.dumps(listed)


async def queued_mail(tenant: Tenant, application_id: int) -> int:
    """A status mail still in the queue (the worker behind)."""
    async with tenant.app.state.sessionmaker() as session:
        queued = MailMessage(
            workspace_id=tenant.workspace_id,
            application_id=application_id,
            to_address="",
            subject="",
            body="",
            template="interview",
            locale="ru",
            context={},
        )
        session.add(queued)
        await session.commit()
        return queued.id


async def test_a_mail_not_sent_before_its_student_is_erased_is_never_sent(tenant: Tenant) -> None:
    application_id, student_id = await receipt_gone(tenant, "petr@example.ru")
    queued_id = await queued_mail(tenant, application_id)
    assert (await tenant.client.post(f"/api/v1/students/{student_id}/erase")).status_code == 200

    await mail.deliver_mail.func(queued_id)

    async with tenant.app.state.sessionmaker() as session:
        row = await session.get(MailMessage, queued_id)
        assert row is not None and row.status == MailStatus.cancelled and row.sent_at is None
        assert row.to_address == "" and row.body == ""


async def test_a_mail_whose_student_is_erased_before_it_is_written_is_not_sent(
    tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The erasure commits after delivery read the message and before it read the student to write the mail.
    sent: list[str] = []
    compose = mail._compose

    async def erase_then_compose(session, message) -> bool:
        student_id = (await tenant.client.get(f"/api/v1/applications/{message.application_id}")).json()["student_id"]
        assert (await tenant.client.post(f"/api/v1/students/{student_id}/erase")).status_code == 200
        return await compose(session, message)

    monkeypatch.setattr(mail, "_compose", erase_then_compose)
    mail_server(monkeypatch, lambda settings, message: sent.append(message.to_address))
    _, application_id = await applied(tenant, email="nina@example.ru")
    [receipt] = await mail_of(tenant, application_id)

    assert sent == []
    assert receipt.status == MailStatus.cancelled and receipt.sent_at is None and receipt.to_address == ""
