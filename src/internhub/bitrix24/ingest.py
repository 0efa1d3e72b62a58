"""Group commit for inbound events.

Bitrix24 may send a thousand events in a burst (a mass update fires one per record). Each request waits
until its event is on disk, but the events of all requests waiting at that moment are written in one
transaction: one commit (one fsync) for many events instead of one each, and no pile-up of writers
fighting over the database lock. The transaction runs whole in a thread of its own with a blocking
connection, so a loop busy with the burst's requests delays a batch once, not at every statement.
"""

from __future__ import annotations

import asyncio
import functools
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import structlog
from cachetools import TTLCache
from sqlalchemy import Engine, Insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from internhub.bitrix24 import outbox
from internhub.bitrix24.crypto import SecretBox
from internhub.common.upsert import insert_for
from internhub.models import DirtyEntity, Portal, PortalEvent, utcnow

log = structlog.get_logger(__name__)

MAX_BATCH = 500


@dataclass(frozen=True, slots=True)
class KnownPortal:
    id: int
    application_token: str | None
    is_active: bool


@dataclass(frozen=True, slots=True)
class InboundEvent:
    portal_id: int
    event: str
    entity_type: str
    entity_id: int
    deleted: bool
    payload: dict[str, Any]


@functools.cache
def _mark_dirty(dialect: str) -> Insert:
    """Insert-or-reset of dirty marks, executed with many rows (compiled once, cached by SQLAlchemy)."""
    upsert = insert_for(dialect, DirtyEntity.__table__)
    return upsert.on_conflict_do_update(
        index_elements=["portal_id", "entity_type", "entity_id"],
        set_={
            "deleted": upsert.excluded.deleted,
            "marked_at": upsert.excluded.marked_at,
            "due_at": upsert.excluded.due_at,
            "attempts": 0,
            "last_error": None,
        },
    )


class EventIngestor:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], engine: Engine, box: SecretBox) -> None:
        self.sessionmaker = sessionmaker
        self.engine = engine  # blocking, used only by the writer thread
        self.box = box
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bitrix24-events")
        self._queue: asyncio.Queue[tuple[InboundEvent, asyncio.Future[None]]] = asyncio.Queue()
        self._portals: TTLCache[tuple[str, str], KnownPortal | None] = TTLCache(maxsize=10_000, ttl=5.0)
        self._writer: asyncio.Task[None] | None = None

    async def portal(self, member_id: Any, domain: Any) -> KnownPortal | None:
        """The portal an event claims to come from (briefly cached: a burst looks it up once)."""
        key = (str(member_id or ""), str(domain or ""))
        if key in self._portals:
            return self._portals[key]
        conditions = []
        if key[0]:
            conditions.append(Portal.member_id == key[0])
        if key[1]:
            conditions.append(Portal.domain == key[1])
        found = None
        if conditions:
            async with self.sessionmaker() as session:
                portal = await session.scalar(select(Portal).where(or_(*conditions)).limit(1))
            if portal is not None:
                token = self.box.open(portal.application_token_enc) if portal.application_token_enc else None
                found = KnownPortal(portal.id, token, portal.is_active)
        self._portals[key] = found
        return found

    def forget_portals(self) -> None:
        """After an install or uninstall: the next event looks its portal up afresh."""
        self._portals.clear()

    async def submit(self, event: InboundEvent) -> None:
        """Return once the event is committed; raise if it could not be written."""
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._run(), name="bitrix24-event-writer")
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        await self._queue.put((event, done))
        await done

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.cancel()
            await asyncio.gather(self._writer, return_exceptions=True)
        self._thread.shutdown(wait=True)
        self.engine.dispose()

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            batch = [await self._queue.get()]
            while len(batch) < MAX_BATCH and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            try:
                await loop.run_in_executor(self._thread, self._write, [event for event, _ in batch])
            except Exception as exc:
                log.exception("bitrix24_events_not_written", count=len(batch))
                for _, done in batch:
                    if not done.done():
                        done.set_exception(exc)
            else:
                for _, done in batch:
                    if not done.done():
                        done.set_result(None)
                outbox.wake()

    def _write(self, events: list[InboundEvent]) -> None:
        now = utcnow()
        # One row per record however many of its events are in the batch (a record's last word wins).
        dirty = {(e.portal_id, e.entity_type, e.entity_id): e.deleted for e in events}
        with self.engine.begin() as connection:
            connection.execute(
                PortalEvent.__table__.insert(),
                [
                    {
                        "portal_id": e.portal_id,
                        "event": e.event,
                        "entity_type": e.entity_type,
                        "entity_id": e.entity_id,
                        "payload": e.payload,
                        "received_at": now,
                    }
                    for e in events
                ],
            )
            rows = [
                {
                    "portal_id": p,
                    "entity_type": t,
                    "entity_id": i,
                    "deleted": deleted,
                    "marked_at": now,
                    "due_at": now,
                    "attempts": 0,
                }
                for (p, t, i), deleted in dirty.items()
            ]
            connection.execute(_mark_dirty(self.engine.dialect.name), rows)
