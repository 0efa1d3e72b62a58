"""Our automation rules in the portal: registered at install (bizproc.robot.add), called from a deal, answered with
bizproc.event.send (api-reference/bizproc/bizproc-robot/)."""

from __future__ import annotations

import asyncio
from urllib.parse import urlencode

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from internhub import jobs
from internhub.bitrix24.phpquery import flatten
from internhub.bitrix24.sandbox import SandboxPortal
from internhub.bitrix24.worker import run_until_idle
from internhub.models import ApplicationRoute, MailMessage
from tests.factories import Tenant, client_for, problem
from tests.sync.test_frame_signin import APP, open_frame
from tests.sync.test_oauth_app import app_portal, install_and_settle  # noqa: F401


async def answered(sandbox: SandboxPortal) -> None:
    """The robot's call delivered, and the job that answers the automation done."""
    await sandbox.drain_events()
    await jobs.drain()


@pytest.fixture
async def deal_of_an_application(app: FastAPI, app_portal: SandboxPortal) -> tuple[SandboxPortal, int, int]:  # noqa: F811
    """An installed app with an application that has reached the portal as a deal: (portal, deal id, application id)."""
    sandbox = app_portal
    portal, worker = await install_and_settle(app, sandbox, APP)
    signed_in = await open_frame(app, sandbox.open_app(user_id=1))
    client = client_for(app)
    client.cookies.set("internhub_session", signed_in.cookies["internhub_session"])
    tenant = Tenant(app=app, workspace_id=portal.workspace_id, client=client)
    university = await tenant.university()
    company = await tenant.company()
    student = await tenant.student(university["id"])
    opening = await tenant.opening(company["id"])
    application = await tenant.application(opening["id"], student["id"])
    await run_until_idle(worker, portal.id)
    linked = await client.get(f"/api/v1/applications/{application['id']}")
    await client.aclose()
    return sandbox, linked.json()["bitrix24_deal_id"], application["id"]


async def test_the_route_robot_routes_the_application_and_answers_the_automation(
    app: FastAPI, deal_of_an_application: tuple[SandboxPortal, int, int]
) -> None:
    sandbox, deal_id, application_id = deal_of_an_application
    assert set(sandbox.apps.robots) == {"internhub_route", "internhub_status_mail"}
    run = sandbox.run_robot("internhub_route", deal_id)
    await answered(sandbox)
    assert run.returned is not None and run.returned["result"] == "routed" and run.returned["rule"]
    assert f"Application {application_id} routed" in (run.log_message or "")
    async with app.state.sessionmaker() as session:
        route = await session.scalar(select(ApplicationRoute).where(ApplicationRoute.application_id == application_id))
    assert route is not None and route.rule_name == run.returned["rule"]


async def test_the_status_mail_robot_queues_the_candidates_mail(
    app: FastAPI, deal_of_an_application: tuple[SandboxPortal, int, int]
) -> None:
    sandbox, deal_id, application_id = deal_of_an_application
    run = sandbox.run_robot("internhub_status_mail", deal_id)
    await answered(sandbox)
    assert run.returned == {"result": "mail_queued"}
    async with app.state.sessionmaker() as session:
        mails = list(await session.scalars(select(MailMessage).where(MailMessage.application_id == application_id)))
    assert [m.template for m in mails].count("received") == 2  # the one on applying, and the robot's


async def test_a_deal_that_is_no_application_is_answered_so(
    app: FastAPI, deal_of_an_application: tuple[SandboxPortal, int, int]
) -> None:
    sandbox, _, _ = deal_of_an_application
    other = sandbox.person.add_deal({"TITLE": "Поставка серверов"})
    run = sandbox.run_robot("internhub_route", other)
    await answered(sandbox)
    assert run.returned == {"result": "not_an_application"}


async def test_forged_or_malformed_robot_calls_are_refused(
    app: FastAPI, deal_of_an_application: tuple[SandboxPortal, int, int]
) -> None:
    sandbox, deal_id, _ = deal_of_an_application
    run = sandbox.run_robot("internhub_route", deal_id)
    await answered(sandbox)
    (delivered,) = [e for e in sandbox.delivered_events if e.event == "robot:internhub_route"]
    body = delivered.payload
    cases = [
        ({**body, "auth": {**body["auth"], "application_token": "forged"}}, 401, "unauthorized"),
        ({**body, "auth": {**body["auth"], "member_id": "0" * 32, "domain": "evil.test"}}, 401, "unauthorized"),
        ({**body, "code": "someone_elses"}, 400, "robot_unknown"),
        ({**body, "document_id": ["crm", "CCrmDocumentLead", "LEAD_1"]}, 400, "robot_call_invalid"),
        ({**body, "event_token": ""}, 400, "robot_call_invalid"),
    ]
    async with client_for(app) as client:
        for payload, status, code in cases:
            answer = await client.post(
                "/api/v1/bitrix24/robots",
                content=urlencode(flatten(payload)),
                headers={"content-type": "application/x-www-form-urlencoded"},
            )
            assert problem(answer, status)["code"] == code, payload
    assert run.returned is not None and run.returned["result"] == "routed"


async def test_an_answer_the_portal_refuses_is_sent_again_once_it_takes_it(
    app: FastAPI, deal_of_an_application: tuple[SandboxPortal, int, int]
) -> None:
    sandbox, deal_id, _ = deal_of_an_application
    sandbox.go_down()  # every REST call answers 503 for a while
    try:
        run = sandbox.run_robot("internhub_route", deal_id)
        await sandbox.drain_events()
        await asyncio.sleep(0.5)
        assert run.returned is None
    finally:
        sandbox.come_up()
    for _ in range(100):
        if run.returned is not None:
            break
        await asyncio.sleep(0.2)
    await jobs.drain()
    assert run.returned is not None and run.returned["result"] == "routed"
