"""The people applications can be assigned to, chosen by name."""

from __future__ import annotations

from tests.factories import PASSWORD, Tenant, problem


async def test_staff_choose_assignees_by_name_among_active_people(tenant: Tenant) -> None:
    await tenant.create("/users", email="zoya@example.ru", password=PASSWORD, role="manager", full_name="Зоя Ким")
    gone = await tenant.create("/users", email="old@example.ru", password=PASSWORD, role="manager", full_name="Уволен")
    await tenant.client.patch(f"/api/v1/users/{gone['id']}", json={"is_active": False})
    company = await tenant.company()
    await tenant.create("/users", email="hr@example.ru", password=PASSWORD, role="recruiter", company_id=company["id"])
    university = await tenant.university()
    await tenant.create(
        "/users", email="uni@example.ru", password=PASSWORD, role="university", university_id=university["id"]
    )

    manager = await tenant.sign_in_as("manager")
    people = (await manager.get("/api/v1/assignees")).json()
    names = [p["name"] for p in people]
    assert "Зоя Ким" in names and "hr@example.ru" in names
    assert "Уволен" not in names and "uni@example.ru" not in names
    assert names == sorted(names, key=str.lower)
    recruiter = await tenant.sign_in_as("recruiter", company_id=company["id"])
    problem(await recruiter.get("/api/v1/assignees"), 403)
