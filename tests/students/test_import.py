"""Students from a CSV file: a dry run that keeps nothing, a result per row, a university's own import."""

from internhub.models import Student
from tests.factories import Tenant, problem


def csv_file(text: str) -> dict:
    return {"file": ("students.csv", text.encode(), "text/csv")}


async def test_a_dry_run_checks_every_row_and_keeps_nothing_then_the_import_keeps_the_good_rows(tenant: Tenant) -> None:
    university = await tenant.university()
    taken = await tenant.student(university["id"], email="taken@example.ru")
    uid = university["id"]
    files = csv_file(
        "full_name;email;university_id;course;phone;specialty;skills\n"
        f"Громов Илья;Ilya@Example.ru;{uid};2;8 900 000-00-01;Прикладная информатика;SQL, python|Go\n"
        f"Без почты;;{uid};3;;;\n"
        f"Копия;TAKEN@example.ru;{uid};1;;;\n"
        f"Седьмой курс;seven@example.ru;{uid};7;;;\n"
        ";;;;;;\n"
        f"Громов Илья 2;ilya@example.ru;{uid};2;;;\n"
        f"Чужой вуз;other@example.ru;999999;2;;;\n"
    )

    dry = await tenant.client.post("/api/v1/students/import", params={"dry_run": "true"}, files=files)
    assert dry.status_code == 200, dry.text
    body = dry.json()
    assert (body["dry_run"], body["total"], body["created"], body["failed"]) == (True, 6, 1, 5)
    assert await tenant.rows(Student) == 1

    done = (await tenant.client.post("/api/v1/students/import", files=files)).json()
    assert [(r["row"], r["ok"], r["status"]) for r in done["rows"]] == [
        (2, True, None),
        (3, False, 422),
        (4, False, 409),
        (5, False, 422),
        (7, False, 409),
        (8, False, 404),
    ]
    assert [r["ok"] for r in done["rows"]] == [r["ok"] for r in body["rows"]]
    assert {e["field"] for e in done["rows"][1]["errors"]} == {"email"}
    assert done["rows"][2]["existing_id"] == taken["id"]
    assert done["rows"][4]["existing_id"] == done["rows"][0]["student_id"]
    assert all("student_id" not in r or r["student_id"] is None for r in body["rows"])
    student = (await tenant.client.get(f"/api/v1/students/{done['rows'][0]['student_id']}")).json()
    assert student["email"] == "ilya@example.ru" and student["phone"] == "+79000000001"
    assert student["skills"] == ["go", "python", "sql"] and student["specialty"] == "Прикладная информатика"
    assert await tenant.rows(Student) == 2


async def test_a_university_imports_its_own_students_only(tenant: Tenant) -> None:
    own = await tenant.university()
    other = await tenant.university()
    coordinator = await tenant.sign_in_as("university", university_id=own["id"])
    files = csv_file(
        f"full_name,email,course,university_id\nСвой,own@example.ru,2,\nЧужой,alien@example.ru,2,{other['id']}\n"
    )

    done = (await coordinator.post("/api/v1/students/import", files=files)).json()

    assert [(r["ok"], r["status"]) for r in done["rows"]] == [(True, None), (False, 403)]
    student = (await coordinator.get(f"/api/v1/students/{done['rows'][0]['student_id']}")).json()
    assert student["university_id"] == own["id"]
    recruiter = await tenant.sign_in_as("recruiter", company_id=(await tenant.company())["id"])
    problem(await recruiter.post("/api/v1/students/import", files=files), 403)


async def test_a_file_that_cannot_be_read_is_a_400_and_keeps_nothing(tenant: Tenant) -> None:
    problem(await tenant.client.post("/api/v1/students/import", files=csv_file("name,email\nx,y@example.ru\n")), 400)
    bad = {"file": ("students.csv", "full_name,email,course\nМария,m@example.ru,2\n".encode("cp1251"), "text/csv")}
    problem(await tenant.client.post("/api/v1/students/import", files=bad), 400)
    assert await tenant.rows(Student) == 0
