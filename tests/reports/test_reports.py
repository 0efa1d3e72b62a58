"""Reports: made by jobs, stored, downloaded with permissions; their numbers are the analytics API's."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader

from internhub import jobs
from internhub.models import Cadence, ReportSchedule
from internhub.reports.scheduler import run_due
from internhub.reports.service import next_run, period_of
from tests.analytics.test_figures import fill
from tests.factories import Tenant, error_fields, problem

PERIOD = {"date_from": "2026-02-10", "date_to": "2026-10-20"}


async def order(client, **body: Any) -> dict[str, Any]:
    response = await client.post("/api/v1/reports", json=body)
    assert response.status_code == 202, response.text
    return response.json()


async def finished(client, report: dict[str, Any]) -> dict[str, Any]:
    await jobs.drain()
    response = await client.get(f"/api/v1/reports/{report['id']}")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "done" and body["progress"] == 100, body
    return body


async def download(client, report: dict[str, Any]) -> bytes:
    response = await client.get(f"/api/v1/reports/{report['id']}/file")
    assert response.status_code == 200, response.text
    return response.content


def sheet_rows(book, title: str) -> list[list[Any]]:
    return [list(row) for row in book[title].iter_rows(values_only=True)]


def summary(book) -> dict[str, Any]:
    return {row[0]: row[1] for row in sheet_rows(book, "Сводка")[3:]}


async def test_a_university_report_carries_the_analytics_numbers(tenant: Tenant) -> None:
    await fill(tenant)
    universities = (await tenant.client.get("/api/v1/universities")).json()["items"]
    university = universities[0]
    params = {**PERIOD}
    expected = (await tenant.client.get(f"/api/v1/analytics/university/{university['id']}", params=params)).json()
    funnel = (
        await tenant.client.get("/api/v1/analytics/funnel", params={**params, "university_id": university["id"]})
    ).json()

    xlsx = await finished(
        tenant.client, await order(tenant.client, kind="university", subject_id=university["id"], **PERIOD)
    )
    book = openpyxl.load_workbook(io.BytesIO(await download(tenant.client, xlsx)))
    assert sheet_rows(book, "Сводка")[0][0] == f"Отчёт вуза: {university['name']}"
    numbers = summary(book)
    assert numbers["Студентов"] == expected["students_total"]
    assert numbers["Откликнулись за период"] == expected["students_applied"]
    assert numbers["Трудоустроены за период"] == expected["students_placed"]
    assert numbers["Откликов"] == expected["applications"] and numbers["Принятых"] == expected["hires"]
    stages = sheet_rows(book, "Воронка")[1:]
    assert [row[1] for row in stages] == [stage["count"] for stage in funnel["stages"]]
    courses = sheet_rows(book, "По курсам")[1:]
    assert courses == [[g["key"], g["students"], g["applied"], g["placed"]] for g in expected["by_course"]]
    assert book["Воронка"]._charts and book["Динамика по месяцам"]._charts  # native charts, not pictures

    pdf = await finished(
        tenant.client,
        await order(tenant.client, kind="university", subject_id=university["id"], format="pdf", **PERIOD),
    )
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(await download(tenant.client, pdf))).pages)
    assert f"Отчёт вуза: {university['name']}" in text  # Cyrillic survives: the font is embedded
    assert f"Студентов\n{expected['students_total']}" in text or f"Студентов {expected['students_total']}" in text
    assert f"Откликов {expected['applications']}" in text.replace("\n", " ")
    assert f"Принятых {expected['hires']}" in text.replace("\n", " ")


async def test_company_and_overall_reports(tenant: Tenant) -> None:
    await fill(tenant)
    company = (await tenant.client.get("/api/v1/companies", params={"limit": 1})).json()["items"][0]
    expected = (await tenant.client.get(f"/api/v1/analytics/company/{company['id']}")).json()
    report = await finished(tenant.client, await order(tenant.client, kind="company", subject_id=company["id"]))
    book = openpyxl.load_workbook(io.BytesIO(await download(tenant.client, report)))
    numbers = summary(book)
    assert numbers["Вакансий и стажировок"] == expected["openings_total"]
    assert numbers["Откликов"] == expected["applications"]
    assert [row[1] for row in sheet_rows(book, "Воронка")[1:]] == [s["count"] for s in expected["funnel"]]

    overview = (await tenant.client.get("/api/v1/analytics/overview")).json()
    overall = await finished(tenant.client, await order(tenant.client, kind="overall", format="pdf"))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(await download(tenant.client, overall))).pages)
    text = text.replace("\n", " ")
    assert "Общий отчёт" in text
    for label, key in (("Студентов", "students"), ("Откликов", "applications"), ("Принятых", "hires")):
        assert f"{label} {overview[key]}" in text, label


async def test_who_may_order_and_read_which_report(tenant: Tenant) -> None:
    mine, theirs = await tenant.university(), await tenant.university()
    company = await tenant.company()
    key = await tenant.key_client(mine["id"])
    own = await order(key, kind="university", subject_id=mine["id"])
    problem(await key.post("/api/v1/reports", json={"kind": "university", "subject_id": theirs["id"]}), 404)
    problem(await key.post("/api/v1/reports", json={"kind": "company", "subject_id": company["id"]}), 403)
    problem(await key.post("/api/v1/reports", json={"kind": "overall"}), 403)
    theirs_report = await order(tenant.client, kind="university", subject_id=theirs["id"])
    await jobs.drain()
    listed = (await key.get("/api/v1/reports")).json()["items"]
    assert [r["id"] for r in listed] == [own["id"]]
    problem(await key.get(f"/api/v1/reports/{theirs_report['id']}/file"), 404)
    assert (await key.get(f"/api/v1/reports/{own['id']}/file")).status_code == 200
    recruiter = await tenant.sign_in_as("recruiter", company_id=company["id"])
    problem(await recruiter.post("/api/v1/reports", json={"kind": "university", "subject_id": mine["id"]}), 403)
    assert (await recruiter.get("/api/v1/reports")).json()["items"] == []
    problem(await key.get("/api/v1/report-schedules"), 403)


async def test_a_recruiter_or_a_university_orders_only_its_own_report(tenant: Tenant) -> None:
    # The report is mailed to its subject's contact and posted on its Bitrix24 record: ordering another's is
    # an action on it, refused as reading it is.
    ours, other = await tenant.company(), await tenant.company()
    recruiter = await tenant.sign_in_as("recruiter", company_id=ours["id"])
    for body in (
        {"kind": "company", "subject_id": other["id"], "deliver_email": True},
        {"kind": "company"},  # "for each company" would be every company's report
    ):
        assert (await recruiter.post("/api/v1/reports", json=body)).status_code in (403, 404, 422), body
    assert (await order(recruiter, kind="company", subject_id=ours["id"]))["subject_id"] == ours["id"]
    mine = await tenant.university()
    await tenant.university()
    key = await tenant.key_client(mine["id"])
    assert (await key.post("/api/v1/reports", json={"kind": "university"})).status_code in (403, 404, 422)
    await jobs.drain()
    async with tenant.app.state.sessionmaker() as session:
        from sqlalchemy import func, select

        from internhub.models import Report

        made = await session.scalar(
            select(func.count())
            .select_from(Report)
            .where(Report.workspace_id == tenant.workspace_id, Report.subject_id != ours["id"])
        )
    assert made == 0


async def test_bad_orders_are_clear_errors(tenant: Tenant) -> None:
    client = tenant.client
    university = await tenant.university()
    assert error_fields(await client.post("/api/v1/reports", json={"kind": "overall", "subject_id": 1})) == {""}
    assert "format" in error_fields(await client.post("/api/v1/reports", json={"kind": "overall", "format": "doc"}))
    body = {"kind": "university", "subject_id": university["id"], "date_from": "2026-05-02", "date_to": "2026-05-01"}
    problem(await client.post("/api/v1/reports", json=body), 422)
    problem(await client.post("/api/v1/reports", json={"kind": "company", "subject_id": 99_999}), 404)
    problem(await client.get("/api/v1/reports/99999/file"), 404)
    schedule = {"name": "Каждый час", "kind": "overall", "cadence": "cron", "cron": "61 * * * *"}
    problem(await client.post("/api/v1/report-schedules", json=schedule), 422)
    problem(await client.post("/api/v1/report-schedules", json={**schedule, "cadence": "weekly"}), 422)


async def test_a_cron_schedule_must_fire_and_not_more_than_hourly(tenant: Tenant) -> None:
    schedule = {"name": "По крону", "kind": "overall", "cadence": "cron"}
    for cron, code in (
        ("0 0 30 2 *", "cron_never_fires"),
        ("0 0 31 4 *", "cron_never_fires"),
        ("* * * * *", "cron_too_often"),
    ):
        body = problem(await tenant.client.post("/api/v1/report-schedules", json={**schedule, "cron": cron}), 422)
        assert [(e["field"], e["code"]) for e in body["errors"]] == [("cron", code)], cron
    made = await tenant.client.post("/api/v1/report-schedules", json={**schedule, "cron": "0 9 29 2 *"})
    assert made.status_code == 201, made.text  # the 29th of February comes, once in four years
    assert made.json()["next_run_at"].startswith("2028-02-29T09:00")


async def test_a_report_not_yet_made_cannot_be_downloaded(tenant: Tenant) -> None:
    report = await order(tenant.client, kind="overall")
    response = await tenant.client.get(f"/api/v1/reports/{report['id']}/file")
    if response.status_code != 200:  # the in-process queue may already have made it
        problem(response, 409)
    await finished(tenant.client, report)


async def test_schedules_make_one_report_per_university_when_due(tenant: Tenant) -> None:
    for _ in range(3):
        await tenant.university()
    body = {"name": "Еженедельно вузам", "kind": "university", "cadence": "weekly", "format": "xlsx"}
    response = await tenant.client.post("/api/v1/report-schedules", json=body)
    assert response.status_code == 201, response.text
    schedule = response.json()
    assert datetime.fromisoformat(schedule["next_run_at"]).weekday() == 0  # Mondays

    due = datetime.fromisoformat(schedule["next_run_at"]) + timedelta(minutes=1)
    assert await run_due(tenant.app.state.sessionmaker, now=due) == 3
    assert await run_due(tenant.app.state.sessionmaker, now=due) == 0  # claimed once
    await jobs.drain()
    made = (await tenant.client.get("/api/v1/reports", params={"schedule_id": schedule["id"]})).json()["items"]
    assert len(made) == 3 and {r["status"] for r in made} == {"done"}
    assert {(r["date_from"], r["date_to"]) for r in made} == {
        ((due.date() - timedelta(days=7)).isoformat(), (due.date() - timedelta(days=1)).isoformat())
    }
    listed = (await tenant.client.get("/api/v1/report-schedules")).json()
    assert datetime.fromisoformat(listed[0]["next_run_at"]) == datetime.fromisoformat(
        schedule["next_run_at"]
    ) + timedelta(days=7)

    paused = await tenant.client.patch(f"/api/v1/report-schedules/{schedule['id']}", json={"enabled": False})
    assert paused.json()["enabled"] is False
    run = await tenant.client.post(f"/api/v1/report-schedules/{schedule['id']}/run")
    assert run.status_code == 202 and run.json() == {"reports": 3}
    await jobs.drain()
    assert (await tenant.client.delete(f"/api/v1/report-schedules/{schedule['id']}")).status_code == 204


def test_next_runs_and_periods() -> None:
    moment = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)  # a Wednesday
    assert next_run(Cadence.weekly, None, moment) == datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
    assert next_run(Cadence.monthly, None, moment) == datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
    assert next_run(Cadence.cron, "30 7 * * *", moment) == datetime(2026, 11, 19, 7, 30, tzinfo=UTC)
    monday = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
    assert next_run(Cadence.weekly, None, monday) == datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
    monthly = ReportSchedule(cadence=Cadence.monthly)
    assert [d.isoformat() for d in period_of(monthly, datetime(2026, 3, 1, 6, tzinfo=UTC))] == [
        "2026-02-01",
        "2026-02-28",
    ]


def test_a_workbook_keeps_names_as_text_whatever_they_hold() -> None:
    # Names can come from Bitrix24 with characters no XML file may hold, or look like formulas.
    import io as _io

    from openpyxl import load_workbook

    from internhub.reports.content import ReportContent, Table
    from internhub.reports.xlsx import render

    names = ["Звонок\x07 и\x1b escape", '=HYPERLINK("http://evil.example","x")', "+7 900 000-00-00", "обычное"]
    content = ReportContent(
        title="Отчёт\x0b",
        period="за всё время",
        summary=[("Компании\x01", 4)],
        tables=[Table(title="Работодатели", headers=["Название", "Откликов"], rows=[[n, 1] for n in names])],
    )
    book = load_workbook(_io.BytesIO(render(content)))
    sheet = book["Работодатели"]
    cells = [sheet.cell(row=i, column=1) for i in range(2, 6)]
    assert [c.value for c in cells] == ["Звонок и escape", names[1], names[2], names[3]]
    assert all(c.data_type == "s" for c in cells)  # text, never a formula


async def test_one_schedule_that_fails_does_not_stop_the_others(tenant: Tenant, monkeypatch) -> None:
    from internhub.reports import scheduler

    made = []
    for name in ("Первое", "Второе", "Третье"):
        body = {"name": name, "kind": "overall", "cadence": "weekly"}
        made.append((await tenant.client.post("/api/v1/report-schedules", json=body)).json())
    real = scheduler.queue_run

    async def queue_run(session, schedule, now):
        if schedule.name == "Первое":
            raise RuntimeError("a subject this schedule cannot report on")
        return await real(session, schedule, now)

    monkeypatch.setattr(scheduler, "queue_run", queue_run)
    due = datetime.fromisoformat(made[0]["next_run_at"]) + timedelta(minutes=1)
    assert await run_due(tenant.app.state.sessionmaker, now=due) == 2
    await jobs.drain()
    listed = {s["name"]: s for s in (await tenant.client.get("/api/v1/report-schedules")).json()}
    assert listed["Первое"]["next_run_at"] == made[0]["next_run_at"]  # tried again at the next check
    assert listed["Второе"]["next_run_at"] != made[1]["next_run_at"]


async def _report_row(tenant: Tenant, **values: Any) -> int:
    from internhub.models import Report, ReportFormat, ReportKind

    async with tenant.app.state.sessionmaker() as session:
        report = Report(workspace_id=tenant.workspace_id, kind=ReportKind.overall, format=ReportFormat.xlsx, **values)
        session.add(report)
        await session.commit()
        return report.id


async def test_a_report_that_breaks_unexpectedly_ends_failed_with_its_reason(tenant: Tenant, monkeypatch) -> None:
    import pytest

    from internhub.reports import content, generate

    async def broken(*_args, **_kwargs):
        raise OverflowError("date value out of range")

    monkeypatch.setattr(content, "build", broken)
    report_id = await _report_row(tenant)
    with pytest.raises(OverflowError):
        await generate._generate(report_id)  # raised, so that the job is tried again
    body = (await tenant.client.get(f"/api/v1/reports/{report_id}")).json()
    assert body["status"] == "failed" and "date value out of range" in body["error"]


async def test_reports_left_running_or_queued_by_a_stopped_process_are_recovered(tenant: Tenant) -> None:
    from internhub.reports.scheduler import recover_stale

    long_ago = datetime.now(UTC) - timedelta(hours=3)
    running = await _report_row(tenant, status="running", progress=50, started_at=long_ago, created_at=long_ago)
    queued = await _report_row(tenant, created_at=long_ago)
    fresh = await _report_row(tenant, status="running", progress=50, started_at=datetime.now(UTC))

    assert await recover_stale(tenant.app.state.sessionmaker) == 2
    await jobs.drain()
    reports = {r["id"]: r for r in (await tenant.client.get("/api/v1/reports")).json()["items"]}
    assert reports[running]["status"] == "failed" and reports[running]["error"].startswith("Interrupted")
    assert reports[queued]["status"] == "done"  # its job was lost with the process: sent again
    assert reports[fresh]["status"] == "running"


@pytest.mark.parametrize(("in_the_queue", "sent_again"), [(0, 1), (7, 0)])
async def test_with_rabbitmq_a_report_whose_job_never_reached_the_queue_is_sent_again(
    tenant: Tenant, monkeypatch, in_the_queue: int, sent_again: int
) -> None:
    """The API process that queued it stopped while RabbitMQ was away: nothing in the queue will ever make it. One
    still waiting behind others in the queue is left to its message."""
    from pydantic import SecretStr

    from internhub.reports.scheduler import recover_stale

    with_rabbitmq = tenant.app.state.settings.model_copy(update={"rabbitmq_url": SecretStr("amqp://queue.test/")})
    monkeypatch.setattr(jobs, "settings", lambda: with_rabbitmq)

    async def waiting() -> int:
        return in_the_queue

    monkeypatch.setattr(jobs, "waiting", waiting)
    long_ago = datetime.now(UTC) - timedelta(hours=3)
    queued = await _report_row(tenant, created_at=long_ago)
    assert await recover_stale(tenant.app.state.sessionmaker) == sent_again
    await jobs.drain()
    report = (await tenant.client.get(f"/api/v1/reports/{queued}")).json()
    assert report["status"] == ("done" if sent_again else "queued")
