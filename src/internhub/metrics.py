"""Prometheus metrics: what each process does, read at ``/metrics`` (the API) or on the worker's own port.

The metric families are defined here once; each process fills its own copy and Prometheus scrapes every API
replica and worker (``deploy/prometheus.yml``). What is counted where:

- HTTP: requests by method, route template (``/api/v1/students/{student_id}``, never the raw path) and status,
  with their duration (``middleware.Metrics``);
- the event loop: how late a timer fires (``watch_loop``): a request that holds the loop shows here first;
- jobs: runs by job and outcome, their duration, retries, and jobs sent but not finished (``jobs``);
- per portal: REST calls by outcome, limit hits, events received, and from the database every 15 s the sync lag
  (oldest change waiting to go out, oldest record waiting to be fetched), changes waiting and conflicts
  (``sample_sync``);
- the database pool: connections in use and idle.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

import structlog
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest, start_http_server
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from internhub.config import Settings
from internhub.models import DirtyEntity, OutboxItem, Portal, SyncState, SyncStatus, utcnow

log = structlog.get_logger(__name__)

REGISTRY = CollectorRegistry(auto_describe=True)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

http_requests = Counter(
    "internhub_http_requests", "HTTP requests answered", ["method", "route", "status"], registry=REGISTRY
)
http_duration = Histogram(
    "internhub_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=REGISTRY,
)
loop_lag = Histogram(
    "internhub_event_loop_lag_seconds",
    "How late a timer on the event loop fires (work holding the loop delays every request)",
    buckets=(0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
    registry=REGISTRY,
)
job_runs = Counter("internhub_job_runs", "Background job runs", ["job", "outcome"], registry=REGISTRY)
job_duration = Histogram(
    "internhub_job_duration_seconds", "Time a background job run takes", ["job"], registry=REGISTRY
)
job_retries = Counter(
    "internhub_job_retries", "Background job runs that failed and will be retried", ["job"], registry=REGISTRY
)
jobs_in_flight = Gauge(
    "internhub_jobs_sending", "Jobs queued by a commit and not yet handed to the broker", registry=REGISTRY
)
jobs_queued = Gauge("internhub_jobs_queued", "Jobs waiting in RabbitMQ's queue for a worker", registry=REGISTRY)
rest_calls = Counter(
    "internhub_bitrix24_rest_calls", "REST calls to a Bitrix24 portal", ["portal", "outcome"], registry=REGISTRY
)
limit_hits = Counter(
    "internhub_bitrix24_limit_hits",
    "Answers that said a Bitrix24 limit was reached (QUERY_LIMIT_EXCEEDED, OPERATION_TIME_LIMIT)",
    ["portal", "limit"],
    registry=REGISTRY,
)
events_received = Counter(
    "internhub_bitrix24_events_received",
    "Events a Bitrix24 portal sent that were accepted",
    ["portal"],
    registry=REGISTRY,
)
sync_push_lag = Gauge(
    "internhub_bitrix24_push_lag_seconds",
    "Age of the oldest change waiting to reach the portal",
    ["portal"],
    registry=REGISTRY,
)
sync_pull_lag = Gauge(
    "internhub_bitrix24_pull_lag_seconds",
    "Age of the oldest portal record waiting to be fetched",
    ["portal"],
    registry=REGISTRY,
)
sync_pending = Gauge(
    "internhub_bitrix24_pending_changes", "Changes waiting to reach the portal", ["portal"], registry=REGISTRY
)
sync_conflicts = Gauge("internhub_bitrix24_conflicts", "Records set aside as conflicts", ["portal"], registry=REGISTRY)
db_connections = Gauge("internhub_db_connections", "Database pool connections", ["state"], registry=REGISTRY)


def render() -> bytes:
    return generate_latest(REGISTRY)


def watch(settings: Settings, engine: AsyncEngine, stop: asyncio.Event) -> list[asyncio.Task[None]]:
    """What every process (the API, a worker) measures of itself: its private metrics port when configured, the
    database pool and the event loop's lag until ``stop``. Returns the tasks to await at shutdown."""
    if settings.metrics_port is not None:
        # For Prometheus on the private network (the API's public port keeps /metrics behind its token).
        start_http_server(settings.metrics_port, settings.metrics_host, registry=REGISTRY)
    watch_pool(engine)
    return [asyncio.create_task(watch_loop(stop))]


def watch_pool(engine: AsyncEngine) -> None:
    """Read the pool's use at every scrape (SQLite's pool has no counts: nothing to show)."""
    pool = engine.pool
    checked_out: Callable[[], int] | None = getattr(pool, "checkedout", None)
    checked_in: Callable[[], int] | None = getattr(pool, "checkedin", None)
    if checked_out is not None and checked_in is not None:
        db_connections.labels("in_use").set_function(checked_out)
        db_connections.labels("idle").set_function(checked_in)


async def watch_loop(stop: asyncio.Event, every: float = 0.25) -> None:
    """Sample the event loop's lag until ``stop`` is set."""
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        started = loop.time()
        await asyncio.sleep(every)
        loop_lag.observe(max(loop.time() - started - every, 0.0))


async def sample_sync(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    """Each portal's sync lag, waiting changes and conflicts, read from the database: one grouped query each,
    however many portals there are."""
    now = utcnow()
    waiting = OutboxItem.done_at.is_(None)
    async with sessionmaker() as session:
        portals = (await session.execute(select(Portal.id, Portal.domain, Portal.workspace_id))).all()
        outbox = {
            workspace_id: (count, oldest)
            for workspace_id, count, oldest in await session.execute(
                select(OutboxItem.workspace_id, func.count(), func.min(OutboxItem.created_at))
                .where(waiting)
                .group_by(OutboxItem.workspace_id)
            )
        }
        dirty = dict(
            (
                await session.execute(
                    select(DirtyEntity.portal_id, func.min(DirtyEntity.marked_at))
                    .where(DirtyEntity.conflict.is_(None))
                    .group_by(DirtyEntity.portal_id)
                )
            ).all()
        )
        local = dict(
            (
                await session.execute(
                    select(SyncState.workspace_id, func.count())
                    .where(SyncState.status == SyncStatus.conflict)
                    .group_by(SyncState.workspace_id)
                )
            ).all()
        )
        remote = dict(
            (
                await session.execute(
                    select(DirtyEntity.portal_id, func.count())
                    .where(DirtyEntity.conflict.is_not(None))
                    .group_by(DirtyEntity.portal_id)
                )
            ).all()
        )
    for portal_id, domain, workspace_id in portals:
        pending, oldest = outbox.get(workspace_id, (0, None))
        marked = dirty.get(portal_id)
        sync_pending.labels(domain).set(pending)
        sync_push_lag.labels(domain).set((now - oldest).total_seconds() if oldest else 0)
        sync_pull_lag.labels(domain).set((now - marked).total_seconds() if marked else 0)
        sync_conflicts.labels(domain).set(local.get(workspace_id, 0) + remote.get(portal_id, 0))


async def sample_sync_forever(
    sessionmaker: async_sessionmaker[AsyncSession], stop: asyncio.Event, every: float = 15.0
) -> None:
    while not stop.is_set():
        try:
            await sample_sync(sessionmaker)
        except Exception:  # a metric must never take the process down
            log.exception("metrics_sample_failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), every)
