"""The sandbox answers each documented behaviour and error of the methods InternHub calls as the method's page
gives it: HTTP status, `error` and `error_description` to the letter (docs/bitrix24-fidelity.md lists them, with
the page of each)."""

from __future__ import annotations

import httpx
import pytest

from internhub.bitrix24.sandbox import ManualClock, SandboxPortal

from .conftest import EventSink

HANDLER = "https://app.example.test/api/v1/bitrix24/events"
ID_INVALID = ("", "ID is not defined or invalid")
NOT_FOUND = ("", "Not found")
FIELDS_NOT_ARRAY = ("", "Parameter 'fields' must be array")


def _error(answer: httpx.Response) -> tuple[str, str]:
    body = answer.json()
    return body["error"], body["error_description"]


async def _add(portal: SandboxPortal, kind: str) -> int:
    return portal.person._add(kind, {"TITLE": "one"} if kind != "contact" else {"NAME": "one"})


# --- deals, contacts, companies ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "method", "params", "expected"),
    [
        # api-reference/crm/deals/crm-deal-{get,update,delete,add,list}.md
        ("deal", "get", {"id": 0}, ID_INVALID),
        ("deal", "get", {"id": 999}, NOT_FOUND),
        ("deal", "update", {"id": "abc", "fields": {}}, ID_INVALID),
        ("deal", "update", {"id": 999, "fields": {}}, NOT_FOUND),
        ("deal", "update", {"id": 1, "fields": "x"}, FIELDS_NOT_ARRAY),
        ("deal", "delete", {"id": -3}, ID_INVALID),
        ("deal", "delete", {"id": 999}, NOT_FOUND),
        ("deal", "add", {"fields": "x"}, FIELDS_NOT_ARRAY),
        ("deal", "list", {"filter": "x"}, ("", "Parameter 'filter' must be array.")),
        ("deal", "list", {"order": "x"}, ("", "Parameter 'order' must be array.")),
        # api-reference/crm/contacts/crm-contact-{get,update,delete,add}.md
        ("contact", "get", {"id": 0}, ID_INVALID),
        ("contact", "get", {"id": 999}, NOT_FOUND),
        ("contact", "update", {"id": 1, "fields": "x"}, FIELDS_NOT_ARRAY),
        ("contact", "delete", {"id": -3}, ID_INVALID),
        ("contact", "add", {"fields": "x"}, FIELDS_NOT_ARRAY),
        # api-reference/crm/companies/crm-company-{get,add}.md
        ("company", "get", {"id": 999}, NOT_FOUND),
        ("company", "add", {"fields": "x"}, FIELDS_NOT_ARRAY),
    ],
)
async def test_crm_entity_methods_answer_their_documented_errors(
    sandbox_portal: SandboxPortal, sandbox_client: httpx.AsyncClient, webhook: str, kind, method, params, expected
) -> None:
    await _add(sandbox_portal, kind)
    answer = await sandbox_client.post(webhook + f"crm.{kind}.{method}", json=params)
    assert answer.status_code == 400
    assert _error(answer) == expected


@pytest.mark.parametrize("kind", ["contact", "company"])
@pytest.mark.parametrize("name", ["filter", "order"])
async def test_contact_and_company_lists_refuse_a_filter_or_order_that_is_not_an_object(
    sandbox_client: httpx.AsyncClient, webhook: str, kind: str, name: str
) -> None:
    answer = await sandbox_client.post(webhook + f"crm.{kind}.list", json={name: "x"})
    assert answer.status_code == 400
    # crm-contact-list.md and crm-company-list.md write it without the full stop crm-deal-list.md gives it.
    assert answer.json()["error"] == ""
    assert answer.json()["error_description"].rstrip(".") == f"Parameter '{name}' must be array"


# What crm-contact-update.md, crm-contact-delete.md, crm-company-update.md and crm-company-delete.md answer for a
# record that does not exist; the deal pages and every .get page say "Not found", which the sandbox says for all.
MISSING = [
    ("contact", "update", ("", "Contact is not found")),
    ("contact", "delete", ("ERROR_CORE", "Element not found")),
    ("company", "update", ("", "Company is not found")),
    ("company", "delete", ("", "Company is not found")),
]


