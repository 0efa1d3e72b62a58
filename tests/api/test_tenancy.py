"""Tenants never see each other: a workspace's users see nothing of another workspace, and a university's
API key sees nothing of another university. Foreign ids answer exactly like ids that do not exist."""

from dataclasses import dataclass
from typing import Any

import httpx

from tests.factories import PASSWORD, Tenant, problem

MISSING = 2**63 - 1


@dataclass
class World:
    """One of everything, all linked: a university with a student who applied to a company's opening."""

    university: dict[str, Any]
    company: dict[str, Any]
    student: dict[str, Any]
    opening: dict[str, Any]
    draft: dict[str, Any]
    application: dict[str, Any]
    partnership: dict[str, Any]
    api_key: dict[str, Any]
    user: dict[str, Any]


async def build_world(tenant: Tenant) -> World:
    university = await tenant.university()
    company = await tenant.company()
    student = await tenant.student(university["id"])
    opening = await tenant.opening(company["id"])
    draft = await tenant.opening(company["id"], status="draft")
    application = await tenant.application(opening["id"], student["id"])
    partnership = await tenant.create(
        "/partnerships", university_id=university["id"], company_id=company["id"], agreement_number="Д-1"
    )
    api_key = await tenant.create(f"/universities/{university['id']}/api-keys", name="sync")
    user = await tenant.create(
        "/users",
        email=f"rec-{company['id']}-{tenant.workspace_id}@example.ru",
        password=PASSWORD,
        role="recruiter",
        company_id=company["id"],
    )
    return World(university, company, student, opening, draft, application, partnership, api_key, user)


async def same_as_missing(client: httpx.AsyncClient, method: str, path: str, foreign_id: int, **kwargs: Any):
    """Call ``path`` with a foreign id and with an id that exists nowhere; both must fail identically."""
    foreign = await client.request(method, f"/api/v1{path}".format(id=foreign_id), **kwargs)
    missing = await client.request(method, f"/api/v1{path}".format(id=MISSING), **kwargs)
    assert 400 <= foreign.status_code < 500, (method, path, foreign.text)
    assert foreign.status_code == missing.status_code, (method, path, foreign.text, missing.text)
    assert problem(foreign, foreign.status_code) == problem(missing, missing.status_code), (method, path)
    return foreign


def by_id_requests(world: World) -> list[tuple[str, str, int, dict[str, Any]]]:
    """Every read, change and removal by id, pointed at ``world``'s records."""
    return [
        ("GET", "/universities/{id}", world.university["id"], {}),
        ("PATCH", "/universities/{id}", world.university["id"], {"json": {"city": "Хакнуто"}}),
        ("DELETE", "/universities/{id}", world.university["id"], {}),
        ("GET", "/universities/{id}/students", world.university["id"], {}),
        ("GET", "/companies/{id}", world.company["id"], {}),
        ("PATCH", "/companies/{id}", world.company["id"], {"json": {"city": "Хакнуто"}}),
        ("DELETE", "/companies/{id}", world.company["id"], {}),
        ("GET", "/partnerships/{id}", world.partnership["id"], {}),
        ("PATCH", "/partnerships/{id}", world.partnership["id"], {"json": {"agreement_number": "X"}}),
        ("DELETE", "/partnerships/{id}", world.partnership["id"], {}),
        ("GET", "/students/{id}", world.student["id"], {}),
        ("PATCH", "/students/{id}", world.student["id"], {"json": {"course": 1}}),
        ("DELETE", "/students/{id}", world.student["id"], {}),
        ("GET", "/openings/{id}", world.opening["id"], {}),
        ("PATCH", "/openings/{id}", world.opening["id"], {"json": {"status": "closed"}}),
        ("DELETE", "/openings/{id}", world.draft["id"], {}),
        ("GET", "/applications/{id}", world.application["id"], {}),
        ("GET", "/applications/{id}/history", world.application["id"], {}),
        ("PATCH", "/applications/{id}", world.application["id"], {"json": {"status": "withdrawn"}}),
        ("DELETE", "/applications/{id}", world.application["id"], {}),
    ]


