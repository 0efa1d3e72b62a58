"""Universities, companies and partnerships: CRUD, duplicates, filters, search and soft removal."""

from internhub.models import Company, University
from tests.factories import Tenant, problem


async def test_a_university_is_created_read_updated_and_listed(tenant: Tenant) -> None:
    created = await tenant.create(
        "/universities",
        name="  Казанский федеральный университет ",
        short_name="КФУ",
        city="Казань",
        contact_email="career@kpfu.ru",
    )
    assert created["name"] == "Казанский федеральный университет"  # trimmed
    fetched = (await tenant.client.get(f"/api/v1/universities/{created['id']}")).json()
    assert fetched == created

    updated = await tenant.client.patch(f"/api/v1/universities/{created['id']}", json={"city": None, "short_name": "K"})

    body = updated.json()
    assert body["city"] is None and body["short_name"] == "K" and body["contact_email"] == "career@kpfu.ru"
    assert body["updated_at"] >= created["updated_at"]
    assert (await tenant.client.get(f"/api/v1/universities/{created['id']}")).json() == body


async def test_a_duplicate_university_name_is_a_409_that_names_the_existing_one(tenant: Tenant) -> None:
    first = await tenant.university(name="МГУ")
    second = await tenant.university(name="СПбГУ")

    on_create = problem(await tenant.client.post("/api/v1/universities", json={"name": " МГУ "}), 409)
    on_rename = problem(await tenant.client.patch(f"/api/v1/universities/{second['id']}", json={"name": "МГУ"}), 409)

    assert on_create["existing_id"] == on_rename["existing_id"] == first["id"]
    assert await tenant.rows(University) == 2
    assert (await tenant.client.get(f"/api/v1/universities/{second['id']}")).json()["name"] == "СПбГУ"
    same = await tenant.client.patch(f"/api/v1/universities/{first['id']}", json={"name": "МГУ"})
    assert same.status_code == 200


async def test_the_same_university_name_is_fine_in_another_workspace(tenant: Tenant, other_tenant: Tenant) -> None:
    await tenant.university(name="УрФУ")
    assert (await other_tenant.university(name="УрФУ"))["name"] == "УрФУ"


async def test_a_university_with_students_cannot_be_removed(tenant: Tenant) -> None:
    university = await tenant.university()
    student = await tenant.student(university["id"])

    body = problem(await tenant.client.delete(f"/api/v1/universities/{university['id']}"), 409)
    assert "students" in body["detail"]
    assert (await tenant.client.get(f"/api/v1/universities/{university['id']}")).status_code == 200

    await tenant.client.delete(f"/api/v1/students/{student['id']}")
    assert (await tenant.client.delete(f"/api/v1/universities/{university['id']}")).status_code == 204


async def test_a_removed_university_is_hidden_but_kept_and_its_name_is_free_again(tenant: Tenant) -> None:
    university = await tenant.university(name="Закрытый институт")

    assert (await tenant.client.delete(f"/api/v1/universities/{university['id']}")).status_code == 204

    problem(await tenant.client.get(f"/api/v1/universities/{university['id']}"), 404)
    problem(await tenant.client.patch(f"/api/v1/universities/{university['id']}", json={"city": "X"}), 404)
    problem(await tenant.client.delete(f"/api/v1/universities/{university['id']}"), 404)
    problem(await tenant.client.get(f"/api/v1/universities/{university['id']}/students"), 404)
    assert await tenant.total("/universities") == 0
    assert await tenant.rows(University) == 1
    assert (await tenant.university(name="Закрытый институт"))["id"] != university["id"]


async def test_universities_filter_by_city_and_search_by_name_or_short_name(tenant: Tenant) -> None:
    kazan = await tenant.university(name="Казанский университет", short_name="КФУ", city="Казань")
    await tenant.university(name="Московский университет", short_name="МГУ", city="Москва")
    percent = await tenant.university(name="Институт 100% практики", city="Москва")

    async def ids(**params) -> list[int]:
        return [u["id"] for u in (await tenant.client.get("/api/v1/universities", params=params)).json()["items"]]

    assert await ids(city="Казань") == [kazan["id"]]
    assert await ids(q="казанск") == [kazan["id"]]
    assert await ids(q="кфу") == [kazan["id"]]
    assert await ids(q="100%") == [percent["id"]]
    assert await ids(q="%") == [percent["id"]]
    assert await ids(q="_") == []
    assert await ids(city="Москва", q="Казан") == []
    assert await ids(city="Новосибирск") == []


async def test_a_company_with_a_valid_inn_is_created_and_normalised(tenant: Tenant) -> None:
    company = await tenant.create(
        "/companies",
        name="ПАО Сбербанк",
        inn=" 7707083893 ",
        website="https://sberbank.ru",
        contact_email="hr@sberbank.ru",
        industry="Финансы",
        city="Москва",
    )
    assert company["inn"] == "7707083893"
    assert company["website"].startswith("https://sberbank.ru")
    without_inn = await tenant.create("/companies", name="ИП без ИНН")
    assert without_inn["inn"] is None


