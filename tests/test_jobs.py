"""Jobs are sent after commit, never after a rollback, and retried when they fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import select
from taskiq import TaskiqMessage, TaskiqResult

from internhub import jobs
from internhub.models import DeadJob

calls: list[str] = []
failures_left = {"flaky": 0}


@jobs.job
async def remember(label: str) -> None:
    calls.append(label)


@jobs.job
async def flaky(label: str) -> None:
    if failures_left["flaky"] > 0:
        failures_left["flaky"] -= 1
        raise RuntimeError("not yet")
    calls.append(label)


@pytest.fixture(autouse=True)
def reset() -> None:
    calls.clear()


async def test_a_job_is_sent_only_after_commit(app: FastAPI) -> None:
    async with app.state.sessionmaker() as session:
        jobs.enqueue(session, remember, "kept")
        await jobs.drain()
        assert calls == []
        await session.commit()
    await jobs.drain()
    assert calls == ["kept"]


async def test_a_rolled_back_transaction_sends_nothing(app: FastAPI) -> None:
    async with app.state.sessionmaker() as session:
        jobs.enqueue(session, remember, "dropped")
        await session.rollback()
        await session.commit()
    await jobs.drain()
    assert calls == []


async def test_a_failing_job_is_retried(app: FastAPI) -> None:
    failures_left["flaky"] = 2
    async with app.state.sessionmaker() as session:
        jobs.enqueue(session, flaky, "eventually")
        await session.commit()
    for _ in range(50):
        await jobs.drain()
        if calls:
            break
    assert calls == ["eventually"] and failures_left["flaky"] == 0


# The settings an application is made with decide where its jobs go, not the environment at import.
SETTINGS_OVER_ENVIRONMENT = """
import asyncio, sys
from pathlib import Path
from internhub import jobs
from internhub.app import create_app
from internhub.config import Settings

ran = []

@jobs.job
async def mark(label: str) -> None:
    ran.append(label)

async def main(folder: Path) -> None:
    settings = Settings(
        env="test", database_url=f"sqlite+aiosqlite:///{folder / 'jobs.db'}", data_dir=folder,
        rabbitmq_url=None, bitrix24_workers=False, log_level="WARNING",
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        async with app.state.sessionmaker() as session:
            jobs.enqueue(session, mark, "in-process")
            await session.commit()
        await jobs.drain()
    print(type(jobs.broker()).__name__, ran)

asyncio.run(main(Path(sys.argv[1])))
"""


def test_jobs_follow_the_settings_the_application_is_made_with(tmp_path) -> None:
    # A RabbitMQ address in the environment that nothing listens on: the settings passed in say "in-process".
    environment = {**os.environ, "INTERNHUB_RABBITMQ_URL": "amqp://guest:guest@127.0.0.1:9/"}
    migrate = subprocess.run(
        [sys.executable, "-m", "internhub", "migrate"],
        env={**environment, "INTERNHUB_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'jobs.db'}"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrate.returncode == 0, migrate.stderr
    run = subprocess.run(
        [sys.executable, "-c", SETTINGS_OVER_ENVIRONMENT, str(tmp_path)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["InMemoryBroker", "['in-process']"]


def test_a_worker_knows_every_job() -> None:
    """A job is known once its module is imported: a worker imports JOB_MODULES, so every job must be there."""
    source = Path(jobs.__file__).parents[1]
    defining = {
        ".".join(path.relative_to(source.parent).with_suffix("").parts)
        for path in source.rglob("*.py")
        if "@jobs.job" in path.read_text()
    }
    assert defining == set(jobs.JOB_MODULES)


@jobs.job
async def doomed(label: str) -> None:
    calls.append(label)


async def test_a_job_failing_its_last_try_is_kept_and_can_be_sent_again(app: FastAPI) -> None:
    message = TaskiqMessage(
        task_id="t1", task_name=doomed.name, labels={"_retries": str(jobs.RETRIES - 1)}, args=["x"], kwargs={}
    )
    failed = TaskiqResult(is_err=True, return_value=None, execution_time=0.1, error=RuntimeError("portal away"))
    retried = TaskiqMessage(task_id="t2", task_name=doomed.name, labels={"_retries": "0"}, args=["y"], kwargs={})
    await jobs.JobMetrics().post_execute(retried, failed)  # tries left: not kept
    await jobs.JobMetrics().post_execute(message, failed)  # the last try: kept
    async with app.state.sessionmaker() as session:
        dead = (await session.scalars(select(DeadJob).where(DeadJob.job == doomed.name))).all()
    assert [(d.args, d.attempts, d.error) for d in dead] == [(["x"], jobs.RETRIES, "RuntimeError: portal away")]

    assert await jobs.replay(dead[0].id) == doomed.name
    await jobs.drain()
    assert calls == ["x"]
    with pytest.raises(ValueError):  # sent again once only
        await jobs.replay(dead[0].id)
