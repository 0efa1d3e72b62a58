"""Background jobs on Taskiq: an in-process broker by default, RabbitMQ when the settings name one.

- Define a job with ``@job`` (retried with exponential backoff when it raises).
- Kick it with ``enqueue(session, some_job, record_id)``: it is sent only once the session's transaction
  has committed, and never if it rolls back. A job receives ids, never payloads it could hold stale.
- A job opens its own session with ``async with session() as s:`` and reads the settings with ``settings()``.

Nothing here is decided at import: ``@job`` only records the function, and ``start(settings, sessionmaker)``
(called from the application's lifespan or ``internhub worker``) builds the broker those settings ask for and
registers every job with it.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session
from taskiq import (
    AsyncBroker,
    AsyncTaskiqDecoratedTask,
    InMemoryBroker,
    SmartRetryMiddleware,
    TaskiqMessage,
    TaskiqMiddleware,
    TaskiqResult,
)
from taskiq.exceptions import SendTaskError
from taskiq_aio_pika import AioPikaBroker

from internhub import metrics
from internhub.config import Settings
from internhub.db import after_commit
from internhub.models import DeadJob, utcnow

log = structlog.get_logger(__name__)

RETRIES = 5
QUEUE = "internhub"  # RabbitMQ's queue of jobs
SEND_PATIENCE = 600.0  # seconds a job waits for an unreachable broker before it is given up (and logged)

# Where the jobs are defined: a process that takes jobs from the queue imports them all, since a job is known to
# the broker only once its module is imported (an API process imports them with its routes).
JOB_MODULES = (
    "internhub.analytics.skills",
    "internhub.bitrix24.robots",
    "internhub.notifications.bitrix24",
    "internhub.notifications.mail",
    "internhub.reports.delivery",
    "internhub.reports.generate",
)


class JobMetrics(TaskiqMiddleware):
    """Counts each run by job and outcome with its duration, and the failures that will be tried again; each log
    line of a run names the job and its id."""

    def pre_execute(self, message: TaskiqMessage) -> TaskiqMessage:
        structlog.contextvars.bind_contextvars(job=message.task_name, job_id=message.task_id)
        return message

    async def post_execute(self, message: TaskiqMessage, result: TaskiqResult[Any]) -> None:
        job = message.task_name.rsplit(":", 1)[-1]
        metrics.job_runs.labels(job, "failed" if result.is_err else "ok").inc()
        metrics.job_duration.labels(job).observe(result.execution_time)
        if result.is_err:
            attempts = int(message.labels.get("_retries", 0)) + 1
            if attempts < RETRIES:
                metrics.job_retries.labels(job).inc()
            else:
                await _bury(message, result, attempts)
        structlog.contextvars.unbind_contextvars("job", "job_id")


async def _bury(message: TaskiqMessage, result: TaskiqResult[Any], attempts: int) -> None:
    """A job that failed its last try is kept, with its arguments and error, for an operator to send again."""
    log.error("job_dead", attempts=attempts, error=str(result.error)[:500])
    try:
        async with session() as db:
            db.add(
                DeadJob(
                    job=message.task_name,
                    args=list(message.args),
                    kwargs=dict(message.kwargs),
                    error=f"{type(result.error).__name__}: {result.error}"[:2000],
                    attempts=attempts,
                )
            )
            await db.commit()
    except Exception:  # the log line above says it all the same
        log.exception("job_dead_not_kept")


async def replay(dead_job_id: int) -> str:
    """Send a dead job again (once): its row says when; the job gets all its tries again."""
    async with session() as db:
        dead = await db.get(DeadJob, dead_job_id)
        if dead is None:
            raise LookupError(f"no dead job {dead_job_id}")
        if dead.replayed_at is not None:
            raise ValueError(f"dead job {dead_job_id} was sent again already")
        if dead.job not in _jobs:
            raise LookupError(f"no job named {dead.job}")
        dead.replayed_at = utcnow()
        enqueue(db, _jobs[dead.job], *dead.args, **dead.kwargs)
        await db.commit()
        return dead.job


def make_broker(settings: Settings) -> AsyncBroker:
    if settings.rabbitmq_url:
        broker: AsyncBroker = AioPikaBroker(url=settings.rabbitmq_url.get_secret_value(), queue_name=QUEUE)
    else:
        broker = InMemoryBroker(max_async_tasks=20)
    return broker.with_middlewares(
        JobMetrics(),
        SmartRetryMiddleware(
            default_retry_count=RETRIES,
            default_delay=1,
            use_jitter=True,
            use_delay_exponent=True,
            max_delay_exponent=300,
        ),
    )


@dataclass(frozen=True)
class Job:
    """A background job: a function and the name it is sent under, whichever broker the process started."""

    func: Callable[..., Awaitable[Any]]
    name: str

    async def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Run it here and now (tests, and work that is already off the request path)."""
        return await self.func(*args, **kwargs)


