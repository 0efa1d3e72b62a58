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
