"""The rollups kept current write by write are exactly what a rebuild from the rows makes: no drift."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from internhub import jobs
from internhub.analytics import rollups
from internhub.models import Application, ApplicationStatusChange, Opening, Student, utcnow
from internhub.models.analytics import ApplicationFact
from tests.analytics.test_figures import fill
from tests.factories import Tenant


async def rollup_rows(connection: Any, workspace_id: int) -> dict[str, set[tuple]]:
    found = {}
    for model in rollups.ROLLUPS:
        table = model.__table__
        result = await connection.execute(select(table).where(table.c.workspace_id == workspace_id, table.c.n != 0))
        found[table.name] = {tuple(row) for row in result}
    facts = ApplicationFact.__table__
    result = await connection.execute(select(facts).where(facts.c.workspace_id == workspace_id))
    found[facts.name] = {tuple(row) for row in result}
    return found


async def assert_no_drift(tenant: Tenant) -> None:
    await jobs.drain()
    async with tenant.app.state.engine.connect() as connection:
        kept = await rollup_rows(connection, tenant.workspace_id)
        await connection.run_sync(rollups.rebuild, tenant.workspace_id)
        rebuilt = await rollup_rows(connection, tenant.workspace_id)
        await connection.rollback()
    assert sum(len(rows) for rows in rebuilt.values()) > 100
    for name in kept:
        only_kept, only_rebuilt = sorted(kept[name] - rebuilt[name]), sorted(rebuilt[name] - kept[name])
        assert not (only_kept or only_rebuilt), (name, only_kept[:8], only_rebuilt[:8])


async def test_rollups_written_per_flush_equal_a_rebuild(tenant: Tenant) -> None:
    await fill(tenant)
    await assert_no_drift(tenant)
    company = await tenant.company()
    university = await tenant.university()
    opening = await tenant.opening(company["id"], kind="vacancy", city="Пермь", format="hybrid", slots=20)
    student = await tenant.student(university["id"], course=2, specialty="Прикладная математика")

    # Through the API: applications made and moved, one removed, the opening and the student moved.
    made = []
    for number in range(4):
        other = await tenant.student(university["id"], course=1 + number)
        made.append(await tenant.application(opening["id"], other["id"]))
    made.append(await tenant.application(opening["id"], student["id"]))
    for application, path in zip(made, (["interview", "hired"], ["screening"], ["rejected"], []), strict=False):
        for status in path:
            body = {"status": status, **({"rejection_reason": "Нет опыта"} if status == "rejected" else {})}
            response = await tenant.client.patch(f"/api/v1/applications/{application['id']}", json=body)
            assert response.status_code == 200, response.text
    assert (await tenant.client.delete(f"/api/v1/applications/{made[1]['id']}")).status_code == 204
    response = await tenant.client.patch(
        f"/api/v1/openings/{opening['id']}", json={"city": "Омск", "kind": "internship"}
    )
    assert response.status_code == 200, response.text
    other_university = await tenant.university()
    response = await tenant.client.patch(
        f"/api/v1/students/{student['id']}", json={"university_id": other_university["id"]}
    )
    assert response.status_code == 200, response.text
    await assert_no_drift(tenant)

    # Several kinds of change in one flush: a new application moved at once while its opening moves city,
    # and a status change of an application removed in the same flush.
    async with tenant.app.state.sessionmaker() as session, session.begin():
        found = await session.get(Opening, opening["id"])
        newcomer = await session.get(Student, (await tenant.student(university["id"]))["id"])
        fresh = Application(workspace_id=tenant.workspace_id, opening_id=found.id, student_id=newcomer.id)
        session.add(fresh)
        await session.flush()
        found.city = "Тула"
        fresh.status = "screening"
        session.add(ApplicationStatusChange(application_id=fresh.id, to_status="new", source="portal"))
        later = utcnow() + timedelta(days=3)
        session.add(
            ApplicationStatusChange(
                application_id=fresh.id, from_status="new", to_status="screening", source="portal", changed_at=later
            )
        )
        removed = await session.get(Application, made[0]["id"])
        removed.deleted_at = utcnow()
        session.add(
            ApplicationStatusChange(
                application_id=removed.id, from_status="hired", to_status="withdrawn", source="portal"
            )
        )
    await assert_no_drift(tenant)
