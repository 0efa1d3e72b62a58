"""Bad input gets a clear RFC 9457 problem (4xx, never a 500) and leaves nothing written."""

import base64
import json
from collections.abc import AsyncIterator

import httpx
import pytest

from internhub.companies.inn import is_valid_inn
from internhub.models import University
from tests.factories import Tenant, client_for, error_fields, problem

MAX_ID = 2**63 - 1
MIB = 1024 * 1024


async def test_every_kind_of_error_is_problem_json(tenant: Tenant) -> None:
    anonymous = client_for(tenant.app)
    async with anonymous:
        problem(await anonymous.get("/api/v1/universities"), 401)
    problem(await tenant.client.get("/api/v1/universities/987654321"), 404)
    problem(await tenant.client.get("/api/v1/no-such-thing"), 404)
    problem(await tenant.client.put("/api/v1/universities"), 405)
    problem(await tenant.client.post("/api/v1/universities", json={}), 422)
    problem(await tenant.client.get("/api/v1/universities", params={"sort": "nope"}), 400)


async def test_unauthenticated_answer_asks_for_a_bearer_token(tenant: Tenant) -> None:
    async with client_for(tenant.app) as anonymous:
        response = await anonymous.get("/api/v1/students")
    assert problem(response, 401)["detail"]
    assert response.headers["www-authenticate"] == "Bearer"


async def test_validation_errors_name_each_bad_field_and_write_nothing(tenant: Tenant) -> None:
    university = await tenant.university()
    before = await tenant.snapshot()

    response = await tenant.client.post(
        "/api/v1/students",
        json={"university_id": university["id"], "email": "not-an-email", "course": 9, "full_name": ""},
    )

    body = problem(response, 422)
    assert {e["field"] for e in body["errors"]} == {"email", "course", "full_name"}
    assert all(e["in"] == "body" and e["message"] for e in body["errors"])
    assert await tenant.snapshot() == before


async def test_malformed_json_is_a_400_and_writes_nothing(tenant: Tenant) -> None:
    before = await tenant.snapshot()
    for raw in (b'{"name": "Broken', b"{'name': 'single quotes'}", b"", b"\xff\xfe"):
        response = await tenant.client.post(
            "/api/v1/universities", content=raw, headers={"content-type": "application/json"}
        )
        assert response.status_code in (400, 422), (raw, response.text)
        problem(response, response.status_code)
    body = problem(
        await tenant.client.post(
            "/api/v1/universities", content=b'{"name": "x",}', headers={"content-type": "application/json"}
        ),
        400,
    )
    assert "JSON" in body["detail"]
    assert await tenant.snapshot() == before


@pytest.mark.parametrize(
    "body",
    [
        {"name": 12345},
        {"name": ["list"]},
        {"name": {"nested": "object"}},
        {"name": None},
        {"name": "ok", "city": 7},
        {"name": "ok", "contact_email": "nobody"},
        {"name": "ok", "bitrix24_company_id": "seven"},
        {"name": "ok", "bitrix24_company_id": 1.5},
        {"name": "ok", "bitrix24_company_id": True},
        ["name", "ok"],
        "just a string",
    ],
)
async def test_wrong_types_are_rejected_and_nothing_is_written(tenant: Tenant, body: object) -> None:
    response = await tenant.client.post("/api/v1/universities", json=body)
    problem(response, 422)
    assert await tenant.rows(University) == 0


async def test_nul_bytes_are_refused_in_body_query_and_path(tenant: Tenant) -> None:
    university = await tenant.university(name="Clean name")
    before = await tenant.snapshot()

    assert "name" in error_fields(await tenant.client.post("/api/v1/universities", json={"name": "a\x00b"}))
    fields = error_fields(
        await tenant.client.post(
            "/api/v1/students",
            json={
                "university_id": university["id"],
                "full_name": "N",
                "email": "n@example.ru",
                "course": 1,
                "skills": ["py\x00thon"],
            },
        )
    )
    assert fields == {"skills.0"}
    assert "name" in error_fields(
        await tenant.client.patch(f"/api/v1/universities/{university['id']}", json={"name": "\x00"})
    )
    problem(await tenant.client.get("/api/v1/universities", params={"q": "a\x00"}), 400)
    problem(await tenant.client.get("/api/v1/students", params={"skills": "\x00"}), 400)
    problem(await tenant.client.get(f"/api/v1/universities/{university['id']}%00"), 400)
    problem(await tenant.client.delete(f"/api/v1/universities/{university['id']}%00"), 400)

    assert await tenant.snapshot() == before


