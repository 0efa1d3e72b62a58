"""Fill a workspace with realistic demo or benchmark data, fast enough for millions of rows."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from datetime import time as clock

from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from internhub.analytics.rollups import rebuild_database
from internhub.demo import rows
from internhub.demo.rows import Batch, World
from internhub.demo.sinks import Sink, open_sink
from internhub.workspaces import get_or_create

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class DemoSummary:
    workspace_id: int
    workspace_slug: str
    universities: int
    companies: int
    partnerships: int
    students: int
    student_skills: int
    openings: int
    opening_skills: int
    applications: int
    status_changes: int
    seconds: float
    phase_seconds: dict[str, float] = field(default_factory=dict)

    def __str__(self) -> str:
        return (
            f"workspace '{self.workspace_slug}': {self.universities:,} universities, {self.companies:,} companies "
            f"({self.partnerships:,} partnerships), {self.students:,} students, {self.openings:,} openings, "
            f"{self.applications:,} applications ({self.status_changes:,} status changes) "
            f"in {self.seconds:.1f} s"
        )


def _start_of_today() -> datetime:
    return datetime.combine(datetime.now(UTC).date(), clock.min, tzinfo=UTC)


async def _workspace_id(database_url: str, slug: str) -> int:
    engine = create_async_engine(database_url)
    try:
        async with AsyncSession(engine) as session:
            workspace = await get_or_create(session, slug, slug.replace("-", " ").title())
            workspace_id = workspace.id
            await session.commit()
            return workspace_id
    finally:
        await engine.dispose()


async def _load(sink: Sink, phase: str, batches: Iterator[tuple[Batch, int]], total: int, progress: Progress) -> None:
    """Write the batches of one phase, making the next batch in a thread while the current one is written.

    On two cores that overlaps Python building rows with the database storing and indexing them.
    """
    progress(phase, 0, total)
    pending = asyncio.create_task(asyncio.to_thread(next, batches, None))
    while (item := await pending) is not None:
        pending = asyncio.create_task(asyncio.to_thread(next, batches, None))
        batch, done = item
        for table, table_rows in batch.items():
            await sink.write(table, table_rows)
        progress(phase, done, total)


def _quiet(phase: str, done: int, total: int) -> None:
    return None


async def generate(
    database_url: str,
    *,
    universities: int,
    companies: int,
    students: int,
    openings: int,
    applications: int,
    seed: int = 42,
    workspace_slug: str = "demo",
    progress: Progress | None = None,
    now: datetime | None = None,
) -> DemoSummary:
    """Generate demo data into the workspace ``workspace_slug`` (created when missing) of a migrated database.

    The same seed gives the same rows as long as ``now`` (default: today's midnight, UTC) is the same and
    the tables start out the same. Applications are capped at what the openings and students allow, since
    a student applies to an opening at most once.
    """
    counts = {
        "universities": universities,
        "companies": companies,
        "students": students,
        "openings": openings,
        "applications": applications,
    }
    if negative := [name for name, value in counts.items() if value < 0]:
        raise ValueError(f"Counts cannot be negative: {', '.join(negative)}.")
    if students and not universities:
        raise ValueError("Students need at least one university.")
    if openings and not companies:
        raise ValueError("Openings need at least one company.")
    report = progress or _quiet
    started = time.perf_counter()
    moment = (now or _start_of_today()).astimezone(UTC)
    workspace_id = await _workspace_id(database_url, workspace_slug)
    phase_seconds: dict[str, float] = {}
    async with open_sink(database_url) as sink:
        world = World(
            rng=random.Random(seed),
            workspace_id=workspace_id,
            now=int(moment.timestamp()),
            first_id=await sink.first_ids(),
            encoding=sink.encoding,
        )
        await sink.expect(
            {
                "universities": universities,
                "companies": companies,
                "partnerships": companies * 2,
                "students": students,
                "student_skills": students * 4,
                "openings": openings,
                "opening_skills": openings * 3,
                "applications": applications,
                "application_status_history": applications * 3,
            }
        )
        names, inns, emails = await sink.existing(workspace_id)
        world.taken_university_names, world.taken_inns, world.taken_emails = names, inns, emails
        phases: list[tuple[str, Callable[[], Iterator[tuple[Batch, int]]], Callable[[], int]]] = [
            ("universities", lambda: rows.universities(world, universities), lambda: universities),
            ("companies", lambda: rows.companies(world, companies), lambda: companies),
            ("partnerships", lambda: rows.partnerships(world), lambda: companies),
            ("students", lambda: rows.students(world, students), lambda: students),
            ("openings", lambda: rows.openings(world, openings), lambda: openings),
            (
                "applications",
                lambda: rows.applications(world, applications),
                lambda: min(applications, rows.max_applications(world)),
            ),
        ]
        for phase, make, total in phases:
            phase_started = time.perf_counter()
            await _load(sink, phase, make(), total(), report)
            phase_seconds[phase] = time.perf_counter() - phase_started
        phase_started = time.perf_counter()
        report("analyze", 0, 1)
        await sink.finish()
        report("analyze", 1, 1)
        phase_seconds["analyze"] = time.perf_counter() - phase_started
    phase_started = time.perf_counter()
    report("rollups", 0, 1)
    await rebuild_database(database_url, workspace_id)
    report("rollups", 1, 1)
    phase_seconds["rollups"] = time.perf_counter() - phase_started
    return DemoSummary(
        workspace_id=workspace_id,
        workspace_slug=workspace_slug,
        universities=universities,
        companies=companies,
        partnerships=world.partnerships,
        students=len(world.student_name),
        student_skills=world.student_skills,
        openings=len(world.opening_created),
        opening_skills=world.opening_skills,
        applications=min(applications, rows.max_applications(world)),
        status_changes=world.status_changes,
        seconds=time.perf_counter() - started,
        phase_seconds=phase_seconds,
    )