async def test_a_workspace_admin_cannot_reach_anything_of_another_workspace(
    tenant: Tenant, other_tenant: Tenant
) -> None:
    mine = await build_world(tenant)
    theirs = await build_world(other_tenant)
    before = await other_tenant.snapshot()
    client = tenant.client

    for method, path, foreign_id, kwargs in [
        *by_id_requests(theirs),
        ("GET", "/universities/{id}/api-keys", theirs.university["id"], {}),
        ("POST", "/universities/{id}/api-keys", theirs.university["id"], {"json": {"name": "stolen"}}),
        ("DELETE", "/api-keys/{id}", theirs.api_key["id"], {}),
        ("PATCH", "/users/{id}", theirs.user["id"], {"json": {"is_active": False}}),
    ]:
        response = await same_as_missing(client, method, path, foreign_id, **kwargs)
        assert response.status_code == 404, (method, path)

    # Creating or changing something of ours that points at theirs.
    student = {"full_name": "Чужой", "email": "foreign@example.ru", "course": 2}
    opening = {"kind": "internship", "title": "Чужая"}
    for method, path, field, foreign_id, body in (
        ("POST", "/students", "university_id", theirs.university["id"], student),
        ("PATCH", f"/students/{mine.student['id']}", "university_id", theirs.university["id"], {}),
        ("POST", "/openings", "company_id", theirs.company["id"], opening),
        (
            "POST",
            "/partnerships",
            "university_id",
            theirs.university["id"],
            {"company_id": mine.company["id"], "agreement_number": "Ч-1"},
        ),
        (
            "POST",
            "/partnerships",
            "company_id",
            theirs.company["id"],
            {"university_id": mine.university["id"], "agreement_number": "Ч-2"},
        ),
        ("POST", "/applications", "opening_id", theirs.opening["id"], {"student_id": mine.student["id"]}),
        ("POST", "/applications", "student_id", theirs.student["id"], {"opening_id": mine.opening["id"]}),
        ("PATCH", f"/applications/{mine.application['id']}", "assignee_id", theirs.user["id"], {}),
        (
            "POST",
            "/applications",
            "assignee_id",
            theirs.user["id"],
            {"opening_id": mine.draft["id"], "student_id": mine.student["id"]},
        ),
        (
            "POST",
            "/users",
            "company_id",
            theirs.company["id"],
            {"email": "spy@example.ru", "password": PASSWORD, "role": "recruiter"},
        ),
        (
            "POST",
            "/users",
            "student_id",
            theirs.student["id"],
            {"email": "spy@example.ru", "password": PASSWORD, "role": "student"},
        ),
    ):
        foreign = await client.request(method, f"/api/v1{path}", json={**body, field: foreign_id})
        missing = await client.request(method, f"/api/v1{path}", json={**body, field: MISSING})
        assert 400 <= foreign.status_code < 500, (path, field, foreign.text)
        assert problem(foreign, foreign.status_code) == problem(missing, missing.status_code), (path, field)

    # Lists filtered by their ids are empty; plain lists and searches hold none of theirs.
    for path, params in (
        ("/students", {"university_id": theirs.university["id"]}),
        ("/openings", {"company_id": theirs.company["id"]}),
        ("/partnerships", {"university_id": theirs.university["id"]}),
        ("/partnerships", {"company_id": theirs.company["id"]}),
        ("/applications", {"opening_id": theirs.opening["id"]}),
        ("/applications", {"student_id": theirs.student["id"]}),
        ("/applications", {"company_id": theirs.company["id"]}),
        ("/applications", {"university_id": theirs.university["id"]}),
        ("/applications", {"assignee_id": theirs.user["id"]}),
        ("/universities", {"q": theirs.university["name"]}),
        ("/companies", {"q": theirs.company["name"]}),
        ("/companies", {"inn": theirs.company["inn"]}),
        ("/openings", {"q": theirs.opening["title"]}),
        ("/students", {"q": theirs.student["email"]}),
    ):
        listed = (await client.get(f"/api/v1{path}", params=params)).json()
        assert listed["items"] == [] and listed["total"] == 0, (path, params)
    for path, record in (
        ("/universities", theirs.university),
        ("/companies", theirs.company),
        ("/students", theirs.student),
        ("/openings", theirs.opening),
        ("/applications", theirs.application),
        ("/partnerships", theirs.partnership),
    ):
        ids = [item["id"] for item in (await client.get(f"/api/v1{path}")).json()["items"]]
        assert record["id"] not in ids and len(ids) >= 1, path
    users = (await client.get("/api/v1/users")).json()
    assert theirs.user["id"] not in [u["id"] for u in users]

    assert await other_tenant.snapshot() == before


