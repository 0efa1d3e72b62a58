"""REST calls, parameters and answers as a real portal gives them."""

from __future__ import annotations

import httpx

from internhub.bitrix24.sandbox import ManualClock, SandboxPortal

TIME_KEYS = {"start", "finish", "duration", "processing", "date_start", "date_finish"} | {
    "operating",
    "operating_reset_at",
}


async def test_form_body_with_bracketed_keys(sandbox_client: httpx.AsyncClient, webhook: str) -> None:
    added = await sandbox_client.post(
        webhook + "crm.contact.add.json",
        content="fields[NAME]=Анна&fields[EMAIL][0][VALUE]=a@b.ru&fields[EMAIL][0][VALUE_TYPE]=HOME",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert added.status_code == 200
    contact_id = added.json()["result"]
    got = await sandbox_client.get(webhook + "crm.contact.get", params={"id": contact_id})
    body = got.json()
    assert body["result"]["NAME"] == "Анна"
    assert body["result"]["EMAIL"] == [{"ID": "1", "VALUE_TYPE": "HOME", "VALUE": "a@b.ru", "TYPE_ID": "EMAIL"}]
    assert set(body["time"]) == TIME_KEYS
    assert body["time"]["date_start"].endswith("+03:00")


async def test_deal_values_are_strings(sandbox_portal: SandboxPortal, sandbox_client, webhook) -> None:
    deal_id = sandbox_portal.person.add_deal({"TITLE": "Стажировка", "OPPORTUNITY": 1500, "BEGINDATE": "2026-01-05"})
    deal = (await sandbox_client.post(webhook + "crm.deal.get.json", json={"ID": deal_id})).json()["result"]
    assert deal["ID"] == str(deal_id)
    assert deal["OPPORTUNITY"] == "1500.00"
    assert deal["CATEGORY_ID"] == "0"
    assert deal["STAGE_ID"] == "NEW"
    assert deal["STAGE_SEMANTIC_ID"] == "P"
    assert deal["BEGINDATE"] == "2026-01-05T00:00:00+03:00"
    assert deal["DATE_CREATE"] == "2026-01-01T03:00:00+03:00"


async def test_list_filter_select_order_and_paging(sandbox_portal: SandboxPortal, sandbox_client, webhook) -> None:
    for number in range(1, 131):
        sandbox_portal.person.add_deal({"TITLE": f"D{number}", "STAGE_ID": "WON" if number % 2 else "NEW"})
    url = webhook + "crm.deal.list"

    first = (await sandbox_client.post(url, json={"order": {"ID": "DESC"}, "select": ["ID", "TITLE"]})).json()
    assert first["total"] == 130 and first["next"] == 50
    assert first["result"][0] == {"ID": "130", "TITLE": "D130"}
    last = (await sandbox_client.post(url, json={"start": 100, "select": ["ID"]})).json()
    assert [r["ID"] for r in last["result"]] == [str(n) for n in range(101, 131)]
    assert "next" not in last

    won = (await sandbox_client.get(url + "?filter[STAGE_ID]=WON&filter[>ID]=120&select[]=ID")).json()
    assert [r["ID"] for r in won["result"]] == ["121", "123", "125", "127", "129"]
    some = (await sandbox_client.post(url, json={"filter": {"@ID": [3, 5, 200], "!STAGE_ID": "NEW"}})).json()
    assert [r["ID"] for r in some["result"]] == ["3", "5"]
    bounded = (await sandbox_client.post(url, json={"filter": {">=ID": 10, "<=ID": 12}})).json()
    assert [r["ID"] for r in bounded["result"]] == ["10", "11", "12"]

    fast = (await sandbox_client.post(url, json={"filter": {">ID": 60}, "order": {"ID": "ASC"}, "start": -1})).json()
    assert len(fast["result"]) == 50 and fast["result"][0]["ID"] == "61"
    assert fast["total"] == 0 and "next" not in fast  # huge-data.md: nothing counted, total 0


async def test_id_ordered_pages_skip_deleted_records_and_count_what_the_filter_matches(
    sandbox_portal: SandboxPortal, sandbox_clock: ManualClock, sandbox_client, webhook
) -> None:
    # The shapes bulk readers use are answered from the ids in order; they must answer what a scan would.
    for number in range(1, 131):
        sandbox_portal.person.add_deal({"TITLE": f"D{number}"})
    for gone in (1, 7, 14, 60, 61, 99, 130):
        assert (await sandbox_client.post(webhook + "crm.deal.delete", json={"id": gone})).status_code == 200
    live = [n for n in range(1, 131) if n not in (1, 7, 14, 60, 61, 99, 130)]
    counted = []
    count = sandbox_portal.crm.count
    sandbox_portal.crm.count = lambda *args: counted.append(args) or count(*args)  # type: ignore[method-assign]
    for after in (None, "", 0, 13, 60, 129, 500):
        matched = [n for n in live if n > int(after or 0)]
        for order in (None, {"ID": "ASC"}):
            for start in (-1, 0, 10, 50, 100):
                params = {"select": ["ID"], "start": start, **({"order": order} if order else {})}
                if after is not None:
                    params["filter"] = {">ID": after}
                sandbox_clock.advance(1)  # within the rate limit
                body = (await sandbox_client.post(webhook + "crm.deal.list", json=params)).json()
                offset = max(start, 0) // 50 * 50
                assert [int(r["ID"]) for r in body["result"]] == matched[offset : offset + 50], params
                if start < 0:
                    assert body["total"] == 0 and "next" not in body
                    assert not counted, "start=-1 skips counting (huge-data.md)"
                else:
                    assert len(counted) == 1, "start >= 0 counts what the filter matches"
                    counted.clear()
                    assert body["total"] == len(matched), params
                    assert body.get("next") == (offset + 50 if offset + 50 < len(matched) else None), params


async def test_filter_by_date_modify(
    sandbox_portal: SandboxPortal, sandbox_clock: ManualClock, sandbox_client, webhook
):
    old = sandbox_portal.person.add_deal({"TITLE": "old"})
    sandbox_clock.advance(3600)
    watermark = sandbox_portal.config.format_datetime(sandbox_clock())
    sandbox_clock.advance(60)
    sandbox_portal.person.update_deal(old, {"COMMENTS": "touched"})
    sandbox_portal.person.add_deal({"TITLE": "new"})
    answer = await sandbox_client.post(webhook + "crm.deal.list", json={"filter": {">DATE_MODIFY": watermark}})
    assert [r["TITLE"] for r in answer.json()["result"]] == ["old", "new"]


async def test_select_star_omits_multifields_and_uf_star(sandbox_portal: SandboxPortal, sandbox_client, webhook):
    sandbox_portal.catalog.add_userfield("contact", {"FIELD_NAME": "LEVEL", "USER_TYPE_ID": "string"})
    sandbox_portal.person.add_contact({"NAME": "Олег", "PHONE": [{"VALUE": "+7900"}], "UF_CRM_LEVEL": "junior"})
    url = webhook + "crm.contact.list"

    default = (await sandbox_client.post(url, json={})).json()["result"][0]
    star = (await sandbox_client.post(url, json={"select": ["*"]})).json()["result"][0]
    explicit = (await sandbox_client.post(url, json={"select": ["*", "PHONE", "UF_*"]})).json()["result"][0]
    assert "PHONE" not in default and "PHONE" not in star and "UF_CRM_LEVEL" not in star
    assert explicit["PHONE"][0]["VALUE"] == "+7900"
    assert explicit["UF_CRM_LEVEL"] == "junior"


async def test_multifield_update_by_id_and_delete_with_empty_value(
    sandbox_portal: SandboxPortal, sandbox_client, webhook
):
    contact = sandbox_portal.person.add_contact({"EMAIL": [{"VALUE": "a@x.ru"}, {"VALUE": "b@x.ru"}]})
    first, second = sandbox_portal.crm.get("contact", contact)["EMAIL"]
    fields = {
        "EMAIL": [
            {"ID": first["ID"], "VALUE": "new@x.ru"},
            {"ID": second["ID"], "VALUE": ""},
            {"VALUE": "c@x.ru"},
        ]
    }
    answer = await sandbox_client.post(webhook + "crm.contact.update", json={"id": contact, "fields": fields})
    assert answer.json()["result"] is True
    emails = (await sandbox_client.post(webhook + "crm.contact.get", json={"id": contact})).json()["result"]["EMAIL"]
    assert [(e["ID"], e["VALUE"]) for e in emails] == [(str(first["ID"]), "new@x.ru"), ("3", "c@x.ru")]


async def test_errors_have_documented_shape(sandbox_client: httpx.AsyncClient, webhook: str) -> None:
    missing = await sandbox_client.post(webhook + "crm.deal.get", json={"id": 999})
    assert missing.status_code == 400
    assert missing.json() == {"error": "", "error_description": "Not found"}
    unknown = await sandbox_client.post(webhook + "crm.nothing.here", json={})
    assert unknown.status_code == 404 and unknown.json()["error"] == "ERROR_METHOD_NOT_FOUND"
    bad_id = await sandbox_client.post(webhook + "crm.deal.update", json={"id": "x", "fields": {}})
    assert bad_id.json()["error_description"] == "ID is not defined or invalid"  # crm-deal-update.md
    wrong_code = await sandbox_client.post("/rest/1/wrong/crm.deal.list", json={})
    # system-errors.md: a wrong webhook code is NO_AUTH_FOUND (INVALID_CREDENTIALS is a 403 for missing rights).
    assert wrong_code.json() == {"error": "NO_AUTH_FOUND", "error_description": "Wrong authorization data"}
    assert wrong_code.status_code == 401


async def test_deal_update_ignores_category_and_item_update_moves(
    sandbox_portal: SandboxPortal, sandbox_client, webhook
):
    category = sandbox_portal.person.add_category("Вакансии")
    deal = sandbox_portal.person.add_deal({"TITLE": "x"})
    await sandbox_client.post(webhook + "crm.deal.update", json={"id": deal, "fields": {"CATEGORY_ID": category}})
    assert sandbox_portal.crm.get("deal", deal)["CATEGORY_ID"] == 0
    foreign = await sandbox_client.post(
        webhook + "crm.deal.update", json={"id": deal, "fields": {"STAGE_ID": "C1:NEW"}}
    )
    # deals/index.md: a stage of another pipeline changes nothing.
    assert foreign.status_code == 200 and sandbox_portal.crm.get("deal", deal)["STAGE_ID"] != "C1:NEW"

    moved = await sandbox_client.post(
        webhook + "crm.item.update", json={"entityTypeId": 2, "id": deal, "fields": {"categoryId": category}}
    )
    item = moved.json()["result"]["item"]
    assert item["categoryId"] == category and item["stageId"] == f"C{category}:NEW"


async def test_crm_item_list_is_typed_camel_case(sandbox_portal: SandboxPortal, sandbox_client, webhook) -> None:
    sandbox_portal.catalog.add_userfield("deal", {"FIELD_NAME": "SCORE", "USER_TYPE_ID": "integer"})
    for _ in range(3):
        sandbox_portal.person.add_deal({"TITLE": "x", "OPPORTUNITY": "10.5", "UF_CRM_SCORE": 7})
    body = (
        await sandbox_client.post(
            webhook + "crm.item.list",
            json={
                "entityTypeId": 2,
                "filter": {">id": 1},
                "order": {"id": "DESC"},
                "useOriginalUfNames": "Y",
            },
        )
    ).json()
    items = body["result"]["items"]
    assert body["total"] == 2
    assert [i["id"] for i in items] == [3, 2]
    assert items[0]["opportunity"] == 10.5 and items[0]["categoryId"] == 0
    assert items[0]["UF_CRM_SCORE"] == "7"
    single = (await sandbox_client.post(webhook + "crm.item.get", json={"entityTypeId": 2, "id": 1})).json()
    assert single["result"]["item"]["ufCrmScore"] == "7"


async def test_pipelines_and_stages(sandbox_portal: SandboxPortal, sandbox_client, webhook) -> None:
    added = await sandbox_client.post(
        webhook + "crm.category.add", json={"entityTypeId": 2, "fields": {"name": "Стажировки"}}
    )
    new_id = added.json()["result"]["category"]["id"]
    categories = (await sandbox_client.post(webhook + "crm.category.list", json={"entityTypeId": 2})).json()
    assert [c["id"] for c in categories["result"]["categories"]] == [0, new_id]
    stages = (
        await sandbox_client.post(webhook + "crm.status.list", json={"filter": {"ENTITY_ID": f"DEAL_STAGE_{new_id}"}})
    ).json()["result"]
    assert stages[0]["STATUS_ID"] == f"C{new_id}:NEW"
    assert {s["STATUS_ID"]: s["SEMANTICS"] for s in stages}[f"C{new_id}:WON"] == "S"
    types = (
        await sandbox_client.post(webhook + "crm.status.list", json={"filter": {"ENTITY_ID": "COMPANY_TYPE"}})
    ).json()
    assert "CUSTOMER" in [s["STATUS_ID"] for s in types["result"]]
    deal = sandbox_portal.person.add_deal({"CATEGORY_ID": new_id, "STAGE_ID": f"C{new_id}:LOSE"})
    assert sandbox_portal.crm.get("deal", deal)["STAGE_SEMANTIC_ID"] == "F"


async def test_userfield_validation(sandbox_client: httpx.AsyncClient, webhook: str) -> None:
    url = webhook + "crm.deal.userfield.add"
    ok = await sandbox_client.post(url, json={"fields": {"FIELD_NAME": "INTERN_ID", "USER_TYPE_ID": "string"}})
    assert ok.status_code == 200 and isinstance(ok.json()["result"], int)
    duplicate = await sandbox_client.post(
        url, json={"fields": {"FIELD_NAME": "UF_CRM_INTERN_ID", "USER_TYPE_ID": "string"}}
    )
    assert duplicate.status_code == 400
    lower = await sandbox_client.post(url, json={"fields": {"FIELD_NAME": "bad-name", "USER_TYPE_ID": "string"}})
    assert lower.status_code == 400
    too_long = await sandbox_client.post(url, json={"fields": {"FIELD_NAME": "X" * 44, "USER_TYPE_ID": "string"}})
    assert too_long.status_code == 400
    listed = (await sandbox_client.post(webhook + "crm.deal.userfield.list", json={})).json()["result"]
    assert [f["FIELD_NAME"] for f in listed] == ["UF_CRM_INTERN_ID"]


async def test_notifications_users_and_down_portal(sandbox_portal: SandboxPortal, sandbox_client, webhook) -> None:
    sent = await sandbox_client.post(webhook + "im.notify.system.add", json={"USER_ID": 2, "MESSAGE": "Новая заявка"})
    assert sent.status_code == 200
    assert [(n.user_id, n.message) for n in sandbox_portal.notifications] == [(2, "Новая заявка")]
    users = (await sandbox_client.post(webhook + "user.get", json={"ID": 2})).json()
    assert [u["ID"] for u in users["result"]] == ["2"]

    sandbox_portal.go_down()
    assert (await sandbox_client.post(webhook + "user.get", json={})).status_code == 503
    sandbox_portal.come_up()
    assert (await sandbox_client.post(webhook + "user.get", json={})).status_code == 200
    assert [c.method for c in sandbox_portal.calls] == ["im.notify.system.add", "user.get", "user.get"]
