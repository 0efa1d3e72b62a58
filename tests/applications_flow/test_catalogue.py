"""The public catalogue finds what an applicant types, by city, and never offers an opening that has ended."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import event

from tests.applications_flow.conftest import public_apply, public_client, workspace_slug
from tests.factories import Tenant, problem


async def catalogue(tenant: Tenant, **params: str) -> list[str]:
    params = {"workspace": await workspace_slug(tenant), **params}
    response = await public_client(tenant).get("/api/v1/public/openings", params=params)
    assert response.status_code == 200, response.text
    return sorted(o["title"] for o in response.json()["items"])


async def test_every_word_must_match_the_title_skills_city_or_company(tenant: Tenant) -> None:
    yandex = await tenant.company(name="Яндекс")
    kontur = await tenant.company(name="СКБ Контур")
    await tenant.opening(yandex["id"], title="Стажёр-аналитик", city="Москва", skills=["python", "sql"])
    await tenant.opening(kontur["id"], title="Python-разработчик", city="Екатеринбург", skills=["django"])
    await tenant.opening(kontur["id"], title="Тестировщик", city="Москва", skills=["selenium"])

    assert await catalogue(tenant, q="python москва") == ["Стажёр-аналитик"]
    assert await catalogue(tenant, q="Python") == ["Python-разработчик", "Стажёр-аналитик"]
    assert await catalogue(tenant, q="контур москва") == ["Тестировщик"]
    assert await catalogue(tenant, q="  django   екатеринбург ") == ["Python-разработчик"]
    assert await catalogue(tenant, q="python казань") == []


async def test_the_city_filter_ignores_case_and_the_cities_are_listed(tenant: Tenant) -> None:
    company = await tenant.company()
    await tenant.opening(company["id"], title="А", city="Москва")
    await tenant.opening(company["id"], title="Б", city="Казань")
    await tenant.opening(company["id"], title="В", city="Казань")
    await tenant.opening(company["id"], title="Черновик", city="Самара", status="draft")

    assert await catalogue(tenant, city="казань") == ["Б", "В"]
    slug = await workspace_slug(tenant)
    cities = (await public_client(tenant).get("/api/v1/public/cities", params={"workspace": slug})).json()
    assert cities == [{"city": "Казань", "openings": 2}, {"city": "Москва", "openings": 1}]


async def test_an_opening_past_its_end_is_not_shown_and_takes_no_applications(tenant: Tenant) -> None:
    company = await tenant.company()
    today = date.today()
    ended = await tenant.opening(
        company["id"],
        title="Летняя школа",
        starts_on=str(today - timedelta(days=60)),
        ends_on=str(today - timedelta(days=1)),
    )
    await tenant.opening(company["id"], title="Идёт сейчас", ends_on=str(today))
    await tenant.opening(company["id"], title="Без срока")

    assert await catalogue(tenant) == ["Без срока", "Идёт сейчас"]
    assert (await public_client(tenant).get(f"/api/v1/public/openings/{ended['id']}")).json()["ended"] is True
    refused = await public_apply(tenant, ended["id"])
    assert problem(refused, 409)["code"] == "opening_ended"
    student = await tenant.student((await tenant.university())["id"])
    refused = await tenant.client.post(
        "/api/v1/applications", json={"opening_id": ended["id"], "student_id": student["id"]}
    )
    assert problem(refused, 409)["code"] == "opening_ended"


async def test_the_words_follow_every_change_of_title_city_skills_and_company(tenant: Tenant) -> None:
    old = await tenant.company(name="Альфа")
    opening = await tenant.opening(old["id"], title="Стажёр", city="Томск", skills=["python"])
    path = f"/api/v1/openings/{opening['id']}"
    before = (await tenant.client.get(path)).json()["updated_at"]

    assert (await tenant.client.patch(f"/api/v1/companies/{old['id']}", json={"name": "Гамма"})).status_code == 200
    assert await catalogue(tenant, q="гамма") == ["Стажёр"]
    assert await catalogue(tenant, q="альфа") == []
    assert (await tenant.client.get(path)).json()["updated_at"] == before  # a company's rename is not the opening's

    changed = {"title": "Аналитик", "city": "Омск", "skills": ["sql", "excel"]}
    assert (await tenant.client.patch(path, json=changed)).status_code == 200
    assert await catalogue(tenant, q="аналитик омск sql гамма") == ["Аналитик"]
    assert await catalogue(tenant, q="excel") == ["Аналитик"]
    for gone in ("стажёр", "томск", "python"):
        assert await catalogue(tenant, q=gone) == [], gone


async def test_the_workspace_is_looked_up_once_per_process_and_an_unknown_one_stays_a_404(tenant: Tenant) -> None:
    company = await tenant.company()
    await tenant.opening(company["id"], title="Стажёр", city="Казань")
    slug = await workspace_slug(tenant)
    asked: list[str] = []

    def keep(_conn, _cursor, statement: str, *_args) -> None:
        if "WHERE workspaces.slug" in statement:
            asked.append(statement)

    engine = tenant.app.state.engine.sync_engine
    event.listen(engine, "before_cursor_execute", keep)
    try:
        for params in ({}, {"city": "казань"}):
            found = await public_client(tenant).get("/api/v1/public/openings", params={"workspace": slug, **params})
            assert [o["title"] for o in found.json()["items"]] == ["Стажёр"], found.text
        missing = await public_client(tenant).get("/api/v1/public/openings", params={"workspace": "no-such-place"})
        again = await public_client(tenant).get("/api/v1/public/openings", params={"workspace": "no-such-place"})
    finally:
        event.remove(engine, "before_cursor_execute", keep)

    assert len(asked) == 3, asked  # the known one once; the unknown one each time it is asked for
    assert problem(missing, 404)["code"] == problem(again, 404)["code"] == "catalogue_unknown"
