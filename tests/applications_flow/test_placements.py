"""Placement requests: matched to internships with free places, answered by each company, visible to those involved."""

from __future__ import annotations

from tests.factories import Tenant, problem


async def setup(tenant: Tenant) -> dict:
    university = await tenant.university()
    students = [await tenant.student(university["id"], skills=["python", "sql"]) for _ in range(4)]
    ya, sber, far = await tenant.company(), await tenant.company(), await tenant.company()
    python = await tenant.opening(
        ya["id"], slots=2, skills=["python", "sql"], starts_on="2027-07-01", ends_on="2027-08-31"
    )
    java = await tenant.opening(sber["id"], slots=5, skills=["java"], starts_on="2027-07-01", ends_on="2027-08-31")
    await tenant.opening(far["id"], slots=9, skills=["python"], starts_on="2028-07-01", ends_on="2028-08-31")
    await tenant.opening(far["id"], slots=9, kind="vacancy")
    return {"university": university, "students": students, "ya": ya, "sber": sber, "python": python, "java": java}


async def test_a_request_is_offered_to_matching_internships_and_answered_per_company(tenant: Tenant) -> None:
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
    offers = {o["opening_id"]: o for o in request["offers"]}
    # Best skill match first (2 free places), then the rest from the next internship; other years and vacancies never.
    assert list(offers) == [s["python"]["id"], s["java"]["id"]]
    assert offers[s["python"]["id"]]["places"] == 2 and offers[s["java"]["id"]]["places"] == 2

    ya = await tenant.sign_in_as("recruiter", company_id=s["ya"]["id"])
    sber = await tenant.sign_in_as("recruiter", company_id=s["sber"]["id"])
    path = f"/api/v1/placement-requests/{request['id']}/offers"
    problem(
        await sber.post(f"{path}/{offers[s['python']['id']]['id']}/decision", json={"accept_student_ids": ids[:1]}), 403
    )
    problem(
        await ya.post(f"{path}/{offers[s['python']['id']]['id']}/decision", json={"accept_student_ids": ids[:3]}), 409
    )
    taken = await ya.post(f"{path}/{offers[s['python']['id']]['id']}/decision", json={"accept_student_ids": ids[:1]})
    assert taken.status_code == 200, taken.text
    problem(await ya.post(f"{path}/{offers[s['python']['id']]['id']}/decision", json={"accept_student_ids": []}), 409)
    problem(
        await sber.post(f"{path}/{offers[s['java']['id']]['id']}/decision", json={"accept_student_ids": ids[:1]}), 409
    )
    done = (
        await sber.post(f"{path}/{offers[s['java']['id']]['id']}/decision", json={"accept_student_ids": ids[1:3]})
    ).json()

    assert done["status"] == "answered"
    # The company sees its own part: its offer and the students it took, and who is left unplaced.
    assert [(o["opening_id"], o["accepted"], o["declined"]) for o in done["offers"]] == [(s["java"]["id"], 2, 0)]
    assert {c["student_id"]: c["status"] for c in done["candidates"]} == {
        ids[1]: "accepted",
        ids[2]: "accepted",
        ids[3]: "declined",
    }
    whole = (await tenant.client.get(f"/api/v1/placement-requests/{request['id']}")).json()
    by_student = {c["student_id"]: c for c in whole["candidates"]}
    assert [by_student[i]["status"] for i in ids] == ["accepted", "accepted", "accepted", "declined"]
    answered = {o["opening_id"]: (o["accepted"], o["declined"]) for o in whole["offers"]}
    assert answered == {s["python"]["id"]: (1, 1), s["java"]["id"]: (2, 0)}
    application = (await tenant.client.get(f"/api/v1/applications/{by_student[ids[0]]['application_id']}")).json()
    assert (application["opening_id"], application["student_id"], application["source"]) == (
        s["python"]["id"],
        ids[0],
        "university",
    )

    assert (await key.get(f"/api/v1/placement-requests/{request['id']}")).status_code == 200
    assert (await ya.get("/api/v1/placement-requests")).json()["total"] == 1
    outsider = await tenant.sign_in_as("recruiter", company_id=(await tenant.company())["id"])
    problem(await outsider.get(f"/api/v1/placement-requests/{request['id']}"), 404)
    other_university = await tenant.key_client((await tenant.university())["id"])
    problem(await other_university.get(f"/api/v1/placement-requests/{request['id']}"), 404)


async def test_placement_input_is_checked(tenant: Tenant, other_tenant: Tenant) -> None:
    s = await setup(tenant)
    key = await tenant.key_client(s["university"]["id"])
    stranger = await tenant.student((await tenant.university())["id"])
    body = {"specialty": "ИТ", "places": 2, "student_ids": [s["students"][0]["id"]]}

    problem(await key.post("/api/v1/placement-requests", json={**body, "student_ids": [stranger["id"]]}), 422)
    problem(await key.post("/api/v1/placement-requests", json={**body, "places": 0}), 422)
    problem(
        await key.post("/api/v1/placement-requests", json={**body, "starts_on": "2027-09-01", "ends_on": "2027-08-01"}),
        422,
    )
    problem(
        await key.post("/api/v1/placement-requests", json={**body, "university_id": stranger["university_id"]}), 403
    )
    problem(await tenant.client.post("/api/v1/placement-requests", json=body), 422)  # staff must name the university
    problem(await other_tenant.client.get("/api/v1/placement-requests/1"), 404)
    assert (await tenant.client.get("/api/v1/placement-requests")).json()["total"] == 0


async def test_a_recruiter_sees_only_the_part_of_a_request_offered_to_its_company(tenant: Tenant) -> None:
    s = await setup(tenant)
    key = await tenant.key_client(s["university"]["id"])
    ids = [st["id"] for st in s["students"]]
    body = {"specialty": "ИТ", "places": 4, "starts_on": "2027-07-01", "ends_on": "2027-08-31", "student_ids": ids}
    request = (await key.post("/api/v1/placement-requests", json=body)).json()
    offer_of = {o["company_id"]: o for o in request["offers"]}
    ya = await tenant.sign_in_as("recruiter", company_id=s["ya"]["id"])
    sber = await tenant.sign_in_as("recruiter", company_id=s["sber"]["id"])
    decision = f"/api/v1/placement-requests/{request['id']}/offers/{offer_of[s['ya']['id']]['id']}/decision"
    taken = await ya.post(decision, json={"accept_student_ids": ids[:2]})
    assert taken.status_code == 200, taken.text

    seen = (await sber.get(f"/api/v1/placement-requests/{request['id']}")).json()
    listed = (await sber.get("/api/v1/placement-requests")).json()["items"]

    for view in (seen, listed[0]):
        assert [o["company_id"] for o in view["offers"]] == [s["sber"]["id"]]
        # The students another company took are that company's answer: neither they nor their applications show.
        assert {c["student_id"]: c["status"] for c in view["candidates"]} == {ids[2]: "pending", ids[3]: "pending"}
        assert all(c["application_id"] is None for c in view["candidates"])
    own = (await ya.get(f"/api/v1/placement-requests/{request['id']}")).json()
    assert [o["company_id"] for o in own["offers"]] == [s["ya"]["id"]] and own["offers"][0]["accepted"] == 2
    assert {c["student_id"] for c in own["candidates"]} == set(ids)
    university_view = (await key.get(f"/api/v1/placement-requests/{request['id']}")).json()
    assert len(university_view["offers"]) == 2 and len(university_view["candidates"]) == 4
