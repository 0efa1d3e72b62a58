"""A schedule's run for every university of a scale-L workspace: how long until all the reports are made.

    uv run python benchmarks/reports_bulk.py --url postgresql+asyncpg://…/internhub_bench [--format pdf]

Runs the API in this process with its job queue (the in-process broker, as in the default mode), creates a
schedule "every university", runs it through the API and waits until no report of the run is queued or
running. Prints the time, the rate and the largest file.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import func, select

from internhub import jobs
from internhub.app import create_app
from internhub.auth import service as auth
from internhub.auth.schemas import UserIn
from internhub.config import Settings
from internhub.models import Report, ReportStatus, Role, User, Workspace

EMAIL, PASSWORD = "reports-bench@example.ru", "benchmark-password"


async def run(url: str, report_format: str, data_dir: Path) -> None:
    settings = Settings(
        env="test",
        database_url=url,
        data_dir=data_dir,
        migrate_on_start=True,
        bitrix24_workers=False,
        report_schedules=False,
        log_level="WARNING",
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        async with app.state.sessionmaker() as session:
            workspace_id = await session.scalar(select(Workspace.id).where(Workspace.slug == "demo"))
            if await session.scalar(select(User.id).where(User.email == EMAIL)) is None:
                await auth.create_user(session, workspace_id, UserIn(email=EMAIL, password=PASSWORD, role=Role.admin))
                await session.commit()
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=120) as client:
            login = await client.post("/api/v1/auth/login", json={"email": EMAIL, "password": PASSWORD})
            client.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
            body = {"name": "Все вузы", "kind": "university", "cadence": "monthly", "format": report_format}
            body |= {"deliver_email": False, "deliver_bitrix24": False}
            schedule = (await client.post("/api/v1/report-schedules", json=body)).json()
            started = time.perf_counter()
            queued = (await client.post(f"/api/v1/report-schedules/{schedule['id']}/run")).json()["reports"]
            while True:
                await asyncio.sleep(1)
                async with app.state.sessionmaker() as session:
                    counts = dict(
                        (
                            await session.execute(
                                select(Report.status, func.count())
                                .where(Report.schedule_id == schedule["id"])
                                .group_by(Report.status)
                            )
                        ).all()
                    )
                waiting = counts.get(ReportStatus.queued, 0) + counts.get(ReportStatus.running, 0)
                print(f"  {time.perf_counter() - started:6.0f} s: {counts}", flush=True)
                if not waiting:
                    break
            elapsed = time.perf_counter() - started
            async with app.state.sessionmaker() as session:
                largest = await session.scalar(
                    select(func.max(Report.size)).where(Report.schedule_id == schedule["id"])
                )
            await jobs.drain()
    print(
        f"{queued} {report_format} reports in {elapsed:.0f} s ({queued / elapsed:.1f} per second); "
        f"done: {counts.get(ReportStatus.done, 0)}, failed: {counts.get(ReportStatus.failed, 0)}; "
        f"largest file {largest / 1024:.0f} KiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="A database generated at scale L (workspace 'demo')")
    parser.add_argument("--format", choices=("xlsx", "pdf"), default="xlsx")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="internhub-reports-") as folder:
        asyncio.run(run(args.url, args.format, Path(folder)))


if __name__ == "__main__":
    main()
