"""The sandbox answers each documented error of the methods InternHub calls as the method's page gives it:
HTTP status, `error` and `error_description` to the letter (docs/bitrix24-fidelity.md lists them)."""

from __future__ import annotations

import httpx
import pytest

from internhub.bitrix24.sandbox import SandboxPortal

ID_INVALID = ("", "ID is not defined or invalid")
NOT_FOUND = ("", "Not found")


@pytest.mark.parametrize("kind", ["deal", "contact", "company"])
@pytest.mark.parametrize(
    ("method", "params", "expected"),
    [
        ("get", {"id": 0}, ID_INVALID),  # crm-deal-get.md
        ("get", {"id": 999}, NOT_FOUND),
        ("update", {"id": "abc", "fields": {}}, ID_INVALID),  # crm-deal-update.md
        ("update", {"id": 999, "fields": {}}, NOT_FOUND),
        ("update", {"id": 1, "fields": "x"}, ("", "Parameter 'fields' must be array")),
        ("delete", {"id": -3}, ID_INVALID),  # crm-deal-delete.md
        ("delete", {"id": 999}, NOT_FOUND),
        ("add", {"fields": "x"}, ("", "Parameter 'fields' must be array")),  # crm-deal-add.md
        ("list", {"filter": "x"}, ("", "Parameter 'filter' must be array.")),  # crm-deal-list.md
        ("list", {"order": "x"}, ("", "Parameter 'order' must be array.")),
    ],
)
async def test_crm_entity_methods_answer_their_documented_errors(
    sandbox_portal: SandboxPortal, sandbox_client: httpx.AsyncClient, webhook: str, kind, method, params, expected
) -> None:
    sandbox_portal.person._add(kind, {"TITLE": "one"} if kind != "contact" else {"NAME": "one"})
    answer = await sandbox_client.post(webhook + f"crm.{kind}.{method}", json=params)
    assert answer.status_code == 400
    assert (answer.json()["error"], answer.json()["error_description"]) == expected


async def test_a_user_without_crm_rights_is_refused_and_sees_no_records(
    sandbox_portal: SandboxPortal, sandbox_client: httpx.AsyncClient, webhook: str
) -> None:
    deal = sandbox_portal.person.add_deal({"TITLE": "чужая", "ASSIGNED_BY_ID": 2})
    sandbox_portal.crm.access[sandbox_portal.config.webhook_user_id] = "own"
    listed = (await sandbox_client.post(webhook + "crm.deal.list", json={})).json()
    assert listed["result"] == [] and listed["total"] == 0
    got = await sandbox_client.post(webhook + "crm.deal.get", json={"id": deal})
    assert got.json() == {"error": "", "error_description": "Access denied"}  # crm-deal-get.md
    sandbox_portal.crm.access[sandbox_portal.config.webhook_user_id] = "none"
    refused = await sandbox_client.post(webhook + "crm.deal.list", json={})
    assert refused.status_code == 400
    assert refused.json() == {"error": "", "error_description": "Access denied."}  # crm-deal-list.md


async def test_category_methods_answer_their_documented_errors(sandbox_client: httpx.AsyncClient, webhook: str):
    unknown = await sandbox_client.post(webhook + "crm.category.list", json={"entityTypeId": 999})
    assert unknown.json() == {"error": "NOT_FOUND", "error_description": "Smart process not found"}
    nameless = await sandbox_client.post(webhook + "crm.category.add", json={"entityTypeId": 2, "fields": {}})
    assert nameless.json() == {"error": "0", "error_description": "Field 'NAME' is required"}  # crm-category-add.md


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"USER_TYPE_ID": "string"}, ("", "The 'FIELD_NAME' field is not found.")),
        (
            {"FIELD_NAME": "A" * 44, "USER_TYPE_ID": "string"},
            ("ERROR_CORE", "Field name is too long (more than 50 characters)."),
        ),
        (
            {"FIELD_NAME": "bad-name", "USER_TYPE_ID": "string"},
            ("ERROR_CORE", "Field name contains invalid characters. Allowed characters are: A-Z, 0-9 and _."),
        ),
        ({"FIELD_NAME": "GOOD"}, ("", "The 'USER_TYPE_ID' field is not found.")),
        ({"FIELD_NAME": "GOOD", "USER_TYPE_ID": "nope"}, ("ERROR_CORE", "Incorrect custom type specified.")),
    ],
)
async def test_userfield_add_answers_its_documented_errors(sandbox_client, webhook, fields, expected) -> None:
    answer = await sandbox_client.post(webhook + "crm.deal.userfield.add", json={"fields": fields})
    assert answer.status_code == 400  # crm-deal-userfield-add.md
    assert (answer.json()["error"], answer.json()["error_description"]) == expected
    exactly_fifty = {"FIELD_NAME": "A" * 43, "USER_TYPE_ID": "string"}  # UF_CRM_ + 43 = 50 characters
    assert (
        await sandbox_client.post(webhook + "crm.deal.userfield.add", json={"fields": exactly_fifty})
    ).status_code == 200


