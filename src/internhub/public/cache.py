"""A short-lived cache of the public catalogue's answers, shared by every API process through Redis.

The catalogue is read far more than it changes (every visitor, every filter), and its answer is the same for
everyone. With Redis configured, an answer is kept for ``TTL`` seconds under the workspace's catalogue version;
any committed change of an opening, a company or an application of the workspace moves that version on
(``note_changes``, a flush listener), so the next read makes a fresh answer at once, in every process. Redis
down: answers are made every time, as without it.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from collections.abc import Awaitable, Callable

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.orm import Session

from internhub import db
from internhub.models import Application, Company, Opening

log = structlog.get_logger(__name__)

TTL = 30
PREFIX = "internhub:public"


class PublicCache:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis  # the process's client (``PortalClients.redis``), closed by its owner
        self._bumping: set[asyncio.Task[None]] = set()

    async def answer(self, workspace_id: int, name: str, params: str, make: Callable[[], Awaitable[bytes]]) -> bytes:
        """The cached answer to this read, or a fresh one (kept for the next readers)."""
        digest = hashlib.sha256(params.encode()).hexdigest()[:32]
        try:
            version = int(await self.redis.get(f"{PREFIX}:{workspace_id}:version") or 0)
            key = f"{PREFIX}:{workspace_id}:{version}:{name}:{digest}"
            cached = await self.redis.get(key)
        except (RedisError, OSError) as exc:
            log.warning("public_cache_down", error=type(exc).__name__)
            return await make()
        if cached is not None:
            return cached.encode() if isinstance(cached, str) else cached
        fresh = await make()
        with contextlib.suppress(RedisError, OSError):
            await self.redis.set(key, fresh, ex=TTL)
        return fresh

    async def bump(self, workspace_ids: set[int]) -> None:
        """Every cached answer of these workspaces is out of date."""
        try:
            for workspace_id in workspace_ids:
                await self.redis.incr(f"{PREFIX}:{workspace_id}:version")
        except (RedisError, OSError) as exc:  # the answers expire within TTL all the same
            log.warning("public_cache_not_bumped", error=type(exc).__name__)

    def bump_soon(self, workspace_ids: set[int]) -> None:
        task = asyncio.get_running_loop().create_task(self.bump(workspace_ids))
        self._bumping.add(task)
        task.add_done_callback(self._bumping.discard)

    async def aclose(self) -> None:
        await asyncio.gather(*self._bumping, return_exceptions=True)


class _Shared:
    cache: PublicCache | None = None


shared = _Shared()  # the process's cache, set by the application's lifespan when Redis is configured


def note_changes(session: Session, _context: object) -> None:
    """Flush listener: the workspaces whose catalogue a written opening, company or application changes are
    bumped once the transaction commits."""
    if shared.cache is None:
        return
    touched = {
        obj.workspace_id
        for obj in (*session.new, *session.dirty, *session.deleted)
        if isinstance(obj, Opening | Company | Application)
    }
    if not touched:
        return
    pending: set[int] = session.info.setdefault("public_cache_bump", set())
    pending |= touched

    def bump() -> None:
        if shared.cache is not None:
            shared.cache.bump_soon(session.info.pop("public_cache_bump", set()))

    db.after_commit(session, bump)
