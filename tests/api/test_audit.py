"""The audit log: who changed what and when, and from which side, for every write; admins read it."""

from __future__ import annotations

from tests.applications_flow.conftest import public_apply, world
from tests.factories import PASSWORD, Tenant, problem, unique


async def entries(tenant: Tenant, **params) -> list[dict]:
    response = await tenant.client.get("/api/v1/audit", params={"limit": 200, **params})
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def test_each_write_names_who_made_it_what_changed_and_from_which_side(tenant: Tenant) -> None:
    university = await tenant.university(name=unique("Вуз"))
    await tenant.client.patch(f"/api/v1/universities/{university['id']}", json={"city": "Томск"})
    key = await tenant.key_client(university["id"])
    made = await key.post(
        "/api/v1/students",
        json={"university_id": university["id"], "full_name": "Анна", "email": f"{unique('a')}@x.ru", "course": 2},
    )
    assert made.status_code == 201, made.text
    w = await world(tenant)
    applied = await public_apply(tenant, w["opening"]["id"], university_id=w["university"]["id"])
    await tenant.client.delete(f"/api/v1/universities/{university['id']}")  # refused: it has a student

    log = await entries(tenant, entity_type="university", entity_id=university["id"])
    assert [(e["action"], e["actor_kind"]) for e in log] == [("update", "user"), ("create", "user")]
    assert log[0]["changes"] == {"city": [university["city"], "Томск"]} and log[0]["actor_name"]
    [by_key] = await entries(tenant, entity_type="student", entity_id=made.json()["id"])
    assert by_key["actor_kind"] == "api_key" and by_key["changes"]["full_name"] == [None, "Анна"]
    public = await entries(tenant, entity_type="application", entity_id=applied.json()["id"])
    assert public and {e["actor_kind"] for e in public} == {"public"}


async def test_secrets_never_enter_the_log_and_only_admins_read_it(tenant: Tenant) -> None:
    user = await tenant.create("/users", email=f"{unique('u')}@example.ru", password=PASSWORD, role="manager")
    await tenant.client.patch(f"/api/v1/users/{user['id']}", json={"password": "a-brand-new-password"})
    log = await entries(tenant, entity_type="user", entity_id=user["id"])
    assert [e["action"] for e in log] == ["update", "create"]
    assert log[0]["changes"]["password_hash"] == ["***", "***"]
    assert "argon2" not in str(log)
    manager = await tenant.sign_in_as("manager")
    problem(await manager.get("/api/v1/audit"), 403)


async def test_a_refused_write_leaves_no_entry(tenant: Tenant) -> None:
    before = len(await entries(tenant))
    problem(await tenant.client.post("/api/v1/universities", json={"name": ""}), 422)
    assert len(await entries(tenant)) == before
