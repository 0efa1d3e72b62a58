"""What each role may do: recruiters, university coordinators, students and managers."""

from tests.factories import Tenant, client_for, problem, unique


async def test_a_recruiter_manages_only_their_own_company_and_its_openings(tenant: Tenant) -> None:
    own = await tenant.company()
    other = await tenant.company()
    recruiter = await tenant.sign_in_as("recruiter", company_id=own["id"])
    university = await tenant.university()
    other_opening = await tenant.opening(other["id"], status="draft")
    before = await tenant.snapshot()

    problem(await recruiter.post("/api/v1/universities", json={"name": "Свой вуз"}), 403)
    problem(await recruiter.patch(f"/api/v1/universities/{university['id']}", json={"city": "Омск"}), 403)
    problem(await recruiter.delete(f"/api/v1/universities/{university['id']}"), 403)
    problem(await recruiter.post("/api/v1/companies", json={"name": "Ещё одна"}), 403)
    problem(await recruiter.patch(f"/api/v1/companies/{other['id']}", json={"city": "Омск"}), 403)
    problem(await recruiter.delete(f"/api/v1/companies/{own['id']}"), 403)
    problem(
        await recruiter.post(
            "/api/v1/openings", json={"company_id": other["id"], "kind": "vacancy", "title": "Не наша"}
        ),
        403,
    )
    problem(await recruiter.get(f"/api/v1/openings/{other_opening['id']}"), 404)
    problem(
        await recruiter.post(
            "/api/v1/partnerships",
            json={"university_id": university["id"], "company_id": own["id"], "agreement_number": "1"},
        ),
        403,
    )
    assert await tenant.snapshot() == before

    renamed = await recruiter.patch(f"/api/v1/companies/{own['id']}", json={"industry": "ИТ"})
    opening = await tenant.create(
        "/openings", client=recruiter, company_id=own["id"], kind="vacancy", title="Наша", status="active"
    )
    assert renamed.status_code == 200 and renamed.json()["industry"] == "ИТ"
    assert opening["company_id"] == own["id"]
    listed = (await recruiter.get("/api/v1/openings")).json()["items"]
    assert [o["id"] for o in listed] == [opening["id"]]


async def test_a_recruiter_sees_only_applicants_to_their_company_and_moves_them_along(tenant: Tenant) -> None:
    own, other = await tenant.company(), await tenant.company()
    university = await tenant.university()
    applicant, stranger = await tenant.student(university["id"]), await tenant.student(university["id"])
    own_opening, other_opening = await tenant.opening(own["id"]), await tenant.opening(other["id"])
    mine = await tenant.application(own_opening["id"], applicant["id"])
    theirs = await tenant.application(other_opening["id"], stranger["id"])
    recruiter = await tenant.sign_in_as("recruiter", company_id=own["id"])

    assert [a["id"] for a in (await recruiter.get("/api/v1/applications")).json()["items"]] == [mine["id"]]
    problem(await recruiter.get(f"/api/v1/applications/{theirs['id']}"), 404)
    problem(await recruiter.patch(f"/api/v1/applications/{theirs['id']}", json={"status": "rejected"}), 404)
    assert (await recruiter.get(f"/api/v1/students/{applicant['id']}")).status_code == 200
    problem(await recruiter.get(f"/api/v1/students/{stranger['id']}"), 404)
    assert [s["id"] for s in (await recruiter.get("/api/v1/students")).json()["items"]] == [applicant["id"]]
    problem(
        await recruiter.post(
            "/api/v1/applications", json={"opening_id": own_opening["id"], "student_id": stranger["id"]}
        ),
        403,
    )
    problem(await recruiter.patch(f"/api/v1/students/{applicant['id']}", json={"course": 5}), 403)

    moved = await recruiter.patch(f"/api/v1/applications/{mine['id']}", json={"status": "interview"})

    assert moved.status_code == 200 and moved.json()["status"] == "interview"
    untouched = (await tenant.client.get(f"/api/v1/applications/{theirs['id']}")).json()
    assert untouched["status"] == "new"


