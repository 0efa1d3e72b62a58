"""Who sees which numbers, and bad input."""

from __future__ import annotations

from tests.factories import Tenant, error_fields, problem

ENDPOINTS = ("overview", "funnel", "time-to-hire", "trends", "skills", "distribution")


async def _world(tenant: Tenant) -> dict:
    mine, theirs = await tenant.university(), await tenant.university()
    company, rival = await tenant.company(), await tenant.company()
    opening = await tenant.opening(company["id"])
    rival_opening = await tenant.opening(rival["id"], kind="vacancy", skills=["go"])
    for university, target in ((mine, opening), (theirs, opening), (theirs, rival_opening), (mine, rival_opening)):
        student = await tenant.student(university["id"])
        application = await tenant.application(target["id"], student["id"])
        if university is mine and target is opening:
            response = await tenant.client.patch(f"/api/v1/applications/{application['id']}", json={"status": "hired"})
            assert response.status_code == 200, response.text
    return {"mine": mine, "theirs": theirs, "company": company, "rival": rival}


async def test_a_university_sees_its_own_numbers_only(tenant: Tenant) -> None:
    world = await _world(tenant)
    key = await tenant.key_client(world["mine"]["id"])
    for endpoint in ENDPOINTS:
        own = await key.get(f"/api/v1/analytics/{endpoint}")
        as_admin = await tenant.client.get(
            f"/api/v1/analytics/{endpoint}", params={"university_id": world["mine"]["id"]}
        )
        assert own.status_code == 200 and own.json() == as_admin.json(), endpoint
        problem(await key.get(f"/api/v1/analytics/{endpoint}", params={"university_id": world["theirs"]["id"]}), 404)
    overview = (await key.get("/api/v1/analytics/overview")).json()
    assert overview["applications"] == 2 and overview["hires"] == 1 and overview["students"] == 2
    problem(await key.get(f"/api/v1/analytics/university/{world['theirs']['id']}"), 404)
    own = await key.get(f"/api/v1/analytics/university/{world['mine']['id']}")
    assert own.status_code == 200 and own.json()["students_placed"] == 1


async def test_a_recruiter_sees_its_company_only(tenant: Tenant) -> None:
    world = await _world(tenant)
    recruiter = await tenant.sign_in_as("recruiter", company_id=world["company"]["id"])
    funnel = (await recruiter.get("/api/v1/analytics/funnel")).json()
    as_admin = await tenant.client.get("/api/v1/analytics/funnel", params={"company_id": world["company"]["id"]})
    assert funnel == as_admin.json() and funnel["stages"][0]["count"] == 2
    problem(await recruiter.get(f"/api/v1/analytics/company/{world['rival']['id']}"), 404)
    problem(await recruiter.get("/api/v1/analytics/overview", params={"company_id": world["rival"]["id"]}), 404)
    skills = (await recruiter.get("/api/v1/analytics/skills")).json()
    assert [row["skill"] for row in skills["demanded"]] == ["python"]  # not the rival's "go"


async def test_students_get_no_analytics(tenant: Tenant) -> None:
    university = await tenant.university()
    student = await tenant.student(university["id"])
    client = await tenant.sign_in_as("student", student_id=student["id"])
    problem(await client.get("/api/v1/analytics/overview"), 403)


async def test_bad_filters_are_clear_errors(tenant: Tenant, other_tenant: Tenant) -> None:
    client = tenant.client
    response = await client.get("/api/v1/analytics/funnel", params={"date_from": "2026-05-02", "date_to": "2026-05-01"})
    problem(response, 422)
    assert error_fields(await client.get("/api/v1/analytics/overview", params={"kind": "job"})) == {"kind"}
    assert error_fields(await client.get("/api/v1/analytics/trends", params={"interval": "day"})) == {"interval"}
    assert error_fields(await client.get("/api/v1/analytics/skills", params={"limit": 0})) == {"limit"}
    assert "date_from" in error_fields(
        await client.get("/api/v1/analytics/overview", params={"date_from": "2026-13-01"})
    )
    problem(await client.get("/api/v1/analytics/overview", params={"university_id": 999_999}), 404)
    foreign = await other_tenant.university()
    problem(await client.get(f"/api/v1/analytics/university/{foreign['id']}"), 404)
    problem(await client.get("/api/v1/analytics/company/0"), 422)


async def test_a_recruiter_counts_only_the_students_who_applied_to_its_company(tenant: Tenant) -> None:
    world = await _world(tenant)
    await tenant.student(world["theirs"]["id"], skills=["cobol"])  # applied nowhere
    recruiter = await tenant.sign_in_as("recruiter", company_id=world["company"]["id"])
    overview = (await recruiter.get("/api/v1/analytics/overview")).json()
    assert overview["students"] == 2 and overview["companies"] == 1  # its two applicants, not the workspace's five
    offered = (await recruiter.get("/api/v1/analytics/skills")).json()["offered"]
    assert {row["skill"]: row["count"] for row in offered} == {"python": 2, "sql": 2}


async def test_open_openings_are_counted_now_not_by_when_they_were_created(tenant: Tenant) -> None:
    from datetime import date, timedelta

    company = await tenant.company()
    today = date.today()
    await tenant.opening(company["id"], title="Открыта")
    await tenant.opening(company["id"], title="Кончилась", ends_on=str(today - timedelta(days=1)))
    await tenant.opening(company["id"], title="Черновик", status="draft")
    long_ago = {"date_from": "2020-01-01", "date_to": "2020-12-31"}  # nothing was created then

    overview = (await tenant.client.get("/api/v1/analytics/overview", params=long_ago)).json()
    assert overview["openings_total"] == 0 and overview["openings_open_now"] == 1
