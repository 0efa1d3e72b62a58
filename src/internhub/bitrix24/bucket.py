"""One leaky bucket per portal, shared by every process that calls it.

A portal drains its requests at one rate for everyone who calls it (limits.md). Each process's own mirror of the
bucket (``client.Throttle``) knows only its own calls: two API processes and two workers would each spend the
whole budget and meet QUERY_LIMIT_EXCEEDED. With Redis configured the bucket lives there: each call takes its
place in the queue (a Lua script, atomic, on Redis's clock) and sleeps until its turn. Redis down: the process
falls back to its own mirror and the portal's refusals, which slow it the same way.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError

from internhub.bitrix24.client import Throttle

log = structlog.get_logger(__name__)

# KEYS[1]: the portal's bucket. ARGV: rate per second, capacity, 1 to mark it full (the portal said so).
# Returns the seconds the caller waits before sending (its place in the queue is taken now).
TAKE_A_PLACE = """
local now = redis.call('TIME')
now = tonumber(now[1]) + tonumber(now[2]) / 1000000
local rate, capacity = tonumber(ARGV[1]), tonumber(ARGV[2])
local level = tonumber(redis.call('HGET', KEYS[1], 'level') or '0')
local updated = tonumber(redis.call('HGET', KEYS[1], 'updated') or tostring(now))
level = math.max(0, level - (now - updated) * rate)
local wait = 0
if ARGV[3] == '1' then
  level = math.max(level, capacity)
else
  if level + 1 > capacity then wait = (level + 1 - capacity) / rate end
  level = level + 1
end
redis.call('HSET', KEYS[1], 'level', tostring(level), 'updated', tostring(now))
redis.call('EXPIRE', KEYS[1], 3600)
return tostring(wait)
"""


class SharedThrottle(Throttle):
    def __init__(self, redis: Redis, portal: str, rate: float, burst: int, headroom: int = 5) -> None:
        super().__init__(rate=rate, burst=burst, headroom=headroom)
        self.redis = redis
        self.key = f"internhub:bucket:{portal}"
        self.script: Any = redis.register_script(TAKE_A_PLACE)
        self._marking: set[asyncio.Task[None]] = set()

    async def _take(self, full: bool = False) -> float:
        return float(await self.script(keys=[self.key], args=[self.rate, self.capacity, 1 if full else 0]))

    async def acquire(self) -> None:
        try:
            wait = await self._take()
        except (RedisError, OSError) as exc:
            log.warning("bitrix24_shared_bucket_down", error=type(exc).__name__)
            await super().acquire()
            return
        if wait > 0:
            await self.sleep(wait)

    def penalise(self) -> None:
        super().penalise()
        task = asyncio.get_running_loop().create_task(self._mark_full())
        self._marking.add(task)
        task.add_done_callback(self._marking.discard)

    async def _mark_full(self) -> None:
        with contextlib.suppress(RedisError, OSError):  # this process's own mirror is full already
            await self._take(full=True)