async def test_a_coordinator_cannot_see_other_universities_students(tenant: Tenant) -> None:
    own, other = await tenant.university(), await tenant.university()
    own_student, other_student = await tenant.student(own["id"]), await tenant.student(other["id"])
    coordinator = await tenant.sign_in_as("university", university_id=own["id"])
    before = await tenant.snapshot()

    problem(await coordinator.get(f"/api/v1/students/{other_student['id']}"), 404)
    problem(await coordinator.get(f"/api/v1/universities/{other['id']}/students"), 404)
    problem(await coordinator.get(f"/api/v1/universities/{other['id']}"), 404)
    problem(await coordinator.patch(f"/api/v1/universities/{other['id']}", json={"city": "Омск"}), 404)
    problem(await coordinator.delete(f"/api/v1/students/{other_student['id']}"), 404)
    problem(await coordinator.post("/api/v1/universities", json={"name": "Новый вуз"}), 403)
    problem(await coordinator.delete(f"/api/v1/universities/{own['id']}"), 403)
    problem(
        await coordinator.post(
            "/api/v1/students",
            json={"university_id": other["id"], "full_name": "Чужой", "email": "c@example.ru", "course": 1},
        ),
        403,
    )
    listed = (await coordinator.get("/api/v1/students", params={"university_id": other["id"]})).json()
    assert listed["items"] == [] and listed["total"] == 0
    everyone = (await coordinator.get("/api/v1/students")).json()["items"]
    assert [s["id"] for s in everyone] == [own_student["id"]]
    assert await tenant.snapshot() == before

    added = await tenant.create(
        "/students", client=coordinator, university_id=own["id"], full_name="Свой", email="own@example.ru", course=2
    )
    renamed = await coordinator.patch(f"/api/v1/universities/{own['id']}", json={"short_name": "КФУ"})
    assert added["university_id"] == own["id"]
    assert renamed.status_code == 200 and renamed.json()["short_name"] == "КФУ"


async def test_a_coordinator_files_and_withdraws_applications_but_does_not_move_them(tenant: Tenant) -> None:
    university = await tenant.university()
    company = await tenant.company()
    student = await tenant.student(university["id"])
    opening, second = await tenant.opening(company["id"]), await tenant.opening(company["id"])
    draft = await tenant.opening(company["id"], status="draft")
    coordinator = await tenant.sign_in_as("university", university_id=university["id"])

    problem(await coordinator.get(f"/api/v1/openings/{draft['id']}"), 404)
    assert draft["id"] not in [o["id"] for o in (await coordinator.get("/api/v1/openings")).json()["items"]]
    application = await tenant.create(
        "/applications", client=coordinator, opening_id=opening["id"], student_id=student["id"]
    )
    assert application["source"] == "university"
    problem(
        await coordinator.post(
            "/api/v1/applications",
            json={"opening_id": second["id"], "student_id": student["id"], "source": "bitrix24"},
        ),
        403,
    )
    problem(await coordinator.patch(f"/api/v1/applications/{application['id']}", json={"status": "offer"}), 403)
    problem(
        await coordinator.patch(f"/api/v1/applications/{application['id']}", json={"cover_letter": "Новое"}),
        403,
    )
    problem(await coordinator.delete(f"/api/v1/applications/{application['id']}"), 403)

    withdrawn = await coordinator.patch(f"/api/v1/applications/{application['id']}", json={"status": "withdrawn"})

    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"


