"""A student's placements: the requests naming them, where each was offered, and what became of the student."""

from __future__ import annotations

from tests.applications_flow.test_placements import setup
from tests.factories import Tenant, problem


async def test_a_students_placements_show_the_offers_and_the_outcome(tenant: Tenant) -> None:
    s = await setup(tenant)
    key = await tenant.key_client(s["university"]["id"])
    ids = [st["id"] for st in s["students"]]
    created = await key.post(
        "/api/v1/placement-requests",
        json={
            "specialty": "Прикладная информатика",
            "places": 4,
            "starts_on": "2027-07-01",
            "ends_on": "2027-08-31",
            "student_ids": ids,
        },
    )
    assert created.status_code == 201, created.text
    request = created.json()
    python = next(o for o in request["offers"] if o["opening_id"] == s["python"]["id"])
    ya = await tenant.sign_in_as("recruiter", company_id=s["ya"]["id"])
    taken = await ya.post(
        f"/api/v1/placement-requests/{request['id']}/offers/{python['id']}/decision",
        json={"accept_student_ids": ids[:1]},
    )
    assert taken.status_code == 200, taken.text

    response = await tenant.client.get(f"/api/v1/students/{ids[0]}/placements")

    assert response.status_code == 200, response.text
    [placement] = response.json()
    assert (placement["request_id"], placement["specialty"]) == (request["id"], "Прикладная информатика")
    assert (placement["status"], placement["offer_id"]) == ("accepted", python["id"])
    application = (await tenant.client.get(f"/api/v1/applications/{placement['application_id']}")).json()
    assert application["student_id"] == ids[0]
    offered = {(o["opening_title"], o["company_name"], o["status"]) for o in placement["offers"]}
    assert offered == {
        (s["python"]["title"], s["ya"]["name"], "answered"),
        (s["java"]["title"], s["sber"]["name"], "pending"),
    }
    [waiting] = (await tenant.client.get(f"/api/v1/students/{ids[3]}/placements")).json()
    assert (waiting["status"], waiting["application_id"]) == ("pending", None)
    unnamed = await tenant.student(s["university"]["id"])
    assert (await tenant.client.get(f"/api/v1/students/{unnamed['id']}/placements")).json() == []

    assert len((await key.get(f"/api/v1/students/{ids[0]}/placements")).json()) == 1
    other_university = await tenant.key_client((await tenant.university())["id"])
    problem(await other_university.get(f"/api/v1/students/{ids[0]}/placements"), 404)