async def test_a_university_key_cannot_reach_another_universitys_data(tenant: Tenant) -> None:
    own = await build_world(tenant)
    other = await build_world(tenant)
    key = await tenant.key_client(own.university["id"])

    # Its own university's data is in reach (so the 404s below are about scope, not a broken key).
    assert (await key.get(f"/api/v1/students/{own.student['id']}")).status_code == 200
    assert (await key.get(f"/api/v1/applications/{own.application['id']}")).status_code == 200
    assert (await key.get(f"/api/v1/partnerships/{own.partnership['id']}")).status_code == 200
    before = await tenant.snapshot()

    for method, path, foreign_id, kwargs in by_id_requests(other):
        if path.startswith(("/companies", "/openings")):
            continue  # employers and published openings are shared by the whole workspace
        response = await same_as_missing(key, method, path, foreign_id, **kwargs)
        # 403 only where a university may never act (partnerships are recorded by managers).
        assert response.status_code in ({404} if method == "GET" else {403, 404}), (method, path)

    new_student = {"full_name": "Чужой", "email": "foreign@example.ru", "course": 2}
    for method, path, field, foreign_id, body in (
        ("POST", "/students", "university_id", other.university["id"], new_student),
        ("PATCH", f"/students/{own.student['id']}", "university_id", other.university["id"], {}),
        ("POST", "/applications", "student_id", other.student["id"], {"opening_id": own.opening["id"]}),
    ):
        foreign = await key.request(method, f"/api/v1{path}", json={**body, field: foreign_id})
        missing = await key.request(method, f"/api/v1{path}", json={**body, field: MISSING})
        assert foreign.status_code in (403, 404), (path, foreign.text)
        assert problem(foreign, foreign.status_code) == problem(missing, missing.status_code), path

    for path, params, expected in (
        ("/universities", {}, [own.university["id"]]),
        ("/students", {}, [own.student["id"]]),
        ("/students", {"university_id": other.university["id"]}, []),
        ("/applications", {}, [own.application["id"]]),
        ("/applications", {"university_id": other.university["id"]}, []),
        ("/applications", {"student_id": other.student["id"]}, []),
        ("/applications", {"opening_id": other.opening["id"]}, []),
        ("/partnerships", {}, [own.partnership["id"]]),
        ("/partnerships", {"university_id": other.university["id"]}, []),
        (f"/universities/{own.university['id']}/students", {}, [own.student["id"]]),
    ):
        listed = (await key.get(f"/api/v1{path}", params=params)).json()
        assert [item["id"] for item in listed["items"]] == expected, (path, params)
        assert listed["total"] == len(expected)
    assert other.draft["id"] not in [o["id"] for o in (await key.get("/api/v1/openings")).json()["items"]]

    after = await tenant.snapshot()
    for rows in (before, after):  # using the key stamps its last_used_at; nothing else may change
        for row in rows["api_keys"]:
            row.pop("last_used_at")
    assert after == before


async def test_a_university_key_cannot_reach_another_workspace(tenant: Tenant, other_tenant: Tenant) -> None:
    own = await tenant.university()
    theirs = await build_world(other_tenant)
    key = await tenant.key_client(own["id"])
    before = await other_tenant.snapshot()

    for method, path, foreign_id, kwargs in by_id_requests(theirs):
        response = await same_as_missing(key, method, path, foreign_id, **kwargs)
        assert response.status_code in (403, 404), (method, path)
    for path in ("/universities", "/companies", "/students", "/openings", "/applications", "/partnerships"):
        ids = [item["id"] for item in (await key.get(f"/api/v1{path}")).json()["items"]]
        assert ids in ([], [own["id"]]), path

    assert await other_tenant.snapshot() == before


async def test_signed_in_users_of_every_role_stay_inside_their_workspace(tenant: Tenant, other_tenant: Tenant) -> None:
    mine = await build_world(tenant)
    theirs = await build_world(other_tenant)
    before = await other_tenant.snapshot()
    clients = [
        await tenant.sign_in_as("manager"),
        await tenant.sign_in_as("recruiter", company_id=mine.company["id"]),
        await tenant.sign_in_as("university", university_id=mine.university["id"]),
        await tenant.sign_in_as("student", student_id=mine.student["id"]),
    ]

    for client in clients:
        for method, path, foreign_id, kwargs in by_id_requests(theirs):
            if method != "GET":
                continue
            response = await same_as_missing(client, method, path, foreign_id, **kwargs)
            assert response.status_code == 404, (method, path)
        for path, record in (
            ("/universities", theirs.university),
            ("/companies", theirs.company),
            ("/students", theirs.student),
            ("/openings", theirs.opening),
            ("/applications", theirs.application),
        ):
            ids = [item["id"] for item in (await client.get(f"/api/v1{path}")).json()["items"]]
            assert record["id"] not in ids, path

    assert await other_tenant.snapshot() == before
