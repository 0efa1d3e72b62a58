"""E-mail to applicants on receipt and on every status change, in their language, through the job queue."""

from __future__ import annotations

import smtplib

import pytest

from internhub import jobs
from internhub.notifications import mail
from tests.applications_flow.conftest import mail_of, public_apply, world
from tests.factories import Tenant, problem


async def test_receipt_and_each_status_change_are_mailed_in_the_applicants_language(tenant: Tenant) -> None:
    w = await world(tenant)
    ru = await public_apply(tenant, w["opening"]["id"], university_id=w["university"]["id"], email="ru@example.ru")
    en = await public_apply(
        tenant, w["opening"]["id"], university_id=w["university"]["id"], email="en@example.ru", locale="en"
    )
    for created in (ru, en):
        path = f"/api/v1/applications/{created.json()['id']}"
        await tenant.client.patch(path, json={"status": "interview"})
        await tenant.client.patch(path, json={"status": "rejected", "rejection_reason": "Набор закрыт"})

    russian, english = await mail_of(tenant, ru.json()["id"]), await mail_of(tenant, en.json()["id"])

    assert [m.template for m in russian] == ["received", "interview", "rejected"]
    assert all(m.status == "sent" and m.to_address == "ru@example.ru" for m in russian)
    assert russian[0].subject.startswith("Заявка получена")
    # The link is absolute, at the address the server is configured to be reached at: a mail has no page to be
    # relative to.
    base = tenant.app.state.settings.base_url
    assert f"Следить за статусом: {base}/status/{ru.json()['token']}\n" in russian[0].body
    assert "Причина: Набор закрыт" in russian[2].body and w["company"]["name"] in russian[1].body
    assert [m.locale for m in english] == ["en"] * 3 and english[1].subject.startswith("Interview invitation")
    listed = (await tenant.client.get("/api/v1/mail", params={"application_id": ru.json()["id"]})).json()
    assert [m["template"] for m in listed["items"]] == ["rejected", "interview", "received"]
    manager = await tenant.sign_in_as("manager")
    problem(await manager.get("/api/v1/mail"), 403)


async def test_a_refused_change_mails_nobody(tenant: Tenant) -> None:
    w = await world(tenant)
    created = await public_apply(tenant, w["opening"]["id"], university_id=w["university"]["id"])
    problem(await tenant.client.patch(f"/api/v1/applications/{created.json()['id']}", json={"status": "bogus"}), 422)
    problem(await tenant.client.patch(f"/api/v1/applications/{created.json()['id']}", json={"status": "rejected"}), 422)
    assert [m.template for m in await mail_of(tenant, created.json()["id"])] == ["received"]


async def test_a_failing_mail_server_never_fails_the_request_and_is_retried(
    tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[str] = []

    def flaky_send(settings, message) -> None:
        attempts.append(message.to_address)
        if len(attempts) < 3:
            raise smtplib.SMTPServerDisconnected("connection lost")

    monkeypatch.setattr(mail, "_send_smtp", flaky_send)
    monkeypatch.setattr(jobs.settings(), "mail_mode", "smtp")
    w = await world(tenant)

    created = await public_apply(tenant, w["opening"]["id"], university_id=w["university"]["id"], email="s@example.ru")
    assert created.status_code == 201
    for _ in range(100):
        messages = await mail_of(tenant, created.json()["id"])
        if messages and messages[0].status == "sent":
            break
    assert messages[0].status == "sent" and messages[0].attempts == 3 and attempts == ["s@example.ru"] * 3
