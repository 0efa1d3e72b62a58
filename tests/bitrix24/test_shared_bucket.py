"""Processes calling one portal share its leaky bucket through Redis, so together they stay within its rate."""

from __future__ import annotations

import pytest
from redis.asyncio import Redis

from internhub.bitrix24.bucket import SharedThrottle
from internhub.bitrix24.client import Throttle
from internhub.bitrix24.portals import PortalClients
from internhub.config import Settings
from internhub.models import Portal
from internhub.testing.postgres import free_port


def waits_of(throttle: Throttle, waits: list[float]) -> None:
    async def record(seconds: float) -> None:  # note the wait instead of sleeping it
        waits.append(seconds)

    throttle.sleep = record


async def test_two_processes_queue_in_one_bucket(redis_url: str) -> None:
    redis_one, redis_two = Redis.from_url(redis_url), Redis.from_url(redis_url)
    domain = f"p{free_port()}.bitrix24.test"
    # rate 10/s, 10 queued at most, 5 kept free for other apps: 5 calls go at once, each further one waits 0.1 s.
    one, two = SharedThrottle(redis_one, domain, 10.0, 10), SharedThrottle(redis_two, domain, 10.0, 10)
    waits: list[float] = []
    waits_of(one, waits)
    waits_of(two, waits)
    for _ in range(10):
        await one.acquire()
        await two.acquire()
    await redis_one.aclose()
    await redis_two.aclose()
    # Twenty calls in one queue: the last waits for the 15 before it beyond the free five (each process alone
    # would have seen only its own ten, and waited 0.5 s at most).
    assert max(waits) == pytest.approx(1.5, abs=0.2)
    assert sum(1 for wait in waits if wait > 0) == 15


async def test_with_redis_down_a_process_keeps_its_own_bucket() -> None:
    redis = Redis.from_url(f"redis://127.0.0.1:{free_port()}/0", socket_connect_timeout=0.2)
    throttle = SharedThrottle(redis, "down.bitrix24.test", 10.0, 10)
    waits: list[float] = []
    waits_of(throttle, waits)
    for _ in range(8):
        await throttle.acquire()
    await redis.aclose()
    assert waits == pytest.approx([0.1, 0.2, 0.3], abs=0.05)  # its own mirror: five go at once, three queue


async def test_the_portal_clients_share_the_bucket_when_redis_is_configured(redis_url: str) -> None:
    portal = Portal(id=1, domain="shared.bitrix24.test")
    shared = PortalClients(Settings(redis_url=redis_url), sessionmaker=None)  # type: ignore[arg-type]
    alone = PortalClients(Settings(), sessionmaker=None)  # type: ignore[arg-type]
    assert isinstance(shared._throttle(portal), SharedThrottle)
    assert type(alone._throttle(portal)) is Throttle
    await shared.aclose()
