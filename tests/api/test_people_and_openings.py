"""Students and openings: CRUD, duplicates, filters (course, skills, status, kind, city, dates), nested reads."""

from internhub.models import Opening, Student
from tests.factories import Tenant, problem


async def ids(tenant: Tenant, path: str, **params) -> list[int]:
    response = await tenant.client.get(f"/api/v1{path}", params={"sort": "id", **params})
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


async def test_a_student_is_registered_with_normalised_email_and_skills(tenant: Tenant) -> None:
    university = await tenant.university()

    student = await tenant.create(
        "/students",
        university_id=university["id"],
        full_name="Сидорова Мария",
        email="Maria.S@Example.RU",
        course=2,
        skills=["Python", " python ", "Machine   Learning"],
        consent_version="2026-01",
    )

    assert student["email"] == "maria.s@example.ru"
    assert student["skills"] == ["machine learning", "python"]
    assert student["consent_version"] == "2026-01" and student["consent_at"] is not None
    assert (await tenant.client.get(f"/api/v1/students/{student['id']}")).json() == student


async def test_a_duplicate_student_email_is_a_409_in_any_letter_case(tenant: Tenant) -> None:
    university = await tenant.university()
    first = await tenant.student(university["id"], email="ivan@example.ru")
    second = await tenant.student(university["id"], email="petr@example.ru")

    body = problem(
        await tenant.client.post(
            "/api/v1/students",
            json={"university_id": university["id"], "full_name": "Копия", "email": "IVAN@example.ru", "course": 1},
        ),
        409,
    )
    assert body["existing_id"] == first["id"]
    problem(await tenant.client.patch(f"/api/v1/students/{second['id']}", json={"email": "Ivan@Example.ru"}), 409)
    assert await tenant.rows(Student) == 2
    assert (await tenant.client.get(f"/api/v1/students/{second['id']}")).json()["email"] == "petr@example.ru"


async def test_a_removed_students_email_can_be_registered_again(tenant: Tenant) -> None:
    university = await tenant.university()
    student = await tenant.student(university["id"], email="again@example.ru")

    assert (await tenant.client.delete(f"/api/v1/students/{student['id']}")).status_code == 204

    problem(await tenant.client.get(f"/api/v1/students/{student['id']}"), 404)
    again = await tenant.student(university["id"], email="again@example.ru")
    assert again["id"] != student["id"] and await tenant.rows(Student) == 2


async def test_a_student_is_updated_skills_replaced_and_moved_to_another_university(tenant: Tenant) -> None:
    first, second = await tenant.university(), await tenant.university()
    student = await tenant.student(first["id"], skills=["python", "sql"])

    updated = await tenant.client.patch(
        f"/api/v1/students/{student['id']}", json={"skills": "sql, Go", "course": 4, "university_id": second["id"]}
    )

    body = updated.json()
    assert updated.status_code == 200
    assert body["skills"] == ["go", "sql"] and body["course"] == 4 and body["university_id"] == second["id"]
    assert await ids(tenant, f"/universities/{second['id']}/students") == [student["id"]]
    assert await ids(tenant, f"/universities/{first['id']}/students") == []
    kept = await tenant.client.patch(f"/api/v1/students/{student['id']}", json={"phone": "+7 900 000-00-00"})
    assert kept.json()["skills"] == ["go", "sql"]


async def test_students_filter_by_university_course_specialty_skills_and_search(tenant: Tenant) -> None:
    kfu, mgu = await tenant.university(), await tenant.university()
    anna = await tenant.student(
        kfu["id"], full_name="Анна Ахматова", course=1, specialty="Филология", skills=["python"]
    )
    boris = await tenant.student(kfu["id"], full_name="Борис Пастернак", course=3, skills=["python", "sql", "go"])
    vera = await tenant.student(mgu["id"], full_name="Вера Инбер", course=3, skills=["sql"])

    assert await ids(tenant, "/students", university_id=kfu["id"]) == [anna["id"], boris["id"]]
    assert await ids(tenant, f"/universities/{kfu['id']}/students", course=3) == [boris["id"]]
    assert await ids(tenant, "/students", course=3) == [boris["id"], vera["id"]]
    assert await ids(tenant, "/students", specialty="Филология") == [anna["id"]]
    assert await ids(tenant, "/students", skills="python") == [anna["id"], boris["id"]]
    assert await ids(tenant, "/students", skills="SQL, python") == [boris["id"]]
    assert await ids(tenant, "/students", skills=["sql", "go"]) == [boris["id"]]
    assert await ids(tenant, "/students", skills="rust") == []
    assert await ids(tenant, "/students", q="пастер") == [boris["id"]]
    assert await ids(tenant, "/students", q=vera["email"].upper()) == [vera["id"]]
    nested = await ids(tenant, f"/universities/{mgu['id']}/students", university_id=kfu["id"])
    assert nested == [vera["id"]]  # the path decides the university


async def test_the_students_of_a_missing_university_are_a_404(tenant: Tenant) -> None:
    problem(await tenant.client.get("/api/v1/universities/424242/students"), 404)
    university = await tenant.university()
    problem(
        await tenant.client.post(
            "/api/v1/students", json={"university_id": 424242, "full_name": "X", "email": "x@example.ru", "course": 1}
        ),
        404,
    )
    assert await ids(tenant, f"/universities/{university['id']}/students") == []
    assert await tenant.rows(Student) == 0


