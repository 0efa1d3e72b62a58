"""Jobs are sent after commit, never after a rollback, and retried when they fail."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from internhub import jobs

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
