"""A reconciliation fetches only what no event has brought us already, and only what can be ours."""

from __future__ import annotations

from internhub.bitrix24.client import parse_datetime
from internhub.bitrix24.sync import proven_version
from tests.sync.conftest import Linked


def fetches(linked: Linked, since: int) -> int:
    return sum(1 for call in linked.sandbox.calls[since:] if call.in_batch and call.method == "crm.deal.get")


async def test_deals_an_event_already_fetched_are_not_fetched_again(linked: Linked) -> None:
    company = await linked.tenant.company()
    openings = [await linked.tenant.opening(company["id"], title=f"Вакансия {i}") for i in range(60)]
    await linked.settle()
    sync = await linked.worker.portal_sync(linked.portal_id)
    await sync.reconcile()  # the first one lists everything: our own pushes' versions are not known yet
    await linked.settle()
    linked.sandbox.config.clock = lambda: parse_datetime("2030-01-01T10:00:00+03:00").timestamp()
    for opening in openings:
        deal_id = (await linked.api.get(f"/api/v1/openings/{opening['id']}")).json()["bitrix24_deal_id"]
        linked.sandbox.person.update_deal(deal_id, {"TITLE": f"{opening['title']} (CRM)"})
    linked.sandbox.config.clock = lambda: parse_datetime("2030-01-01T10:00:05+03:00").timestamp()
    before = len(linked.sandbox.calls)
    await linked.settle()
    assert fetches(linked, before) == 60  # each changed deal once, for its event

    before = len(linked.sandbox.calls)
    await sync.reconcile()
    await linked.settle()
    assert fetches(linked, before) == 0


async def test_deals_of_other_pipelines_are_not_fetched_by_a_reconciliation(linked: Linked) -> None:
    for n in range(5):
        linked.sandbox.person.add_deal({"TITLE": f"Продажа {n}"})  # the portal's own sales pipeline
    await linked.settle()  # their events are fetched: that is how we learn they are not ours
    before = len(linked.sandbox.calls)
    sync = await linked.worker.portal_sync(linked.portal_id)
    await sync.reconcile()
    await linked.settle()
    assert fetches(linked, before) == 0


def test_a_version_read_within_the_second_of_its_stamp_proves_nothing() -> None:
    record = {"DATE_MODIFY": "2030-01-01T10:00:00+03:00"}
    stamp = parse_datetime(record["DATE_MODIFY"]).timestamp()
    assert proven_version(record, stamp + 0.5) is None  # another change may follow within the same second
    assert proven_version(record, stamp + 1.0) == record["DATE_MODIFY"]
    assert proven_version(record, None) is None
