"""Every way in: the public form, a signed-in student, a university's key, a CSV import; one person, one student."""

from __future__ import annotations

import io
import zipfile

from internhub.models import Application, ApplicationIntake, StoredFile, Student
from tests.applications_flow.conftest import PDF, docx, pdf, public_apply, public_client, workspace_slug, world
from tests.factories import Tenant, client_for, problem


async def count(tenant: Tenant, model: type) -> int:
    from sqlalchemy import func, select

    async with tenant.app.state.sessionmaker() as session:
        return await session.scalar(
            select(func.count()).select_from(model).where(model.workspace_id == tenant.workspace_id)
        )


async def test_the_public_form_creates_student_application_cv_and_a_private_status_link(tenant: Tenant) -> None:
    w = await world(tenant)
    response = await public_apply(
        tenant, w["opening"]["id"], university=w["university"]["short_name"].lower(), cover_letter="Хочу учиться"
    )

    assert response.status_code == 201, response.text
    created = response.json()
    assert created["status"] == "new" and created["token"].startswith("ihs_")
    # Absolute, at the address the request came to (no public address is configured here).
    assert created["status_url"] == f"http://test/status/{created['token']}"
    application = (await tenant.client.get(f"/api/v1/applications/{created['id']}")).json()
    assert application["source"] == "portal" and application["cover_letter"] == "Хочу учиться"
    student = (await tenant.client.get(f"/api/v1/students/{application['student_id']}")).json()
    assert student["university_id"] == w["university"]["id"] and student["phone"].startswith("+7912")
    assert student["consent_version"] == "2026-11" and student["consent_at"]
    async with tenant.app.state.sessionmaker() as session:
        intake = await session.get(ApplicationIntake, created["id"])
        assert intake.consent_version == "2026-11" and created["token"] not in intake.status_token_hash
        cv = await session.get(StoredFile, intake.cv_file_id)
        assert (cv.content_type, cv.size, cv.filename) == ("application/pdf", len(PDF), "cv.pdf")

    status = await public_client(tenant).get(f"/api/v1/public/applications/{created['token']}")
    assert status.status_code == 200
    assert status.json()["status"] == "new" and status.json()["opening_title"] == w["opening"]["title"]
    await tenant.client.patch(f"/api/v1/applications/{created['id']}", json={"status": "interview"})
    later = (await public_client(tenant).get(f"/api/v1/public/applications/{created['token']}")).json()
    assert [step["status"] for step in later["history"]] == ["new", "interview"]
    problem(await public_client(tenant).get("/api/v1/public/applications/ihs_" + "x" * 40), 404)


async def test_a_docx_cv_is_accepted_by_its_content(tenant: Tenant) -> None:
    w = await world(tenant)
    response = await public_apply(
        tenant, w["opening"]["id"], cv=("Резюме.docx", docx()), university_id=w["university"]["id"]
    )
    assert response.status_code == 201, response.text


def _zip(entries: dict[str, bytes], level: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=level) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


async def test_a_cv_is_checked_as_a_whole_file_not_by_its_first_bytes(tenant: Tenant) -> None:
    w = await world(tenant)
    word = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
    refused = {
        "a PDF header and nothing else": ("cv.pdf", b"%PDF-1.4\n%%EOF\n"),
        "a PDF/HTML polyglot": ("cv.pdf", b"%PDF-1.4\n<html><script>alert(document.cookie)</script>" + PDF[9:]),
        "a PDF with a script": ("cv.pdf", pdf(extra=b"5 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj")),
        "a zip bomb": ("cv.docx", _zip({**word, "word/media/bomb.bin": b"\0" * (60 * 1024 * 1024)})),
        "a Word file with macros": ("cv.docx", _zip({**word, "word/vbaProject.bin": b"macro"})),
        "a damaged Word file": ("cv.docx", _zip(word)[:-30]),
    }
    before = await tenant.snapshot()
    for what, cv in refused.items():
        body = problem(await public_apply(tenant, w["opening"]["id"], cv=cv, university_id=w["university"]["id"]), 422)
        assert [e["field"] for e in body["errors"]] == ["cv"], what
    assert await tenant.snapshot() == before
    for cv in (("cv.pdf", pdf(pages=2)), ("cv.docx", _zip(word))):
        made = await public_apply(
            tenant, w["opening"]["id"], cv=cv, university_id=w["university"]["id"], email=f"{cv[0]}@example.ru"
        )
        assert made.status_code == 201, made.text