@pytest.mark.parametrize("bad_id", [str(MAX_ID + 1), "99999999999999999999999", "0", "-1", "1.5", "abc", "1e3"])
async def test_out_of_range_or_malformed_ids_in_the_path_are_a_422(tenant: Tenant, bad_id: str) -> None:
    for path in ("universities", "companies", "students", "openings", "applications", "partnerships"):
        body = problem(await tenant.client.get(f"/api/v1/{path}/{bad_id}"), 422)
        assert body["errors"][0]["in"] == "path"
    problem(await tenant.client.delete(f"/api/v1/universities/{bad_id}"), 422)


async def test_the_largest_valid_id_is_simply_not_found(tenant: Tenant) -> None:
    for path in ("universities", "companies", "students", "openings", "applications", "partnerships"):
        problem(await tenant.client.get(f"/api/v1/{path}/{MAX_ID}"), 404)


async def test_out_of_range_numbers_in_bodies_write_nothing(tenant: Tenant) -> None:
    university = await tenant.university()
    company = await tenant.company()
    before = await tenant.snapshot()
    student = {"university_id": university["id"], "full_name": "Петров", "email": "p@example.ru"}
    opening = {"company_id": company["id"], "kind": "vacancy", "title": "Аналитик"}

    assert error_fields(await tenant.client.post("/api/v1/students", json={**student, "course": 7})) == {"course"}
    assert error_fields(await tenant.client.post("/api/v1/students", json={**student, "course": 0})) == {"course"}
    assert error_fields(await tenant.client.post("/api/v1/students", json={**student, "course": 2**70})) == {"course"}
    assert error_fields(
        await tenant.client.post("/api/v1/students", json={**student, "course": 1, "university_id": MAX_ID + 1})
    ) == {"university_id"}
    assert error_fields(await tenant.client.post("/api/v1/students", json={**student, "course": True})) == {"course"}
    assert error_fields(await tenant.client.post("/api/v1/openings", json={**opening, "slots": -1})) == {"slots"}
    assert error_fields(await tenant.client.post("/api/v1/openings", json={**opening, "slots": False})) == {"slots"}
    assert error_fields(await tenant.client.post("/api/v1/openings", json={**opening, "bitrix24_deal_id": -5})) == {
        "bitrix24_deal_id"
    }
    assert error_fields(
        await tenant.client.patch(f"/api/v1/universities/{university['id']}", json={"bitrix24_company_id": 2**64})
    ) == {"bitrix24_company_id"}

    assert await tenant.snapshot() == before


async def test_out_of_range_query_parameters_are_a_422(tenant: Tenant) -> None:
    for params in (
        {"limit": 0},
        {"limit": 201},
        {"page": 0},
        {"page": -3},
        {"course": 7},
        {"university_id": MAX_ID + 1},
        {"university_id": -1},
        {"limit": "many"},
    ):
        body = problem(await tenant.client.get("/api/v1/students", params=params), 422)
        assert [e["field"] for e in body["errors"]] == list(params), params


async def test_unknown_fields_in_a_body_or_query_are_refused(tenant: Tenant) -> None:
    university = await tenant.university()
    before = await tenant.snapshot()

    body = problem(await tenant.client.post("/api/v1/universities", json={"name": "X", "rector": "Y"}), 422)
    assert body["errors"][0]["field"] == "rector"
    assert "rector" in error_fields(
        await tenant.client.patch(f"/api/v1/universities/{university['id']}", json={"rector": "Y"})
    )
    assert "workspace_id" in error_fields(
        await tenant.client.patch(f"/api/v1/universities/{university['id']}", json={"workspace_id": 1})
    )
    body = problem(await tenant.client.get("/api/v1/universities", params={"citty": "Казань"}), 422)
    assert body["errors"][0] == {**body["errors"][0], "in": "query", "field": "citty"}

    assert await tenant.snapshot() == before


