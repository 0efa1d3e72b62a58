"""A record that cannot be applied is set aside with its reason; every other change keeps flowing."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from internhub import jobs
from internhub.models import ApplicationStatusChange, Company
from tests.sync.conftest import Linked


async def conflicts(linked: Linked) -> list[dict]:
    response = await linked.api.get("/api/v1/bitrix24/conflicts")
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def test_a_company_made_there_with_an_inn_we_have_waits_and_the_rest_flows(linked: Linked) -> None:
    ours = await linked.tenant.company(name="Ромашка", inn="7707083893")
    other = await linked.tenant.company(name="Лютик")
    await linked.settle()
    other_remote = (await linked.api.get(f"/api/v1/companies/{other['id']}")).json()["bitrix24_company_id"]

    duplicate = linked.sandbox.person.add_company(
        {"TITLE": "Ромашка (дубль)", "COMPANY_TYPE": "EMPLOYER", "UF_CRM_IH_INN": "7707083893"}
    )
    linked.sandbox.person.update_company(other_remote, {"TITLE": "Лютик и партнёры"})
    await linked.settle()

    assert (await linked.api.get(f"/api/v1/companies/{other['id']}")).json()["name"] == "Лютик и партнёры"
    [conflict] = await conflicts(linked)
    assert (conflict["remote_type"], conflict["remote_id"], conflict["code"]) == ("company", duplicate, "duplicate_inn")
    assert conflict["entity_id"] is None and conflict["message"]
    names = [c["name"] for c in (await linked.api.get("/api/v1/companies")).json()["items"]]
    assert sorted(names) == ["Лютик и партнёры", "Ромашка"]

    # Fixed there (another INN), the record comes in at the next change and the conflict is gone.
    linked.sandbox.person.update_company(duplicate, {"UF_CRM_IH_INN": "7736207543"})
    await linked.settle()
    assert await conflicts(linked) == []
    assert (await linked.api.get(f"/api/v1/companies/{ours['id']}")).json()["inn"] == "7707083893"
    assert (await linked.api.get("/api/v1/companies")).json()["total"] == 3


async def test_an_inn_changed_there_to_one_we_have_marks_our_record_in_conflict(linked: Linked) -> None:
    await linked.tenant.company(name="Ромашка", inn="7707083893")
    other = await linked.tenant.company(name="Лютик", inn="7736207543")
    await linked.settle()
    remote = (await linked.api.get(f"/api/v1/companies/{other['id']}")).json()["bitrix24_company_id"]
    linked.sandbox.person.update_company(remote, {"UF_CRM_IH_INN": "7707083893", "TITLE": "Лютик-2"})
    await linked.settle()
    here = (await linked.api.get(f"/api/v1/companies/{other['id']}")).json()
    assert here["sync"]["status"] == "conflict" and here["inn"] == "7736207543" and here["name"] == "Лютик"
    assert [(c["entity_id"], c["code"]) for c in await conflicts(linked)] == [(other["id"], "duplicate_inn")]


async def test_a_company_whose_type_changed_there_is_not_claimed_twice(linked: Linked) -> None:
    company = await linked.tenant.company(name="Политех-Софт")
    await linked.settle()
    remote = (await linked.api.get(f"/api/v1/companies/{company['id']}")).json()["bitrix24_company_id"]
    linked.sandbox.person.update_company(remote, {"COMPANY_TYPE": "UNIVERSITY"})
    await linked.settle()
    assert (await linked.api.get("/api/v1/universities")).json()["total"] == 0
    assert [(c["entity_id"], c["code"]) for c in await conflicts(linked)] == [(company["id"], "kind_changed")]


async def test_two_records_cannot_claim_one_bitrix24_record(linked: Linked) -> None:
    first = await linked.tenant.company()
    second = await linked.tenant.company()
    await linked.settle()
    async with linked.app.state.sessionmaker() as session:
        remote = await session.scalar(select(Company.bitrix24_company_id).where(Company.id == first["id"]))
        with pytest.raises(IntegrityError):
            await session.execute(update(Company).where(Company.id == second["id"]).values(bitrix24_company_id=remote))
            await session.flush()


async def test_an_incomplete_contact_waits_without_holding_up_others(linked: Linked) -> None:
    university = await linked.tenant.university()
    await linked.settle()
    remote = (await linked.api.get(f"/api/v1/universities/{university['id']}")).json()["bitrix24_company_id"]
    # A student without an e-mail or course cannot be one of ours yet.
    bare = linked.sandbox.person.add_contact({"NAME": "Иван", "LAST_NAME": "Петров", "COMPANY_ID": remote})
    linked.sandbox.person.update_company(remote, {"TITLE": "Новое имя"})
    await linked.settle()
    assert (await linked.api.get(f"/api/v1/universities/{university['id']}")).json()["name"] == "Новое имя"
    assert [(c["remote_id"], c["code"]) for c in await conflicts(linked)] == [(bare, "incomplete")]


async def two_hopefuls(linked: Linked, slots: int = 1) -> tuple[dict, list[tuple[int, int]]]:
    university = await linked.tenant.university()
    company = await linked.tenant.company()
    opening = await linked.tenant.opening(company["id"], slots=slots)
    pairs = []
    for n in range(2):
        student = await linked.tenant.student(university["id"], full_name=f"Кандидатов Кандидат {n}")
        application = await linked.tenant.application(opening["id"], student["id"])
        pairs.append(application["id"])
    await linked.settle()
    deals = [(a, (await linked.api.get(f"/api/v1/applications/{a}")).json()["bitrix24_deal_id"]) for a in pairs]
    return opening, deals


async def test_hires_made_there_beyond_the_places_are_kept_flagged_and_told(linked: Linked) -> None:
    _, deals = await two_hopefuls(linked)
    won = (await linked.api.get("/api/v1/bitrix24/mapping")).json()["applications"]["stages"]["hired"]
    for _, deal_id in deals:
        linked.sandbox.robot.update_deal(deal_id, {"ASSIGNED_BY_ID": 2})
    await linked.settle()
    for _, deal_id in deals:
        linked.sandbox.person.move_deal_stage(deal_id, won)
    await linked.settle()
    await jobs.drain()

    statuses = [(await linked.api.get(f"/api/v1/applications/{a}")).json()["status"] for a, _ in deals]
    assert statuses == ["hired", "hired"]  # the managers' moves are kept
    second, second_deal = deals[1]
    history = (await linked.api.get(f"/api/v1/applications/{second}/history")).json()
    assert history[-1]["to_status"] == "hired" and "мест" in history[-1]["reason"]
    first_history = (await linked.api.get(f"/api/v1/applications/{deals[0][0]}/history")).json()
    assert first_history[-1]["reason"] is None
    notices = [n for n in linked.sandbox.notifications if f"№{second}" in n.message]
    assert [n.user_id for n in notices] == [2]
    comments = [c for c in linked.sandbox.timeline_comments if int(c["ENTITY_ID"]) == second_deal]
    assert len(comments) == 1 and "мест" in comments[0]["COMMENT"]


async def test_a_hired_application_moved_back_there_is_kept_and_flagged(linked: Linked) -> None:
    _, [(application_id, deal_id), _] = await two_hopefuls(linked)
    assert (
        await linked.api.patch(f"/api/v1/applications/{application_id}", json={"status": "hired"})
    ).status_code == 200
    await linked.settle()
    new = (await linked.api.get("/api/v1/bitrix24/mapping")).json()["applications"]["stages"]["new"]
    linked.sandbox.person.move_deal_stage(deal_id, new)
    await linked.settle()
    await jobs.drain()
    assert (await linked.api.get(f"/api/v1/applications/{application_id}")).json()["status"] == "new"
    async with linked.app.state.sessionmaker() as session:
        last = await session.scalar(
            select(ApplicationStatusChange)
            .where(ApplicationStatusChange.application_id == application_id)
            .order_by(ApplicationStatusChange.id.desc())
            .limit(1)
        )
    assert (last.from_status, last.to_status, last.source) == ("hired", "new", "bitrix24")
    assert "не предусмотрен" in last.reason
    assert any(f"№{application_id}" in n.message for n in linked.sandbox.notifications)
