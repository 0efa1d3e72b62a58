"""Applications: who applies where, duplicates, the status life cycle with history, slots, filters."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import event

from internhub import jobs
from internhub.applications.schemas import ApplicationOut
from internhub.models import Application
from tests.factories import Tenant, problem


async def setup(tenant: Tenant, **opening: object) -> tuple[dict, dict, dict]:
    university, company = await tenant.university(), await tenant.company()
    return (
        university,
        await tenant.opening(company["id"], **opening),
        await tenant.student(university["id"]),
    )


async def test_applying_creates_a_new_application_with_its_first_history_entry(tenant: Tenant) -> None:
    _, opening, student = await setup(tenant)

    application = await tenant.application(opening["id"], student["id"], cover_letter="Хочу к вам")

    assert application["status"] == "new" and application["source"] == "portal"
    assert application["cover_letter"] == "Хочу к вам"
    history = (await tenant.client.get(f"/api/v1/applications/{application['id']}/history")).json()
    assert len(history) == 1
    assert history[0]["from_status"] is None and history[0]["to_status"] == "new" and history[0]["changed_by_id"]


async def test_applying_twice_is_a_409_naming_the_first_application(tenant: Tenant) -> None:
    _, opening, student = await setup(tenant)
    first = await tenant.application(opening["id"], student["id"])

    body = problem(
        await tenant.client.post(
            "/api/v1/applications", json={"opening_id": opening["id"], "student_id": student["id"]}
        ),
        409,
    )

    assert body["existing_id"] == first["id"]
    assert await tenant.rows(Application) == 1


async def test_only_an_active_opening_takes_applications(tenant: Tenant) -> None:
    _, opening, student = await setup(tenant, status="draft")
    body = {"opening_id": opening["id"], "student_id": student["id"]}

    problem(await tenant.client.post("/api/v1/applications", json=body), 409)
    await tenant.client.patch(f"/api/v1/openings/{opening['id']}", json={"status": "active"})
    await tenant.client.patch(f"/api/v1/openings/{opening['id']}", json={"status": "closed"})
    closed = problem(await tenant.client.post("/api/v1/applications", json=body), 409)

    assert "closed" in closed["detail"]
    assert await tenant.rows(Application) == 0


async def test_an_invalid_status_move_is_a_409_listing_the_allowed_ones(tenant: Tenant) -> None:
    _, opening, student = await setup(tenant)
    application = await tenant.application(opening["id"], student["id"])
    path = f"/api/v1/applications/{application['id']}"

    assert (await tenant.client.patch(path, json={"status": "interview"})).json()["status"] == "interview"
    back = problem(await tenant.client.patch(path, json={"status": "screening"}), 409)

    assert back["allowed"] == ["offer", "hired", "rejected", "withdrawn"]
    rejected = await tenant.client.patch(path, json={"status": "rejected", "rejection_reason": "Нет опыта"})
    assert rejected.json()["status"] == "rejected" and rejected.json()["rejection_reason"] == "Нет опыта"
    final = problem(await tenant.client.patch(path, json={"status": "offer"}), 409)
    assert final["allowed"] == []
    problem(await tenant.client.patch(path, json={"status": "archived"}), 422)

    history = (await tenant.client.get(f"{path}/history")).json()
    assert [(h["from_status"], h["to_status"]) for h in history] == [
        (None, "new"),
        ("new", "interview"),
        ("interview", "rejected"),
    ]
    assert history[-1]["reason"] == "Нет опыта"
    assert (await tenant.client.get(path)).json()["status"] == "rejected"


async def test_a_status_unchanged_adds_no_history(tenant: Tenant) -> None:
    _, opening, student = await setup(tenant)
    application = await tenant.application(opening["id"], student["id"])

    same = await tenant.client.patch(f"/api/v1/applications/{application['id']}", json={"status": "new"})

    assert same.status_code == 200
    assert len((await tenant.client.get(f"/api/v1/applications/{application['id']}/history")).json()) == 1


async def test_hiring_stops_when_the_slots_are_taken(tenant: Tenant) -> None:
    university, opening, first = await setup(tenant, slots=1)
    second, late = await tenant.student(university["id"]), await tenant.student(university["id"])
    hired = await tenant.application(opening["id"], first["id"])
    waiting = await tenant.application(opening["id"], second["id"])

    assert (
        await tenant.client.patch(f"/api/v1/applications/{hired['id']}", json={"status": "hired"})
    ).status_code == 200
    full = problem(await tenant.client.patch(f"/api/v1/applications/{waiting['id']}", json={"status": "hired"}), 409)
    too_late = problem(
        await tenant.client.post("/api/v1/applications", json={"opening_id": opening["id"], "student_id": late["id"]}),
        409,
    )

    assert "places" in full["detail"] and "places" in too_late["detail"]
    assert (await tenant.client.get(f"/api/v1/applications/{waiting['id']}")).json()["status"] == "new"
    assert await tenant.rows(Application) == 2


async def test_staff_set_the_source_and_assignee(tenant: Tenant) -> None:
    _, opening, student = await setup(tenant)
    me = (await tenant.client.get("/api/v1/auth/me")).json()["user_id"]

    application = await tenant.application(opening["id"], student["id"], source="bitrix24", assignee_id=me)
    problem(await tenant.client.patch(f"/api/v1/applications/{application['id']}", json={"assignee_id": 987654}), 409)
    cleared = await tenant.client.patch(f"/api/v1/applications/{application['id']}", json={"assignee_id": None})

    assert application["source"] == "bitrix24" and application["assignee_id"] == me
    assert cleared.json()["assignee_id"] is None
    problem(
        await tenant.client.post(
            "/api/v1/applications",
            json={
                "opening_id": opening["id"],
                "student_id": student["id"],
                "source": "fax",
            },
        ),
        422,
    )


async def test_a_removed_application_is_hidden_with_its_history(tenant: Tenant) -> None:
    _, opening, student = await setup(tenant)
    application = await tenant.application(opening["id"], student["id"])

    assert (await tenant.client.delete(f"/api/v1/applications/{application['id']}")).status_code == 204

    problem(await tenant.client.get(f"/api/v1/applications/{application['id']}"), 404)
    problem(await tenant.client.get(f"/api/v1/applications/{application['id']}/history"), 404)
    assert await tenant.total("/applications") == 0 and await tenant.rows(Application) == 1


async def test_applications_filter_by_every_documented_field(tenant: Tenant) -> None:
    kfu, mgu = await tenant.university(), await tenant.university()
    yandex, sber = await tenant.company(), await tenant.company()
    internship = await tenant.opening(yandex["id"])
    vacancy = await tenant.opening(sber["id"], kind="vacancy")
    anna = await tenant.student(kfu["id"], full_name="Анна Каренина")
    boris = await tenant.student(mgu["id"], full_name="Борис Годунов")
    me = (await tenant.client.get("/api/v1/auth/me")).json()["user_id"]
    a1 = await tenant.application(internship["id"], anna["id"], assignee_id=me)
    a2 = await tenant.application(vacancy["id"], anna["id"], source="import")
    a3 = await tenant.application(internship["id"], boris["id"])
    await tenant.client.patch(f"/api/v1/applications/{a3['id']}", json={"status": "screening"})

    async def ids(**params) -> list[int]:
        listed = (await tenant.client.get("/api/v1/applications", params={"sort": "id", **params})).json()
        return [a["id"] for a in listed["items"]]

    today = datetime.now(UTC).date()
    assert await ids(status="screening") == [a3["id"]]
    assert await ids(source="import") == [a2["id"]]
    assert await ids(opening_id=internship["id"]) == [a1["id"], a3["id"]]
    assert await ids(student_id=anna["id"]) == [a1["id"], a2["id"]]
    assert await ids(company_id=sber["id"]) == [a2["id"]]
    assert await ids(university_id=mgu["id"]) == [a3["id"]]
    assert await ids(assignee_id=me) == [a1["id"]]
    assert await ids(kind="vacancy") == [a2["id"]]
    assert await ids(kind="internship", university_id=kfu["id"]) == [a1["id"]]
    assert await ids(applied_from=today.isoformat(), applied_to=today.isoformat()) == [a1["id"], a2["id"], a3["id"]]
    assert await ids(applied_from=(today + timedelta(days=1)).isoformat()) == []
    assert await ids(applied_to=(today - timedelta(days=1)).isoformat()) == []
    assert await ids(q="годунов") == [a3["id"]]
    assert await ids(sort="-applied_at") == [a3["id"], a2["id"], a1["id"]]


@contextmanager
def statements(app) -> Iterator[list[str]]:
    """The SQL statements the application runs while the block does."""
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    engine = app.state.engine.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


async def test_an_application_reads_with_its_student_opening_and_company_names(tenant: Tenant) -> None:
    university = await tenant.university()
    company = await tenant.company(name="ООО Ромашка")
    opening = await tenant.opening(company["id"], title="Стажёр-аналитик")
    student = await tenant.student(university["id"], full_name="Смирнова Ольга Петровна")
    names = {
        "student_name": "Смирнова Ольга Петровна",
        "opening_title": "Стажёр-аналитик",
        "company_name": "ООО Ромашка",
    }

    created = await tenant.application(opening["id"], student["id"])
    read = (await tenant.client.get(f"/api/v1/applications/{created['id']}")).json()
    listed = (await tenant.client.get("/api/v1/applications")).json()["items"]
    other = await tenant.opening((await tenant.company(name="АО Василёк"))["id"], title="Младший тестировщик")
    moved = await tenant.client.patch(f"/api/v1/applications/{created['id']}", json={"opening_id": other["id"]})

    for answer in (created, read, listed[0]):
        assert {name: answer[name] for name in names} == names
    assert (moved.json()["opening_title"], moved.json()["company_name"]) == ("Младший тестировщик", "АО Василёк")


async def test_an_application_by_id_is_read_whole_in_one_statement(tenant: Tenant) -> None:
    university = await tenant.university()
    opening = await tenant.opening((await tenant.company(name="ООО Ромашка"))["id"], title="Стажёр-аналитик")
    student = await tenant.student(university["id"], full_name="Смирнова Ольга Петровна")
    created = await tenant.application(opening["id"], student["id"], cover_letter="Хочу к вам на стажировку.")
    await jobs.drain()
    await tenant.client.get("/api/v1/auth/me")  # the sign-in cached: the read below is the application's alone

    with statements(tenant.app) as seen:
        read = await tenant.client.get(f"/api/v1/applications/{created['id']}")

    assert read.status_code == 200
    assert read.json() == created | {"status_token": None}  # every field the answer to the create carried
    assert set(read.json()) == set(ApplicationOut.model_fields)
    assert len(seen) == 1, seen  # the names joined in; no second query, no isolation switching


async def test_the_application_list_costs_the_same_queries_for_any_number_of_rows(tenant: Tenant) -> None:
    university = await tenant.university()

    async def apply_somewhere() -> None:
        opening = await tenant.opening((await tenant.company())["id"])
        await tenant.application(opening["id"], (await tenant.student(university["id"]))["id"])

    async def quiet() -> None:
        await jobs.drain()  # the receipts' mail jobs would run their own statements meanwhile
        await tenant.client.get("/api/v1/auth/me")  # and the sign-in is freshly cached for both reads

    await apply_somewhere()
    await quiet()
    with statements(tenant.app) as few:
        assert len((await tenant.client.get("/api/v1/applications")).json()["items"]) == 1
    for _ in range(5):
        await apply_somewhere()
    await quiet()
    with statements(tenant.app) as many:
        page = (await tenant.client.get("/api/v1/applications")).json()["items"]

    assert len(page) == 6 and len({a["company_name"] for a in page}) == 6
    assert len(many) == len(few), many