async def test_bad_public_input_is_a_clear_4xx_and_stores_nothing(tenant: Tenant) -> None:
    w = await world(tenant)
    opening_id, university_id = w["opening"]["id"], w["university"]["id"]
    before = await tenant.snapshot()

    no_consent = problem(await public_apply(tenant, opening_id, consent="false", university_id=university_id), 422)
    absent_consent = await public_client(tenant).post(
        "/api/v1/public/applications", data={"opening_id": str(opening_id), "full_name": "А Б", "email": "a@b.ru"}
    )
    fake_pdf = problem(
        await public_apply(tenant, opening_id, cv=("cv.pdf", b"MZ\x90\x00 not a pdf"), university_id=university_id),
        422,
    )
    renamed = problem(await public_apply(tenant, opening_id, cv=("cv.docx", PDF), university_id=university_id), 422)
    zip_not_docx = problem(
        await public_apply(tenant, opening_id, cv=("cv.docx", b"PK\x03\x04garbage"), university_id=university_id),
        422,
    )
    limit = tenant.app.state.settings.cv_max_bytes
    oversize = problem(
        await public_apply(tenant, opening_id, cv=("cv.pdf", PDF + b"0" * limit), university_id=university_id), 413
    )
    unknown_opening = problem(await public_apply(tenant, 987654321, university_id=university_id), 404)
    unknown_university = problem(await public_apply(tenant, opening_id, university="Хогвартс"), 422)
    no_university = problem(await public_apply(tenant, opening_id), 422)

    assert no_consent["errors"][0]["field"] == "consent"
    assert {e["field"] for e in problem(absent_consent, 422)["errors"]} >= {"consent"}
    assert {fake_pdf["errors"][0]["field"], renamed["errors"][0]["field"], oversize["errors"][0]["field"]} == {"cv"}
    assert zip_not_docx["errors"][0]["type"] == "file_type"
    assert "Opening" in unknown_opening["detail"] and unknown_university["errors"][0]["field"] == "university"
    assert {e["field"] for e in no_university["errors"]} == {"university_id"}
    assert await tenant.snapshot() == before
    assert await count(tenant, StoredFile) == 0 and await count(tenant, ApplicationIntake) == 0


async def test_closed_full_or_duplicate_applications_are_409s(tenant: Tenant) -> None:
    w = await world(tenant, slots=1)
    university_id = w["university"]["id"]
    first = await public_apply(tenant, w["opening"]["id"], email="twice@example.ru", university_id=university_id)
    again = problem(
        await public_apply(tenant, w["opening"]["id"], email="TWICE@example.ru", university_id=university_id), 409
    )
    # Anyone may post the form: the answer says what happened, not which application (or whose) is there.
    assert again["code"] == "already_applied" and "existing_id" not in again
    assert str(first.json()["id"]) not in again["detail"]

    await tenant.client.patch(f"/api/v1/applications/{first.json()['id']}", json={"status": "hired"})
    full = problem(await public_apply(tenant, w["opening"]["id"], university_id=university_id), 409)
    assert "places" in full["detail"]

    closed = await tenant.opening(w["company"]["id"], status="active")
    await tenant.client.patch(f"/api/v1/openings/{closed['id']}", json={"status": "closed"})
    assert "closed" in problem(await public_apply(tenant, closed["id"], university_id=university_id), 409)["detail"]
    assert await tenant.rows(Application) == 1


async def test_one_person_is_one_student_matched_by_email_or_phone(tenant: Tenant) -> None:
    w = await world(tenant)
    second = await tenant.opening(w["company"]["id"])
    third = await tenant.opening(w["company"]["id"])
    university_id = w["university"]["id"]
    existing = await tenant.student(university_id, email="anna@example.ru", phone="8 912 000-11-22", specialty=None)

    by_email = await public_apply(
        tenant, w["opening"]["id"], email="Anna@Example.ru", phone="", specialty="Прикладная информатика"
    )
    by_phone = await public_apply(tenant, second["id"], email="anna.other@example.ru", phone="+7 912 000 11 22")
    stranger_name = await public_apply(tenant, third["id"], email="anna@example.ru", full_name="Кто-то Другой")

    for response in (by_email, by_phone, stranger_name):
        assert response.status_code == 201, response.text
        application = (await tenant.client.get(f"/api/v1/applications/{response.json()['id']}")).json()
        assert application["student_id"] == existing["id"]
    student = (await tenant.client.get(f"/api/v1/students/{existing['id']}")).json()
    # The anonymous form fills in what was missing and never rewrites what the record already says.
    assert student["specialty"] == "Прикладная информатика" and student["full_name"] == existing["full_name"]
    assert await tenant.rows(Student) == 1