async def test_explicit_null_for_a_required_field_is_refused_on_update(tenant: Tenant) -> None:
    university = await tenant.university()
    company = await tenant.company()
    opening = await tenant.opening(company["id"])
    student = await tenant.student(university["id"])
    before = await tenant.snapshot()

    for path, field in (
        (f"/universities/{university['id']}", "name"),
        (f"/companies/{company['id']}", "name"),
        (f"/openings/{opening['id']}", "title"),
        (f"/openings/{opening['id']}", "slots"),
        (f"/students/{student['id']}", "course"),
        (f"/students/{student['id']}", "email"),
    ):
        assert field in error_fields(await tenant.client.patch(f"/api/v1{path}", json={field: None})), path

    assert await tenant.snapshot() == before


async def test_a_body_over_one_mebibyte_with_content_length_is_a_413(tenant: Tenant) -> None:
    body = json.dumps({"name": "x", "city": "y" * MIB}).encode()
    response = await tenant.client.post(
        "/api/v1/universities", content=body, headers={"content-type": "application/json"}
    )
    assert response.request.headers["content-length"] == str(len(body))
    problem(response, 413)
    assert await tenant.total("/universities") == 0


async def test_a_chunked_body_over_one_mebibyte_is_a_413(tenant: Tenant) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"name": "Chunked", "city": "'
        for _ in range(17):
            yield b"y" * 65536
        yield b'"}'

    response = await tenant.client.post(
        "/api/v1/universities", content=chunks(), headers={"content-type": "application/json"}
    )
    assert "content-length" not in response.request.headers
    problem(response, 413)
    assert await tenant.total("/universities") == 0


async def test_a_body_just_under_the_limit_is_read_normally(tenant: Tenant) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"name": "Almost too big", "city": "'
        yield b" " * (MIB - 100)
        yield '"Казань"}'.encode()[1:]

    response = await tenant.client.post(
        "/api/v1/universities", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 201, response.text
    assert response.json()["city"] == "Казань"


def cursor(*parts: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(parts)).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("sort", "tampered"),
    [
        ("-id", "not base64 !!"),
        ("-id", cursor("-id", 1)),
        ("-id", cursor("name", "a", 1)),
        ("-id", cursor("-id", 1, MAX_ID + 1)),
        ("-id", cursor("-id", 1, 10**30)),
        ("-id", cursor("-id", True, True)),
        ("-id", cursor("-id", 1, "1")),
        ("name", cursor("name", 5, 1)),
        ("name", cursor("name", "a\x00", 1)),
        ("name", cursor("name", "a\ud800", 1)),
        ("name", cursor("name", None, 1)),
        ("created_at", cursor("created_at", "2026-01-01T00:00:00", 1)),
        ("created_at", cursor("created_at", "yesterday", 1)),
        ("created_at", cursor("created_at", 1700000000, 1)),
    ],
)
async def test_a_tampered_cursor_is_a_400_not_a_server_error(tenant: Tenant, sort: str, tampered: str) -> None:
    await tenant.university()
    response = await tenant.client.get("/api/v1/universities", params={"sort": sort, "cursor": tampered})
    assert "cursor" in problem(response, 400)["detail"]


async def test_a_tampered_numeric_cursor_is_a_400(tenant: Tenant) -> None:
    response = await tenant.client.get(
        "/api/v1/students", params={"sort": "course", "cursor": cursor("course", 10**20, 1)}
    )
    problem(response, 400)


