"""Every analytics figure against an independent computation over the rows, before and after changes.

The data comes from the demo generator (a year of applications and their histories), so periods cut
across days, weeks and months; the rollups are built by the generator and then kept current by the
writes the test makes through the API.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select

from internhub import jobs
from internhub.demo import generate
from internhub.models import Workspace
from tests.analytics.reference import Reference, Rows
from tests.factories import Tenant

NOW = datetime(2026, 11, 20, tzinfo=UTC)


async def fill(tenant: Tenant) -> None:
    async with tenant.app.state.sessionmaker() as session:
        slug = await session.scalar(select(Workspace.slug).where(Workspace.id == tenant.workspace_id))
    url = tenant.app.state.settings.effective_database_url
    await generate(
        url, universities=3, companies=6, students=80, openings=24, applications=300, workspace_slug=slug, now=NOW
    )


def filter_sets(rows: Rows) -> list[dict[str, Any]]:
    university = max(rows.universities, key=lambda u: sum(s.university_id == u.id for s in rows.students.values()))
    company = max(rows.companies, key=lambda c: sum(o.company_id == c.id for o in rows.openings.values()))
    return [
        {},
        {"date_from": date(2026, 3, 17), "date_to": date(2026, 8, 9)},  # mid-month to mid-month
        {"date_from": date(2026, 6, 1), "date_to": date(2026, 6, 30)},  # exactly one month
        {"date_from": date(2026, 6, 3), "date_to": date(2026, 6, 20)},  # inside one month
        {"date_from": date(2026, 9, 14)},
        {"date_to": date(2026, 5, 31)},
        {"kind": "internship"},
        {"university_id": university.id},
        {"company_id": company.id, "date_from": date(2026, 2, 2)},
        {"university_id": university.id, "company_id": company.id},
        {"university_id": university.id, "kind": "vacancy", "date_to": date(2026, 10, 15)},
    ]


def _params(filters: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {key: value.isoformat() if isinstance(value, date) else value for key, value in {**filters, **more}.items()}


async def get(tenant: Tenant, path: str, **params: Any) -> dict[str, Any]:
    response = await tenant.client.get(f"/api/v1/analytics/{path}", params=params)
    assert response.status_code == 200, response.text
    return response.json()


async def check_everything(tenant: Tenant) -> None:
    await jobs.drain()
    rows = await Rows.load(tenant.app, tenant.workspace_id)
    for filters in filter_sets(rows):
        expected = Reference(rows, **filters)
        params = _params(filters)
        assert await get(tenant, "overview", **params) == expected.overview(), filters
        assert await get(tenant, "funnel", **params) == expected.funnel(), filters
        assert await get(tenant, "time-to-hire", **params) == expected.time_to_hire(), filters
        for interval in ("week", "month"):
            assert await get(tenant, "trends", **params, interval=interval) == expected.trends(interval), filters
        assert await get(tenant, "distribution", **params, limit=50) == expected.distribution(50), filters
        assert await get(tenant, "skills", **params, limit=5) == expected.skills(5), filters
        if "university_id" in filters:
            params_without = _params({k: v for k, v in filters.items() if k != "university_id"})
            found = await get(tenant, f"university/{filters['university_id']}", **params_without)
            found.pop("name")
            assert found == expected.university(), filters
        if "company_id" in filters:
            params_without = _params({k: v for k, v in filters.items() if k != "company_id"})
            found = await get(tenant, f"company/{filters['company_id']}", **params_without)
            found.pop("name")
            assert found == expected.company(), filters


async def test_figures_match_the_rows_and_follow_changes(tenant: Tenant) -> None:
    await fill(tenant)
    await check_everything(tenant)
    rows = await Rows.load(tenant.app, tenant.workspace_id)
    assert len(rows.applications) == 300 and len(rows.changes) > 300  # the data is not trivially empty

    # Changes through the API: each must move the figures exactly as a recount does.
    client = tenant.client
    moving = [a for a in rows.applications if a.status in ("new", "screening", "interview")][:6]
    for application, target in zip(moving, ["next", "next", "rejected", "withdrawn", "next", "hired"], strict=True):
        if target == "next":
            target = {"new": "screening", "screening": "interview", "interview": "offer"}[application.status]
        body = {"status": target, **({"rejection_reason": "Нет опыта"} if target == "rejected" else {})}
        response = await client.patch(f"/api/v1/applications/{application.id}", json=body)
        assert response.status_code in (200, 409), response.text  # 409: a hire refused, the opening is full
    removed = rows.applications[0]
    assert (await client.delete(f"/api/v1/applications/{removed.id}")).status_code == 204
    busiest = max(rows.openings.values(), key=lambda o: sum(a.opening_id == o.id for a in rows.applications))
    other_kind = "vacancy" if busiest.kind == "internship" else "internship"
    patch = {"city": "Тверь", "kind": other_kind, "format": "remote", "status": "active", "skills": ["rust", "sql"]}
    response = await client.patch(f"/api/v1/openings/{busiest.id}", json=patch)
    assert response.status_code == 200, response.text
    student = next(s for s in rows.students.values() if any(a.student_id == s.id for a in rows.applications))
    other_university = next(u for u in rows.universities if u.id != student.university_id)
    response = await client.patch(
        f"/api/v1/students/{student.id}", json={"university_id": other_university.id, "course": 6}
    )
    assert response.status_code == 200, response.text
    company = rows.companies[0]
    university = rows.universities[0]
    fresh_student = await tenant.student(university.id)
    fresh_opening = await tenant.opening(company.id, kind="vacancy")
    application = await tenant.application(fresh_opening["id"], fresh_student["id"])
    for status in ("interview", "hired"):
        response = await client.patch(f"/api/v1/applications/{application['id']}", json={"status": status})
        assert response.status_code == 200, response.text
    await check_everything(tenant)


# Edges mid-week and mid-month: weeks left at a month's edge, a week straddling two months inside a period
# shorter than a month's span, whole weeks in one month, a period starting on a Monday, one ending on a Sunday.
PERIODS = [
    (date(2026, 1, 7), date(2026, 4, 23)),
    (date(2026, 4, 15), date(2026, 5, 20)),
    (date(2026, 7, 2), date(2026, 7, 28)),
    (date(2026, 4, 27), date(2026, 6, 29)),
    (date(2026, 3, 17), date(2026, 8, 9)),
    (date(2026, 5, 29), date(2026, 6, 3)),
]


async def test_periods_with_edges_inside_weeks_and_months(tenant: Tenant) -> None:
    await fill(tenant)
    rows = await Rows.load(tenant.app, tenant.workspace_id)
    university = rows.universities[0].id
    company = rows.companies[0].id
    for date_from, date_to in PERIODS:
        for more in ({}, {"kind": "vacancy"}, {"university_id": university}, {"company_id": company}):
            filters = {"date_from": date_from, "date_to": date_to, **more}
            expected = Reference(rows, **filters)
            params = _params(filters)
            assert await get(tenant, "distribution", **params, limit=50) == expected.distribution(50), filters
            assert await get(tenant, "overview", **params) == expected.overview(), filters
            assert await get(tenant, "time-to-hire", **params) == expected.time_to_hire(), filters
            for interval in ("week", "month"):
                assert await get(tenant, "trends", **params, interval=interval) == expected.trends(interval), filters
