"""The candidate behind an application, whole, for the staff who handle it: the person, the university, the
assignee and the CV."""

from __future__ import annotations

from tests.applications_flow.conftest import PDF, public_apply, world
from tests.factories import Tenant, problem


async def test_staff_in_scope_see_the_candidate_whole(tenant: Tenant) -> None:
    w = await world(tenant)
    made = await public_apply(
        tenant,
        w["opening"]["id"],
        university_id=w["university"]["id"],
        email="candidate@example.ru",
        full_name="Орлова Мария",
        phone="+7 900 111-22-33",
        course="3",
        specialty="Прикладная информатика",
        skills="python,sql",
        cv=("Резюме Орловой.pdf", PDF),
    )
    assert made.status_code == 201, made.text
    application_id = made.json()["id"]
    me = (await tenant.client.get("/api/v1/auth/me")).json()
    await tenant.client.patch(f"/api/v1/applications/{application_id}", json={"assignee_id": me["user_id"]})

    candidate = (await tenant.client.get(f"/api/v1/applications/{application_id}/candidate")).json()
    assert candidate["full_name"] == "Орлова Мария" and candidate["email"] == "candidate@example.ru"
    assert candidate["phone"] == "+79001112233" and candidate["course"] == 3
    assert candidate["specialty"] == "Прикладная информатика" and candidate["skills"] == ["python", "sql"]
    assert candidate["university_id"] == w["university"]["id"]
    assert candidate["university_name"] == w["university"]["name"]
    assert candidate["assignee_id"] == me["user_id"] and candidate["assignee_name"]
    cv = candidate["cv"]
    assert cv["filename"] == "Резюме Орловой.pdf" and cv["content_type"] == "application/pdf"
    assert cv["size"] == len(PDF)

    recruiter = await tenant.sign_in_as("recruiter", company_id=w["company"]["id"])
    assert (await recruiter.get(f"/api/v1/applications/{application_id}/candidate")).json()["cv"]["size"] == len(PDF)
    other = await tenant.company()
    outsider = await tenant.sign_in_as("recruiter", company_id=other["id"])
    problem(await outsider.get(f"/api/v1/applications/{application_id}/candidate"), 404)


async def test_without_a_cv_the_candidate_says_so(tenant: Tenant) -> None:
    w = await world(tenant)
    made = await public_apply(tenant, w["opening"]["id"], cv=None, university_id=w["university"]["id"])
    candidate = (await tenant.client.get(f"/api/v1/applications/{made.json()['id']}/candidate")).json()
    assert candidate["cv"] is None and candidate["assignee_id"] is None and candidate["assignee_name"] is None
