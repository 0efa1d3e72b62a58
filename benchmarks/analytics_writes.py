"""What keeping the analytics rollups current costs a write: applications written with the rollup listener
and without it, in the same run, on the same database.

    uv run python benchmarks/analytics_writes.py --database sqlite
    uv run python benchmarks/analytics_writes.py --database postgresql

Each write is one transaction the way an application arrives: the opening and the student are read, the
application and its first history entry are added and flushed, then it is moved to screening and flushed
again, and committed. Rounds with and without the listener alternate, so both see the same load; CPU is
this process's (the database server's own work is not in it), wall time is the whole transaction.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import create_async_engine

from internhub import listeners
from internhub.analytics import rollup_listener
from internhub.db import AppSession, create_sessionmaker
from internhub.demo import generate
from internhub.migrate import upgrade
from internhub.models import Application, ApplicationStatusChange, Opening, Student, Workspace
from internhub.testing.postgres import TemporaryPostgres

SCALE = {"universities": 20, "companies": 60, "students": 4_000, "openings": 300, "applications": 10_000}


async def write_one(sessionmaker, workspace_id: int, opening_id: int, student_id: int) -> None:
    async with sessionmaker() as session, session.begin():
        opening = await session.get(Opening, opening_id)
        student = await session.get(Student, student_id)
        application = Application(workspace_id=workspace_id, opening_id=opening.id, student_id=student.id)
        session.add(application)
        await session.flush()
        session.add(ApplicationStatusChange(application_id=application.id, to_status="new", source="portal"))
        await session.flush()
        application.status = "screening"
        session.add(
            ApplicationStatusChange(
                application_id=application.id, from_status="new", to_status="screening", source="portal"
            )
        )
        await session.flush()


async def run(url: str, writes: int, rounds: int, seed: int) -> dict[str, dict[str, float]]:
    engine = create_async_engine(url)
    listeners.install()
    sessionmaker = create_sessionmaker(engine)
    rng = random.Random(seed)
    async with sessionmaker() as session:
        workspace_id = await session.scalar(select(Workspace.id).where(Workspace.slug == "demo"))
        openings = list((await session.scalars(select(Opening.id))).all())
        students = list((await session.scalars(select(Student.id))).all())
        taken = set((await session.execute(select(Application.opening_id, Application.student_id))).all())
    samples: dict[str, dict[str, list[float]]] = {m: {"wall": [], "cpu": []} for m in ("listener", "none")}

    def pairs(count: int):
        found = 0
        while found < count:
            pair = (rng.choice(openings), rng.choice(students))
            if pair not in taken:
                taken.add(pair)
                found += 1
                yield pair

    for round_number in range(rounds * 2):
        mode = "listener" if round_number % 2 == 0 else "none"
        if mode == "none":
            event.remove(AppSession, "after_flush", rollup_listener.count_changes)
        try:
            for opening_id, student_id in pairs(writes):
                wall, cpu = time.perf_counter(), time.process_time()
                await write_one(sessionmaker, workspace_id, opening_id, student_id)
                samples[mode]["wall"].append((time.perf_counter() - wall) * 1000)
                samples[mode]["cpu"].append((time.process_time() - cpu) * 1000)
        finally:
            if mode == "none":
                event.listen(AppSession, "after_flush", rollup_listener.count_changes)
    await engine.dispose()
    return {
        mode: {f"{kind}_{stat}": fn(values) for kind, values in found.items() for stat, fn in STATS.items()}
        for mode, found in samples.items()
    }


STATS = {"median": statistics.median, "mean": statistics.fmean}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--writes", type=int, default=100, help="Applications per round")
    parser.add_argument("--rounds", type=int, default=4, help="Rounds with the listener (as many without)")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    server = None
    with tempfile.TemporaryDirectory() as folder:
        if args.database == "postgresql":
            server = TemporaryPostgres().start()
            url = server.create_database("internhub_writes")
        else:
            url = f"sqlite+aiosqlite:///{Path(folder) / 'writes.db'}"
        try:
            upgrade(url)
            asyncio.run(generate(url, **SCALE, workspace_slug="demo", now=datetime(2026, 11, 28, tzinfo=UTC)))
            results = asyncio.run(run(url, args.writes, args.rounds, args.seed))
        finally:
            if server is not None:
                server.stop()
    print("| rollup listener | wall median ms | wall mean ms | CPU median ms | CPU mean ms |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for mode, row in results.items():
        print(
            f"| {'on' if mode == 'listener' else 'off'} | {row['wall_median']:.2f} | {row['wall_mean']:.2f} "
            f"| {row['cpu_median']:.2f} | {row['cpu_mean']:.2f} |"
        )
    added = results["listener"]["cpu_mean"] - results["none"]["cpu_mean"]
    print(f"\nCPU the listener adds per application (mean): {added:.2f} ms")


if __name__ == "__main__":
    main()