@pytest.mark.parametrize(
    ("kind", "method", "expected"),
    [pytest.param(*row, id=f"{row[0]}-{row[1]}") for row in MISSING],
)
async def test_a_missing_contact_or_company_is_answered_as_its_page_says(
    sandbox_client: httpx.AsyncClient, webhook: str, kind: str, method: str, expected: tuple[str, str]
) -> None:
    params = {"id": 999, "fields": {"NAME": "x"}} if method == "update" else {"id": 999}
    answer = await sandbox_client.post(webhook + f"crm.{kind}.{method}", json=params)
    assert answer.status_code == 400
    assert _error(answer) == expected


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


@pytest.mark.parametrize("kind", ["deal", "contact", "company"])
async def test_writes_without_the_right_are_access_denied(
    sandbox_portal: SandboxPortal, sandbox_client: httpx.AsyncClient, webhook: str, kind: str
) -> None:
    record = await _add(sandbox_portal, kind)
    sandbox_portal.crm.access[sandbox_portal.config.webhook_user_id] = "none"
    for method, params in (
        ("add", {"fields": {"TITLE": "x", "NAME": "x"}}),  # crm-deal-add.md and its contact and company pages
        ("update", {"id": record, "fields": {"COMMENTS": "x"}}),  # crm-*-update.md
        ("delete", {"id": record}),  # crm-*-delete.md
    ):
        answer = await sandbox_client.post(webhook + f"crm.{kind}.{method}", json=params)
        assert answer.status_code == 400
        assert _error(answer) == ("", "Access denied"), method
    assert sandbox_portal.crm.get(kind, record)["COMMENTS"] is None


async def test_an_incorrect_field_is_ignored_and_a_new_deal_starts_in_its_pipelines_first_stage(
    sandbox_portal: SandboxPortal, sandbox_client: httpx.AsyncClient, webhook: str
) -> None:
    category = sandbox_portal.person.add_category("Вакансии")
    fields = {"TITLE": "x", "CATEGORY_ID": category, "NO_SUCH_FIELD": "y"}
    added = await sandbox_client.post(webhook + "crm.deal.add", json={"fields": fields})
    assert added.status_code == 200 and isinstance(added.json()["result"], int)  # crm-deal-add.md: the new id
    deal = (await sandbox_client.post(webhook + "crm.deal.get", json={"id": added.json()["result"]})).json()
    # crm-deal-add.md: STAGE_ID "By default — the first available stage relative to the funnel".
    assert deal["result"]["CATEGORY_ID"] == str(category)
    assert deal["result"]["STAGE_ID"] == f"C{category}:NEW"
    # crm-deal-update.md: "An incorrect field in fields will be ignored."
    updated = await sandbox_client.post(
        webhook + "crm.deal.update", json={"id": added.json()["result"], "fields": {"NO_SUCH_FIELD": "z"}}
    )
    assert updated.json()["result"] is True


async def test_a_stage_of_another_pipeline_changes_nothing(
    sandbox_portal: SandboxPortal, sandbox_client: httpx.AsyncClient, webhook: str
) -> None:
    category = sandbox_portal.person.add_category("Вакансии")
    deal = sandbox_portal.person.add_deal({"TITLE": "x"})
    answer = await sandbox_client.post(
        webhook + "crm.deal.update", json={"id": deal, "fields": {"STAGE_ID": f"C{category}:EXECUTING"}}
    )
    assert answer.status_code == 200
    assert sandbox_portal.crm.get("deal", deal)["STAGE_ID"] == "NEW"


async def test_a_list_without_select_holds_the_user_fields(
    sandbox_portal: SandboxPortal, sandbox_client: httpx.AsyncClient, webhook: str
) -> None:
    sandbox_portal.catalog.add_userfield("deal", {"FIELD_NAME": "LEVEL", "USER_TYPE_ID": "string"})
    sandbox_portal.person.add_deal({"TITLE": "x", "UF_CRM_LEVEL": "junior"})
    row = (await sandbox_client.post(webhook + "crm.deal.list", json={})).json()["result"][0]
    assert row["UF_CRM_LEVEL"] == "junior"