async def test_a_student_sees_and_withdraws_only_their_own_applications(tenant: Tenant) -> None:
    university = await tenant.university()
    company = await tenant.company()
    me, classmate = await tenant.student(university["id"]), await tenant.student(university["id"])
    opening, second = await tenant.opening(company["id"]), await tenant.opening(company["id"])
    mine = await tenant.application(opening["id"], me["id"])
    theirs = await tenant.application(opening["id"], classmate["id"])
    student = await tenant.sign_in_as("student", student_id=me["id"])
    before = await tenant.snapshot()

    assert [a["id"] for a in (await student.get("/api/v1/applications")).json()["items"]] == [mine["id"]]
    listed = (await student.get("/api/v1/applications", params={"student_id": classmate["id"]})).json()
    assert listed["items"] == []
    problem(await student.get(f"/api/v1/applications/{theirs['id']}"), 404)
    problem(await student.get(f"/api/v1/applications/{theirs['id']}/history"), 404)
    problem(await student.patch(f"/api/v1/applications/{theirs['id']}", json={"status": "withdrawn"}), 404)
    problem(await student.get(f"/api/v1/students/{classmate['id']}"), 404)
    problem(
        await student.post("/api/v1/applications", json={"opening_id": second["id"], "student_id": classmate["id"]}),
        404,
    )
    problem(await student.patch(f"/api/v1/applications/{mine['id']}", json={"status": "hired"}), 403)
    problem(await student.patch(f"/api/v1/students/{me['id']}", json={"course": 6}), 403)
    problem(
        await student.post(
            "/api/v1/students",
            json={"university_id": university["id"], "full_name": "Я", "email": "me2@example.ru", "course": 1},
        ),
        403,
    )
    assert (await student.get("/api/v1/partnerships")).json()["items"] == []
    assert await tenant.snapshot() == before

    applied = await tenant.create("/applications", client=student, opening_id=second["id"], student_id=me["id"])
    withdrawn = await student.patch(f"/api/v1/applications/{mine['id']}", json={"status": "withdrawn"})

    assert applied["source"] == "portal" and applied["student_id"] == me["id"]
    assert withdrawn.json()["status"] == "withdrawn"
    history = (await student.get(f"/api/v1/applications/{mine['id']}/history")).json()
    assert [(h["from_status"], h["to_status"]) for h in history] == [(None, "new"), ("new", "withdrawn")]


async def test_a_manager_runs_the_catalogue_but_not_the_users(tenant: Tenant) -> None:
    manager = await tenant.sign_in_as("manager")

    university = await tenant.create("/universities", client=manager, name="МГТУ")
    company = await tenant.create("/companies", client=manager, name="ООО Ромашка")
    partnership = await tenant.create(
        "/partnerships",
        client=manager,
        university_id=university["id"],
        company_id=company["id"],
        agreement_number="П-7",
    )
    deleted = await manager.delete(f"/api/v1/partnerships/{partnership['id']}")

    assert deleted.status_code == 204
    problem(await manager.get("/api/v1/users"), 403)
    problem(await manager.post(f"/api/v1/universities/{university['id']}/api-keys", json={"name": "k"}), 403)


async def test_an_anonymous_caller_reaches_nothing(tenant: Tenant) -> None:
    university = await tenant.university()
    async with client_for(tenant.app) as anonymous:
        for method, path in (
            ("GET", "/universities"),
            ("POST", "/universities"),
            ("GET", f"/universities/{university['id']}"),
            ("DELETE", f"/universities/{university['id']}"),
            ("GET", "/students"),
            ("GET", "/applications"),
            ("GET", "/users"),
            ("GET", "/workspace"),
        ):
            problem(await anonymous.request(method, f"/api/v1{path}", json={"name": "x"}), 401)
    assert await tenant.total("/universities") == 1


async def test_a_coordinator_is_not_told_whose_an_email_is(tenant: Tenant) -> None:
    ours, theirs = await tenant.university(), await tenant.university()
    other = await tenant.student(theirs["id"], email=f"{unique('other')}@example.ru")
    coordinator = await tenant.sign_in_as("university", university_id=ours["id"])
    body = {"university_id": ours["id"], "full_name": "Новый Студент", "email": other["email"], "course": 1}
    refused = problem(await coordinator.post("/api/v1/students", json=body), 409)
    assert refused["code"] == "email_unavailable" and "existing_id" not in refused
    assert str(other["id"]) not in refused["detail"] and other["email"] not in refused["detail"]
    as_manager = problem(await tenant.client.post("/api/v1/students", json=body), 409)
    assert as_manager["existing_id"] == other["id"]
