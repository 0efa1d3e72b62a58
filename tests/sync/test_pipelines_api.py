"""The portal's deal pipelines and their stages, read from Bitrix24 for the mapping and routing screens."""

from __future__ import annotations

from tests.factories import problem
from tests.sync.conftest import Linked


async def test_pipelines_and_stages_come_from_the_portal_as_it_is_now(linked: Linked) -> None:
    remote = linked.remote()
    added = (await remote.call("crm.category.add", {"entityTypeId": 2, "fields": {"name": "Летняя школа"}})).result
    await remote.aclose()
    mapping = (await linked.api.get("/api/v1/bitrix24/mapping")).json()

    response = await linked.api.get("/api/v1/bitrix24/pipelines")

    assert response.status_code == 200, response.text
    pipelines = {p["id"]: p for p in response.json()}
    assert response.json()[0]["id"] == 0 and response.json()[0]["is_default"] is True
    default = [(s["id"], s["semantics"]) for s in pipelines[0]["stages"]]
    assert default[0] == ("NEW", "process") and ("WON", "success") in default and ("LOSE", "failure") in default
    summer = pipelines[int(added["category"]["id"])]
    assert summer["name"] == "Летняя школа" and summer["is_default"] is False
    assert summer["stages"][0]["id"] == f"C{summer['id']}:NEW"
    assert [s["sort"] for s in summer["stages"]] == sorted(s["sort"] for s in summer["stages"])
    applications = pipelines[mapping["applications"]["category_id"]]
    stage_ids = {s["id"] for s in applications["stages"]}
    assert set(mapping["applications"]["stages"].values()) <= stage_ids


async def test_only_staff_read_pipelines_and_a_portal_that_refuses_is_a_502(linked: Linked) -> None:
    company = await linked.tenant.company()
    recruiter = await linked.tenant.sign_in_as("recruiter", company_id=company["id"])
    problem(await recruiter.get("/api/v1/bitrix24/pipelines"), 403)

    linked.sandbox.config.webhook_code = "revoked-by-the-portal-admin"
    body = problem(await linked.api.get("/api/v1/bitrix24/pipelines"), 502)
    assert "Bitrix24" in body["detail"]


async def test_without_a_portal_there_are_no_pipelines(tenant) -> None:
    problem(await tenant.client.get("/api/v1/bitrix24/pipelines"), 404)