async def test_uf_star_leaves_out_multiple_user_fields(
    sandbox_portal: SandboxPortal, sandbox_client: httpx.AsyncClient, webhook: str
) -> None:
    sandbox_portal.catalog.add_userfield("contact", {"FIELD_NAME": "TAGS", "USER_TYPE_ID": "string", "MULTIPLE": "Y"})
    sandbox_portal.catalog.add_userfield("contact", {"FIELD_NAME": "LEVEL", "USER_TYPE_ID": "string"})
    sandbox_portal.person.add_contact({"NAME": "x", "UF_CRM_TAGS": ["a"], "UF_CRM_LEVEL": "junior"})
    row = (await sandbox_client.post(webhook + "crm.contact.list", json={"select": ["UF_*"]})).json()["result"][0]
    assert row["UF_CRM_LEVEL"] == "junior" and "UF_CRM_TAGS" not in row


async def test_a_page_without_counting_says_total_zero(
    sandbox_portal: SandboxPortal, sandbox_client: httpx.AsyncClient, webhook: str
) -> None:
    for _ in range(3):
        sandbox_portal.person.add_deal({"TITLE": "x"})
    params = {"order": {"ID": "ASC"}, "filter": {">ID": 0}, "start": -1}
    body = (await sandbox_client.post(webhook + "crm.deal.list", json=params)).json()
    assert len(body["result"]) == 3 and body["total"] == 0 and "next" not in body


async def test_like_filters_as_the_list_page_describes_them(
    sandbox_portal: SandboxPortal, sandbox_client: httpx.AsyncClient, webhook: str
) -> None:
    for title in ("molecule", "amol", "a mole b", "other"):
        sandbox_portal.person.add_deal({"TITLE": title})

    async def titles(filter_: dict[str, str]) -> list[str]:
        body = (await sandbox_client.post(webhook + "crm.deal.list", json={"filter": filter_})).json()
        return [row["TITLE"] for row in body["result"]]

    # crm-deal-list.md: "%" finds the value anywhere; "=%" and "%=" take the "%" in the value.
    assert await titles({"%TITLE": "mol"}) == ["molecule", "amol", "a mole b"]
    assert await titles({"=%TITLE": "mol%"}) == ["molecule"]
    assert await titles({"=%TITLE": "%mol"}) == ["amol"]
    assert await titles({"%=TITLE": "%mol%"}) == ["molecule", "amol", "a mole b"]
    assert await titles({"=%TITLE": "mol"}) == []


# --- crm.item.update ----------------------------------------------------------------------------------------


async def test_item_update_moves_a_deal_to_the_stage_given_and_refuses_an_unknown_type(
    sandbox_portal: SandboxPortal, sandbox_client: httpx.AsyncClient, webhook: str
) -> None:
    category = sandbox_portal.person.add_category("Вакансии")
    deal = sandbox_portal.person.add_deal({"TITLE": "x"})
    fields = {"categoryId": category, "stageId": f"C{category}:EXECUTING", "noSuchField": "ignored"}
    moved = await sandbox_client.post(
        webhook + "crm.item.update", json={"entityTypeId": 2, "id": deal, "fields": fields}
    )
    assert moved.json()["result"]["item"]["stageId"] == f"C{category}:EXECUTING"  # deals/index.md
    unknown = await sandbox_client.post(webhook + "crm.item.update", json={"entityTypeId": 999, "id": 1, "fields": {}})
    assert unknown.status_code == 400  # crm-item-update.md: its example says "Smart process not found"
    assert _error(unknown) == ("NOT_FOUND", "Smart process not found")


async def test_item_update_without_the_right_is_access_denied(
    sandbox_portal: SandboxPortal, sandbox_client: httpx.AsyncClient, webhook: str
) -> None:
    deal = sandbox_portal.person.add_deal({"TITLE": "x"})
    sandbox_portal.crm.access[sandbox_portal.config.webhook_user_id] = "none"
    answer = await sandbox_client.post(
        webhook + "crm.item.update", json={"entityTypeId": 2, "id": deal, "fields": {"title": "y"}}
    )
    assert answer.status_code == 400 and _error(answer) == ("ACCESS_DENIED", "Access denied")


# --- pipelines -----------------------------------------------------------------------------------------------