async def test_a_duplicate_inn_is_a_409(tenant: Tenant) -> None:
    first = await tenant.company(inn="7707083893")
    second = await tenant.company(inn="7736207543")

    assert (
        problem(await tenant.client.post("/api/v1/companies", json={"name": "Клон", "inn": "7707083893"}), 409)[
            "existing_id"
        ]
        == first["id"]
    )
    problem(await tenant.client.patch(f"/api/v1/companies/{second['id']}", json={"inn": "7707083893"}), 409)

    assert await tenant.rows(Company) == 2
    assert (await tenant.client.get(f"/api/v1/companies/{second['id']}")).json()["inn"] == "7736207543"
    assert (
        await tenant.client.patch(f"/api/v1/companies/{first['id']}", json={"inn": "7707083893"})
    ).status_code == 200


async def test_companies_filter_by_city_industry_and_inn(tenant: Tenant) -> None:
    it = await tenant.company(name="Яндекс", industry="ИТ", city="Москва", inn="7736207543")
    bank = await tenant.company(name="Сбер", industry="Финансы", city="Москва", inn="7707083893")
    await tenant.company(name="Татнефть", industry="Нефть", city="Альметьевск")

    async def ids(**params) -> list[int]:
        return [c["id"] for c in (await tenant.client.get("/api/v1/companies", params=params)).json()["items"]]

    assert await ids(city="Москва", sort="name") == [bank["id"], it["id"]]
    assert await ids(industry="ИТ") == [it["id"]]
    assert await ids(inn="7707083893") == [bank["id"]]
    assert await ids(q="ЯНДЕКС") == [it["id"]]


async def test_a_company_with_openings_cannot_be_removed(tenant: Tenant) -> None:
    company = await tenant.company()
    opening = await tenant.opening(company["id"], status="draft")

    problem(await tenant.client.delete(f"/api/v1/companies/{company['id']}"), 409)
    assert await tenant.total("/companies") == 1

    assert (await tenant.client.delete(f"/api/v1/openings/{opening['id']}")).status_code == 204
    assert (await tenant.client.delete(f"/api/v1/companies/{company['id']}")).status_code == 204
    problem(await tenant.client.get(f"/api/v1/companies/{company['id']}"), 404)
    assert await tenant.total("/companies") == 0 and await tenant.rows(Company) == 1


async def test_a_partnership_is_recorded_listed_changed_and_removed(tenant: Tenant) -> None:
    university, company = await tenant.university(), await tenant.company()
    other_university = await tenant.university()
    body = {"university_id": university["id"], "company_id": company["id"], "agreement_number": "Д-2026/1"}
    partnership = await tenant.create("/partnerships", **body, valid_from="2026-01-01", valid_to="2026-12-31")
    open_ended = await tenant.create(
        "/partnerships", university_id=other_university["id"], company_id=company["id"], agreement_number="Б/Н"
    )

    async def ids(**params) -> list[int]:
        listed = (await tenant.client.get("/api/v1/partnerships", params={"sort": "id", **params})).json()
        return [p["id"] for p in listed["items"]]

    assert await ids(university_id=university["id"]) == [partnership["id"]]
    assert await ids(company_id=company["id"]) == [partnership["id"], open_ended["id"]]
    assert await ids(active_on="2026-06-01") == [partnership["id"], open_ended["id"]]
    assert await ids(active_on="2027-01-01") == [open_ended["id"]]
    assert await ids(q="2026/1") == [partnership["id"]]

    problem(await tenant.client.post("/api/v1/partnerships", json=body), 409)
    changed = await tenant.client.patch(f"/api/v1/partnerships/{partnership['id']}", json={"valid_to": "2027-06-30"})
    assert changed.json()["valid_to"] == "2027-06-30"
    assert (await tenant.client.delete(f"/api/v1/partnerships/{partnership['id']}")).status_code == 204
    problem(await tenant.client.get(f"/api/v1/partnerships/{partnership['id']}"), 404)
    assert await ids() == [open_ended["id"]]


async def test_a_partnership_period_must_not_end_before_it_starts(tenant: Tenant) -> None:
    university, company = await tenant.university(), await tenant.company()
    body = {"university_id": university["id"], "company_id": company["id"], "agreement_number": "1"}
    problem(
        await tenant.client.post(
            "/api/v1/partnerships", json={**body, "valid_from": "2026-05-01", "valid_to": "2026-04-30"}
        ),
        422,
    )
    partnership = await tenant.create("/partnerships", **body, valid_from="2026-05-01")

    problem(
        await tenant.client.patch(f"/api/v1/partnerships/{partnership['id']}", json={"valid_to": "2026-01-01"}), 422
    )

    assert (await tenant.client.get(f"/api/v1/partnerships/{partnership['id']}")).json()["valid_to"] is None
    assert await tenant.total("/partnerships") == 1
