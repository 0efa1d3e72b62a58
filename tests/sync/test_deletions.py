"""Deletes from the portal: confirmed by the record's own get, never inferred from an empty or partial list,
refused while records here depend on the deleted one, and undone when the record comes back."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from internhub.bitrix24.sandbox import SandboxConfig, SandboxPortal, create_app
from internhub.models import DirtyEntity, Portal
from tests.sync.conftest import Linked


async def synced_openings(linked: Linked, count: int) -> tuple[dict, list[tuple[int, int]]]:
    company = await linked.tenant.company()
    openings = [await linked.tenant.opening(company["id"], title=f"Вакансия {i}") for i in range(count)]
    await linked.settle()
    pairs = []
    for opening in openings:
        pairs.append(
            (opening["id"], (await linked.api.get(f"/api/v1/openings/{opening['id']}")).json()["bitrix24_deal_id"])
        )
    return company, pairs


async def live_openings(linked: Linked) -> int:
    return (await linked.api.get("/api/v1/openings", params={"limit": 200})).json()["total"]


async def sweep(linked: Linked) -> None:
    sync = await linked.worker.portal_sync(linked.portal_id)
    await sync.find_remote_deletions()
    await linked.settle()


async def deletion_hold(linked: Linked) -> dict | None:
    async with linked.app.state.sessionmaker() as session:
        return (await session.get_one(Portal, linked.portal_id)).deletion_hold


async def test_another_portal_behind_the_webhook_archives_nothing(linked: Linked) -> None:
    await synced_openings(linked, 12)
    before = await live_openings(linked)
    # The webhook now reaches a portal that has none of our records (an empty portal at the same address).
    empty = SandboxPortal(SandboxConfig(domain=linked.sandbox.config.domain, rate=1000.0, burst=10_000))
    clients = linked.app.state.bitrix24_clients
    clients.transports[empty.config.domain] = httpx.ASGITransport(app=create_app(empty))
    clients._clients.clear()

    await sweep(linked)

    assert await live_openings(linked) == before
    hold = await deletion_hold(linked)
    assert hold is not None and hold["missing"]["opening"] == 12 and not hold["approved"]


async def test_a_webhook_user_who_sees_only_own_records_archives_nothing(linked: Linked) -> None:
    await synced_openings(linked, 12)
    before = await live_openings(linked)
    # Rights cut to the records the webhook's user is responsible for: ours belong to someone else now.
    for deal_id in list(linked.sandbox.crm.records["deal"]):
        linked.sandbox.robot.update_deal(deal_id, {"ASSIGNED_BY_ID": 2})
    await linked.settle()
    linked.sandbox.crm.access[linked.sandbox.config.webhook_user_id] = "own"

    await sweep(linked)
    assert await live_openings(linked) == before
    assert await deletion_hold(linked) is not None

    # Even when an administrator lets the sweep go on, each record's own get must say "Not found".
    response = await linked.api.post("/api/v1/bitrix24/deletions/approve")
    assert response.status_code == 200, response.text
    sync = await linked.worker.portal_sync(linked.portal_id)
    assert (await sync.find_remote_deletions()).done == 12
    pulled = await sync.pull_once()
    assert (pulled.done, pulled.failed) == (0, 12)
    assert await live_openings(linked) == before
    async with linked.app.state.sessionmaker() as session:
        errors = set(
            await session.scalars(select(DirtyEntity.last_error).where(DirtyEntity.portal_id == linked.portal_id))
        )
    assert errors == {"error: Access denied"}


async def test_a_delete_event_is_confirmed_by_the_records_own_get(linked: Linked) -> None:
    _, [(opening_id, deal_id)] = await synced_openings(linked, 1)
    # An event that says "deleted" for a record the portal still has (a replay, a forged id, a race).
    from internhub.bitrix24.sync import mark_dirty

    async with linked.app.state.sessionmaker() as session:
        await mark_dirty(session, linked.portal_id, "deal", deal_id, deleted=True)
        await session.commit()
    await linked.settle()
    assert (await linked.api.get(f"/api/v1/openings/{opening_id}")).status_code == 200


async def test_a_few_lost_deletes_still_heal_and_a_restored_record_comes_back(linked: Linked) -> None:
    _, pairs = await synced_openings(linked, 20)
    (gone_id, gone_deal), *_ = pairs
    linked.sandbox.config.event_drop_rate = 1.0
    linked.sandbox.person.delete_deal(gone_deal)
    linked.sandbox.config.event_drop_rate = 0.0
    await sweep(linked)
    assert (await linked.api.get(f"/api/v1/openings/{gone_id}")).status_code == 404
    assert await deletion_hold(linked) is None

    # Restored from the portal's recycle bin (no event is documented for that): the reconciliation sees it.
    linked.sandbox.person.restore("deal", gone_deal)
    sync = await linked.worker.portal_sync(linked.portal_id)
    await sync.reconcile()
    await linked.settle()
    restored = await linked.api.get(f"/api/v1/openings/{gone_id}")
    assert restored.status_code == 200 and restored.json()["bitrix24_deal_id"] == gone_deal


async def test_an_employer_deleted_there_with_openings_here_stays_in_conflict(linked: Linked) -> None:
    company, [(opening_id, deal_id)] = await synced_openings(linked, 1)
    remote_company = (await linked.api.get(f"/api/v1/companies/{company['id']}")).json()["bitrix24_company_id"]

    linked.sandbox.person.delete_company(remote_company)
    await linked.settle()

    here = (await linked.api.get(f"/api/v1/companies/{company['id']}")).json()
    assert here["bitrix24_company_id"] is None  # the record there is gone: nothing is written to it
    assert here["sync"]["status"] == "conflict"
    assert "opening" in here["sync"]["error"]
    opening = (await linked.api.get(f"/api/v1/openings/{opening_id}")).json()
    assert opening["status"] == "active" and opening["bitrix24_deal_id"] == deal_id
    conflicts = (await linked.api.get("/api/v1/bitrix24/conflicts")).json()
    assert [(c["entity_type"], c["entity_id"], c["code"]) for c in conflicts["items"]] == [
        ("company", company["id"], "deleted_with_children")
    ]

    # The administrator pushes it again: it is recreated there and its opening's deal points at it.
    assert (await linked.api.post(f"/api/v1/companies/{company['id']}/sync")).status_code == 202
    await linked.settle()
    here = (await linked.api.get(f"/api/v1/companies/{company['id']}")).json()
    assert here["bitrix24_company_id"] not in (None, remote_company) and here["sync"]["status"] == "synced"
    assert (await linked.get("deal", deal_id))["COMPANY_ID"] == str(here["bitrix24_company_id"])
    assert (await linked.api.get("/api/v1/bitrix24/conflicts")).json()["items"] == []


async def test_an_employer_deleted_there_without_openings_is_archived_here(linked: Linked) -> None:
    company = await linked.tenant.company()
    await linked.settle()
    remote_company = (await linked.api.get(f"/api/v1/companies/{company['id']}")).json()["bitrix24_company_id"]
    linked.sandbox.person.delete_company(remote_company)
    await linked.settle()
    assert (await linked.api.get(f"/api/v1/companies/{company['id']}")).status_code == 404


async def test_an_edit_pushed_to_a_record_deleted_there_finds_it_gone_and_archives_it(linked: Linked) -> None:
    _, [(opening_id, deal_id)] = await synced_openings(linked, 1)
    linked.sandbox.config.event_drop_rate = 1.0
    linked.sandbox.person.delete_deal(deal_id)  # and the delete event is lost
    linked.sandbox.config.event_drop_rate = 0.0
    await linked.api.patch(f"/api/v1/openings/{opening_id}", json={"title": "Правка после удаления"})
    await linked.settle()
    assert (await linked.api.get(f"/api/v1/openings/{opening_id}")).status_code == 404
    assert await linked.queue_sizes() == (0, 0)
