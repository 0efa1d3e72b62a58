"""Sync workers share the portals: each takes its fair part, a newcomer gets work, a dead one's part is taken over."""

from __future__ import annotations

import uuid
from datetime import timedelta

from fastapi import FastAPI
from sqlalchemy import delete, select

from internhub.bitrix24.worker import SyncWorker
from internhub.models import AuthMode, Portal, SyncWorkerBeat, utcnow
from internhub.workspaces import get_or_create
from tests.sync.conftest import let_go


class Recording(SyncWorker):
    """A worker whose work on a portal is only noted, so the test watches who works on what."""

    def __init__(self, app: FastAPI) -> None:
        super().__init__(app.state.settings, app.state.sessionmaker, app.state.bitrix24_clients)
        self.worked_on: set[int] = set()

    async def work_on(self, portal_id: int) -> bool:
        self.worked_on.add(portal_id)
        return False


async def make_portals(app: FastAPI, count: int) -> list[int]:
    ids = []
    async with app.state.sessionmaker() as session:
        await session.execute(delete(SyncWorkerBeat))  # the workers of earlier tests are gone
        for _ in range(count):
            slug = f"share-{uuid.uuid4().hex[:10]}"
            workspace = await get_or_create(session, slug, slug)
            portal = Portal(
                workspace_id=workspace.id,
                domain=f"{slug}.bitrix24.test",
                auth_mode=AuthMode.webhook,
                client_endpoint=f"https://{slug}.bitrix24.test/rest/",
                watermarks={},
                mapping={},
            )
            session.add(portal)
            await session.flush()
            ids.append(portal.id)
        await session.commit()
    return ids


async def held_by(app: FastAPI, owner: str) -> set[int]:
    async with app.state.sessionmaker() as session:
        return set(
            await session.scalars(
                select(Portal.id).where(
                    Portal.is_active.is_(True), Portal.lease_owner == owner, Portal.lease_until > utcnow()
                )
            )
        )


async def active_portals(app: FastAPI) -> set[int]:
    async with app.state.sessionmaker() as session:
        return set(await session.scalars(select(Portal.id).where(Portal.is_active.is_(True))))


async def rounds(*workers: Recording, count: int = 3) -> None:
    for _ in range(count):
        for worker in workers:
            worker.worked_on.clear()
            await worker.tick()


async def test_a_second_worker_takes_half_of_the_portals(app: FastAPI) -> None:
    mine = await make_portals(app, 6)
    first, second = Recording(app), Recording(app)
    try:
        await rounds(first)
        assert set(mine) <= first.worked_on  # alone, a worker serves every portal

        await rounds(first, second)
        everything = await active_portals(app)
        a, b = await held_by(app, first.owner), await held_by(app, second.owner)
        assert not a & b
        assert a | b == everything
        assert abs(len(a) - len(b)) <= 1, (len(a), len(b))
        assert first.worked_on == a and second.worked_on == b  # each works on its own part only

        # The first stops without a word (killed): once its heartbeat and leases lapse, the second takes all.
        later = utcnow() + timedelta(seconds=app.state.settings.bitrix24_lease_seconds * 2)
        second.now = lambda: later
        await rounds(second)
        assert set(mine) <= second.worked_on
    finally:
        await first.release_leases()
        await second.release_leases()
        await let_go(app, *mine)


async def test_a_stopping_worker_hands_its_part_over(app: FastAPI) -> None:
    mine = await make_portals(app, 4)
    first, second = Recording(app), Recording(app)
    try:
        await rounds(first, second)
        await first.release_leases()  # a graceful stop: leases and heartbeat go at once
        await rounds(second)
        assert set(mine) <= second.worked_on
    finally:
        await second.release_leases()
        await let_go(app, *mine)


async def test_a_beat_from_a_wrong_clock_does_not_shrink_the_share(app: FastAPI) -> None:
    mine = await make_portals(app, 4)
    async with app.state.sessionmaker() as session:
        session.add(SyncWorkerBeat(owner="skewed:1:abc", seen_at=utcnow() + timedelta(hours=3)))
        await session.commit()
    alone = Recording(app)
    try:
        await rounds(alone)
        assert set(mine) <= alone.worked_on
    finally:
        await alone.release_leases()
        await let_go(app, *mine)


async def test_workers_started_together_share_from_their_first_round(app: FastAPI) -> None:
    mine = await make_portals(app, 6)
    first, second = Recording(app), Recording(app)
    try:
        await first.announce()  # what run() does before its first round
        await second.announce()
        await first.tick()
        everything = await active_portals(app)
        assert len(await held_by(app, first.owner)) <= -(-len(everything) // 2)
    finally:
        await first.release_leases()
        await second.release_leases()
        await let_go(app, *mine)
