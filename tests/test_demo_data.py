"""The demo data generator: plausible, consistent, deterministic data that the API serves as its own."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from internhub.app import create_app
from internhub.auth import service as auth
from internhub.auth.schemas import UserIn
from internhub.companies.inn import is_valid_inn
from internhub.config import Settings
from internhub.demo import DemoSummary, generate
from internhub.migrate import upgrade_async
from internhub.models import Application, Role
from internhub.testing.postgres import TemporaryPostgres
from internhub.workspaces import get_or_create
from tests.conftest import DATABASES
from tests.factories import PASSWORD, client_for

SMALL = {"universities": 5, "companies": 10, "students": 100, "openings": 50, "applications": 300}
NOW = datetime(2025, 6, 1, tzinfo=UTC)


@dataclass
class Generated:
    url: str
    engine: AsyncEngine
    summary: DemoSummary


async def fresh_database(kind: str, request: pytest.FixtureRequest, folder: Path) -> str:
    if kind == "sqlite":
        url = f"sqlite+aiosqlite:///{folder / f'demo-{uuid.uuid4().hex[:8]}.db'}"
    else:
        server: TemporaryPostgres = request.getfixturevalue("postgres")
        url = server.create_database(f"demo_{uuid.uuid4().hex[:12]}")
    await upgrade_async(url)
    return url


async def make(kind: str, request: pytest.FixtureRequest, folder: Path, seed: int = 42) -> Generated:
    url = await fresh_database(kind, request, folder)
    summary = await generate(url, **SMALL, seed=seed, now=NOW)
    return Generated(url, create_async_engine(url), summary)


@pytest.fixture(scope="module", params=DATABASES)
async def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Generated]:
    generated = await make(request.param, request, tmp_path_factory.mktemp("demo"))
    yield generated
    await generated.engine.dispose()


async def rows(engine: AsyncEngine, sql: str, **params: object) -> list[tuple]:
    async with engine.connect() as connection:
        return [tuple(row) for row in await connection.execute(text(sql), params)]


async def scalar(engine: AsyncEngine, sql: str, **params: object) -> object:
    async with engine.connect() as connection:
        return await connection.scalar(text(sql), params)


async def test_counts_match_the_request_and_the_summary(demo: Generated) -> None:
    summary = demo.summary
    for table, expected in SMALL.items():
        found = await scalar(
            demo.engine, f"SELECT count(*) FROM {table} WHERE workspace_id = :ws", ws=summary.workspace_id
        )
        assert found == expected == getattr(summary, table), table
    assert await scalar(demo.engine, "SELECT count(*) FROM application_status_history") == summary.status_changes
    assert await scalar(demo.engine, "SELECT count(*) FROM student_skills") == summary.student_skills > 0
    assert await scalar(demo.engine, "SELECT count(*) FROM opening_skills") == summary.opening_skills > 0
    assert await scalar(demo.engine, "SELECT count(*) FROM partnerships") == summary.partnerships > 0
    assert await scalar(demo.engine, "SELECT slug FROM workspaces WHERE id = :id", id=summary.workspace_id) == "demo"


async def test_values_are_valid_and_unique(demo: Generated) -> None:
    inns = [inn for (inn,) in await rows(demo.engine, "SELECT inn FROM companies")]
    assert inns and all(is_valid_inn(inn) for inn in inns)
    assert len(set(inns)) == len(inns)
    emails = [email for (email,) in await rows(demo.engine, "SELECT email FROM students")]
    assert len(set(emails)) == len(emails) and all("@" in email for email in emails)
    courses = {course for (course,) in await rows(demo.engine, "SELECT DISTINCT course FROM students")}
    assert courses <= set(range(1, 7)) and len(courses) > 1
    names = [name for (name,) in await rows(demo.engine, "SELECT full_name FROM students")]
    assert all(len(name.split()) == 3 and "А" <= name[0] <= "Я" for name in names)
    kinds = {kind for (kind,) in await rows(demo.engine, "SELECT DISTINCT kind FROM openings")}
    assert kinds == {"internship", "vacancy"}


async def test_applications_follow_the_rules(demo: Generated) -> None:
    duplicates = await scalar(
        demo.engine,
        "SELECT count(*) FROM (SELECT opening_id, student_id FROM applications "
        "GROUP BY opening_id, student_id HAVING count(*) > 1) AS twice",
    )
    assert duplicates == 0
    overfilled = await rows(
        demo.engine,
        "SELECT o.id, o.slots, count(a.id) FROM openings o JOIN applications a ON a.opening_id = o.id "
        "WHERE a.status = 'hired' GROUP BY o.id, o.slots HAVING count(a.id) > o.slots",
    )
    assert overfilled == []
    to_drafts = "SELECT count(*) FROM applications a JOIN openings o ON o.id = a.opening_id WHERE o.status = 'draft'"
    assert await scalar(demo.engine, to_drafts) == 0
    statuses = {status for (status,) in await rows(demo.engine, "SELECT DISTINCT status FROM applications")}
    assert {"new", "rejected", "hired"} <= statuses


async def test_every_application_has_a_history_that_starts_with_new(demo: Generated) -> None:
    history: dict[int, list[tuple]] = {}
    for application_id, from_status, to_status in await rows(
        demo.engine,
        "SELECT application_id, from_status, to_status FROM application_status_history ORDER BY application_id, id",
    ):
        history.setdefault(application_id, []).append((from_status, to_status))
    current = dict(await rows(demo.engine, "SELECT id, status FROM applications"))
    assert set(history) == set(current)
    for application_id, steps in history.items():
        assert steps[0] == (None, "new")
        assert all(later[0] == earlier[1] for earlier, later in pairwise(steps))
        assert steps[-1][1] == current[application_id]


async def test_dates_are_spread_over_the_last_year(demo: Generated) -> None:
    async with demo.engine.connect() as connection:
        applied = [row.applied_at for row in (await connection.execute(Application.__table__.select())).all()]
    assert all(NOW - timedelta(days=400) <= moment <= NOW for moment in applied)
    assert max(applied) - min(applied) > timedelta(days=120)


async def test_the_api_serves_the_demo_data_and_keeps_creating_records(
    demo: Generated, tmp_path_factory: pytest.TempPathFactory
) -> None:
    settings = Settings(env="test", database_url=demo.url, data_dir=tmp_path_factory.mktemp("var"), log_level="WARNING")
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        async with app.state.sessionmaker() as session:
            workspace = await get_or_create(session, "demo", "Demo")
            await auth.create_user(
                session, workspace.id, UserIn(email="admin@demo.example.ru", password=PASSWORD, role=Role.admin)
            )
            await session.commit()
        async with client_for(app) as client:
            login = await client.post(
                "/api/v1/auth/login", json={"email": "admin@demo.example.ru", "password": PASSWORD}
            )
            client.headers["Authorization"] = f"Bearer {login.json()['access_token']}"

            students = (await client.get("/api/v1/students", params={"limit": 200})).json()
            assert students["total"] == SMALL["students"]
            student = students["items"][0]
            assert student["skills"] and 1 <= student["course"] <= 6
            active = (await client.get("/api/v1/openings", params={"status": "active", "limit": 200})).json()
            assert active["total"] > 0
            hired = (await client.get("/api/v1/applications", params={"status": "hired"})).json()
            assert all(item["status"] == "hired" for item in hired["items"])
            some = (
                hired["items"][0] if hired["items"] else (await client.get("/api/v1/applications")).json()["items"][0]
            )
            history = (await client.get(f"/api/v1/applications/{some['id']}/history")).json()
            assert history[0]["to_status"] == "new"

            # New records get ids after the generated ones (the sequences were moved past them).
            created = await client.post(
                "/api/v1/students",
                json={
                    "university_id": student["university_id"],
                    "full_name": "Новиков Пётр Ильич",
                    "email": "p.novikov@example.ru",
                    "course": 2,
                },
            )
            assert created.status_code == 201, created.text
            assert created.json()["id"] > max(item["id"] for item in students["items"])
            opening = active["items"][0]
            applied = await client.post(
                "/api/v1/applications", json={"opening_id": opening["id"], "student_id": created.json()["id"]}
            )
            assert applied.status_code in (201, 409), applied.text  # 409 only if the opening is already full


@pytest.mark.parametrize("kind", DATABASES)
async def test_the_same_seed_gives_the_same_rows(
    kind: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("determinism")
    first, second, other = [await make(kind, request, folder, seed) for seed in (7, 7, 8)]
    try:
        samples = [
            "SELECT id, name, short_name, city, created_at FROM universities ORDER BY id",
            "SELECT id, name, inn, industry, city, contact_name FROM companies ORDER BY id",
            "SELECT id, university_id, full_name, email, phone, course, specialty, created_at FROM students "
            "WHERE id % 7 = 0 ORDER BY id",
            "SELECT student_id, skill FROM student_skills WHERE student_id % 5 = 0 ORDER BY student_id, skill",
            "SELECT id, company_id, kind, title, description, starts_on, slots, status FROM openings ORDER BY id",
            "SELECT id, opening_id, student_id, status, source, applied_at, updated_at FROM applications "
            "WHERE id % 3 = 0 ORDER BY id",
            "SELECT id, application_id, from_status, to_status, actor, changed_at FROM application_status_history "
            "WHERE id % 4 = 0 ORDER BY id",
        ]
        for sql in samples:
            assert await rows(first.engine, sql) == await rows(second.engine, sql), sql
        different = "SELECT full_name, email FROM students ORDER BY id"
        assert await rows(first.engine, different) != await rows(other.engine, different)
    finally:
        for generated in (first, second, other):
            await generated.engine.dispose()


@pytest.mark.parametrize("kind", DATABASES)
async def test_a_second_run_adds_to_the_workspace_without_clashes(
    kind: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> None:
    generated = await make(kind, request, tmp_path_factory.mktemp("twice"))
    try:
        again = await generate(generated.url, **SMALL, seed=42, now=NOW)
        assert again.workspace_id == generated.summary.workspace_id
        assert await scalar(generated.engine, "SELECT count(*) FROM students") == 2 * SMALL["students"]
        assert await scalar(generated.engine, "SELECT count(DISTINCT email) FROM students") == 2 * SMALL["students"]
        tiny = {"universities": 1, "companies": 1, "students": 3, "openings": 1, "applications": 2}
        other = await generate(generated.url, **tiny, workspace_slug="other", now=NOW)
        assert other.workspace_id != generated.summary.workspace_id and other.applications == 2
    finally:
        await generated.engine.dispose()


async def test_bad_counts_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="negative"):
        await generate(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}", **{**SMALL, "universities": -1})