async def test_a_signed_in_student_applies_for_themselves(tenant: Tenant) -> None:
    w = await world(tenant)
    me = await tenant.student(w["university"]["id"])
    other = await tenant.student(w["university"]["id"])
    client = await tenant.sign_in_as("student", student_id=me["id"])

    mine = await client.post("/api/v1/applications", json={"opening_id": w["opening"]["id"], "student_id": me["id"]})
    theirs = await client.post(
        "/api/v1/applications", json={"opening_id": w["opening"]["id"], "student_id": other["id"]}
    )

    assert mine.status_code == 201 and mine.json()["source"] == "portal" and mine.json()["status_token"]
    assert theirs.status_code in (403, 404)
    assert (await client.get(f"/api/v1/applications/{mine.json()['id']}")).json()["status_token"] is None


async def test_a_university_key_applies_many_students_at_once(tenant: Tenant) -> None:
    w = await world(tenant)
    other_university = await tenant.university()
    known = await tenant.student(w["university"]["id"], email="known@example.ru", course=2)
    foreign = await tenant.student(other_university["id"], email="foreign@example.ru")
    key = await tenant.key_client(w["university"]["id"])
    body = {
        "opening_id": w["opening"]["id"],
        "students": [
            {"email": "new1@example.ru", "full_name": "Новиков Пётр", "course": 4, "skills": ["go"]},
            {"email": "KNOWN@example.ru", "course": 3},
            {"email": "new2@example.ru"},
            {"email": foreign["email"], "full_name": "Чужой"},
        ],
    }

    response = await key.post("/api/v1/applications/from-university", json=body)

    assert response.status_code == 200, response.text
    results = response.json()
    assert [r["ok"] for r in results] == [True, True, False, False]
    assert results[0]["student_created"] is True and results[1]["student_id"] == known["id"]
    assert results[2]["status"] == 422 and results[3]["status"] == 403
    assert (await tenant.client.get(f"/api/v1/students/{known['id']}")).json()["course"] == 3
    applications = (await tenant.client.get("/api/v1/applications", params={"source": "university"})).json()
    assert applications["total"] == 2
    assert await tenant.rows(Student) == 3  # known, foreign and new1; the refused new2 left nothing

    wrong_key = client_for(tenant.app, **{"X-API-Key": "ihk_not-a-real-key"})
    problem(await wrong_key.post("/api/v1/applications/from-university", json=body), 401)
    await wrong_key.aclose()
    problem(await tenant.client.post("/api/v1/applications/from-university", json=body), 403)


async def test_a_csv_import_reports_every_row_and_a_dry_run_keeps_nothing(tenant: Tenant) -> None:
    w = await world(tenant)
    opening = w["opening"]["id"]
    csv_text = (
        "opening_id;email;full_name;phone;university;course;skills\n"
        f"{opening};ivan@example.ru;Иванов Иван;89120000001;{w['university']['name']};2;python,sql\n"
        f"{opening};bad-email;Плохой Адрес;;{w['university']['name']};2;\n"
        f"{opening};ivan@example.ru;Иванов Иван;;{w['university']['name']};2;\n"
        f"999999;olga@example.ru;Ольга;;{w['university']['name']};1;\n"
        f"{opening};olga@example.ru;Ольга Н;;Неизвестный вуз;1;\n"
    ).encode()
    files = {"file": ("applications.csv", csv_text, "text/csv")}

    dry = await tenant.client.post("/api/v1/applications/import", params={"dry_run": "true"}, files=files)
    assert dry.status_code == 200, dry.text
    assert [r["ok"] for r in dry.json()] == [True, False, False, False, False]
    assert await tenant.rows(Application) == 0 and await tenant.rows(Student) == 0

    done = (await tenant.client.post("/api/v1/applications/import", files=files)).json()
    assert [(r["row"], r["ok"], r.get("status")) for r in done] == [
        (2, True, None),
        (3, False, 422),
        (4, False, 409),
        (5, False, 404),
        (6, False, 422),
    ]
    assert done[2]["existing_id"] == done[0]["application_id"]
    application = (await tenant.client.get(f"/api/v1/applications/{done[0]['application_id']}")).json()
    assert application["source"] == "import"
    problem(await tenant.client.post("/api/v1/applications/import", files={"file": ("x.csv", b"name\nx\n")}), 400)