async def test_userfield_list_refuses_a_filter_that_is_not_an_object(sandbox_client, webhook) -> None:
    answer = await sandbox_client.post(webhook + "crm.deal.userfield.list", json={"filter": "x"})
    assert answer.json() == {"error": "", "error_description": "Parameter 'filter' must be array"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"USER_ID": 0, "MESSAGE": "x"}, ("USER_ID_EMPTY", "User ID can't be empty")),
        ({"USER_ID": 1, "MESSAGE": ""}, ("MESSAGE_EMPTY", "Message can't be empty")),
    ],
)
async def test_notify_system_add_answers_its_documented_errors(sandbox_client, webhook, params, expected) -> None:
    answer = await sandbox_client.post(webhook + "im.notify.system.add", json=params)
    assert (answer.json()["error"], answer.json()["error_description"]) == expected  # im-notify-system-add.md


async def test_a_timeline_comment_on_a_missing_record_is_refused(sandbox_client, webhook) -> None:
    fields = {"ENTITY_ID": 999, "ENTITY_TYPE": "deal", "COMMENT": "Отчёт"}
    answer = await sandbox_client.post(webhook + "crm.timeline.comment.add", json={"fields": fields})
    assert answer.json()["error"] == "OWNER_NOT_FOUND"  # crm-timeline-comment-add.md
    assert answer.json()["error_description"] == "Owner of the item not found"


async def test_app_info_needs_an_application_context(sandbox_client, webhook, app_token) -> None:
    refused = await sandbox_client.post(webhook + "app.info", json={})
    assert refused.status_code == 400  # app-info.md: an incoming webhook is no application
    assert refused.json() == {
        "error": "ACCESS_DENIED",
        "error_description": "Access denied! Application context required",
    }
    assert (await sandbox_client.post("/rest/app.info", json={"auth": app_token})).json()["result"]["INSTALLED"] is True


async def test_offline_events_are_for_administrators(sandbox_portal: SandboxPortal, sandbox_client) -> None:
    token = sandbox_portal.install_app(user_id=2).access_token  # installed by a user who is no administrator
    bind = {"auth": token, "event": "ONCRMDEALUPDATE", "event_type": "offline"}
    refused = await sandbox_client.post("/rest/event.bind", json=bind)
    assert refused.status_code == 403  # event-bind.md
    assert refused.json() == {
        "error": "ACCESS_DENIED",
        "error_description": "Access denied! Offline events binding requires administrator access rights",
    }
    for method in ("event.offline.get", "event.offline.clear"):
        answer = await sandbox_client.post(f"/rest/{method}", json={"auth": token, "process_id": "x"})
        assert answer.status_code == 403  # event-offline-get.md, event-offline-clear.md
        assert answer.json() == {"error": "ACCESS_DENIED", "error_description": "Access denied!"}


async def test_binding_an_event_that_does_not_exist_is_refused(sandbox_client, app_token) -> None:
    bind = {"auth": app_token, "event": "NOSUCHEVENT", "handler": "https://app.example.test/events"}
    answer = await sandbox_client.post("/rest/event.bind", json=bind)
    assert answer.json() == {"error": "ERROR_EVENT_NOT_FOUND", "error_description": "Event not found"}  # event-bind.md
