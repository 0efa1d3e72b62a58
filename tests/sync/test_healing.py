"""Nothing is lost: dropped events, a portal that is down, a worker that dies mid-batch."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from internhub.bitrix24.client import Bitrix24Client, PortalUnavailable
from internhub.bitrix24.sync import PortalSync
from tests.sync.conftest import Linked


async def opening_deals(linked: Linked, count: int) -> list[tuple[int, int]]:
    company = await linked.tenant.company()
    openings = [await linked.tenant.opening(company["id"], title=f"Вакансия {i}") for i in range(count)]
    await linked.settle()
    out = []
    for opening in openings:
        body = (await linked.api.get(f"/api/v1/openings/{opening['id']}")).json()
        out.append((opening["id"], body["bitrix24_deal_id"]))
    return out


async def titles_here(linked: Linked, ids: list[int]) -> list[str]:
    return [(await linked.api.get(f"/api/v1/openings/{i}")).json()["title"] for i in ids]


async def test_dropped_events_heal_after_reconciliation(linked: Linked) -> None:
    pairs = await opening_deals(linked, 20)
    linked.sandbox.config.event_drop_rate = 0.3
    for n, (_, deal_id) in enumerate(pairs):
        linked.sandbox.person.update_deal(deal_id, {"TITLE": f"Изменено в CRM {n}"})
    await linked.settle()
    assert linked.sandbox.dropped_events, "the sandbox dropped some events"
    expected = [f"Изменено в CRM {n}" for n in range(20)]
    assert await titles_here(linked, [o for o, _ in pairs]) != expected

    sync = await linked.worker.portal_sync(linked.portal_id)
    await sync.reconcile()
    await linked.settle()
    assert await titles_here(linked, [o for o, _ in pairs]) == expected


async def test_local_edits_while_the_portal_is_down_arrive_when_it_returns(linked: Linked) -> None:
    pairs = await opening_deals(linked, 3)
    sync = await linked.worker.portal_sync(linked.portal_id)
    sync.client.retries = 0
    linked.sandbox.go_down()
    for opening_id, _ in pairs:
        response = await linked.api.patch(f"/api/v1/openings/{opening_id}", json={"title": f"Новое {opening_id}"})
        assert response.status_code == 200  # the API never fails because Bitrix24 does
    with pytest.raises(PortalUnavailable):
        await sync.push_once()
    assert (await linked.sync_state("opening", pairs[0][0])).status == "pending"

    linked.sandbox.come_up()
    await linked.settle()
    for opening_id, deal_id in pairs:
        assert (await linked.get("deal", deal_id))["TITLE"] == f"Новое {opening_id}"
        assert (await linked.sync_state("opening", opening_id)).status == "synced"


class Crash(BaseException):
    """The process dies (as a cancelled task or a kill would stop it): not an error the sync could handle."""


async def test_a_worker_killed_after_sending_a_batch_neither_loses_nor_duplicates(linked: Linked) -> None:
    await linked.tenant.university(name="Уральский федеральный университет")
    sync = await linked.worker.portal_sync(linked.portal_id)
    real_batch = Bitrix24Client.batch

    async def batch_then_die(self, commands, halt=False):
        await real_batch(self, commands, halt)
        raise Crash  # the portal did the work; we never heard back

    sync.client.batch = batch_then_die.__get__(sync.client)
    with pytest.raises(Crash):
        await sync.push_once()
    del sync.client.batch

    await linked.settle()
    universities = [c for c in await linked.all("company") if c["COMPANY_TYPE"] == "UNIVERSITY"]
    assert [c["TITLE"] for c in universities] == ["Уральский федеральный университет"]
    listed = (await linked.api.get("/api/v1/universities")).json()["items"]
    assert listed[0]["bitrix24_company_id"] == int(universities[0]["ID"])


async def test_a_worker_killed_after_fetching_fetches_again(linked: Linked) -> None:
    [(opening_id, deal_id)] = await opening_deals(linked, 1)
    linked.sandbox.person.update_deal(deal_id, {"TITLE": "После сбоя"})
    await linked.sandbox.drain_events()
    sync: PortalSync = await linked.worker.portal_sync(linked.portal_id)
    real_apply = PortalSync.apply_record

    async def apply_then_die(self, *args, **kwargs):
        await real_apply(self, *args, **kwargs)
        raise Crash

    sync.apply_record = apply_then_die.__get__(sync)
    with pytest.raises(Crash):
        await sync.pull_once()
    await linked.settle()
    assert (await titles_here(linked, [opening_id])) == ["После сбоя"]


edits = st.lists(
    st.tuples(
        st.sampled_from(["local", "remote", "push", "pull", "drop"]),
        st.integers(min_value=0, max_value=2),
        st.sampled_from(["Аналитик", "Разработчик", "Тестировщик", "Дизайнер"]),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=edits)
async def test_interleaved_local_and_portal_edits_agree_after_quiescence(linked: Linked, steps) -> None:
    """Random interleavings of edits on both sides, partial syncs and lost events: once everything has
    been delivered, pushed, pulled and reconciled, both sides hold the same values."""
    pairs = await opening_deals(linked, 3)
    sync = await linked.worker.portal_sync(linked.portal_id)
    for action, index, title in steps:
        opening_id, deal_id = pairs[index]
        if action == "local":
            await linked.api.patch(f"/api/v1/openings/{opening_id}", json={"title": title})
        elif action == "remote":
            linked.sandbox.person.update_deal(deal_id, {"TITLE": f"{title} (CRM)"})
        elif action == "push":
            await sync.push_once()
        elif action == "pull":
            await linked.sandbox.drain_events()
            await sync.pull_once()
        else:
            linked.sandbox.config.event_drop_rate = 1.0 if linked.sandbox.config.event_drop_rate == 0 else 0.0
    linked.sandbox.config.event_drop_rate = 0.0
    await linked.settle()
    await sync.reconcile()
    await linked.settle()
    for opening_id, deal_id in pairs:
        here = (await linked.api.get(f"/api/v1/openings/{opening_id}")).json()
        there = await linked.get("deal", deal_id)
        assert here["title"] == there["TITLE"]


async def test_a_delete_whose_event_was_lost_heals_by_comparing_ids(linked: Linked) -> None:
    [(opening_id, deal_id)] = await opening_deals(linked, 1)
    linked.sandbox.config.event_drop_rate = 1.0
    linked.sandbox.person.delete_deal(deal_id)
    await linked.settle()
    assert (await linked.api.get(f"/api/v1/openings/{opening_id}")).status_code == 200
    linked.sandbox.config.event_drop_rate = 0.0
    assert await linked.worker.work_on(linked.portal_id)  # first round: reconcile, and the id comparison
    await linked.settle()
    assert (await linked.api.get(f"/api/v1/openings/{opening_id}")).status_code == 404
