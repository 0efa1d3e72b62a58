"""Routed applications in Bitrix24: the routed pipeline and stage, contact, company, assignee, opening link;
stages both ways; the assignee told with im.notify.system.add; deals made in Bitrix24 routed too."""

from __future__ import annotations

from sqlalchemy import update

from internhub import jobs
from internhub.bitrix24.mapping import APPLICATION_STAGES
from internhub.bitrix24.setup import _ensure_pipeline
from internhub.models import User
from tests.factories import PASSWORD, unique
from tests.sync.conftest import Linked

BITRIX24_MANAGER = 2


async def manager(linked: Linked) -> int:
    body = {"email": f"{unique('manager')}@example.ru", "password": PASSWORD, "role": "manager"}
    user_id = (await linked.tenant.create("/users", **body))["id"]
    async with linked.app.state.sessionmaker() as session:
        await session.execute(update(User).where(User.id == user_id).values(bitrix24_user_id=BITRIX24_MANAGER))
        await session.commit()
    return user_id


async def routed_pipeline(linked: Linked) -> dict:
    """A second applications pipeline in the portal, added to the workspace's mapping through the API."""
    async with linked.remote().http:
        pipeline = await _ensure_pipeline(linked.remote(), "Отклики: ИТ", APPLICATION_STAGES)
    mapping = (await linked.api.get("/api/v1/bitrix24/mapping")).json()
    mapping["application_pipelines"] = [pipeline.model_dump()]
    saved = await linked.api.put("/api/v1/bitrix24/mapping", json=mapping)
    assert saved.status_code == 200, saved.text
    return pipeline.model_dump()


async def chain(linked: Linked) -> dict:
    t = linked.tenant
    university = await t.university()
    company = await t.company(name=unique("Работодатель"))
    opening = await t.opening(company["id"], slots=5)
    student = await t.student(university["id"], full_name="Сидорова Анна Петровна")
    return {"university": university, "company": company, "opening": opening, "student": student}


async def fetch(linked: Linked, path: str) -> dict:
    return (await linked.api.get(f"/api/v1{path}")).json()


async def test_a_routed_application_becomes_a_deal_in_the_routed_pipeline_and_stage(linked: Linked) -> None:
    pipeline = await routed_pipeline(linked)
    assignee = await manager(linked)
    rule = await linked.tenant.create(
        "/routing/rules",
        name="ИТ-стажировки",
        conditions={"opening_kinds": ["internship"]},
        actions={
            "assignee_id": assignee,
            "bitrix24_category_id": pipeline["category_id"],
            "bitrix24_stage_id": pipeline["stages"]["screening"],
        },
    )
    c = await chain(linked)

    application = await linked.tenant.application(c["opening"]["id"], c["student"]["id"])
    await linked.settle()
    await jobs.drain()

    assert application["status"] == "screening" and application["assignee_id"] == assignee
    application = await fetch(linked, f"/applications/{application['id']}")
    student = await fetch(linked, f"/students/{c['student']['id']}")
    company = await fetch(linked, f"/companies/{c['company']['id']}")
    opening = await fetch(linked, f"/openings/{c['opening']['id']}")
    deal = await linked.get("deal", application["bitrix24_deal_id"])
    assert deal["CATEGORY_ID"] == str(pipeline["category_id"])
    assert deal["STAGE_ID"] == pipeline["stages"]["screening"]
    assert deal["CONTACT_ID"] == str(student["bitrix24_contact_id"])
    assert deal["COMPANY_ID"] == str(company["bitrix24_company_id"])
    assert deal["ASSIGNED_BY_ID"] == str(BITRIX24_MANAGER)
    assert deal["UF_CRM_IH_OPENING"] == str(opening["bitrix24_deal_id"])
    notices = [n for n in linked.sandbox.notifications if n.user_id == BITRIX24_MANAGER]
    assert len(notices) == 1 and "Сидорова Анна Петровна" in notices[0].message
    explained = (await linked.api.post("/api/v1/routing/explain", json={"application_id": application["id"]})).json()
    assert (
        explained["matched_rule_id"] == rule["id"]
        and explained["current"]["bitrix24_category_id"] == pipeline["category_id"]
    )

    # Bitrix24 → here: a stage moved in the routed pipeline changes the status, with history.
    linked.sandbox.person.move_deal_stage(application["bitrix24_deal_id"], pipeline["stages"]["interview"])
    await linked.settle()
    assert (await fetch(linked, f"/applications/{application['id']}"))["status"] == "interview"
    history = (await linked.api.get(f"/api/v1/applications/{application['id']}/history")).json()
    assert (history[-1]["to_status"], history[-1]["source"]) == ("interview", "bitrix24")

    # Here → Bitrix24: the deal moves within the routed pipeline.
    await linked.api.patch(f"/api/v1/applications/{application['id']}", json={"status": "offer"})
    await linked.settle()
    assert (await linked.get("deal", application["bitrix24_deal_id"]))["STAGE_ID"] == pipeline["stages"]["offer"]


