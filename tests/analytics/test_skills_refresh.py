"""The skill counts' recount on PostgreSQL: two overlapping runs for the same university both succeed."""

from __future__ import annotations

import asyncio

from sqlalchemy import insert, select, text
from sqlalchemy.ext.asyncio import create_async_engine

from internhub.analytics import skills
from internhub.migrate import upgrade
from internhub.models import Student, StudentSkill, University, Workspace
from internhub.models.analytics import SkillCount
from internhub.testing.postgres import TemporaryPostgres


async def _seed(engine) -> tuple[int, int]:
    async with engine.begin() as connection:
        workspace_id = (
            await connection.execute(insert(Workspace).values(name="Skills", slug="skills").returning(Workspace.id))
        ).scalar_one()
        university_id = (
            await connection.execute(
                insert(University).values(workspace_id=workspace_id, name="КФУ").returning(University.id)
            )
        ).scalar_one()
        students = [
            {
                "workspace_id": workspace_id,
                "university_id": university_id,
                "full_name": f"S{i}",
                "email": f"s{i}@e.ru",
                "course": 1 + i % 4,
            }
            for i in range(6)
        ]
        ids = (await connection.execute(insert(Student).returning(Student.id), students)).scalars().all()
        await connection.execute(
            insert(StudentSkill),
            [{"student_id": sid, "skill": skill} for sid in ids for skill in ("python", "sql")],
        )
    return workspace_id, university_id


async def _until_a_session_waits_for_a_lock(engine) -> None:
    """Return once PostgreSQL shows a backend of this database waiting on a lock (the caller bounds the wait)."""
    waiting = text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    async with engine.connect() as observer:
        for _ in range(1000):  # polling the server: there is no event to wait on
            if (await observer.execute(waiting)).scalar_one():
                return
            await asyncio.sleep(0.02)
    raise AssertionError("the second recount never waited for the first")


async def test_overlapping_recounts_of_one_university(postgres: TemporaryPostgres) -> None:
    url = postgres.create_database("skills_overlap")
    await asyncio.to_thread(upgrade, url)
    engine = create_async_engine(url)
    try:
        workspace_id, university_id = await _seed(engine)
        async with engine.connect() as first, engine.connect() as second:
            await first.begin()
            await first.run_sync(skills.refresh, workspace_id, [university_id], [])

            async def overlapping() -> None:
                await second.begin()
                await second.run_sync(skills.refresh, workspace_id, [university_id], [])
                await second.commit()

            # The second run starts while the first holds its rows, and goes on once the first commits:
            # without serialising them it inserted the rows the first had just committed (duplicate key).
            late = asyncio.create_task(overlapping())
            # Blocked on the first's lock, not merely slow to start:
            await asyncio.wait_for(_until_a_session_waits_for_a_lock(engine), 10)
            assert not late.done()
            await first.commit()
            await asyncio.wait_for(late, 10)
        async with engine.connect() as connection:
            rows = (
                await connection.execute(
                    select(SkillCount.scope, SkillCount.scope_id, SkillCount.skill, SkillCount.n)
                    .where(SkillCount.workspace_id == workspace_id, SkillCount.side == skills.STUDENTS)
                    .order_by(SkillCount.scope, SkillCount.skill)
                )
            ).all()
        assert [tuple(row) for row in rows] == [
            ("u", university_id, "python", 6),
            ("u", university_id, "sql", 6),
            ("w", 0, "python", 6),
            ("w", 0, "sql", 6),
        ]
    finally:
        await engine.dispose()
