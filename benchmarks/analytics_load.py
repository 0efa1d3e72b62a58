"""Analytics endpoints at scale: latency of each endpoint next to the same figures as plain SQL on the rows.

The rollup tables are read into memory first (``--cold`` skips that), as on a server that has been
answering dashboards; the plain SQL gets the same warm caches for the tables it reads.

    uv run python benchmarks/analytics_load.py --database postgresql            # generates scale L first
    uv run python benchmarks/analytics_load.py --url postgresql+asyncpg://…     # a database generated before
    uv run python benchmarks/analytics_load.py --url sqlite+aiosqlite:///var/bench-L.db

Requests go one at a time through the whole application (ASGI, authentication, validation, the service),
so the percentiles are latencies, not throughput. Filters are drawn at random per request: none, a period of
1 week to 6 months, a kind, a university, a company (ids drawn uniformly, so most are small ones; the
biggest university and company are measured on their own too). "Plain SQL" runs the query the figures
would need without rollups (the events grouped from applications and their status history) straight on
the database, in the same run. Also measured: how long until a change shows in each kind of figure.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select, text

from internhub.analytics import figures
from internhub.analytics.figures import Filters
from internhub.app import create_app
from internhub.auth import service as auth
from internhub.auth.schemas import UserIn
from internhub.config import Settings
from internhub.demo import generate
from internhub.migrate import upgrade
from internhub.models import Company, Role, SkillCount, Student, University, User, Workspace
from internhub.testing.postgres import TemporaryPostgres

SCALE_L = {
    "universities": 1_000,
    "companies": 10_000,
    "students": 500_000,
    "openings": 50_000,
    "applications": 2_000_000,
}
POSTGRES_SETTINGS = {
    "shared_buffers": "1GB",
    "effective_cache_size": "4GB",
    "work_mem": "16MB",
    "maintenance_work_mem": "512MB",
    "max_wal_size": "8GB",
    "random_page_cost": "1.1",
}
EMAIL, PASSWORD = "analytics-bench@example.ru", "benchmark-password"
ROLLUP_TABLES = (
    "analytics_stage_counts",
    "analytics_stage_durations",
    "analytics_opening_counts",
    "analytics_student_counts",
    "analytics_skill_counts",
    "analytics_share_counts",
    "analytics_application_facts",
)
INDEXES_OF = "SELECT indexrelname FROM pg_stat_user_indexes WHERE relname = :t"
ENDPOINTS = ("overview", "funnel", "time-to-hire", "trends", "skills", "distribution", "university", "company")


def p(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Bench:
    def __init__(self, url: str, samples: int, plain_samples: int, seed: int, endpoints: list[str]) -> None:
        self.url = url
        self.endpoints = endpoints
        self.samples = samples
        self.plain_samples = plain_samples
        self.rng = random.Random(seed)
        self.settings = Settings(
            env="test", database_url=url, migrate_on_start=False, bitrix24_workers=False, log_level="WARNING"
        )

    async def prepare(self, app) -> None:
        async with app.state.sessionmaker() as session:
            self.workspace_id = await session.scalar(select(Workspace.id).where(Workspace.slug == "demo"))
            self.universities = list((await session.scalars(select(University.id))).all())
            self.companies = list((await session.scalars(select(Company.id))).all())
            self.biggest_university = await session.scalar(
                select(Student.university_id).group_by(Student.university_id).order_by(func.count().desc()).limit(1)
            )
            self.biggest_company = await session.scalar(
                text(
                    "SELECT o.company_id FROM applications a JOIN openings o ON o.id = a.opening_id "
                    "GROUP BY o.company_id ORDER BY count(*) DESC LIMIT 1"
                )
            )
            if await session.scalar(select(User.id).where(User.email == EMAIL)) is None:
                await auth.create_user(
                    session, self.workspace_id, UserIn(email=EMAIL, password=PASSWORD, role=Role.admin)
                )
                await session.commit()

    def filters(self) -> dict[str, Any]:
        choice = self.rng.random()
        found: dict[str, Any] = {}
        if choice < 0.2:
            return found
        if self.rng.random() < 0.6:
            start = date(2025, 12, 1) + timedelta(days=self.rng.randrange(0, 330))
            found["date_from"] = start
            found["date_to"] = start + timedelta(days=self.rng.choice((7, 30, 45, 90, 180)))
        if self.rng.random() < 0.3:
            found["kind"] = self.rng.choice(("internship", "vacancy"))
        pick = self.rng.random()
        if pick < 0.3:
            found["university_id"] = self.rng.choice(self.universities)
        elif pick < 0.6:
            found["company_id"] = self.rng.choice(self.companies)
        return found

    def request(self, endpoint: str, found: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        params = {k: v.isoformat() if isinstance(v, date) else v for k, v in found.items()}
        if endpoint == "university":
            params.pop("company_id", None)
            return (
                f"/api/v1/analytics/university/{params.pop('university_id', self.rng.choice(self.universities))}",
                params,
            )
        if endpoint == "company":
            params.pop("university_id", None)
            return f"/api/v1/analytics/company/{params.pop('company_id', self.rng.choice(self.companies))}", params
        if endpoint == "trends":
            params["interval"] = self.rng.choice(("week", "month"))
        return f"/api/v1/analytics/{endpoint}", params

    async def timed_api(self, client: httpx.AsyncClient, path: str, params: dict[str, Any]) -> float:
        started = time.perf_counter()
        response = await client.get(path, params=params)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, (path, params, response.text)
        return elapsed * 1000

    def plain_queries(self, endpoint: str, found: dict[str, Any], dialect: str) -> list:
        f = Filters(workspace_id=self.workspace_id, **found)
        if endpoint == "time-to-hire":
            return [figures.plain_durations_query(dialect, f)]
        if endpoint == "distribution":
            return [
                figures.plain_stage_counts_query(dialect, f, by=(by,)) for by in ("university_id", "city", "format")
            ]
        if endpoint == "trends":
            return [figures.plain_stage_counts_query(dialect, f, interval=figures.Grain.month)]
        if endpoint == "skills":
            where = "s.university_id = :u" if f.university_id else "true"
            return [
                text(
                    "SELECT ss.skill, count(*) FROM student_skills ss JOIN students s ON s.id = ss.student_id "
                    f"WHERE s.workspace_id = :w AND s.deleted_at IS NULL AND {where} GROUP BY ss.skill"
                ).bindparams(w=self.workspace_id, **({"u": f.university_id} if f.university_id else {}))
            ]
        return [figures.plain_stage_counts_query(dialect, f)]

    async def timed_plain(self, engine, queries: list) -> float:
        started = time.perf_counter()
        async with engine.connect() as connection:
            for query in queries:
                (await connection.execute(query)).all()
        return (time.perf_counter() - started) * 1000

    async def warm(self, app) -> None:
        """Read the rollup tables once, as a server that has been answering dashboards has them in memory."""
        started = time.perf_counter()
        async with app.state.engine.connect() as connection:
            postgres = connection.dialect.name == "postgresql"
            if postgres:
                await connection.execute(text("CREATE EXTENSION IF NOT EXISTS pg_prewarm"))
            for table in ROLLUP_TABLES:
                if postgres:
                    await connection.execute(text(f"SELECT pg_prewarm('{table}')"))
                    for index in (await connection.execute(text(INDEXES_OF), {"t": table})).scalars():
                        await connection.execute(text(f"SELECT pg_prewarm('{index}')"))
                else:
                    await connection.execute(text(f"SELECT count(*) FROM {table} NOT INDEXED"))
            await connection.commit()
        print(f"rollup tables read into memory in {time.perf_counter() - started:.0f} s", flush=True)

    async def run(self, warm: bool) -> list[dict[str, Any]]:
        app = create_app(self.settings)
        results = []
        async with app.router.lifespan_context(app):
            await self.prepare(app)
            if warm:
                await self.warm(app)
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                login = await client.post("/api/v1/auth/login", json={"email": EMAIL, "password": PASSWORD})
                client.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
                engine = app.state.engine
                dialect = engine.dialect.name
                for endpoint in self.endpoints:
                    for _ in range(3):  # warm the caches the way a running server has them
                        await self.timed_api(client, *self.request(endpoint, self.filters()))
                    api = [
                        await self.timed_api(client, *self.request(endpoint, self.filters()))
                        for _ in range(self.samples)
                    ]
                    biggest = {"university_id": self.biggest_university} if endpoint != "company" else {}
                    if endpoint == "company":
                        biggest = {"company_id": self.biggest_company}
                    big = [await self.timed_api(client, *self.request(endpoint, biggest)) for _ in range(3)]
                    plain = []
                    for _ in range(self.plain_samples):
                        found = self.filters()
                        if endpoint in ("university", "company"):
                            found.setdefault(
                                f"{endpoint}_id",
                                self.rng.choice(self.universities if endpoint == "university" else self.companies),
                            )
                        plain.append(await self.timed_plain(engine, self.plain_queries(endpoint, found, dialect)))
                    row = {
                        "endpoint": endpoint,
                        "p50": statistics.median(api),
                        "p95": p(api, 0.95),
                        "max": max(api),
                        "biggest": statistics.median(big),
                        "plain_p50": statistics.median(plain),
                        "plain_p95": p(plain, 0.95),
                    }
                    results.append(row)
                    print(_line(row), flush=True)
                results.append(await self.visibility(client, app))
        return results

    async def visibility(self, client: httpx.AsyncClient, app) -> dict[str, Any]:
        """A status change, then the funnel; a new student's skill, then the skill counts (a job's work)."""
        funnel = (await client.get("/api/v1/analytics/funnel")).json()
        before = {stage["stage"]: stage["count"] for stage in funnel["stages"]}
        applications = (await client.get("/api/v1/applications", params={"status": "new", "limit": 1})).json()
        application_id = applications["items"][0]["id"]
        started = time.perf_counter()
        await client.patch(f"/api/v1/applications/{application_id}", json={"status": "screening"})
        after = (await client.get("/api/v1/analytics/funnel")).json()
        stage_seconds = time.perf_counter() - started
        assert {s["stage"]: s["count"] for s in after["stages"]}["screening"] == before["screening"] + 1
        skill = f"bench-{int(time.time())}"
        started = time.perf_counter()
        response = await client.post(
            "/api/v1/students",
            json={
                "university_id": self.biggest_university,
                "full_name": "Проверка Задержки Аналитики",
                "email": f"{skill}@example.ru",
                "course": 2,
                "skills": [skill],
            },
        )
        assert response.status_code == 201, response.text
        while True:
            async with app.state.sessionmaker() as session:
                found = await session.scalar(select(func.sum(SkillCount.n)).where(SkillCount.skill == skill))
            if found:
                break
            await asyncio.sleep(0.05)
        skill_seconds = time.perf_counter() - started
        return {"endpoint": "visibility", "stage_seconds": stage_seconds, "skill_seconds": skill_seconds}


def _line(row: dict[str, Any]) -> str:
    ratio = row["plain_p95"] / row["p95"] if row["p95"] else float("nan")
    return (
        f"| {row['endpoint']} | {row['p50']:.1f} | {row['p95']:.1f} | {row['max']:.1f} | {row['biggest']:.1f} "
        f"| {row['plain_p50']:.0f} | {row['plain_p95']:.0f} | {ratio:.0f}× |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--url", help="An already generated scale-L database (workspace 'demo')")
    parser.add_argument("--sqlite-path", type=Path, default=Path("var/bench-L.db"))
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--plain-samples", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--endpoints", default=",".join(ENDPOINTS), help="Comma-separated, of: " + ", ".join(ENDPOINTS))
    parser.add_argument("--cold", action="store_true", help="Do not read the rollup tables into memory first")
    args = parser.parse_args()
    server = None
    url = args.url
    if url is None and args.database == "sqlite" and args.sqlite_path.exists():
        url = f"sqlite+aiosqlite:///{args.sqlite_path.resolve()}"  # generated before: used as it is
    if url is None:
        if args.database == "postgresql":
            server = TemporaryPostgres(settings=POSTGRES_SETTINGS).start()
            url = server.create_database("internhub_bench")
        else:
            args.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
            url = f"sqlite+aiosqlite:///{args.sqlite_path.resolve()}"
        upgrade(url)
        started = time.perf_counter()
        summary = asyncio.run(generate(url, **SCALE_L, workspace_slug="demo", now=datetime(2026, 11, 28, tzinfo=UTC)))
        print(f"generated in {time.perf_counter() - started:.0f} s ({summary.phase_seconds})")
    else:
        upgrade(url)
    try:
        header = (
            "| endpoint | p50 ms | p95 ms | max ms | biggest org ms | plain SQL p50 ms | plain SQL p95 ms | ratio |"
        )
        print(header)
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        results = asyncio.run(
            Bench(url, args.samples, args.plain_samples, args.seed, args.endpoints.split(",")).run(warm=not args.cold)
        )
        visible = results[-1]
        print(
            f"\nchange visible: stage counts {visible['stage_seconds'] * 1000:.0f} ms after the request started; "
            f"skill counts (job) {visible['skill_seconds'] * 1000:.0f} ms"
        )
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
