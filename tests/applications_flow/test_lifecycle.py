"""The status life cycle: allowed moves, history with who and from which side, no overbooking, bulk changes."""

from __future__ import annotations

import asyncio

from internhub.models import ApplicationStatusChange
from tests.applications_flow.conftest import world
from tests.factories import Tenant, problem


async def test_concurrent_hires_never_overbook_an_opening(tenant: Tenant) -> None:
    w = await world(tenant, slots=3)
    students = [await tenant.student(w["university"]["id"]) for _ in range(10)]
    applications = [await tenant.application(w["opening"]["id"], s["id"]) for s in students]

    answers = await asyncio.gather(
        *(tenant.client.patch(f"/api/v1/applications/{a['id']}", json={"status": "hired"}) for a in applications)
    )

    assert sorted(r.status_code for r in answers) == [200] * 3 + [409] * 7, [r.text for r in answers]
    assert await tenant.total("/applications", status="hired") == 3
    public = (await tenant.client.get(f"/api/v1/public/openings/{w['opening']['id']}")).json()
    assert public["free_slots"] == 0


async def test_moves_follow_the_pipeline_and_rejection_needs_a_reason(tenant: Tenant) -> None:
    w = await world(tenant)
    application = await tenant.application(w["opening"]["id"], (await tenant.student(w["university"]["id"]))["id"])
    path = f"/api/v1/applications/{application['id']}"

    for step in ("screening", "interview", "offer"):
        assert (await tenant.client.patch(path, json={"status": step})).status_code == 200
    back = problem(await tenant.client.patch(path, json={"status": "new"}), 409)
    assert back["allowed"] == ["hired", "rejected", "withdrawn"]
    no_reason = problem(await tenant.client.patch(path, json={"status": "rejected"}), 422)
    assert no_reason["errors"][0]["field"] == "rejection_reason"
    assert (
        await tenant.client.patch(path, json={"status": "rejected", "rejection_reason": "Нет мест"})
    ).status_code == 200

    history = (await tenant.client.get(f"{path}/history")).json()
    assert [h["to_status"] for h in history] == ["new", "screening", "interview", "offer", "rejected"]
    assert all(h["changed_by_id"] and h["source"] == "portal" for h in history)
    assert history[-1]["reason"] == "Нет мест"


async def test_a_university_withdraws_its_students_application_and_history_says_so(tenant: Tenant) -> None:
    w = await world(tenant)
    key = await tenant.key_client(w["university"]["id"])
    created = await key.post(
        "/api/v1/applications/from-university",
        json={
            "opening_id": w["opening"]["id"],
            "students": [{"email": "w@example.ru", "full_name": "В В", "course": 2}],
        },
    )
    application_id = created.json()[0]["application_id"]

    problem(await key.patch(f"/api/v1/applications/{application_id}", json={"status": "interview"}), 403)
    assert (await key.patch(f"/api/v1/applications/{application_id}", json={"status": "withdrawn"})).status_code == 200

    history = (await tenant.client.get(f"/api/v1/applications/{application_id}/history")).json()
    assert [(h["to_status"], h["source"]) for h in history] == [("new", "university"), ("withdrawn", "university")]
    assert history[-1]["actor"].startswith("API key")


async def test_bulk_changes_each_application_on_its_own(tenant: Tenant) -> None:
    w = await world(tenant, slots=1)
    students = [await tenant.student(w["university"]["id"]) for _ in range(4)]
    apps = [await tenant.application(w["opening"]["id"], s["id"]) for s in students]
    ids = [a["id"] for a in apps]
    await tenant.client.patch(f"/api/v1/applications/{ids[3]}", json={"status": "withdrawn"})
    me = (await tenant.client.get("/api/v1/auth/me")).json()["user_id"]

    hired = await tenant.client.post(
        "/api/v1/applications/bulk", json={"ids": ids[:2], "action": "status", "status": "hired"}
    )
    assert [(r["ok"], r.get("status")) for r in hired.json()] == [(True, None), (False, 409)]
    assert hired.json()[1]["code"] == "opening_full"  # for a client to say why in its reader's language

    rejected = await tenant.client.post(
        "/api/v1/applications/bulk",
        json={"ids": [ids[1], ids[3], 987654], "action": "reject", "reason": "Набор закрыт"},
    )
    results = rejected.json()
    assert [r["ok"] for r in results] == [True, False, False]
    assert results[1]["status"] == 409 and results[1]["allowed"] == [] and results[2]["status"] == 404
    assert (results[1]["code"], results[2]["code"]) == ("application_transition_refused", "not_found")
    assigned = await tenant.client.post(
        "/api/v1/applications/bulk", json={"ids": ids, "action": "assign", "assignee_id": me}
    )
    assert all(r["ok"] and r["assignee_id"] == me for r in assigned.json())

    statuses = [(await tenant.client.get(f"/api/v1/applications/{i}")).json()["status"] for i in ids]
    assert statuses == ["hired", "rejected", "new", "withdrawn"]
    async with tenant.app.state.sessionmaker() as session:
        from sqlalchemy import func, select

        changes = await session.scalar(
            select(func.count()).where(
                ApplicationStatusChange.application_id.in_(ids), ApplicationStatusChange.from_status.is_not(None)
            )
        )
    assert changes == 3  # withdrawn, hired, rejected: the refused items left no history
    problem(await tenant.client.post("/api/v1/applications/bulk", json={"ids": ids, "action": "reject"}), 422)
    student_client = await tenant.sign_in_as("student", student_id=students[2]["id"])
    refused = (
        await student_client.post(
            "/api/v1/applications/bulk", json={"ids": [ids[2]], "action": "status", "status": "hired"}
        )
    ).json()
    assert refused[0]["status"] == 403
