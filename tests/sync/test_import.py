"""The first import of a portal: parents before children, resumable, nothing twice."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from internhub.analytics import rollups
from internhub.bitrix24.importer import import_portal
from internhub.bitrix24.mapping import Mapping
from internhub.bitrix24.sync import PortalSync
from internhub.models import Application, ApplicationStatusChange, Opening, Portal, Student, SyncState, SyncStatus
from internhub.models.analytics import StudentCount
from tests.sync.conftest import Linked


def fill_portal(linked: Linked, students: int = 60) -> dict:
    person = linked.sandbox.person
    mapping = linked.sandbox
    university = person.add_company({"TITLE": "Томский политехнический университет", "COMPANY_TYPE": "UNIVERSITY"})
    employer = person.add_company(
        {"TITLE": "Сибур Диджитал", "COMPANY_TYPE": "EMPLOYER", "UF_CRM_IH_INN": "7727563778"}
    )
    person.add_company({"TITLE": "Поставщик бумаги", "COMPANY_TYPE": "SUPPLIER"})
    contacts = [
        person.add_contact(
            {
                "LAST_NAME": f"Студентов{i}",
                "NAME": "Иван",
                "COMPANY_ID": university,
                "EMAIL": [{"VALUE": f"s{i}@tpu.ru", "VALUE_TYPE": "WORK"}],
                "UF_CRM_IH_COURSE": 2 + i % 3,
            }
        )
        for i in range(students)
    ]
    person.add_contact({"NAME": "Не студент"})
    return {"university": university, "employer": employer, "contacts": contacts, "portal": mapping}


async def test_import_brings_the_portals_records_in_and_a_second_run_adds_nothing(linked: Linked) -> None:
    seeded = fill_portal(linked)
    categories = {
        p["name"]: p["id"]
        for p in (await linked.remote().call("crm.category.list", {"entityTypeId": 2})).result["categories"]
    }
    internships = int(categories["InternHub: стажировки"])
    opening_deal = linked.sandbox.person.add_deal(
        {
            "TITLE": "Стажёр DevOps",
            "CATEGORY_ID": internships,
            "STAGE_ID": f"C{internships}:UC_ACTIVE",
            "COMPANY_ID": seeded["employer"],
            "UF_CRM_IH_SLOTS": 4,
        }
    )
    sync = await linked.worker.portal_sync(linked.portal_id)
    progress: list[tuple[str, int, int | None]] = []
    summary = await import_portal(linked.app.state.sessionmaker, sync, lambda *a: progress.append(a))

    assert summary.created == 2 + 60 + 1
    assert summary.waiting == 0
    assert progress[-1] == ("deal", 1, 1)
    universities = (await linked.api.get("/api/v1/universities")).json()["items"]
    assert [u["name"] for u in universities] == ["Томский политехнический университет"]
    students = (await linked.api.get("/api/v1/students", params={"limit": 200})).json()
    assert students["total"] == 60
    assert {s["course"] for s in students["items"]} == {2, 3, 4}
    openings = (await linked.api.get("/api/v1/openings")).json()["items"]
    assert [(o["title"], o["status"], o["slots"], o["bitrix24_deal_id"]) for o in openings] == [
        ("Стажёр DevOps", "active", 4, opening_deal)
    ]
    again = await import_portal(linked.app.state.sessionmaker, sync)
    assert again.created == 0


async def count_students(linked: Linked) -> int:
    # Counted here, not through the API, whose totals stop at 1,000.
    async with linked.app.state.sessionmaker() as session:
        portal = await session.get_one(Portal, linked.portal_id)
        return await session.scalar(
            select(func.count()).select_from(Student).where(Student.workspace_id == portal.workspace_id)
        )


async def test_an_interrupted_import_resumes_where_it_stopped(linked: Linked) -> None:
    fill_portal(linked, students=2_550)  # one batch of 50 pages, then one more page
    sync = await linked.worker.portal_sync(linked.portal_id)

    def stop_after_the_first_batch(kind: str, done: int, total: int | None) -> None:
        if kind == "contact":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        await import_portal(linked.app.state.sessionmaker, sync, stop_after_the_first_batch)
    assert await count_students(linked) == 2_500
    await import_portal(linked.app.state.sessionmaker, sync)
    assert await count_students(linked) == 2_550


async def rollup_rows(session, workspace_id: int) -> dict[str, list[tuple]]:
    found = {}
    for model in rollups.ALL_ROLLUPS:
        table = model.__table__
        columns = [c for c in table.columns if c.name != "id"]
        rows = await session.execute(select(*columns).where(table.c.workspace_id == workspace_id))
        found[table.name] = sorted(tuple(map(str, row)) for row in rows)
    return found


async def test_imported_applications_agree_with_their_sync_states_and_the_analytics(linked: Linked) -> None:
    seeded = fill_portal(linked, students=6)
    categories = {
        p["name"]: int(p["id"])
        for p in (await linked.remote().call("crm.category.list", {"entityTypeId": 2})).result["categories"]
    }
    internships, applications = categories["InternHub: стажировки"], categories["InternHub: отклики"]
    person = linked.sandbox.person
    opening = person.add_deal(
        {
            "TITLE": "Аналитик данных",
            "CATEGORY_ID": internships,
            "STAGE_ID": f"C{internships}:UC_ACTIVE",
            "COMPANY_ID": seeded["employer"],
            "UF_CRM_IH_SKILLS": ["sql", "python"],
        }
    )
    stages = ["NEW", "UC_INTERVIEW", "WON", "LOSE", "NEW", "UC_OFFER"]
    for contact, stage in zip(seeded["contacts"], stages, strict=True):
        person.add_deal(
            {
                "TITLE": "Отклик",
                "CATEGORY_ID": applications,
                "STAGE_ID": f"C{applications}:{stage}",
                "CONTACT_ID": contact,
                "COMPANY_ID": seeded["employer"],
                "UF_CRM_IH_OPENING": opening,
            }
        )
    sync = await linked.worker.portal_sync(linked.portal_id)

    summary = await import_portal(linked.app.state.sessionmaker, sync)

    assert summary.created == 2 + 6 + 1 + 6 and summary.waiting == 0
    async with linked.app.state.sessionmaker() as session:
        portal = await session.get_one(Portal, linked.portal_id)
        mapping = Mapping.model_validate(portal.mapping)
        imported = (
            await session.scalars(select(Application).where(Application.workspace_id == portal.workspace_id))
        ).all()
        assert sorted(a.status for a in imported) == sorted(["new", "interview", "hired", "rejected", "new", "offer"])
        for model, kind in ((Application, "application"), (Student, "student"), (Opening, "opening")):
            for entity in (await session.scalars(select(model).where(model.workspace_id == portal.workspace_id))).all():
                state = await session.scalar(
                    select(SyncState).where(
                        SyncState.workspace_id == portal.workspace_id,
                        SyncState.entity_type == kind,
                        SyncState.entity_id == entity.id,
                    )
                )
                assert state is not None and state.status == SyncStatus.synced, (kind, entity.id)
                assert state.base == await PortalSync._projection(session, mapping, kind, entity), (kind, entity.id)
        histories = await session.scalars(
            select(ApplicationStatusChange.to_status).where(
                ApplicationStatusChange.application_id.in_([a.id for a in imported])
            )
        )
        assert sorted(histories) == sorted(a.status for a in imported)  # each application's first status

        # The rollups the import left are what a recount from the rows gives.
        after_import = await rollup_rows(session, portal.workspace_id)
        workspace_id = portal.workspace_id
        await session.run_sync(lambda s: rollups.rebuild(s.connection(), workspace_id))
        assert await rollup_rows(session, workspace_id) == after_import
        assert after_import["analytics_stage_counts"]  # something was counted


async def test_an_import_stopped_after_its_last_batch_is_counted_by_the_next_run(linked: Linked) -> None:
    fill_portal(linked, students=30)
    sync = await linked.worker.portal_sync(linked.portal_id)

    def stop_after_the_last_contacts(kind: str, done: int, total: int | None) -> None:
        if kind == "contact" and done == total:
            raise KeyboardInterrupt  # every record is in; the recount at the end has not run

    with pytest.raises(KeyboardInterrupt):
        await import_portal(linked.app.state.sessionmaker, sync, stop_after_the_last_contacts)
    assert await count_students(linked) == 30

    again = await import_portal(linked.app.state.sessionmaker, sync)

    assert again.created == 0  # nothing new, and still the analytics count the first run's students
    async with linked.app.state.sessionmaker() as session:
        portal = await session.get_one(Portal, linked.portal_id)
        counted = await session.scalar(
            select(func.sum(StudentCount.n)).where(
                StudentCount.workspace_id == portal.workspace_id, StudentCount.university_id == 0
            )
        )
        assert counted == 30
        assert "import:recount" not in portal.watermarks


async def test_a_portal_holding_two_employers_with_one_inn_imports_the_rest_and_shows_the_conflict(
    linked: Linked,
) -> None:
    seeded = fill_portal(linked, students=5)
    twin = linked.sandbox.person.add_company(
        {"TITLE": "Сибур Диджитал (дубль)", "COMPANY_TYPE": "EMPLOYER", "UF_CRM_IH_INN": "7727563778"}
    )
    sync = await linked.worker.portal_sync(linked.portal_id)
    await import_portal(linked.app.state.sessionmaker, sync)
    await linked.settle()

    assert (await linked.api.get("/api/v1/students")).json()["total"] == 5
    # One of the two is here; the other waits as a conflict (which one depends on the order they came in).
    [company] = (await linked.api.get("/api/v1/companies")).json()["items"]
    conflicts = (await linked.api.get("/api/v1/bitrix24/conflicts")).json()["items"]
    assert [c["code"] for c in conflicts] == ["duplicate_inn"]
    assert {company["bitrix24_company_id"], conflicts[0]["remote_id"]} == {seeded["employer"], twin}
