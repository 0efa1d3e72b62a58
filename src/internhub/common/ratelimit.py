"""Rate limits on what anyone can call: signing in, the public application form, refused Bitrix24 events.

Built on ``limits`` (moving windows): counted in this process by default, shared by every process through
Redis when ``INTERNHUB_REDIS_URL`` is set. A limit is a list of windows ("5/minute;10/15 minutes;30/day"), so
repeated abuse meets ever longer waits while a person who mistypes twice barely notices. Redis being down
never fails a request: the limits are then counted in this process until it is back.
"""

from __future__ import annotations

import time
from typing import cast

import structlog
from fastapi import Request
from limits import parse_many
from limits.aio.storage import MemoryStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

from internhub.config import Settings
from internhub.errors import TooManyRequests

log = structlog.get_logger(__name__)

RETRY_LATER = 30.0  # after a failure of the shared store, how long before it is tried again


class Limiter:
    def __init__(self, settings: Settings) -> None:
        self.limits = {
            "signin-address": parse_many(settings.rate_limit_signin_per_address),
            "signin-account": parse_many(settings.rate_limit_signin_per_account),
            "public-form": parse_many(settings.rate_limit_public_form),
            "events-refused": parse_many(settings.rate_limit_events_refused),
        }
        self.local = MovingWindowRateLimiter(MemoryStorage())
        self.shared: MovingWindowRateLimiter | None = None
        self._shared_down_until = 0.0
        if settings.redis_url is not None:
            uri = "async+" + settings.redis_url.get_secret_value()
            # Short timeouts: a Redis that hangs must not hold requests up (they fall back to local counting).
            storage = cast(
                Storage,
                storage_from_string(
                    uri,
                    implementation="redispy",
                    key_prefix="internhub",
                    socket_timeout=0.5,
                    socket_connect_timeout=0.5,
                ),
            )
            self.shared = MovingWindowRateLimiter(storage)

    def _strategy(self) -> MovingWindowRateLimiter:
        if self.shared is not None and time.monotonic() >= self._shared_down_until:
            return self.shared
        return self.local

    async def _call(self, what: str, *args):
        strategy = self._strategy()
        try:
            return await getattr(strategy, what)(*args)
        except Exception as exc:  # the shared store is unreachable: count here, and try it again later
            if strategy is self.local:
                raise
            log.warning("rate_limit_store_unavailable", error=str(exc)[:200])
            self._shared_down_until = time.monotonic() + RETRY_LATER
            return await getattr(self.local, what)(*args)

    async def wait_needed(self, name: str, key: str) -> float:
        """Seconds until ``key`` may try again under the limit ``name`` (0 when it may now)."""
        wait = 0.0
        for item in self.limits[name]:
            if not await self._call("test", item, name, key):
                stats = await self._call("get_window_stats", item, name, key)
                wait = max(wait, stats.reset_time - time.time(), 1.0)
        return wait

    async def hit(self, name: str, key: str) -> None:
        for item in self.limits[name]:
            await self._call("hit", item, name, key)

    async def clear(self, name: str, key: str) -> None:
        for item in self.limits[name]:
            await self._call("clear", item, name, key)

    async def check(self, name: str, key: str, detail: str, code: str) -> None:
        """Count one more for ``key`` (refusing it when over the limit: a 429 with ``Retry-After``)."""
        wait = await self.wait_needed(name, key)
        if wait:
            raise TooManyRequests(detail, wait, code=code)
        await self.hit(name, key)


def address(request: Request) -> str:
    """The caller's address as the server sees it (behind a proxy, run uvicorn with ``--proxy-headers``)."""
    return request.client.host if request.client else "unknown"


def limiter(request: Request) -> Limiter:
    return request.app.state.limiter
