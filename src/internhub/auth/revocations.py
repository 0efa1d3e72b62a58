"""A revoked session dies at once in every process, not only in the one that revoked it.

Each API process keeps verified tokens for a few seconds (``PrincipalCache``). A sign-out, a new password, a
deactivated user or a deleted key is forgotten by the process that handled it; with Redis configured, it also
publishes what to forget on one channel, and every process listening forgets it too. Without Redis, or while it
is down, the other processes notice within the cache's lifetime (``INTERNHUB_AUTH_CACHE_SECONDS``): a listener
that reconnects after an outage forgets everything, since it may have missed a message.
"""

from __future__ import annotations

import asyncio
import contextlib

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError

from internhub.auth.principal import PrincipalCache

log = structlog.get_logger(__name__)

CHANNEL = "internhub:revoked"
EVERYTHING = "*"


class RevocationSignal:
    def __init__(self, redis: Redis, cache: PrincipalCache) -> None:
        self.redis = redis  # the process's client (``PortalClients.redis``), closed by its owner
        self.cache = cache
        self.listening = asyncio.Event()  # set while subscribed (for tests and readiness)

    async def publish(self, digest: str | None) -> None:
        """Tell every process to forget this token (None: every token)."""
        try:
            await self.redis.publish(CHANNEL, digest or EVERYTHING)
        except (RedisError, OSError) as exc:  # the others notice within the cache's lifetime
            log.warning("revocation_not_published", error=type(exc).__name__)

    async def listen(self, stop: asyncio.Event) -> None:
        """Forget what any process revokes, until ``stop`` is set; reconnect after an outage."""
        missed = False
        while not stop.is_set():
            try:
                async with self.redis.pubsub() as pubsub:
                    await pubsub.subscribe(CHANNEL)
                    if missed:
                        self.cache.forget()  # a message may have come while we were away
                    self.listening.set()
                    while not stop.is_set():
                        message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=0.5)
                        if message is not None:
                            what = message["data"].decode()
                            self.cache.forget(None if what == EVERYTHING else what)
            except (RedisError, OSError) as exc:
                self.listening.clear()
                missed = True
                log.warning("revocation_listener_down", error=type(exc).__name__)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), 1.0)
        self.listening.clear()