async def test_a_rule_may_name_only_pipelines_and_starting_stages_of_the_mapping(linked: Linked) -> None:
    pipeline = await routed_pipeline(linked)
    for actions in (
        {"bitrix24_category_id": 424242},
        {"bitrix24_category_id": pipeline["category_id"], "bitrix24_stage_id": pipeline["stages"]["hired"]},
        {"bitrix24_category_id": pipeline["category_id"], "bitrix24_stage_id": "C0:NOPE"},
    ):
        response = await linked.api.post("/api/v1/routing/rules", json={"name": "x", "actions": actions})
        assert response.status_code == 422, response.text


async def test_a_deal_made_in_bitrix24_is_routed_and_its_assignee_written_back(linked: Linked) -> None:
    assignee = await manager(linked)
    await linked.tenant.create("/routing/rules", name="всем", actions={"assignee_id": assignee, "tags": ["crm"]})
    c = await chain(linked)
    await linked.settle()
    student = await fetch(linked, f"/students/{c['student']['id']}")
    opening = await fetch(linked, f"/openings/{c['opening']['id']}")
    category = (await linked.api.get("/api/v1/bitrix24/mapping")).json()["applications"]["category_id"]

    deal_id = linked.sandbox.person.add_deal(
        {
            "TITLE": "Отклик из CRM",
            "CATEGORY_ID": category,
            "STAGE_ID": f"C{category}:NEW",
            "CONTACT_ID": student["bitrix24_contact_id"],
            "UF_CRM_IH_OPENING": opening["bitrix24_deal_id"],
        }
    )
    await linked.settle()
    await jobs.drain()

    found = (await linked.api.get("/api/v1/applications", params={"student_id": student["id"]})).json()["items"]
    assert len(found) == 1 and found[0]["source"] == "bitrix24" and found[0]["assignee_id"] == assignee
    assert (await linked.get("deal", deal_id))["ASSIGNED_BY_ID"] == str(BITRIX24_MANAGER)
    explained = (await linked.api.post("/api/v1/routing/explain", json={"application_id": found[0]["id"]})).json()
    assert explained["current"]["tags"] == ["crm"] and explained["current"]["bitrix24_category_id"] == category


async def it_rule(linked: Linked, pipeline: dict) -> dict:
    """A second employer whose applications a rule sends to ``pipeline``, and an opening of it."""
    company = await linked.tenant.company(name=unique("ИТ-работодатель"))
    await linked.tenant.create(
        "/routing/rules",
        name="ИТ-работодатель",
        conditions={"company_ids": [company["id"]]},
        actions={"bitrix24_category_id": pipeline["category_id"]},
    )
    return await linked.tenant.opening(company["id"], slots=3)


async def test_moving_an_application_to_an_opening_routed_elsewhere_moves_its_deal(linked: Linked) -> None:
    pipeline = await routed_pipeline(linked)
    default = (await linked.api.get("/api/v1/bitrix24/mapping")).json()["applications"]
    c = await chain(linked)
    it_opening = await it_rule(linked, pipeline)
    application = await linked.tenant.application(c["opening"]["id"], c["student"]["id"])
    await linked.api.patch(f"/api/v1/applications/{application['id']}", json={"status": "screening"})
    await linked.settle()
    deal_id = (await fetch(linked, f"/applications/{application['id']}"))["bitrix24_deal_id"]
    assert (await linked.get("deal", deal_id))["CATEGORY_ID"] == str(default["category_id"])
    delivered = len(linked.sandbox.delivered_events)

    moved = await linked.api.patch(f"/api/v1/applications/{application['id']}", json={"opening_id": it_opening["id"]})
    assert moved.status_code == 200, moved.text
    await linked.settle()

    deal = await linked.get("deal", deal_id)
    assert deal["CATEGORY_ID"] == str(pipeline["category_id"])
    assert deal["STAGE_ID"] == pipeline["stages"]["screening"]  # the status kept, in the new pipeline's terms
    opening = await fetch(linked, f"/openings/{it_opening['id']}")
    assert deal["UF_CRM_IH_OPENING"] == str(opening["bitrix24_deal_id"])
    events = [e.event for e in linked.sandbox.delivered_events[delivered:]]
    # An outgoing webhook is never sent ONCRMDEALMOVETOCATEGORY (on-crm-deal-move-to-category.md: applications
    # only); the reconciliation fetches the moved deal instead.
    assert "ONCRMDEALMOVETOCATEGORY" not in events
    moves = [c for c in linked.sandbox.calls if c.method == "crm.item.update"]
    assert len(moves) == 1 and moves[0].status == 200  # crm.deal.update would have ignored CATEGORY_ID
    await (await linked.worker.portal_sync(linked.portal_id)).reconcile()
    await linked.settle()
    # The echo of the move changes nothing here: same status, same route, one deal.
    after = await fetch(linked, f"/applications/{application['id']}")
    assert after["status"] == "screening" and after["sync"]["status"] == "synced"
    explained = (await linked.api.post("/api/v1/routing/explain", json={"application_id": application["id"]})).json()
    assert explained["current"]["bitrix24_category_id"] == pipeline["category_id"]
    assert len([d for d in await linked.all("deal") if d["CATEGORY_ID"] in {str(pipeline["category_id"])}]) == 1


