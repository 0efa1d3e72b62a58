"""The filtered lists' statements can use the indexes made for them (EXPLAIN on the statements a request runs).

The test databases are tiny, so PostgreSQL is told to avoid sequential scans, and some thousands of rows are added
where only numbers make a trigram index the cheaper one: the question is whether an index can answer the filter,
which is what decides the plan at scale L (BENCHMARKS.md)."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

import httpx
from sqlalchemy import event, text

from tests.factories import Tenant, client_for


async def statements(tenant: Tenant, request: Awaitable[httpx.Response]) -> list[tuple[str, Any]]:
    """Every statement the request runs, with its parameters; the request must succeed."""
    engine = tenant.app.state.engine
    ran: list[tuple[str, Any]] = []

    def keep(_conn, _cursor, statement, parameters, *_args) -> None:
        ran.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", keep)
    try:
        response = await request
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", keep)
    assert response.status_code == 200, response.text
    return ran


async def plans_of(tenant: Tenant, ran: list[tuple[str, Any]]) -> str:
    """The plans of these statements, as one text."""
    engine = tenant.app.state.engine
    postgresql = engine.dialect.name == "postgresql"
    found = []
    async with engine.connect() as connection:
        if postgresql:
            await connection.exec_driver_sql("SET enable_seqscan = off")
        for statement, parameters in ran:
            explain = "EXPLAIN " if postgresql else "EXPLAIN QUERY PLAN "
            result = await connection.exec_driver_sql(explain + statement, parameters)
            found += [str(row[-1]) for row in result]
    return "\n".join(found)


async def plans(tenant: Tenant, request: Awaitable[httpx.Response]) -> str:
    """The plans of every statement the request runs, as one text."""
    return await plans_of(tenant, await statements(tenant, request))


def postgresql(tenant: Tenant) -> bool:
    return tenant.app.state.engine.dialect.name == "postgresql"


async def add_rows(tenant: Tenant, table: str, insert: str, **params: Any) -> None:
    """Rows written directly (``insert`` selects them from ``generate_series(1, :rows) AS g``), then counted."""
    async with tenant.app.state.engine.begin() as connection:
        await connection.execute(text(insert), params)
        await connection.exec_driver_sql(f"ANALYZE {table}")


async def test_openings_by_city_and_skills_walk_the_city_index(tenant: Tenant) -> None:
    company = await tenant.company()
    await tenant.opening(company["id"], city="Москва", skills=["python", "sql"])
    params = {"status": "active", "city": "москва", "skills": "python,sql"}

    plan = await plans(tenant, tenant.client.get("/api/v1/openings", params=params))

    assert "ix_openings_workspace_city_key" in plan, plan


async def test_students_by_text_use_a_trigram_index_for_name_and_email(tenant: Tenant) -> None:
    university = await tenant.university()
    await tenant.student(university["id"], full_name="Иванова Анна Сергеевна")
    if not postgresql(tenant):
        return  # SQLite has no trigram indexes: the university's students are scanned
    await add_rows(
        tenant,
        "students",
        "INSERT INTO students (workspace_id, university_id, full_name, email, course) "
        "SELECT :workspace, :university, 'Студент ' || g, 'student-' || g || '-' || :tag || '@example.ru', 1 "
        "FROM generate_series(1, :rows) AS g",
        rows=100_000,
        workspace=tenant.workspace_id,
        university=university["id"],
        tag=f"w{tenant.workspace_id}",
    )

    plan = await plans(tenant, tenant.client.get("/api/v1/students", params={"q": "иванов"}))

    assert "ix_students_full_name_trgm" in plan and "ix_students_email_trgm" in plan, plan


async def test_catalogue_words_are_one_index_condition_each_on_the_search_text(tenant: Tenant) -> None:
    company = await tenant.company(name="ООО Ромашка")
    await tenant.opening(company["id"], city="Казань", skills=["python"])
    slug = (await tenant.client.get("/api/v1/workspace")).json()["slug"]
    if postgresql(tenant):
        await add_rows(
            tenant,
            "openings",
            "INSERT INTO openings "
            "(workspace_id, company_id, kind, title, description, city, city_key, format, slots, status, search_text) "
            "SELECT :workspace, :company, 'vacancy', 'Вакансия ' || g, '', c.city, lower(c.city), 'office', 1, "
            "'active', 'Вакансия ' || g || E'\\n' || c.city "
            "FROM generate_series(1, :rows) AS g, "
            "LATERAL (SELECT (ARRAY['Москва', 'Казань', 'Самара', 'Омск', 'Пермь', 'Тула'])[g % 6 + 1] AS city) AS c",
            rows=20_000,
            workspace=tenant.workspace_id,
            company=company["id"],
        )
    params = {"workspace": slug, "q": "стажёр python", "city": "казань"}

    async with client_for(tenant.app) as visitor:
        ran = await statements(tenant, visitor.get("/api/v1/public/openings", params=params))
    plan = await plans_of(tenant, ran)

    # The words are matched in the opening's own row: no subquery over its skills or its company per word.
    searches = [statement for statement, _ in ran if "search_text" in statement]
    assert searches, ran
    assert not any("opening_skills" in s or "companies" in s for s in searches), searches
    if postgresql(tenant):
        # The city and the words in one GIN index: only the city's openings with the words are read from the table.
        assert "ix_openings_city_search_trgm" in plan, plan
        scan = next(line for line in plan.splitlines() if "ix_openings_city_search_trgm" in line)
        condition = plan.split(scan, 1)[1].splitlines()[1]
        assert "city_key" in condition and "search_text" in condition, plan


async def test_a_searched_page_reads_its_matches_once(tenant: Tenant) -> None:
    """The words' scan is the costly part of a search (trigram posting lists intersected, rows rechecked): the count
    and the page come from one statement instead of two that each run it."""
    company = await tenant.company()
    for title in ("Стажёр Python", "Аналитик Python", "Стажёр Java"):
        await tenant.opening(company["id"], title=title, city="Казань", skills=["sql"])
    slug = (await tenant.client.get("/api/v1/workspace")).json()["slug"]

    async with client_for(tenant.app) as visitor:
        params = {"workspace": slug, "q": "python", "city": "казань", "limit": 1}
        ran = await statements(tenant, visitor.get("/api/v1/public/openings", params=params))
        body = (await visitor.get("/api/v1/public/openings", params=params)).json()

    searches = [statement for statement, _ in ran if "search_text" in statement]
    assert len(searches) == 1, searches
    assert (body["total"], body["total_exact"], len(body["items"])) == (2, True, 1)
    assert body["items"][0]["title"] == "Аналитик Python" and body["next_cursor"]


async def test_a_text_search_is_planned_for_its_words(tenant: Tenant) -> None:
    """The driver prepares a statement once per connection and PostgreSQL may then reuse a generic plan made without
    the values; for a LIKE pattern that plan walks the trigram index whatever the words (measured 54 ms instead of
    0.6 ms at scale L). The words are written into the statement, so each search is planned for them."""
    company = await tenant.company()
    await tenant.opening(company["id"], city="Казань", skills=["python"])

    ran = await statements(tenant, tenant.client.get("/api/v1/openings", params={"q": "pyth'on 50%_"}))

    searches = [(statement, parameters) for statement, parameters in ran if "search_text" in statement]
    assert searches, ran
    for statement, parameters in searches:
        assert "'%pyth''on%'" in statement and "'%50\\%\\_%'" in statement, statement
        assert not any("pyth" in str(value) for value in (parameters or ())), parameters