async def test_category_methods_answer_their_documented_errors(sandbox_client: httpx.AsyncClient, webhook: str):
    unknown = await sandbox_client.post(webhook + "crm.category.list", json={"entityTypeId": 999})
    assert unknown.json() == {"error": "NOT_FOUND", "error_description": "Smart process not found"}
    nameless = await sandbox_client.post(webhook + "crm.category.add", json={"entityTypeId": 2, "fields": {}})
    assert nameless.json() == {"error": "0", "error_description": "Field 'NAME' is required"}  # crm-category-add.md


async def test_a_category_sort_is_never_negative_and_five_hundred_by_default(
    sandbox_client: httpx.AsyncClient, webhook: str
) -> None:
    async def add(fields: dict) -> dict:
        answer = await sandbox_client.post(webhook + "crm.category.add", json={"entityTypeId": 2, "fields": fields})
        return answer.json()["result"]["category"]

    assert (await add({"name": "Без сортировки"}))["sort"] == 500  # crm-category-add.md: "Defaults to 500"
    assert (await add({"name": "Отрицательная", "sort": -5}))["sort"] == 0  # "set to sort = 0"
    listed = (await sandbox_client.post(webhook + "crm.category.list", json={"entityTypeId": 2})).json()
    assert listed["total"] == 3 == len(listed["result"]["categories"])  # crm-category-list.md: total


async def test_category_add_for_an_unknown_type_says_spa_not_found(sandbox_client: httpx.AsyncClient, webhook: str):
    answer = await sandbox_client.post(
        webhook + "crm.category.add", json={"entityTypeId": 999, "fields": {"name": "x"}}
    )
    assert answer.json() == {"error": "NOT_FOUND", "error_description": "SPA not found"}


# --- user fields ----------------------------------------------------------------------------------------------


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
    assert _error(answer) == expected
    exactly_fifty = {"FIELD_NAME": "A" * 43, "USER_TYPE_ID": "string"}  # UF_CRM_ + 43 = 50 characters
    assert (
        await sandbox_client.post(webhook + "crm.deal.userfield.add", json={"fields": exactly_fifty})
    ).status_code == 200


@pytest.mark.parametrize(
    ("given", "named"),
    [
        ("UF_MANAGER_NOTE", "UF_CRM_MANAGER_NOTE"),  # "the prefix UF_ is replaced with UF_CRM_"
        ("manager_note", "UF_CRM_MANAGER_NOTE"),  # "Lowercase letters are converted to uppercase"
    ],
)
async def test_userfield_names_are_built_as_the_page_says(sandbox_client, webhook, given: str, named: str) -> None:
    answer = await sandbox_client.post(
        webhook + "crm.contact.userfield.add", json={"fields": {"FIELD_NAME": given, "USER_TYPE_ID": "string"}}
    )
    assert answer.status_code == 200
    listed = (await sandbox_client.post(webhook + "crm.contact.userfield.list", json={})).json()["result"]
    assert [row["FIELD_NAME"] for row in listed] == [named]


async def test_a_company_userfield_of_an_unknown_type_is_an_invalid_custom_type(sandbox_client, webhook) -> None:
    fields = {"FIELD_NAME": "GOOD", "USER_TYPE_ID": "nope"}
    answer = await sandbox_client.post(webhook + "crm.company.userfield.add", json={"fields": fields})
    assert _error(answer) == ("ERROR_CORE", "Invalid custom type specified.")


@pytest.mark.parametrize("name", ["filter", "order"])
async def test_userfield_list_refuses_a_filter_or_order_that_is_not_an_object(sandbox_client, webhook, name) -> None:
    answer = await sandbox_client.post(webhook + "crm.deal.userfield.list", json={name: "x"})
    assert answer.status_code == 400  # crm-deal-userfield-list.md: its table words them without a full stop
    assert answer.json() == {"error": "", "error_description": f"Parameter '{name}' must be array"}


# --- notifications and the timeline -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"USER_ID": 0, "MESSAGE": "x"}, ("USER_ID_EMPTY", "User ID can't be empty")),
        ({"USER_ID": -4, "MESSAGE": "x"}, ("USER_ID_EMPTY", "User ID can't be empty")),
        ({"MESSAGE": "x"}, ("USER_ID_EMPTY", "User ID can't be empty")),
        ({"USER_ID": 1, "MESSAGE": ""}, ("MESSAGE_EMPTY", "Message can't be empty")),
        ({"USER_ID": 1, "MESSAGE": "  "}, ("MESSAGE_EMPTY", "Message can't be empty")),
    ],
)
async def test_notify_system_add_answers_its_documented_errors(sandbox_client, webhook, params, expected) -> None:
    answer = await sandbox_client.post(webhook + "im.notify.system.add", json=params)
    assert answer.status_code == 400 and _error(answer) == expected  # im-notify-system-add.md


