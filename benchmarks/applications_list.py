"""The applications list as a board reads it: a page with each application's student, opening and company.

    uv run python benchmarks/applications_list.py [--applications 20000] [--pages 300] [--limit 50]

Builds a SQLite workspace (rows inserted directly, no sync or rollups), then reads pages of the list the
way ``GET /api/v1/applications`` does (``service.list_`` and the ``Page[ApplicationOut]`` answer), a
staff member's and a recruiter's, and reports the time per page and the SQL statements per page: once
as served, and once with the names left out, to show what reading them costs.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import event, insert

from internhub import listeners
from internhub.applications import service
from internhub.applications.schemas import ApplicationOut, ApplicationQuery
from internhub.auth.principal import Principal
from internhub.common.pagination import Page
from internhub.config import Settings
from internhub.db import create_engine, create_sessionmaker
from internhub.migrate import upgrade_async
from internhub.models import Application, Company, Opening, Role, Student, University, Workspace


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def build(sessionmaker, applications: int) -> tuple[int, int]:
    rng = random.Random(7)
    companies, openings_per_company, universities = 200, 4, 50
    students = applications
    async with sessionmaker() as session:
        workspace = Workspace(slug="bench", name="bench")
        session.add(workspace)
        await session.flush()
        ws = workspace.id
        await session.execute(
            insert(University), [{"workspace_id": ws, "name": f"Университет {i}"} for i in range(universities)]
        )
        await session.execute(
            insert(Company), [{"workspace_id": ws, "name": f"Компания {i}"} for i in range(companies)]
        )
        await session.commit()
    async with sessionmaker() as session:
        university_ids = list(await session.scalars(University.__table__.select().with_only_columns(University.id)))
        company_ids = list(await session.scalars(Company.__table__.select().with_only_columns(Company.id)))
        await session.execute(
            insert(Opening),
            [
                {
                    "workspace_id": ws,
                    "company_id": c,
                    "kind": "internship",
                    "title": f"Стажёр {c}-{n}",
                    "status": "active",
                }
                for c in company_ids
                for n in range(openings_per_company)
            ],
        )
        await session.execute(
            insert(Student),
            [
                {
                    "workspace_id": ws,
                    "university_id": rng.choice(university_ids),
                    "full_name": f"Студент Номер {i}",
                    "email": f"s{i}@example.ru",
                    "course": rng.randint(1, 5),
                }
                for i in range(students)
            ],
        )
        await session.commit()
    async with sessionmaker() as session:
        opening_ids = list(await session.scalars(Opening.__table__.select().with_only_columns(Opening.id)))
        student_ids = list(await session.scalars(Student.__table__.select().with_only_columns(Student.id)))
        await session.execute(
            insert(Application),
            [
                {"workspace_id": ws, "opening_id": rng.choice(opening_ids), "student_id": s, "status": "new"}
                for s in student_ids
            ],
        )
        await session.commit()
    return ws, company_ids[0]


async def measure(sessionmaker, engine, principal: Principal, pages: int, limit: int) -> tuple[list[float], int]:
    seen: list[str] = []

    def count(*_args) -> None:
        seen.append("")

    times: list[float] = []
    async with sessionmaker() as session:
        full = (await service.list_(session, principal, ApplicationQuery(limit=limit))).total // limit
    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        for n in range(pages):
            async with sessionmaker() as session:
                query = ApplicationQuery(limit=limit, page=1 + n % max(1, min(20, full)))
                started = time.perf_counter()
                page = await service.list_(session, principal, query)
                Page[ApplicationOut].model_validate(page.model_dump()).model_dump_json()
                times.append(time.perf_counter() - started)
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)
    return times, len(seen) // pages


async def main(applications: int, pages: int, limit: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="internhub-list-"))
    settings = Settings(env="test", data_dir=folder, database_url=f"sqlite+aiosqlite:///{folder / 'l.db'}")
    await upgrade_async(settings.effective_database_url)
    engine = create_engine(settings)
    listeners.install()
    sessionmaker = create_sessionmaker(engine, reads_only=True)
    writer = create_sessionmaker(engine)
    workspace_id, company_id = await build(writer, applications)
    staff = Principal(workspace_id=workspace_id, role=Role.admin, name="bench")
    recruiter = Principal(workspace_id=workspace_id, role=Role.recruiter, name="bench", company_id=company_id)
    named = service.with_names

    async def unnamed(_session, applications: list) -> list:
        for application in applications:
            application.student_name = application.opening_title = application.company_name = ""
        return applications

    print(f"{applications} applications, pages of {limit}, {pages} pages per row")
    print("| who | names | median | p95 | statements per page |")
    print("| --- | --- | --- | --- | --- |")
    for label, principal in (("staff", staff), ("recruiter", recruiter)):
        for names, with_names in (("left out", unnamed), ("read", named)):
            service.with_names = with_names
            await measure(sessionmaker, engine, principal, 5, limit)  # warm up
            times, statements = await measure(sessionmaker, engine, principal, pages, limit)
            median, p95 = statistics.median(times) * 1000, percentile(times, 0.95) * 1000
            print(f"| {label} | {names} | {median:.1f} ms | {p95:.1f} ms | {statements} |")
    service.with_names = named
    await engine.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=20_000)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--limit", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(main(args.applications, args.pages, args.limit))
