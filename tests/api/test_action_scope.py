"""Every action is checked against the caller's scope as reads are: for every endpoint that changes something and
every scoped role (a recruiter, a university coordinator, a university's API key, a student), the records of
another university and another company of the same workspace are out of reach, and nothing is written."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.api.test_tenancy import World, build_world
from tests.factories import Tenant

# A body that would be a valid change of each kind of record, so that a refusal comes from the scope check.
PATCHES = {
    "universities": {"city": "Омск"},
    "companies": {"city": "Омск"},
    "students": {"course": 3},
    "openings": {"title": "Чужая вакансия"},
    "applications": {"status": "withdrawn"},
    "partnerships": {"agreement_number": "Д-2"},
    "users": {"full_name": "Чужой"},
}
# Path parameters filled with the other side's records.
PARAMETERS = {
    "university_id": lambda w: w.university["id"],
    "company_id": lambda w: w.company["id"],
    "student_id": lambda w: w.student["id"],
    "opening_id": lambda w: w.opening["id"],
    "application_id": lambda w: w.application["id"],
    "partnership_id": lambda w: w.partnership["id"],
    "user_id": lambda w: w.user["id"],
    "key_id": lambda w: w.api_key["id"],
}
ENTITY = {
    "universities": "university_id",
    "companies": "company_id",
    "students": "student_id",
    "openings": "opening_id",
    "applications": "application_id",
}


def writes_by_id(spec: dict[str, Any], theirs: World) -> list[tuple[str, str, dict[str, Any] | None]]:
    """Every write whose path names a record of a kind the world holds, aimed at the other side's record."""
    calls = []
    for path, item in spec["paths"].items():
        for method in ("post", "put", "patch", "delete"):
            if method not in item or "{" not in path:
                continue
            collection = path.split("/")[3]
            names = [part[1:-1] for part in path.split("/") if part.startswith("{")]
            names = [ENTITY.get(collection, name) if name == "entity_id" else name for name in names]
            if not all(name in PARAMETERS for name in names):
                continue
            concrete = path
            for raw, name in zip([p for p in path.split("/") if p.startswith("{")], names, strict=True):
                concrete = concrete.replace(raw, str(PARAMETERS[name](theirs)))
            body = (
                PATCHES.get(collection) if method == "patch" else ({"name": "чужой"} if path.endswith("keys") else None)
            )
            calls.append((method.upper(), concrete, body))
    return calls


def writes_by_body(theirs: World, mine: World, role: str) -> list[tuple[str, str, dict[str, Any]]]:
    """Creations that name the other side's records in their bodies. (A university's student applying to any
    company's open opening is what universities and students do; a recruiter filing one for another company's
    opening is not.)"""
    other_opening = {"opening_id": theirs.opening["id"], "student_id": mine.student["id"]}
    return [
        *([("POST", "/api/v1/applications", other_opening)] if role == "recruiter" else []),
        ("POST", "/api/v1/applications", {"opening_id": mine.opening["id"], "student_id": theirs.student["id"]}),
        ("POST", "/api/v1/openings", {"company_id": theirs.company["id"], "kind": "internship", "title": "Чужая"}),
        (
            "POST",
            "/api/v1/students",
            {"university_id": theirs.university["id"], "full_name": "Чужой", "email": "x@y.ru", "course": 1},
        ),
        (
            "POST",
            "/api/v1/partnerships",
            {"university_id": theirs.university["id"], "company_id": theirs.company["id"], "agreement_number": "Ч"},
        ),
        ("POST", "/api/v1/reports", {"kind": "company", "subject_id": theirs.company["id"]}),
        ("POST", "/api/v1/reports", {"kind": "university", "subject_id": theirs.university["id"]}),
    ]


@pytest.mark.parametrize("role", ["recruiter", "university", "university key", "student"])
async def test_no_scoped_role_can_act_on_records_outside_its_scope(tenant: Tenant, role: str) -> None:
    mine, theirs = await build_world(tenant), await build_world(tenant)
    client: httpx.AsyncClient
    if role == "recruiter":
        client = await tenant.sign_in_as("recruiter", company_id=mine.company["id"])
    elif role == "university":
        client = await tenant.sign_in_as("university", university_id=mine.university["id"])
    elif role == "university key":
        client = await tenant.key_client(mine.university["id"])
    else:
        client = await tenant.sign_in_as("student", student_id=mine.student["id"])
    spec = (await tenant.client.get("/openapi.json")).json()
    calls = writes_by_id(spec, theirs) + writes_by_body(theirs, mine, role)
    assert len(calls) > 25
    before = await tenant.snapshot()

    let_through = []
    for method, path, body in calls:
        response = await client.request(method, path, json=body)
        if response.status_code not in (401, 403, 404, 409, 422):
            let_through.append((method, path, response.status_code))
    assert let_through == []
    assert await tenant.snapshot() == before