async def test_a_notification_is_trimmed_and_one_to_nobody_is_not_created(
    sandbox_portal: SandboxPortal, sandbox_client, webhook
) -> None:
    sent = await sandbox_client.post(webhook + "im.notify.system.add", json={"USER_ID": 2, "MESSAGE": "  Привет "})
    assert isinstance(sent.json()["result"], int)
    # im-notify-system-add.md: USER_ID_EMPTY is for a missing or non-positive id; a notification that was not
    # created "may return false".
    nobody = await sandbox_client.post(webhook + "im.notify.system.add", json={"USER_ID": 777, "MESSAGE": "x"})
    assert nobody.status_code == 200 and nobody.json()["result"] is False
    assert [(n.user_id, n.message) for n in sandbox_portal.notifications] == [(2, "Привет")]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"ENTITY_ID": 999, "ENTITY_TYPE": "deal", "COMMENT": "Отчёт"},
            ("OWNER_NOT_FOUND", "Owner of the item not found"),
        ),
        ({"ENTITY_TYPE": "deal", "COMMENT": "Отчёт"}, ("100", "Required fields are not provided")),
        ({"ENTITY_ID": 1, "COMMENT": "Отчёт"}, ("100", "Required fields are not provided")),
        ({"ENTITY_ID": 1, "ENTITY_TYPE": "deal"}, ("100", "Required fields are not provided")),
        ({"ENTITY_ID": 1, "ENTITY_TYPE": "deal", "COMMENT": " "}, ("INVALID_ARG_VALUE", "Empty comment")),
    ],
)
async def test_timeline_comment_add_answers_its_documented_errors(
    sandbox_portal: SandboxPortal, sandbox_client, webhook, fields, expected
) -> None:
    sandbox_portal.person.add_deal({"TITLE": "x"})
    answer = await sandbox_client.post(webhook + "crm.timeline.comment.add", json={"fields": fields})
    assert answer.status_code == 400 and _error(answer) == expected  # crm-timeline-comment-add.md
    assert sandbox_portal.timeline_comments == []


async def test_a_timeline_comment_in_upper_case_fields_is_not_accepted(
    sandbox_portal: SandboxPortal, sandbox_client, webhook
) -> None:
    deal = sandbox_portal.person.add_deal({"TITLE": "x"})
    fields = {"ENTITY_ID": deal, "ENTITY_TYPE": "deal", "COMMENT": "Отчёт"}
    answer = await sandbox_client.post(webhook + "crm.timeline.comment.add", json={"FIELDS": fields})
    assert answer.status_code == 400 and sandbox_portal.timeline_comments == []


# --- applications, events ---------------------------------------------------------------------------------------


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


async def test_a_user_who_is_no_administrator_binds_and_sees_only_their_own_handlers(
    sandbox_portal: SandboxPortal, sandbox_client
) -> None:
    admin = sandbox_portal.install_app(user_id=1).access_token
    user = sandbox_portal.issue_tokens(user_id=2)["access_token"]
    for token, handler in ((admin, HANDLER), (user, HANDLER + "/own")):
        bound = await sandbox_client.post(
            "/rest/event.bind", json={"auth": token, "event": "ONCRMDEALADD", "handler": handler}
        )
        assert bound.json()["result"] is True
    # event-bind.md: another user's auth_type needs an administrator.
    foreign = {"auth": user, "event": "ONCRMDEALUPDATE", "handler": HANDLER, "auth_type": 1}
    refused = await sandbox_client.post("/rest/event.bind", json=foreign)
    assert refused.status_code == 403
    assert refused.json() == {
        "error": "ACCESS_DENIED",
        "error_description": "Access denied! Event binding with AUTH_TYPE requires administrator access rights",
    }

    async def handlers(token: str) -> list[tuple[str, str]]:
        rows = (await sandbox_client.post("/rest/event.get", json={"auth": token})).json()["result"]
        return [(row["handler"], row["auth_type"]) for row in rows]

    # event-get.md: a user without administrator permissions receives only the handlers registered for them.
    assert await handlers(user) == [(HANDLER + "/own", "2")]
    assert await handlers(admin) == [(HANDLER, "0"), (HANDLER + "/own", "2")]


