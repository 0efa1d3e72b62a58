"""Delivery of finished reports: the contact's mail, the responsible manager in Bitrix24, the file on the record."""

from __future__ import annotations

import base64

import pytest
from sqlalchemy import select

from internhub import jobs
from internhub.models import MailMessage, Report
from internhub.notifications.mail import email_of
from internhub.reports.generate import MEDIA_TYPES
from tests.factories import Tenant
from tests.sync.conftest import Linked, linked, sandbox_config  # noqa: F401 (fixtures used by name)


async def settle() -> None:
    # Delivery is a job the report's job queues: drain until the queue has nothing left to start.
    for _ in range(3):
        await jobs.drain()


async def _deliver(tenant: Tenant, **body) -> dict:
    response = await tenant.client.post(
        "/api/v1/reports", json={"deliver_email": True, "deliver_bitrix24": True, **body}
    )
    assert response.status_code == 202, response.text
    await settle()
    return (await tenant.client.get(f"/api/v1/reports/{response.json()['id']}")).json()


async def _mail_to(tenant: Tenant, report_id: int) -> list[MailMessage]:
    async with tenant.app.state.sessionmaker() as session:
        rows = await session.scalars(select(MailMessage).where(MailMessage.workspace_id == tenant.workspace_id))
        return [m for m in rows if (m.context or {}).get("report_id") == report_id]


async def test_a_report_reaches_the_contact_and_the_responsible_manager(linked: Linked) -> None:  # noqa: F811
    tenant = linked.tenant
    university = await tenant.university(contact_email="career@univ.example.ru")
    await linked.settle()
    remote_id = (await tenant.client.get(f"/api/v1/universities/{university['id']}")).json()["bitrix24_company_id"]
    assert remote_id
    manager = int((await linked.get("company", remote_id))["ASSIGNED_BY_ID"])

    report = await _deliver(tenant, kind="university", subject_id=university["id"], format="pdf")
    assert report["status"] == "done" and report["delivery_error"] is None, report
    assert report["delivery"]["email"] == ["career@univ.example.ru"]
    assert report["delivery"]["bitrix24"]["notified"] == [manager]
    mails = await _mail_to(tenant, report["id"])
    assert [m.to_address for m in mails] == ["career@univ.example.ru"]
    assert f"/api/v1/reports/{report['id']}/file" in mails[0].body and mails[0].status == "sent"
    told = [
        n for n in linked.sandbox.notifications if n.user_id == manager and f"reports/{report['id']}/file" in n.message
    ]
    assert len(told) == 1
    comments = [
        c for c in linked.sandbox.timeline_comments if c["ENTITY_TYPE"] == "company" and c["ENTITY_ID"] == remote_id
    ]
    assert len(comments) == 1 and comments[0]["FILES"][0]["fileName"].endswith(".pdf")
    stored = (await tenant.client.get(f"/api/v1/reports/{report['id']}/file")).content
    assert comments[0]["FILES"][0]["data"] == stored  # the very file, base64 round trip

    # Delivered once: running the delivery again sends nothing more.
    from internhub.reports.delivery import deliver_report

    await deliver_report(report["id"])
    await settle()
    assert len(await _mail_to(tenant, report["id"])) == 1 and len(linked.sandbox.timeline_comments) == 1


async def test_without_a_portal_mail_still_goes_and_bitrix24_is_skipped(tenant: Tenant) -> None:
    report = await _deliver(tenant, kind="overall", format="xlsx")
    assert report["delivery"]["bitrix24"] == {"skipped": "no Bitrix24 portal connected"}
    assert len(report["delivery"]["email"]) == 1  # the workspace's admin
    async with tenant.app.state.sessionmaker() as session:
        assert (await session.get(Report, report["id"])).delivery == report["delivery"]


async def test_the_sandbox_timeline_comment_follows_the_documentation(linked: Linked) -> None:  # noqa: F811
    client = linked.remote()
    company = (await client.call("crm.company.add", {"fields": {"TITLE": "Ромашка"}})).result
    content = base64.b64encode(b"hello").decode()
    fields = {"ENTITY_ID": company, "ENTITY_TYPE": "company", "COMMENT": "Отчёт", "FILES": [["a.txt", content]]}
    comment_id = (await client.call("crm.timeline.comment.add", {"fields": fields})).result
    got = (await client.call("crm.timeline.comment.get", {"id": comment_id})).result
    assert got["COMMENT"] == "Отчёт" and got["ENTITY_ID"] == company
    assert next(iter(got["FILES"].values()))["name"] == "a.txt"
    listed = await client.call(
        "crm.timeline.comment.list", {"filter": {"ENTITY_TYPE": "company", "ENTITY_ID": company}}
    )
    assert [c["ID"] for c in listed.result] == [str(comment_id)]
    for bad, code in (
        ({**fields, "ENTITY_ID": 999_999}, "OWNER_NOT_FOUND"),
        ({**fields, "COMMENT": " "}, "INVALID_ARG_VALUE"),
        ({"COMMENT": "x"}, "100"),
    ):
        try:
            await client.call("crm.timeline.comment.add", {"fields": bad})
        except Exception as error:  # the client raises the portal's error with its code
            assert getattr(error, "code", None) == code, error
        else:
            raise AssertionError(f"{bad} was accepted")
    await client.http.aclose()


async def test_a_small_report_is_attached_to_the_mail_and_a_large_one_is_a_link(
    tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    university = await tenant.university(contact_email="reports@univ.example.ru")
    settings = jobs.settings()
    monkeypatch.setattr(settings, "report_mail_attachment_max_bytes", 10_000_000)
    small = await _deliver(
        tenant, kind="university", subject_id=university["id"], format="xlsx", deliver_bitrix24=False
    )
    [mail] = await _mail_to(tenant, small["id"])
    assert mail.status == "sent" and mail.to_address == "reports@univ.example.ru"
    name = f"report-university-{small['id']}.xlsx"
    assert f"приложен к письму: {name}" in mail.body and f"/api/v1/reports/{small['id']}/file" in mail.body
    sent = email_of(settings, mail)
    [attachment] = list(sent.iter_attachments())
    assert attachment.get_filename() == name
    assert attachment.get_content_type() == MEDIA_TYPES["xlsx"]
    assert attachment.get_content() == (await tenant.client.get(f"/api/v1/reports/{small['id']}/file")).content

    # Over the limit: the link only.
    monkeypatch.setattr(settings, "report_mail_attachment_max_bytes", small["size"] // 2)
    large = await _deliver(
        tenant, kind="university", subject_id=university["id"], format="xlsx", deliver_bitrix24=False
    )
    assert large["size"] > small["size"] // 2
    [mail] = await _mail_to(tenant, large["id"])
    assert "приложен" not in mail.body and "Скачать: http" in mail.body
    assert f"/api/v1/reports/{large['id']}/file" in mail.body
    assert list(email_of(settings, mail).iter_attachments()) == []
