"""The sync worker: for every connected portal whose lease it can take, push, pull and reconcile.

Runs inside the API process by default, or as ``internhub worker`` processes on any number of machines;
the lease in the database makes sure only one of them spends a portal's request budget at a time. The workers
share the portals: each notes every round that it is alive, and takes at most its fair part (the active portals
divided by the live workers, rounded up), handing the rest back, so a newcomer gets work within a round or two
and a dead worker's portals are taken over once its leases lapse.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import socket
import uuid
from datetime import datetime, timedelta

import structlog
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from internhub.bitrix24 import connection as connections
from internhub.bitrix24 import outbox
from internhub.bitrix24.client import Bitrix24Error, OperationTimeLimit
from internhub.bitrix24.events import ENTITY_EVENTS
from internhub.bitrix24.offline import bind_offline, drain_offline
from internhub.bitrix24.portals import PortalClients, acquire_lease, release_lease
from internhub.bitrix24.setup import add_robots, bind_events, bind_placements, ensure_setup
from internhub.bitrix24.sync import PortalSync, StepResult
from internhub.config import Settings
from internhub.models import AuthMode, ConnectionStatus, Portal, SyncWorkerBeat, utcnow

log = structlog.get_logger(__name__)

POLL_SECONDS = 1.0
DELETION_CHECK_EVERY = 12  # reconciliations: every hour at the default five minutes
# A round that fails for a reason the worker cannot mend (a portal that refuses our setup, a lost right, a
# bug) is retried after 5 s, 10 s, 20 s ... at most every 15 minutes: a few requests an hour, never the
# portal's whole budget, and soon enough once someone mends the cause.
FIRST_PAUSE = 5.0
LONGEST_PAUSE = 900.0


def pause_after(failures: int) -> float:
    return min(FIRST_PAUSE * 2 ** max(failures - 1, 0), LONGEST_PAUSE)


class SyncWorker:
    def __init__(self, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], clients: PortalClients):
        self.settings = settings
        self.sessionmaker = sessionmaker
        self.clients = clients
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.now = utcnow  # the clock pauses are kept in (tests move it)
        self.deletions_checked: dict[int, float] = {}
        self.offline_checked: set[int] = set()
        self.offline_portals: set[int] = set()  # those whose offline queue we read
        self.beaten_at: datetime | None = None  # when this worker last noted that it is alive

    async def portal_sync(self, portal_id: int) -> PortalSync:
        async with self.sessionmaker() as session:
            portal = await session.get_one(Portal, portal_id)
            return PortalSync(self.sessionmaker, portal_id, self.clients.client_for(portal))

    async def run(self, stop: asyncio.Event) -> None:
        log.info("sync_worker_started", owner=self.owner)
        # Say so before taking anything, and give workers started at the same moment the time to say so too:
        # otherwise the first to look would find itself alone and take every portal for its first round.
        try:
            await self.announce()
        except Exception:  # the database not ready yet: the rounds say so and try again
            log.exception("sync_worker_announce_failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), POLL_SECONDS)
        while not stop.is_set():
            try:
                worked = await self.tick()
            except Exception:
                log.exception("sync_worker_tick_failed")
                worked = False
            if not worked:
                outbox.work_available.clear()
                waiters = [asyncio.ensure_future(outbox.work_available.wait()), asyncio.ensure_future(stop.wait())]
                await asyncio.wait(waiters, timeout=POLL_SECONDS, return_when=asyncio.FIRST_COMPLETED)
                for waiter in waiters:
                    waiter.cancel()
        await self.release_leases()

    async def release_leases(self) -> None:
        """Hand the portals over at once instead of making the next owner wait for the lease to lapse."""
        try:
            async with self.sessionmaker() as session:
                for portal_id in await self._portal_ids(session):
                    await release_lease(session, portal_id, self.owner)
                await session.execute(delete(SyncWorkerBeat).where(SyncWorkerBeat.owner == self.owner))
                await session.commit()
            self.beaten_at = None
        except Exception:
            log.exception("sync_worker_release_failed")

    async def _portal_ids(self, session: AsyncSession) -> list[int]:
        return list(await session.scalars(select(Portal.id).where(Portal.is_active.is_(True)).order_by(Portal.id)))

    async def announce(self) -> None:
        """Note that this worker is alive (every round does it too)."""
        async with self.sessionmaker() as session:
            await self._beat(session)
            await session.commit()

    async def _beat(self, session: AsyncSession) -> None:
        now, lease = self.now(), timedelta(seconds=self.settings.bitrix24_lease_seconds)
        if self.beaten_at is not None and abs(now - self.beaten_at) < lease / 4:
            return  # written lately: still live for the others (an idle worker's round comes every second)
        await session.execute(delete(SyncWorkerBeat).where(SyncWorkerBeat.seen_at < now - 10 * lease))  # long gone
        beat = await session.get(SyncWorkerBeat, self.owner)
        if beat is None:
            session.add(SyncWorkerBeat(owner=self.owner, seen_at=now))
        else:
            beat.seen_at = now
        await session.flush()
        self.beaten_at = now

    async def _fair_share(self, session: AsyncSession, portals: int) -> int:
        """Note that this worker is alive and answer how many portals it may hold: its part of the active ones."""
        now, lease = self.now(), timedelta(seconds=self.settings.bitrix24_lease_seconds)
        await self._beat(session)
        live = await session.scalar(
            select(func.count())
            .select_from(SyncWorkerBeat)
            # A beat from the future is a clock gone wrong, not a worker: it would shrink everyone's share.
            .where(SyncWorkerBeat.seen_at > now - lease, SyncWorkerBeat.seen_at <= now + lease)
        )
        return math.ceil(portals / max(live or 1, 1))

    async def tick(self) -> bool:
        """One round over the portals: True when any work was done. The worker keeps the portals it holds up to
        its fair share, hands back the rest, and takes free ones while it is under it. A portal resting after a
        failure (the pause is kept on the portal, so every worker process respects it) is left alone until its
        time."""
        worked = False
        now = self.now()
        async with self.sessionmaker() as session:
            rows = (
                await session.execute(
                    select(Portal.id, Portal.resting_until, Portal.sync_error, Portal.lease_owner, Portal.lease_until)
                    .where(Portal.is_active.is_(True))
                    .order_by(Portal.id)
                )
            ).all()
            share = await self._fair_share(session, len(rows))
            held = [row.id for row in rows if row.lease_owner == self.owner and row.lease_until > now]
            for portal_id in held[share:]:
                await release_lease(session, portal_id, self.owner)
            await session.commit()
        keep = set(held[:share])
        room = share - len(keep)
        for portal_id, resting_until, sync_error, _, _ in rows:
            if portal_id not in keep and room <= 0:
                continue
            if resting_until is not None and resting_until > now:
                continue
            async with self.sessionmaker() as session:
                leased = await acquire_lease(
                    session, portal_id, self.owner, self.settings.bitrix24_lease_seconds, self.now()
                )
                await session.commit()
            if not leased:
                continue
            if portal_id not in keep:
                room -= 1
            # Every log line of the round names its portal.
            with structlog.contextvars.bound_contextvars(portal=portal_id):
                try:
                    worked |= await self.work_on(portal_id)
                except Exception as exc:
                    await self._failed(portal_id, exc)
                else:
                    if sync_error is not None:
                        await self._succeeded(portal_id)
        return worked

    async def _failed(self, portal_id: int, exc: Exception) -> None:
        """Rest the portal: until the method frees up after OPERATION_TIME_LIMIT, else for a pause that doubles
        with every round failed in a row; the reason is shown in the portal's status."""
        async with self.sessionmaker() as session:
            portal = await session.get_one(Portal, portal_id)
            reason = _reason(exc)
            first = portal.sync_error != reason
            portal.sync_failures += 1
            pause = exc.retry_after if isinstance(exc, OperationTimeLimit) else pause_after(portal.sync_failures)
            portal.sync_error, portal.sync_error_at = reason, self.now()
            portal.resting_until = self.now() + timedelta(seconds=pause)
            failures = portal.sync_failures
            await session.commit()
        if first and not isinstance(exc, Bitrix24Error):
            log.error("bitrix24_portal_failed", portal=portal_id, seconds=pause, exc_info=exc)  # a bug: its traceback
        else:
            log.warning(
                "bitrix24_portal_resting", portal=portal_id, error=reason[:200], seconds=pause, failures=failures
            )

    async def _succeeded(self, portal_id: int) -> None:
        async with self.sessionmaker() as session:
            await session.execute(
                update(Portal)
                .where(Portal.id == portal_id)
                .values(sync_failures=0, sync_error=None, sync_error_at=None, resting_until=None)
            )
            await session.commit()

    async def work_on(self, portal_id: int) -> bool:
        """Push, pull and (when due) reconcile one portal, a bounded number of batches at a time. A first connection
        is planned, waits for an administrator, and is carried out before anything else is done for the portal."""
        sync = await self.portal_sync(portal_id)
        async with self.sessionmaker() as session:
            connection = await connections.latest(session, portal_id)
        status = connection.status if connection is not None else None
        if status == ConnectionStatus.planning:
            await connections.plan_connection(self.sessionmaker, portal_id, sync.client)
            return True
        if status == ConnectionStatus.planned:
            return False  # nothing is written on either side before an administrator accepts the plan
        async with self.sessionmaker() as session:
            portal = await session.get_one(Portal, portal_id)
            if not portal.mapping or not portal.mapping.get("applications"):
                # A new install (or reinstall, which wipes bindings): set the portal up and bind our events.
                await ensure_setup(session, portal, sync.client)
                if portal.auth_mode == AuthMode.oauth:
                    api = f"{self.settings.base_url}/api/v1/bitrix24"
                    await bind_events(sync.client, f"{api}/events", [*ENTITY_EVENTS, "ONAPPUNINSTALL"])
                    await self._add_app_surface(portal_id, sync, api)
                await session.commit()
            due = portal.last_reconciled_at is None or utcnow() - portal.last_reconciled_at > timedelta(
                seconds=self.settings.bitrix24_reconcile_seconds
            )
        if status == ConnectionStatus.accepted:
            await connections.carry_out(self.sessionmaker, portal_id, sync)
            return True
        worked = False
        if portal.auth_mode == AuthMode.oauth and portal_id not in self.offline_checked:
            self.offline_checked.add(portal_id)
            await self._bind_offline(portal_id, sync)
        if portal_id in self.offline_portals:
            while (await drain_offline(self.sessionmaker, portal_id, sync.client)).done:
                worked = True
        for _ in range(10):
            pushed: StepResult = await sync.push_once()
            pulled: StepResult = await sync.pull_once()
            if not (pushed.done or pushed.failed or pulled.done or pulled.failed):
                break
            worked = True
        if due:
            await sync.reconcile()
            approved = bool((portal.deletion_hold or {}).get("approved"))
            if approved or self._deletions_due(portal_id):
                # Deleted records appear in no list, so a lost delete event heals only by comparing ids.
                await sync.find_remote_deletions()
                self.deletions_checked[portal_id] = asyncio.get_running_loop().time()
            worked = True
        if status == ConnectionStatus.exporting:
            async with self.sessionmaker() as session:
                await connections.finish_if_exported(session, await session.get_one(Portal, portal_id))
                await session.commit()
        return worked

    async def _add_app_surface(self, portal_id: int, sync: PortalSync, api: str) -> None:
        """Our tabs in the CRM cards and our automation rules. Both need a portal administrator's install
        (placement-bind.md, bizproc-robot-add.md); without one, sync goes on and the app has no tabs or robots."""
        try:
            await bind_placements(sync.client, f"{api}/app")
            await add_robots(sync.client, f"{api}/robots")
        except Bitrix24Error as exc:
            log.warning("bitrix24_app_surface_unavailable", portal=portal_id, error=str(exc)[:200])

    async def _bind_offline(self, portal_id: int, sync: PortalSync) -> None:
        """Offline events need an administrator's install; without one, events and reconciliation suffice."""
        try:
            await bind_offline(sync.client)
        except Bitrix24Error as exc:
            log.info("bitrix24_offline_events_unavailable", portal=portal_id, error=str(exc)[:200])
        else:
            self.offline_portals.add(portal_id)

    def _deletions_due(self, portal_id: int) -> bool:
        last = self.deletions_checked.get(portal_id)
        interval = self.settings.bitrix24_reconcile_seconds * DELETION_CHECK_EVERY
        return last is None or asyncio.get_running_loop().time() - last > interval