async def test_an_opening_goes_through_its_life_cycle(tenant: Tenant) -> None:
    company = await tenant.company()
    opening = await tenant.opening(company["id"], status="draft", starts_on="2026-07-01", ends_on="2026-08-31")

    for status in ("active", "closed", "active", "completed"):
        moved = await tenant.client.patch(f"/api/v1/openings/{opening['id']}", json={"status": status})
        assert moved.status_code == 200 and moved.json()["status"] == status

    body = problem(await tenant.client.patch(f"/api/v1/openings/{opening['id']}", json={"status": "active"}), 409)
    assert body["allowed"] == []
    assert (await tenant.client.get(f"/api/v1/openings/{opening['id']}")).json()["status"] == "completed"


async def test_an_invalid_opening_transition_lists_the_allowed_ones(tenant: Tenant) -> None:
    company = await tenant.company()
    draft = await tenant.opening(company["id"], status="draft")

    body = problem(await tenant.client.patch(f"/api/v1/openings/{draft['id']}", json={"status": "completed"}), 409)

    assert sorted(body["allowed"]) == ["active", "closed"]
    created = problem(
        await tenant.client.post(
            "/api/v1/openings", json={"company_id": company["id"], "kind": "vacancy", "title": "X", "status": "closed"}
        ),
        409,
    )
    assert sorted(created["allowed"]) == ["active", "draft"]
    assert await tenant.rows(Opening) == 1


async def test_an_opening_period_must_not_end_before_it_starts(tenant: Tenant) -> None:
    company = await tenant.company()
    body = {"company_id": company["id"], "kind": "internship", "title": "Лето"}
    problem(
        await tenant.client.post("/api/v1/openings", json={**body, "starts_on": "2026-07-01", "ends_on": "2026-06-01"}),
        422,
    )
    opening = await tenant.opening(company["id"], starts_on="2026-07-01")

    problem(await tenant.client.patch(f"/api/v1/openings/{opening['id']}", json={"ends_on": "2026-06-30"}), 422)

    assert (await tenant.client.get(f"/api/v1/openings/{opening['id']}")).json()["ends_on"] is None
    assert await tenant.rows(Opening) == 1


async def test_openings_filter_by_status_kind_company_city_format_skills_dates_and_search(tenant: Tenant) -> None:
    yandex, sber = await tenant.company(), await tenant.company()
    summer = await tenant.opening(
        yandex["id"],
        title="Летняя стажировка Backend",
        city="Москва",
        format="hybrid",
        skills=["python", "sql"],
        starts_on="2026-06-01",
    )
    vacancy = await tenant.opening(
        yandex["id"],
        kind="vacancy",
        title="Разработчик Go",
        city="Казань",
        format="remote",
        skills=["go"],
        starts_on="2026-09-01",
    )
    draft = await tenant.opening(sber["id"], status="draft", title="Аналитик", skills=["sql"])

    assert await ids(tenant, "/openings", status="draft") == [draft["id"]]
    assert await ids(tenant, "/openings", kind="vacancy") == [vacancy["id"]]
    assert await ids(tenant, "/openings", company_id=yandex["id"]) == [summer["id"], vacancy["id"]]
    assert await ids(tenant, "/openings", city="Казань") == [vacancy["id"]]
    assert await ids(tenant, "/openings", format="hybrid") == [summer["id"]]
    assert await ids(tenant, "/openings", skills="sql") == [summer["id"], draft["id"]]
    assert await ids(tenant, "/openings", skills="sql,python") == [summer["id"]]
    assert await ids(tenant, "/openings", starts_from="2026-07-01") == [vacancy["id"]]
    assert await ids(tenant, "/openings", starts_to="2026-07-01") == [summer["id"]]
    assert await ids(tenant, "/openings", starts_from="2026-06-01", starts_to="2026-09-01") == [
        summer["id"],
        vacancy["id"],
    ]
    assert await ids(tenant, "/openings", q="стажировка") == [summer["id"]]
    assert await ids(tenant, "/openings", q="СТАЖИРОВКА", kind="vacancy") == []
    problem(await tenant.client.get("/api/v1/openings", params={"status": "archived"}), 422)
    problem(await tenant.client.get("/api/v1/openings", params={"kind": "job"}), 422)
    problem(await tenant.client.get("/api/v1/openings", params={"starts_from": "1 June"}), 422)


async def test_an_opening_with_applications_is_closed_not_removed(tenant: Tenant) -> None:
    university, company = await tenant.university(), await tenant.company()
    opening = await tenant.opening(company["id"])
    await tenant.application(opening["id"], (await tenant.student(university["id"]))["id"])

    problem(await tenant.client.delete(f"/api/v1/openings/{opening['id']}"), 409)

    assert (await tenant.client.get(f"/api/v1/openings/{opening['id']}")).status_code == 200
    closed = await tenant.client.patch(f"/api/v1/openings/{opening['id']}", json={"status": "closed"})
    assert closed.json()["status"] == "closed"
