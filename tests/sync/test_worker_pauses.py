"""The worker never spends a portal's budget in a loop: a failing round rests the portal (doubling, capped, kept
on the portal and shown in its status), and OPERATION_TIME_LIMIT rests it as long as the portal's clock says."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from internhub.bitrix24.sandbox import ManualClock, SandboxConfig
from internhub.bitrix24.sandbox.errors import bad_request
from internhub.bitrix24.worker import LONGEST_PAUSE
from internhub.models import DirtyEntity, Portal, SyncState, utcnow
from tests.sync.conftest import Linked, let_go


class Clock:
    """Our side's clock for the worker's pauses, moved by hand."""

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self):
        return self.now


@pytest.fixture(autouse=True)
async def only_this_portal(linked: Linked) -> None:
    """A worker's round takes every active portal of the database; these tests count one portal's calls and pauses,
    so the portals other tests left in the shared database are let go first."""
    async with linked.app.state.sessionmaker() as session:
        others = list(await session.scalars(select(Portal.id).where(Portal.id != linked.portal_id)))
    await let_go(linked.app, *others)


async def portal_row(linked: Linked) -> Portal:
    async with linked.app.state.sessionmaker() as session:
        return await session.get_one(Portal, linked.portal_id)


async def forget_setup(linked: Linked) -> None:
    async with linked.app.state.sessionmaker() as session:
        portal = await session.get_one(Portal, linked.portal_id)
        portal.mapping = {}
        await session.commit()


async def test_a_setup_the_portal_refuses_rests_the_portal_instead_of_looping(linked: Linked, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise bad_request("Access denied.")

    monkeypatch.setattr(linked.sandbox.catalog, "add_category", refuse)
    linked.sandbox.catalog.categories = {0: linked.sandbox.catalog.categories[0]}  # a fresh portal
    await forget_setup(linked)
    clock = Clock()
    linked.worker.now = clock

    before = len(linked.sandbox.calls)
    for _ in range(50):  # fifty rounds in a row, as the worker's loop would run them at once
        await linked.worker.tick()
    first_round = len(linked.sandbox.calls) - before
    assert 0 < first_round <= 10  # one attempt, then rest

    portal = await portal_row(linked)
    assert portal.sync_failures == 1 and "Access denied" in portal.sync_error
    assert portal.resting_until > clock.now
    status = (await linked.api.get("/api/v1/bitrix24/portal")).json()
    assert status["sync_error"]["failures"] == 1 and "Access denied" in status["sync_error"]["message"]
    assert status["sync_error"]["next_attempt_at"] is not None

    pauses = []
    for _ in range(12):
        clock.now = (await portal_row(linked)).resting_until + timedelta(seconds=1)
        await linked.worker.tick()
        portal = await portal_row(linked)
        pauses.append((portal.resting_until - clock.now).total_seconds())
    assert pauses == sorted(pauses) and pauses[0] > 5 and pauses[-1] == pytest.approx(LONGEST_PAUSE, abs=1)

    monkeypatch.undo()
    clock.now = (await portal_row(linked)).resting_until + timedelta(seconds=1)
    await linked.worker.tick()
    portal = await portal_row(linked)
    assert (portal.sync_error, portal.sync_failures, portal.resting_until) == (None, 0, None)
    assert portal.mapping.get("applications")


async def test_a_bug_rests_the_portal_too(linked: Linked, monkeypatch) -> None:
    async def broken(self):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(type(await linked.worker.portal_sync(linked.portal_id)), "push_once", broken)
    clock = Clock()
    linked.worker.now = clock
    for _ in range(5):
        await linked.worker.tick()
    portal = await portal_row(linked)
    assert portal.sync_failures == 1 and portal.sync_error == "ZeroDivisionError: division by zero"


@pytest.fixture
def sandbox_config() -> SandboxConfig:
    # The portal's clock is eleven months behind ours: only its own clock can say how long to wait.
    return SandboxConfig(
        domain=f"p{uuid.uuid4().hex[:10]}.bitrix24.test", rate=1000.0, burst=10_000, seed=11, clock=ManualClock()
    )


async def test_operation_time_limit_rests_the_portal_minutes_by_the_portals_clock(linked: Linked) -> None:
    assert abs(linked.sandbox.config.clock() - utcnow().timestamp()) > 30 * 24 * 3600
    await forget_setup(linked)  # the next round sets up again: its first call is one the portal blocks
    linked.sandbox.operating.limit = 0.0  # every method that ran in the window is blocked now
    clock = Clock()
    linked.worker.now = clock

    await linked.worker.tick()

    portal = await portal_row(linked)
    rest = (portal.resting_until - clock.now).total_seconds()
    assert 60 < rest <= 660  # the ten-minute window, as the portal counts it: not decades, not a second
    assert "OPERATION_TIME_LIMIT" in portal.sync_error


async def test_a_command_blocked_inside_a_batch_fails_no_record(linked: Linked) -> None:
    company = await linked.tenant.company()
    opening = await linked.tenant.opening(company["id"])
    await linked.settle()
    deal_id = (await linked.api.get(f"/api/v1/openings/{opening['id']}")).json()["bitrix24_deal_id"]
    linked.sandbox.person.update_deal(deal_id, {"TITLE": "Из CRM"})
    await linked.sandbox.drain_events()
    linked.sandbox.operating.limit = 0.0  # crm.deal.get ran already: it is blocked, batch itself is not
    for _ in range(3):
        await linked.api.patch(f"/api/v1/openings/{opening['id']}", json={"description": "Новое описание"})
        await linked.worker.tick()
        async with linked.app.state.sessionmaker() as session:
            row = await session.get(DirtyEntity, (linked.portal_id, "deal", deal_id))
            state = await session.scalar(
                select(SyncState).where(SyncState.entity_type == "opening", SyncState.entity_id == opening["id"])
            )
        assert row is not None and row.attempts == 0 and row.conflict is None
        assert state.status != "failed"
        portal = await portal_row(linked)
        assert portal.resting_until is not None and "OPERATION_TIME_LIMIT" in portal.sync_error
        async with linked.app.state.sessionmaker() as session:
            stored = await session.get_one(Portal, linked.portal_id)
            stored.resting_until = None
            await session.commit()