def _reason(exc: Exception) -> str:
    if isinstance(exc, Bitrix24Error):
        return str(exc)[:1000]
    return f"{type(exc).__name__}: {exc}"[:1000]


async def run_until_idle(worker: SyncWorker, portal_id: int, rounds: int = 200) -> None:
    """Drive one portal until nothing is left to push or pull (tests and the import command)."""
    sync = await worker.portal_sync(portal_id)
    for _ in range(rounds):
        pushed = await sync.push_once()
        pulled = await sync.pull_once()
        if not (pushed.worked or pulled.worked):
            return
        if pushed.deferred or pulled.deferred:
            await _skip_backoff(worker.sessionmaker, portal_id)
    raise RuntimeError("sync did not settle")


async def _skip_backoff(sessionmaker: async_sessionmaker[AsyncSession], portal_id: int) -> None:
    """Deferred rows wait a moment for their parents; when driving by hand, make them due at once."""
    from sqlalchemy import update

    from internhub.models import DirtyEntity, OutboxItem

    async with sessionmaker() as session:
        portal = await session.get_one(Portal, portal_id)
        now = utcnow()
        await session.execute(
            update(OutboxItem)
            .where(OutboxItem.workspace_id == portal.workspace_id, OutboxItem.done_at.is_(None))
            .values(due_at=now)
        )
        await session.execute(update(DirtyEntity).where(DirtyEntity.portal_id == portal_id).values(due_at=now))
        await session.commit()