async def test_the_public_catalogue_lists_active_openings_with_free_places(tenant: Tenant) -> None:
    w = await world(tenant, title="Python-стажёр", city="Казань", slots=2)
    await tenant.opening(w["company"]["id"], title="Черновик", status="draft")
    await tenant.opening(w["company"]["id"], title="Go-разработчик", kind="vacancy", city="Москва", skills=["go"])
    slug = await workspace_slug(tenant)
    public = public_client(tenant)

    everything = (await public.get("/api/v1/public/openings", params={"workspace": slug})).json()
    searched = (await public.get("/api/v1/public/openings", params={"workspace": slug, "q": "python"})).json()
    by_kind = (await public.get("/api/v1/public/openings", params={"workspace": slug, "kind": "vacancy"})).json()
    paged = (await public.get("/api/v1/public/openings", params={"workspace": slug, "limit": 1})).json()

    assert {o["title"] for o in everything["items"]} == {"Python-стажёр", "Go-разработчик"}
    assert [o["title"] for o in searched["items"]] == ["Python-стажёр"]
    assert searched["items"][0]["company_name"] == w["company"]["name"] and searched["items"][0]["free_slots"] == 2
    assert [o["title"] for o in by_kind["items"]] == ["Go-разработчик"]
    assert len(paged["items"]) == 1 and paged["next_cursor"]
    problem(await public.get("/api/v1/public/openings", params={"workspace": "no-such-place"}), 404)
    assert (await public.get(f"/api/v1/public/openings/{w['opening']['id']}")).json()["free_slots"] == 2
    consent = (await public.get("/api/v1/public/consent")).json()
    assert consent["version"] == "2026-11" and consent["text_ru"]
    universities = (await public.get("/api/v1/public/universities", params={"workspace": slug})).json()
    assert [u["id"] for u in universities] == [w["university"]["id"]]


async def test_a_cv_of_several_megabytes_is_accepted_while_other_endpoints_keep_the_small_limit(tenant: Tenant) -> None:
    w = await world(tenant)
    four_mb_pdf = PDF + b"0" * (4 * 1024 * 1024)
    accepted = await public_apply(
        tenant, w["opening"]["id"], cv=("cv.pdf", four_mb_pdf), university_id=w["university"]["id"]
    )
    assert accepted.status_code == 201, accepted.text
    elsewhere = await tenant.client.post("/api/v1/universities", content=b"{" + b" " * len(four_mb_pdf) + b"}")
    assert elsewhere.status_code == 413
    assert str(tenant.app.state.settings.max_body_bytes) in elsewhere.json()["detail"]


async def test_those_who_handle_an_application_read_its_cv_and_nobody_else(tenant: Tenant) -> None:
    w = await world(tenant)
    made = await public_apply(
        tenant, w["opening"]["id"], cv=("Резюме Анны.pdf", PDF), university_id=w["university"]["id"]
    )
    application = made.json()["id"]

    viewed = await tenant.client.get(f"/api/v1/applications/{application}/cv")
    assert viewed.status_code == 200 and viewed.content == PDF
    assert viewed.headers["content-type"] == "application/pdf"
    assert viewed.headers["content-disposition"].startswith("inline;")
    assert "filename*=UTF-8''%D0%A0%D0%B5%D0%B7" in viewed.headers["content-disposition"]
    # Chromium opens no PDF viewer in a sandboxed document: a PDF to view is not sandboxed (the browser test opens it).
    assert "sandbox" not in viewed.headers.get("content-security-policy", "")
    saved = await tenant.client.get(f"/api/v1/applications/{application}/cv", params={"download": True})
    assert saved.headers["content-disposition"].startswith("attachment;")
    assert "sandbox" in saved.headers.get_list("content-security-policy")  # (beside our frame-ancestors)
    word = await public_apply(tenant, w["opening"]["id"], cv=("cv.docx", docx()), university_id=w["university"]["id"])
    shown = await tenant.client.get(f"/api/v1/applications/{word.json()['id']}/cv")
    assert shown.headers["content-disposition"].startswith("attachment;")
    assert "sandbox" in shown.headers.get_list("content-security-policy")

    recruiter = await tenant.sign_in_as("recruiter", company_id=w["company"]["id"])
    assert (await recruiter.get(f"/api/v1/applications/{application}/cv")).content == PDF
    rival = await tenant.sign_in_as("recruiter", company_id=(await tenant.company())["id"])
    problem(await rival.get(f"/api/v1/applications/{application}/cv"), 404)
    other_university = await tenant.key_client((await tenant.university())["id"])
    problem(await other_university.get(f"/api/v1/applications/{application}/cv"), 404)
    problem(await client_for(tenant.app).get(f"/api/v1/applications/{application}/cv"), 401)

    student = await tenant.student(w["university"]["id"])
    without = await tenant.application(w["opening"]["id"], student["id"])
    problem(await tenant.client.get(f"/api/v1/applications/{without['id']}/cv"), 404)