async def test_an_update_or_reinstall_of_the_app_removes_its_bindings(
    sandbox_portal: SandboxPortal, sandbox_client
) -> None:
    first = sandbox_portal.install_app().access_token
    bind = {"auth": first, "event": "ONCRMDEALADD", "handler": HANDLER}
    assert (await sandbox_client.post("/rest/event.bind", json=bind)).json()["result"] is True
    again = sandbox_portal.install_app().access_token
    # event-bind.md: "When an application is deleted or updated, its actions will be removed."
    assert (await sandbox_client.post("/rest/event.get", json={"auth": again})).json()["result"] == []


async def test_binding_an_event_that_does_not_exist_is_refused(sandbox_client, app_token) -> None:
    bind = {"auth": app_token, "event": "NOSUCHEVENT", "handler": "https://app.example.test/events"}
    answer = await sandbox_client.post("/rest/event.bind", json=bind)
    assert answer.status_code == 400  # event-bind.md
    assert answer.json() == {"error": "ERROR_EVENT_NOT_FOUND", "error_description": "Event not found"}


async def test_an_applications_event_carries_the_documented_auth_keys(
    sandbox_portal: SandboxPortal, sandbox_client, app_token: str, event_sink: EventSink
) -> None:
    await sandbox_client.post(
        "/rest/event.bind", json={"auth": app_token, "event": "ONCRMDEALUPDATE", "handler": HANDLER}
    )
    deal = sandbox_portal.person.add_deal({"TITLE": "x"})
    sandbox_portal.person.update_deal(deal, {"TITLE": "y"})
    await sandbox_portal.drain_events()
    (payload,) = event_sink.events("ONCRMDEALUPDATE")
    # api-reference/events/index.md: the top-level keys, and the auth keys of an event sent to an application
    # (refresh_token only with ONAPPINSTALL and onOfflineEvent).
    assert set(payload) == {"event", "event_handler_id", "data", "ts", "auth"}
    assert set(payload["auth"]) == {
        "access_token",
        "expires_in",
        "scope",
        "domain",
        "server_endpoint",
        "status",
        "client_endpoint",
        "member_id",
        "application_token",
    }


async def test_install_and_uninstall_carry_their_documented_data(
    sandbox_portal: SandboxPortal, event_sink: EventSink
) -> None:
    sandbox_portal.install_app(HANDLER)
    sandbox_portal.uninstall_app()
    await sandbox_portal.drain_events()
    installed, removed = event_sink.events()
    # on-app-install.md: data and the required auth keys; on-app-uninstall.md: data, and auth without tokens.
    assert set(installed["data"]) == {"VERSION", "ACTIVE", "INSTALLED", "LANGUAGE_ID"}
    required = {"domain", "scope", "access_token", "refresh_token", "expires_in", "server_endpoint", "status"}
    assert required | {"client_endpoint", "member_id", "application_token"} <= set(installed["auth"])
    assert set(removed["data"]) == {"LANGUAGE_ID", "CLEAN"} and removed["data"]["CLEAN"] in ("0", "1")
    assert set(removed["auth"]) == {"domain", "server_endpoint", "client_endpoint", "member_id", "application_token"}


async def test_a_removed_applications_token_no_longer_works(sandbox_portal: SandboxPortal, sandbox_client) -> None:
    token = sandbox_portal.install_app().access_token
    assert (await sandbox_client.post("/rest/app.info", json={"auth": token})).status_code == 200
    sandbox_portal.uninstall_app()
    # on-app-uninstall.md: "all access permissions for the application to the API are revoked" (no answer given).
    assert (await sandbox_client.post("/rest/app.info", json={"auth": token})).status_code == 401


