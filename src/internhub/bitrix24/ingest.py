"""Group commit for inbound events.

Bitrix24 may send a thousand events in a burst (a mass update fires one per record). Each request waits
until its event is on disk, but the events of all requests waiting at that moment are written in one
transaction: one commit (one fsync) for many events instead of one each, and no pile-up of writers
fighting over the database lock. On SQLite the batch is written by the event loop itself through a
blocking connection (a millisecond or two): a thread, whether aiosqlite's or one of our own, would have
to win the interpreter lock back from the busy loop at every statement and row. Only when another writer
of this process holds the database lock (it needs the loop to finish) does the batch wait in a thread.
"""

from __future__ import annotations

import asyncio
import functools
from dataclasses import dataclass
from typing import Any

import structlog
from cachetools import TTLCache
from sqlalchemy import Engine, Executable, Insert, or_, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

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
    domain: str = ""


@dataclass(frozen=True, slots=True)
class InboundEvent:
    portal_id: int
    event: str
    entity_type: str
    entity_id: int
    deleted: bool
    payload: dict[str, Any]


def _settle(done: asyncio.Future[None], error: Exception | None) -> None:
    if done.done():
        return  # the request gave up waiting (its client went away)
    if error is None:
        done.set_result(None)
    else:
        done.set_exception(error)


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
            "conflict": None,  # changed there: a record set aside is looked at again
        },
    )


class EventIngestor:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        engine: AsyncEngine,
        box: SecretBox,
        file_engine: Engine | None = None,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.engine = engine
        self.file_engine = file_engine  # SQLite: written directly, see the module's notes
        self.box = box
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
                found = KnownPortal(portal.id, token, portal.is_active, portal.domain)
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
        if self.file_engine is not None:
            self.file_engine.dispose()

    async def _run(self) -> None:
        while True:
            batch = [await self._queue.get()]
            while len(batch) < MAX_BATCH and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            await self._write_group(batch)
            outbox.wake()

    async def _write_group(self, batch: list[tuple[InboundEvent, asyncio.Future[None]]]) -> None:
        """Write the events together; if the database refuses the group, write each on its own, so that one
        event it refuses (a value out of range, a character it cannot keep) costs the others nothing."""
        try:
            await self._write([event for event, _ in batch])
        except Exception as exc:
            if len(batch) == 1:
                log.warning("bitrix24_event_not_written", error=str(exc)[:200])
                _settle(batch[0][1], exc)
                return
            for item in batch:
                await self._write_group([item])
        else:
            for _, done in batch:
                _settle(done, None)

    async def _write(self, events: list[InboundEvent]) -> None:
        statements = self._statements(events)
        if self.file_engine is None:
            async with self.engine.begin() as connection:
                for statement, rows in statements:
                    await connection.execute(statement, rows)
            return
        try:
            self._write_file(statements, wait_ms=0)
        except OperationalError as exc:
            if getattr(exc.orig, "sqlite_errorname", "") != "SQLITE_BUSY":
                raise
            # Another writer of this process holds the lock and needs the loop to finish: wait in a thread.
            await asyncio.to_thread(self._write_file, statements, wait_ms=30_000)

    def _write_file(self, statements: list[tuple[Executable, list[dict[str, Any]]]], wait_ms: int) -> None:
        engine = self.file_engine
        if engine is None:
            raise RuntimeError("events are written to a file database only on SQLite")
        with engine.begin() as connection:
            connection.exec_driver_sql(f"PRAGMA busy_timeout = {wait_ms:d}")
            for statement, rows in statements:
                connection.execute(statement, rows)

    def _statements(self, events: list[InboundEvent]) -> list[tuple[Executable, list[dict[str, Any]]]]:
        """The events, and one dirty mark per record however many of its events are here (the last wins)."""
        now = utcnow()
        dirty = {(e.portal_id, e.entity_type, e.entity_id): e.deleted for e in events}
        stored = [
            {
                "portal_id": e.portal_id,
                "event": e.event,
                "entity_type": e.entity_type,
                "entity_id": e.entity_id,
                "payload": e.payload,
                "received_at": now,
            }
            for e in events
        ]
        marks = [
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
        return [(PortalEvent.__table__.insert(), stored), (_mark_dirty(self.engine.dialect.name), marks)]