async def test_a_deal_moved_to_another_applications_pipeline_in_bitrix24_stays_there(linked: Linked) -> None:
    pipeline = await routed_pipeline(linked)
    c = await chain(linked)
    application = await linked.tenant.application(c["opening"]["id"], c["student"]["id"])
    await linked.settle()
    deal_id = (await fetch(linked, f"/applications/{application['id']}"))["bitrix24_deal_id"]

    linked.sandbox.person.move_deal_to_category(deal_id, pipeline["category_id"], pipeline["stages"]["interview"])
    # Behind an incoming webhook no event tells of a pipeline move (only an application can subscribe to
    # ONCRMDEALMOVETOCATEGORY): the reconciliation finds it.
    await (await linked.worker.portal_sync(linked.portal_id)).reconcile()
    await linked.settle()
    assert (await fetch(linked, f"/applications/{application['id']}"))["status"] == "interview"
    explained = (await linked.api.post("/api/v1/routing/explain", json={"application_id": application["id"]})).json()
    assert explained["current"]["bitrix24_category_id"] == pipeline["category_id"]

    # A later change here does not pull the deal back to the pipeline it was first routed to.
    await linked.api.patch(f"/api/v1/applications/{application['id']}", json={"status": "offer"})
    await linked.settle()
    deal = await linked.get("deal", deal_id)
    assert (deal["CATEGORY_ID"], deal["STAGE_ID"]) == (str(pipeline["category_id"]), pipeline["stages"]["offer"])


async def test_a_manager_linking_the_deal_to_another_opening_in_bitrix24_routes_the_application_again(
    linked: Linked,
) -> None:
    pipeline = await routed_pipeline(linked)
    assignee = await manager(linked)
    c = await chain(linked)
    it_company = await linked.tenant.company(name=unique("ИТ-работодатель"))
    await linked.tenant.create(
        "/routing/rules",
        name="ИТ-работодатель",
        conditions={"company_ids": [it_company["id"]]},
        actions={"bitrix24_category_id": pipeline["category_id"], "assignee_id": assignee, "tags": ["ит"]},
    )
    it_opening = await linked.tenant.opening(it_company["id"], slots=3)
    application = await linked.tenant.application(c["opening"]["id"], c["student"]["id"])
    await linked.settle()
    await jobs.drain()
    application = await fetch(linked, f"/applications/{application['id']}")
    assert application["assignee_id"] is None
    it_deal = (await fetch(linked, f"/openings/{it_opening['id']}"))["bitrix24_deal_id"]

    linked.sandbox.person.update_deal(application["bitrix24_deal_id"], {"UF_CRM_IH_OPENING": it_deal})
    await linked.settle()
    await jobs.drain()

    after = await fetch(linked, f"/applications/{application['id']}")
    assert after["opening_id"] == it_opening["id"] and after["assignee_id"] == assignee
    assert after["status"] == "new" and after["sync"]["status"] == "synced"
    explained = (await linked.api.post("/api/v1/routing/explain", json={"application_id": application["id"]})).json()
    assert explained["current"]["rule_name"] == "ИТ-работодатель" and explained["current"]["tags"] == ["ит"]
    deal = await linked.get("deal", application["bitrix24_deal_id"])
    assert deal["CATEGORY_ID"] == str(pipeline["category_id"]) and deal["STAGE_ID"] == pipeline["stages"]["new"]
    assert deal["ASSIGNED_BY_ID"] == str(BITRIX24_MANAGER) and deal["UF_CRM_IH_OPENING"] == str(it_deal)
    assert any(n.user_id == BITRIX24_MANAGER for n in linked.sandbox.notifications)


async def test_a_deal_linked_to_an_opening_the_student_already_applied_to_gets_its_link_back(linked: Linked) -> None:
    c = await chain(linked)
    second = await linked.tenant.opening(c["company"]["id"], slots=3)
    first_application = await linked.tenant.application(c["opening"]["id"], c["student"]["id"])
    await linked.tenant.application(second["id"], c["student"]["id"])
    await linked.settle()
    first = await fetch(linked, f"/applications/{first_application['id']}")
    opening_deals = {
        o["id"]: (await fetch(linked, f"/openings/{o['id']}"))["bitrix24_deal_id"] for o in (c["opening"], second)
    }

    linked.sandbox.person.update_deal(first["bitrix24_deal_id"], {"UF_CRM_IH_OPENING": opening_deals[second["id"]]})
    await linked.settle()

    assert (await fetch(linked, f"/applications/{first['id']}"))["opening_id"] == c["opening"]["id"]
    deal = await linked.get("deal", first["bitrix24_deal_id"])
    assert deal["UF_CRM_IH_OPENING"] == str(opening_deals[c["opening"]["id"]])