async def test_an_outgoing_webhook_never_receives_a_pipeline_move(
    sandbox_portal: SandboxPortal, event_sink: EventSink
) -> None:
    sandbox_portal.add_outgoing_webhook("ONCRMDEALMOVETOCATEGORY", HANDLER)
    category = sandbox_portal.person.add_category("Вакансии")
    deal = sandbox_portal.person.add_deal({"TITLE": "x"})
    sandbox_portal.person.move_deal_to_category(deal, category)
    await sandbox_portal.drain_events()
    assert event_sink.events() == []


async def test_the_offline_queue_gives_a_process_its_records_again_and_clears_by_id(
    sandbox_portal: SandboxPortal, sandbox_client, app_token: str
) -> None:
    async def call(method: str, **params: object) -> dict:
        answer = await sandbox_client.post(f"/rest/{method}", json={"auth": app_token, **params})
        assert answer.status_code == 200, answer.text
        return answer.json()["result"]

    await call("event.bind", event="ONCRMDEALUPDATE", event_type="offline")
    deals = [sandbox_portal.person.add_deal({"TITLE": str(n)}) for n in range(3)]
    for deal in deals:
        sandbox_portal.person.update_deal(deal, {"COMMENTS": "x"})
    taken = await call("event.offline.get", clear=0, limit=2)
    assert len(taken["events"]) == 2
    # event-offline-get.md: process_id "re-select any unprocessed records from the current process".
    again = await call("event.offline.get", clear=0, process_id=taken["process_id"])
    assert [e["ID"] for e in again["events"]][:2] == [e["ID"] for e in taken["events"]]
    # event-offline-clear.md: id clears those records of the process; message_id is ignored when id is given.
    first = taken["events"][0]
    await call("event.offline.clear", process_id=taken["process_id"], id=[first["ID"]], message_id=["none"])
    left = await call("event.offline.get", process_id=taken["process_id"])
    assert first["ID"] not in [e["ID"] for e in left["events"]] and len(left["events"]) == 2


async def test_a_connectors_queue_is_read_with_its_connector(sandbox_portal: SandboxPortal, sandbox_client, app_token):
    bind = {"auth": app_token, "event": "ONCRMDEALUPDATE", "event_type": "offline", "auth_connector": "internhub"}
    await sandbox_client.post("/rest/event.bind", json=bind)
    deal = sandbox_portal.person.add_deal({"TITLE": "x"})
    sandbox_portal.person.update_deal(deal, {"COMMENTS": "x"})
    plain = await sandbox_client.post("/rest/event.offline.get", json={"auth": app_token, "clear": 0})
    assert plain.json()["result"]["events"] == []
    own = await sandbox_client.post(
        "/rest/event.offline.get", json={"auth": app_token, "clear": 0, "auth_connector": "internhub"}
    )
    assert len(own.json()["result"]["events"]) == 1


# --- calling, batch, OAuth ----------------------------------------------------------------------------------------


async def test_an_unknown_access_token_is_no_auth_found(sandbox_client: httpx.AsyncClient, app_token: str) -> None:
    answer = await sandbox_client.post("/rest/crm.deal.list", json={"auth": "not-a-token"})
    assert answer.status_code == 401
    assert answer.json() == {"error": "NO_AUTH_FOUND", "error_description": "Wrong authorization data"}


async def test_halt_takes_booleans_and_a_nested_batch_fails_alone(sandbox_client: httpx.AsyncClient, webhook: str):
    cmd = {"a": "crm.deal.get?id=404", "b": "batch?cmd[x]=user.current", "c": "user.current"}
    kept_going = (await sandbox_client.post(webhook + "batch", json={"halt": False, "cmd": cmd})).json()["result"]
    assert list(kept_going["result"]) == ["c"]
    # batch.md: a nested batch ends with ERROR_BATCH_METHOD_NOT_ALLOWED, the other commands run.
    assert kept_going["result_error"]["b"] == {
        "error": "ERROR_BATCH_METHOD_NOT_ALLOWED",
        "error_description": "Method is not allowed for batch usage",
    }
    halted = await sandbox_client.post(webhook + "batch", json={"halt": True, "cmd": cmd})
    assert halted.status_code == 200 and list(halted.json()["result"]["result_error"]) == ["a"]


