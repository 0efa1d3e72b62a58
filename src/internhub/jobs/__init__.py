"""Background jobs on Taskiq: an in-process broker by default, RabbitMQ when ``INTERNHUB_RABBITMQ_URL`` is set.

- Define a job with ``@job`` (retried with exponential backoff when it raises).
- Kick it with ``enqueue(session, some_job, record_id)``: it is sent only once the session's transaction
  has committed, and never if it rolls back. A job receives ids, never payloads it could hold stale.
- A job opens its own session with ``async with session() as s:``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from taskiq import AsyncBroker, AsyncTaskiqDecoratedTask, InMemoryBroker, SmartRetryMiddleware
from taskiq_aio_pika import AioPikaBroker

from internhub.config import Settings, get_settings
from internhub.db import after_commit

log = structlog.get_logger(__name__)

RETRIES = 5


def make_broker(settings: Settings) -> AsyncBroker:
    if settings.rabbitmq_url:
        broker: AsyncBroker = AioPikaBroker(url=settings.rabbitmq_url.get_secret_value(), queue_name="internhub")
    else:
        broker = InMemoryBroker(max_async_tasks=20)
    return broker.with_middlewares(
        SmartRetryMiddleware(
            default_retry_count=RETRIES,
            default_delay=1,
            use_jitter=True,
            use_delay_exponent=True,
            max_delay_exponent=300,
        )
    )


broker = make_broker(get_settings())


class _Runtime:
    sessionmaker: async_sessionmaker[AsyncSession] | None = None
    settings: Settings | None = None


runtime = _Runtime()
_in_flight: set[asyncio.Task[Any]] = set()


def job(func: Callable[..., Any]) -> AsyncTaskiqDecoratedTask:
    """A background job, retried on failure."""
    return broker.task(retry_on_error=True)(func)


def session() -> AsyncSession:
    """A session of a job's own (jobs never share the request's transaction)."""
    if runtime.sessionmaker is None:
        raise RuntimeError("jobs are not started: call jobs.start() first")
    return runtime.sessionmaker()


def enqueue(db: AsyncSession, task: AsyncTaskiqDecoratedTask, *args: Any, **kwargs: Any) -> None:
    """Send ``task`` once ``db`` has committed."""

    def send() -> None:
        sent = asyncio.get_running_loop().create_task(task.kiq(*args, **kwargs))
        _in_flight.add(sent)
        sent.add_done_callback(_in_flight.discard)

    after_commit(db, send)


async def start(settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    runtime.settings = settings
    runtime.sessionmaker = sessionmaker
    await broker.startup()


async def stop() -> None:
    await drain()
    await broker.shutdown()


async def drain() -> None:
    """Wait for jobs sent from this process (and, in-process, for them to finish): for tests and shutdown."""
    while _in_flight:
        await asyncio.gather(*list(_in_flight), return_exceptions=True)
    if isinstance(broker, InMemoryBroker):
        await broker.wait_all()