@pytest.mark.parametrize(
    ("inn", "valid"),
    [
        ("7707083893", True),
        ("7736207543", True),
        ("500100732259", True),
        ("773173084809", True),
        ("7707083894", False),
        ("7736207540", False),
        ("500100732250", False),
        ("500100732269", False),
        ("770708389", False),
        ("77070838931", False),
        ("77O7083893", False),
        ("", True),
    ],
)
async def test_inn_check_digits_are_validated(tenant: Tenant, inn: str, valid: bool) -> None:
    assert is_valid_inn(inn) is valid or inn == ""
    response = await tenant.client.post("/api/v1/companies", json={"name": f"ООО {inn or 'без ИНН'}", "inn": inn})
    if valid:
        assert response.status_code == 201, response.text
        assert response.json()["inn"] == (inn or None)
        assert await tenant.total("/companies") == 1
    else:
        assert error_fields(response) == {"inn"}
        assert await tenant.total("/companies") == 0


async def test_an_invalid_inn_on_update_changes_nothing(tenant: Tenant) -> None:
    company = await tenant.company()
    response = await tenant.client.patch(f"/api/v1/companies/{company['id']}", json={"inn": "1234567890"})
    assert error_fields(response) == {"inn"}
    assert (await tenant.client.get(f"/api/v1/companies/{company['id']}")).json()["inn"] == company["inn"]


async def test_wrong_content_type_is_a_4xx(tenant: Tenant) -> None:
    for response in (
        await tenant.client.post("/api/v1/universities", data={"name": "Form"}),
        await tenant.client.post(
            "/api/v1/universities", content=b'{"name": "Plain"}', headers={"content-type": "text/plain"}
        ),
    ):
        assert 400 <= response.status_code < 500
        problem(response, response.status_code)
    assert await tenant.total("/universities") == 0


async def test_request_ids_are_echoed(tenant: Tenant) -> None:
    response = await tenant.client.get("/api/v1/universities", headers={"X-Request-ID": "trace-42"})
    assert response.headers["x-request-id"] == "trace-42"
    assert isinstance(response, httpx.Response)


async def test_control_characters_are_refused_in_text_but_line_breaks_and_tabs_are_kept(tenant: Tenant) -> None:
    # A bell or an escape typed (or pasted) into a name would later break every XLSX report that shows it.
    for bad in ("Звонок\x07", "Esc\x1b[31m", "Вертикальная\x0bтабуляция", "Удаление\x7f"):
        assert "name" in error_fields(await tenant.client.post("/api/v1/universities", json={"name": bad})), bad
    company = await tenant.company()
    opening = await tenant.opening(company["id"], description="Задачи:\n\t— писать код\r\n\t— читать код")
    assert opening["description"] == "Задачи:\n\t— писать код\r\n\t— читать код"


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/api/v1/applications", "applied_from"),
        ("/api/v1/applications", "applied_to"),
        ("/api/v1/openings", "starts_to"),
        *[
            (f"/api/v1/analytics/{name}", parameter)
            for name in ("overview", "funnel", "time-to-hire", "trends", "distribution", "skills")
            for parameter in ("date_from", "date_to")
        ],
    ],
)
async def test_a_day_far_in_the_past_or_future_is_a_422_naming_the_field(
    tenant: Tenant, path: str, parameter: str
) -> None:
    for day in ("9999-12-31", "0001-01-01"):
        response = await tenant.client.get(path, params={parameter: day})
        assert parameter in error_fields(response), (day, response.status_code, response.text[:200])
    assert (await tenant.client.get(path, params={parameter: "2026-06-30"})).status_code == 200


async def test_a_wrong_method_names_the_methods_the_path_does_allow(tenant: Tenant) -> None:
    for method, path, allowed in (
        ("PUT", "/api/v1/openings/1", ["DELETE", "GET", "PATCH"]),
        ("DELETE", "/api/v1/universities", ["GET", "POST"]),
        ("POST", "/healthz", ["GET"]),
    ):
        response = await tenant.client.request(method, path)
        body = problem(response, 405)
        assert response.headers["Allow"] == ", ".join(allowed), path
        assert body["allowed"] == allowed, path
