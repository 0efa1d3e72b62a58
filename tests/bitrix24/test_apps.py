"""What an installed application adds to a portal: widgets (api-reference/widgets/placement-*.md), automation rules
(api-reference/bizproc/bizproc-robot/*.md) and the POST that opens an application's page
(settings/oauth/simple-way.md, api-reference/widgets/_includes/widget_data.md)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from internhub.bitrix24.client import Bitrix24Client, Throttle, UserAuth
from internhub.bitrix24.sandbox import SandboxPortal, create_app
from internhub.bitrix24.setup import PLACEMENTS, add_robots, bind_placements

APP_CONTEXT = "Current authorization type is denied for this method Application context required"
TAB = {"PLACEMENT": "CRM_DEAL_DETAIL_TAB", "HANDLER": "https://app.example/api/v1/bitrix24/app", "TITLE": "InternHub"}
ROBOT = {
    "CODE": "internhub_route",
    "HANDLER": "https://app.example/api/v1/bitrix24/robots",
    "NAME": {"ru": "Маршрутизировать", "en": "Route"},
    "RETURN_PROPERTIES": {"result": {"Name": "Result", "Type": "string"}},
}


async def call(sandbox_client, method: str, token: str, **params: Any) -> tuple[int, Any]:
    answer = await sandbox_client.post(f"/rest/{method}", json={**params, "auth": token})
    body = answer.json()
    return answer.status_code, body.get("result", body)


def error(code: str, description: str, **extra: Any) -> dict[str, Any]:
    return {"error": code, "error_description": description, **extra}


async def test_placements_bind_get_list_and_unbind(sandbox_client, sandbox_portal: SandboxPortal, app_token) -> None:
    assert await call(sandbox_client, "placement.bind", app_token, **TAB) == (200, True)
    other = {**TAB, "HANDLER": "https://app.example/other"}
    assert await call(sandbox_client, "placement.bind", app_token, **other) == (200, True)
    status, bound = await call(sandbox_client, "placement.get", app_token)
    assert status == 200 and bound[0] == {
        "placement": "CRM_DEAL_DETAIL_TAB",
        "userId": 0,
        "handler": TAB["HANDLER"],
        "options": [],  # detail-tab.md: this placement keeps no OPTIONS
        "title": "InternHub",
        "description": "",
        "langAll": {},
    }
    status, codes = await call(sandbox_client, "placement.list", app_token)
    assert status == 200 and {"CRM_DEAL_DETAIL_TAB", "CRM_CONTACT_DETAIL_TAB", "CRM_COMPANY_DETAIL_TAB"} <= set(codes)
    # placement-unbind.md: without HANDLER every handler of the placement goes; count is 2 per handler removed.
    assert await call(sandbox_client, "placement.unbind", app_token, PLACEMENT="CRM_DEAL_DETAIL_TAB") == (
        200,
        {"count": 4},
    )
    assert await call(sandbox_client, "placement.get", app_token) == (200, [])


async def test_placement_errors_are_the_documented_ones(sandbox_client, sandbox_portal: SandboxPortal, webhook) -> None:
    app_token = sandbox_portal.install_app().access_token
    by_webhook = await sandbox_client.post(webhook + "placement.bind", json=TAB)
    assert (by_webhook.status_code, by_webhook.json()) == (403, error("WRONG_AUTH_TYPE", APP_CONTEXT))
    # placement-bind.md's table: ERROR_ARGUMENT with HTTP status 200 and the missing field in `argument`.
    missing = await sandbox_client.post("/rest/placement.bind", json={"HANDLER": TAB["HANDLER"], "auth": app_token})
    assert missing.status_code == 200
    assert missing.json() == error("ERROR_ARGUMENT", "Argument 'PLACEMENT' is null or empty", argument="PLACEMENT")
    manager = sandbox_portal.oauth.issue(2)["access_token"]
    assert await call(sandbox_client, "placement.unbind", manager, PLACEMENT="CRM_DEAL_DETAIL_TAB") == (
        403,
        error("ACCESS_DENIED", "Access denied!"),
    )
    assert await call(sandbox_client, "placement.unbind", app_token, PLACEMENT=["X"]) == (
        400,
        error("ERROR_ARGUMENT", "The value of an argument 'PLACEMENT' must be of type string", argument="PLACEMENT"),
    )


async def test_robots_add_list_delete_and_their_errors(sandbox_client, sandbox_portal: SandboxPortal) -> None:
    token = sandbox_portal.install_app(handler_url="https://app.example/api/v1/bitrix24/events").access_token
    assert await call(sandbox_client, "bizproc.robot.add", token, **ROBOT) == (200, True)
    assert await call(sandbox_client, "bizproc.robot.list", token) == (200, ["internhub_route"])
    invalid = "ERROR_ACTIVITY_VALIDATION_FAILURE"
    for params, expected in [
        (ROBOT, error("ERROR_ACTIVITY_ALREADY_INSTALLED", "Activity or Automation rule already installed!")),
        ({**ROBOT, "CODE": ""}, error(invalid, "Empty activity code!")),
        ({**ROBOT, "CODE": "a b"}, error(invalid, "Wrong activity code!")),
        ({**ROBOT, "CODE": "x", "NAME": ""}, error(invalid, "Empty activity NAME!")),
        (
            {**ROBOT, "CODE": "x", "HANDLER": "ftp://app.example/r"},
            error("ERROR_UNSUPPORTED_PROTOCOL", "Unsupported handler protocol"),
        ),
        (
            {**ROBOT, "CODE": "x", "HANDLER": "https://elsewhere.example/r"},
            error("ERROR_WRONG_HANDLER_URL", "Wrong handler URL"),
        ),
        ({**ROBOT, "CODE": "x", "PROPERTIES": {"1st": {"Name": "x"}}}, error(invalid, "Wrong property key 1st!")),
        ({**ROBOT, "CODE": "x", "PROPERTIES": {"a": {"Type": "string"}}}, error(invalid, "Empty property NAME a!")),
    ]:
        assert await call(sandbox_client, "bizproc.robot.add", token, **params) == (400, expected), params
    manager = sandbox_portal.oauth.issue(2)["access_token"]
    assert await call(sandbox_client, "bizproc.robot.list", manager) == (400, error("ACCESS_DENIED", "Access denied!"))
    webhook_call = await sandbox_client.post("/rest/1/sandboxwebhookcode/bizproc.robot.list")
    assert webhook_call.json() == error("ACCESS_DENIED", "Application context required")
    assert await call(sandbox_client, "bizproc.robot.delete", token, CODE="nope") == (
        400,
        error("ERROR_ACTIVITY_NOT_FOUND", "Activity or Robot not found!"),
    )
    assert await call(sandbox_client, "bizproc.robot.delete", token, CODE="internhub_route") == (200, True)
    assert await call(sandbox_client, "bizproc.robot.list", token) == (200, [])


async def test_a_robot_is_called_and_answers_once_with_its_event_token(
    sandbox_client, sandbox_portal: SandboxPortal, event_sink
) -> None:
    token = sandbox_portal.install_app(handler_url="https://app.example/api/v1/bitrix24/events").access_token
    await call(sandbox_client, "bizproc.robot.add", token, **ROBOT)
    run = sandbox_portal.run_robot("internhub_route", 7, {"note": "x"})
    await sandbox_portal.drain_events()
    _, body = event_sink.received[-1]
    assert body["code"] == "internhub_route" and body["event_token"] == run.event_token
    assert body["document_id"] == ["crm", "CCrmDocumentDeal", "DEAL_7"]
    assert body["use_subscription"] == "Y" and body["properties"] == {"note": "x"}
    assert body["auth"]["application_token"] == sandbox_portal.config.application_token
    assert body["auth"]["member_id"] == sandbox_portal.config.member_id and body["auth"]["access_token"]
    # bizproc-event-send.md: any user may send; an unknown or used EVENT_TOKEN is 403 ACCESS_DENIED.
    manager = sandbox_portal.oauth.issue(2)["access_token"]
    values = {"result": "routed"}
    assert await call(sandbox_client, "bizproc.event.send", manager, EVENT_TOKEN="forged", RETURN_VALUES=values) == (
        403,
        error("ACCESS_DENIED", "Access denied!"),
    )
    sent = await call(sandbox_client, "bizproc.event.send", manager, EVENT_TOKEN=run.event_token, RETURN_VALUES=values)
    assert sent == (200, True) and run.returned == values
    again = await call(sandbox_client, "bizproc.event.send", manager, EVENT_TOKEN=run.event_token, RETURN_VALUES=values)
    assert again[0] == 403


async def test_uninstall_removes_the_apps_widgets_and_robots(sandbox_client, sandbox_portal: SandboxPortal) -> None:
    token = sandbox_portal.install_app(handler_url="https://app.example/api/v1/bitrix24/events").access_token
    await call(sandbox_client, "placement.bind", token, **TAB)
    await call(sandbox_client, "bizproc.robot.add", token, **ROBOT)
    sandbox_portal.uninstall_app()
    assert sandbox_portal.apps.placements == [] and sandbox_portal.apps.robots == {}


async def test_opening_a_deal_card_posts_the_documented_fields_to_each_tab(
    sandbox_client, sandbox_portal: SandboxPortal
) -> None:
    token = sandbox_portal.install_app().access_token
    await call(sandbox_client, "placement.bind", token, **TAB)
    page = await sandbox_client.get("/crm/deal/details/42/?user_id=2")
    assert page.status_code == 200 and "<iframe" in page.text and TAB["HANDLER"] in page.text
    (opened,) = sandbox_portal.open_placement("CRM_DEAL_DETAIL_TAB", {"ID": "42"}, user_id=2, lang="en")
    query = parse_qs(urlsplit(opened.url).query)
    assert query["DOMAIN"] == [sandbox_portal.config.domain] and query["PROTOCOL"] == ["1"] and query["LANG"] == ["en"]
    assert query["APP_SID"][0]
    form = opened.form
    assert form["PLACEMENT"] == "CRM_DEAL_DETAIL_TAB" and json.loads(form["PLACEMENT_OPTIONS"]) == {"ID": "42"}
    assert form["member_id"] == sandbox_portal.config.member_id
    assert form["APPLICATION_TOKEN"] == sandbox_portal.config.application_token
    # AUTH_ID is the user's own token: user.current with it names the person who opened the card.
    me = await sandbox_client.post("/rest/user.current", json={"auth": form["AUTH_ID"]})
    assert me.json()["result"]["ID"] == "2"
    admin = await sandbox_client.post("/rest/user.admin", json={"auth": form["AUTH_ID"]})
    assert admin.json()["result"] is False
    assert (await sandbox_client.get("/crm/lead/details/1/")).status_code == 404


async def test_binding_our_tabs_again_adds_nothing_and_drops_a_stale_address(sandbox_portal: SandboxPortal) -> None:
    token = sandbox_portal.install_app().access_token
    transport = httpx.ASGITransport(app=create_app(sandbox_portal))
    client = Bitrix24Client(
        UserAuth(sandbox_portal.config.client_endpoint, token),
        http=httpx.AsyncClient(transport=transport),
        throttle=Throttle(1000, 10_000),
    )
    old = "https://old.example/api/v1/bitrix24/app"
    await client.call("placement.bind", {"PLACEMENT": "CRM_DEAL_DETAIL_TAB", "HANDLER": old})
    handler = "https://app.example/api/v1/bitrix24/app"
    assert await bind_placements(client, handler) == 3
    assert await bind_placements(client, handler) == 0
    assert {(b.placement, b.handler) for b in sandbox_portal.apps.placements} == {(p, handler) for p in PLACEMENTS}
    assert await add_robots(client, "https://app.example/api/v1/bitrix24/robots") == 2
    assert await add_robots(client, "https://app.example/api/v1/bitrix24/robots") == 0
    unknown = await client.http.post(
        f"{sandbox_portal.config.client_endpoint}placement.bind",
        json={"PLACEMENT": "NO_SUCH_PLACE", "HANDLER": handler, "auth": token},
    )
    assert unknown.json()["error"] == "ERROR_PLACEMENT_NOT_FOUND"
    await client.aclose()


async def test_the_sandbox_installs_an_app_with_a_page_for_scripts(
    sandbox_client, sandbox_portal: SandboxPortal, event_sink
) -> None:
    handler, page = "https://app.example/api/v1/bitrix24/events", "https://app.example/api/v1/bitrix24/app"
    answer = await sandbox_client.post("/sandbox/install-app", data={"handler_url": handler, "app_url": page})
    assert answer.status_code == 200 and answer.json()["member_id"] == sandbox_portal.config.member_id
    await sandbox_portal.drain_events()
    assert event_sink.events("ONAPPINSTALL")[0]["auth"]["refresh_token"]
    assert sandbox_portal.open_app().url.startswith(page + "?DOMAIN=")
    app_page = await sandbox_client.get("/marketplace/app/")
    assert f"action='{page}?DOMAIN=" in app_page.text
    refused = await sandbox_client.post("/sandbox/install-app", data={"handler_url": "x", "app_url": page})
    assert refused.status_code == 400