@dataclass(frozen=True)
class _Started:
    broker: AsyncBroker
    settings: Settings
    sessionmaker: async_sessionmaker[AsyncSession]


@dataclass
class _Runtime:
    started: _Started | None = None
    tasks: dict[str, AsyncTaskiqDecoratedTask] = field(default_factory=dict)

    def register(self, job: Job) -> None:
        if self.started is not None:
            self.tasks[job.name] = self.started.broker.task(task_name=job.name, retry_on_error=True)(job.func)


runtime = _Runtime()
_jobs: dict[str, Job] = {}
_in_flight: set[asyncio.Task[Any]] = set()


def job(func: Callable[..., Awaitable[Any]]) -> Job:
    """A background job, retried on failure."""
    defined = Job(func, f"{func.__module__}:{func.__qualname__}")
    _jobs[defined.name] = defined
    runtime.register(defined)  # a job defined after start (a test module's) is sent like the others
    return defined


def _started() -> _Started:
    if runtime.started is None:
        raise RuntimeError("jobs are not started: call jobs.start() first")
    return runtime.started


def settings() -> Settings:
    """The settings the process started with."""
    return _started().settings


def sessionmaker() -> async_sessionmaker[AsyncSession]:
    return _started().sessionmaker


def session() -> AsyncSession:
    """A session of a job's own (jobs never share the request's transaction)."""
    return _started().sessionmaker()


def broker() -> AsyncBroker:
    """The started broker (``internhub worker`` receives from it when it is RabbitMQ)."""
    return _started().broker


def enqueue(db: AsyncSession | Session, task: Job, *args: Any, **kwargs: Any) -> None:
    """Send ``task`` once ``db`` has committed."""

    def send() -> None:
        sent = asyncio.get_running_loop().create_task(_send(task, args, kwargs))
        _in_flight.add(sent)
        metrics.jobs_in_flight.inc()
        sent.add_done_callback(_sent)

    after_commit(db, send)


async def _send(task: Job, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Hand a job to the broker; while the broker is away (RabbitMQ restarting), try again until it is back."""
    pause = 0.5
    deadline = asyncio.get_running_loop().time() + SEND_PATIENCE
    while True:
        try:
            await runtime.tasks[task.name].kiq(*args, **kwargs)
            return
        except SendTaskError:
            if asyncio.get_running_loop().time() > deadline:
                log.error("job_not_sent", job=task.name)
                raise
            log.warning("job_send_retry", job=task.name, seconds=pause)
            await asyncio.sleep(pause)
            pause = min(pause * 2, 5.0)


def _sent(task: asyncio.Task[Any]) -> None:
    _in_flight.discard(task)
    metrics.jobs_in_flight.dec()


async def start(settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], consume: bool = False) -> None:
    """Build the broker ``settings`` ask for and register every job with it. ``consume``: this process also
    takes jobs from the queue (``internhub worker``), which the broker must know before it starts (RabbitMQ
    opens its consuming channel then)."""
    if consume:
        for module in JOB_MODULES:
            importlib.import_module(module)
    if runtime.started is not None:
        await runtime.started.broker.shutdown()
    runtime.started, runtime.tasks = _Started(make_broker(settings), settings, sessionmaker), {}
    for defined in _jobs.values():
        runtime.register(defined)
    runtime.started.broker.is_worker_process = consume
    await runtime.started.broker.startup()


async def waiting() -> int | None:
    """Jobs waiting in RabbitMQ's queue for a worker (None with the in-process broker, or while it is away)."""
    broker = runtime.started.broker if runtime.started is not None else None
    if not isinstance(broker, AioPikaBroker) or broker.write_channel is None:
        return None
    try:
        queue = await broker.write_channel.declare_queue(QUEUE, passive=True)
    except Exception:  # RabbitMQ restarting: no figure this time
        return None
    return queue.declaration_result.message_count


async def watch_queue(stop: asyncio.Event, every: float = 5.0) -> None:
    """Keep the queue depth metric current until ``stop``."""
    while not stop.is_set():
        depth = await waiting()
        if depth is not None:
            metrics.jobs_queued.set(depth)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), every)


async def stop() -> None:
    await drain()
    if runtime.started is not None:
        await runtime.started.broker.shutdown()


async def drain() -> None:
    """Wait for jobs sent from this process (and, in-process, for them to finish): for tests and shutdown."""
    while _in_flight:
        await asyncio.gather(*list(_in_flight), return_exceptions=True)
    if runtime.started is not None and isinstance(runtime.started.broker, InMemoryBroker):
        await runtime.started.broker.wait_all()