async def test_commands_past_fifty_fail_alone(sandbox_client: httpx.AsyncClient, webhook: str) -> None:
    cmd = {f"c{i}": "user.current" for i in range(51)}
    answer = await sandbox_client.post(webhook + "batch", json={"halt": 0, "cmd": cmd})
    assert answer.status_code == 200
    body = answer.json()["result"]
    assert len(body["result"]) == 50
    assert body["result_error"] == {
        "c50": {"error": "ERROR_BATCH_LENGTH_EXCEEDED", "error_description": "Max batch length exceeded"}
    }


async def test_the_token_endpoint_answers_as_the_oauth_pages_say(
    sandbox_portal: SandboxPortal, sandbox_clock: ManualClock, sandbox_client
) -> None:
    installed = sandbox_portal.install_app()
    config = sandbox_portal.config
    credentials = {"client_id": config.client_id, "client_secret": config.client_secret}

    async def token(**params: str) -> httpx.Response:
        return await sandbox_client.get("/oauth/token/", params={**credentials, **params})

    # error-codes.md: invalid_request for a malformed request, invalid_client for wrong credentials.
    assert (await token(grant_type="password", refresh_token=installed.refresh_token)).json()["error"] == (
        "invalid_request"
    )
    assert (await token(grant_type="refresh_token")).json()["error"] == "invalid_request"
    wrong = await sandbox_client.get(
        "/oauth/token/",
        params={**credentials, "client_secret": "wrong", "grant_type": "refresh_token", "refresh_token": "x"},
    )
    assert wrong.json()["error"] == "invalid_client"
    renewed = await token(grant_type="refresh_token", refresh_token=installed.refresh_token)
    # auto-renewal.md: the keys of the answer.
    assert {
        "access_token",
        "client_endpoint",
        "domain",
        "expires",
        "expires_in",
        "member_id",
        "refresh_token",
        "scope",
        "server_endpoint",
        "status",
        "user_id",
    } <= set(renewed.json())
    later = await token(grant_type="refresh_token", refresh_token=renewed.json()["refresh_token"])
    sandbox_clock.advance(180 * 24 * 3600 + 1)  # auto-renewal.md: "The lifetime of refresh_token is 180 days"
    outlived = await token(grant_type="refresh_token", refresh_token=later.json()["refresh_token"])
    assert outlived.json()["error"] == "invalid_grant"  # error-codes.md: "If refresh_token has expired"
    sandbox_portal.uninstall_app()
    # error-codes.md: invalid_client when "the application may not be installed in Bitrix24".
    removed = await token(grant_type="refresh_token", refresh_token=later.json()["refresh_token"])
    assert removed.json()["error"] == "invalid_client"


async def test_requisites_are_listed_by_filter_in_pages_of_50_and_refused_without_the_right(
    sandbox_portal: SandboxPortal, sandbox_client: httpx.AsyncClient, webhook: str
) -> None:
    companies = [sandbox_portal.person.add_company({"TITLE": f"Компания {n}"}) for n in range(60)]
    for n, company in enumerate(companies):
        sandbox_portal.person.add_requisite(company, {"RQ_INN": f"77{n:08d}"})
    params = {"filter": {"ENTITY_TYPE_ID": 4}, "select": ["ID", "ENTITY_ID", "RQ_INN"]}
    first = (await sandbox_client.post(webhook + "crm.requisite.list", json=params)).json()
    # crm-requisite-list.md: "The results page size is always static: 50 records"; select names the fields.
    assert len(first["result"]) == 50 and first["total"] == 60 and first["next"] == 50
    assert set(first["result"][0]) == {"ID", "ENTITY_ID", "RQ_INN"}
    rest = (await sandbox_client.post(webhook + "crm.requisite.list", json={**params, "start": 50})).json()
    assert {int(r["ENTITY_ID"]) for r in first["result"] + rest["result"]} == set(companies)
    none = {"filter": {"ENTITY_TYPE_ID": 3}}  # contacts' requisites: none here
    assert (await sandbox_client.post(webhook + "crm.requisite.list", json=none)).json()["result"] == []

    sandbox_portal.crm.access[sandbox_portal.config.webhook_user_id] = "none"
    refused = await sandbox_client.post(webhook + "crm.requisite.list", json=params)
    assert refused.status_code == 400
    assert refused.json() == {"error": 0, "error_description": "Access denied."}  # the page's error, code 0
