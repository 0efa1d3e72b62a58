"""What people see of the connection: status, queue with errors, retries, mapping, event log."""

from __future__ import annotations

from tests.factories import problem
from tests.sync.conftest import Linked
from tests.sync.test_push_pull import create_chain, fetch


async def test_status_shows_the_queue_filling_and_emptying(linked: Linked) -> None:
    await linked.tenant.university()
    status = (await linked.api.get("/api/v1/bitrix24/portal")).json()
    assert status["connected"] and status["is_active"] and status["mapping_complete"]
    assert status["domain"] == linked.sandbox.config.domain
    assert status["queue"]["pending"] == 1 and status["queue"]["oldest_pending_seconds"] >= 0
    await linked.settle()
    status = (await linked.api.get("/api/v1/bitrix24/portal")).json()
    assert status["queue"] == {"pending": 0, "failed": 0, "dirty": 0, "conflicts": 0, "oldest_pending_seconds": None}
    assert status["sync_error"] is None and status["deletion_hold"] is None
    assert status["last_event_at"] is not None


async def test_a_push_that_keeps_failing_is_visible_and_can_be_retried(linked: Linked) -> None:
    company = await linked.tenant.company()
    await linked.settle()
    remote_id = (await linked.api.get(f"/api/v1/companies/{company['id']}")).json()["bitrix24_company_id"]
    linked.sandbox.person.delete_company(remote_id)  # gone there, and the delete event is lost
    linked.sandbox.config.event_drop_rate = 1.0
    await linked.sandbox.drain_events()
    await linked.api.patch(f"/api/v1/companies/{company['id']}", json={"city": "Пермь"})
    sync = await linked.worker.portal_sync(linked.portal_id)
    result = await sync.push_once()
    assert result.failed == 1 and "Company is not found" in result.errors[0]  # crm-company-update.md

    failed = (await linked.api.get("/api/v1/bitrix24/queue", params={"state": "failed"})).json()["items"]
    assert [(i["entity_type"], i["entity_id"], i["attempts"]) for i in failed] == [("company", company["id"], 1)]
    assert "Company is not found" in failed[0]["last_error"]

    retried = await linked.api.post(f"/api/v1/companies/{company['id']}/sync")
    assert retried.status_code == 202
    again = (await linked.api.get("/api/v1/bitrix24/queue", params={"state": "failed"})).json()["items"]
    assert again == []  # due again at once, attempts reset


async def test_mapping_can_be_read_and_replaced_by_an_admin(linked: Linked) -> None:
    mapping = (await linked.api.get("/api/v1/bitrix24/mapping")).json()
    assert mapping["applications"]["stages"]["hired"].endswith(":WON")
    mapping["applications"]["stages"]["hired"] = mapping["applications"]["stages"]["offer"]
    assert (await linked.api.put("/api/v1/bitrix24/mapping", json=mapping)).status_code == 200
    assert (await linked.api.get("/api/v1/bitrix24/mapping")).json() == mapping
    broken = {**mapping, "applications": {"category_id": -1, "stages": {}}}
    assert (await linked.api.put("/api/v1/bitrix24/mapping", json=broken)).status_code == 422


async def test_the_event_log_and_a_reconcile_on_request(linked: Linked) -> None:
    linked.sandbox.person.add_company({"TITLE": "Нам не нужна", "COMPANY_TYPE": "SUPPLIER"})
    await linked.sandbox.drain_events()
    log = (await linked.api.get("/api/v1/bitrix24/events")).json()
    assert log["items"][0]["event"] == "ONCRMCOMPANYADD"
    assert (await linked.api.post("/api/v1/bitrix24/reconcile")).status_code == 202
    assert (await linked.api.get("/api/v1/bitrix24/portal")).json()["last_reconciled_at"] is None


async def test_only_staff_see_the_connection(linked: Linked) -> None:
    company = await linked.tenant.company()
    recruiter = await linked.tenant.sign_in_as("recruiter", company_id=company["id"])
    assert (await recruiter.get("/api/v1/bitrix24/portal")).status_code == 403
    assert (await recruiter.post(f"/api/v1/companies/{company['id']}/sync")).status_code == 403


async def test_without_a_portal_the_status_says_so(tenant) -> None:
    assert (await tenant.client.get("/api/v1/bitrix24/portal")).json()["connected"] is False
    assert (await tenant.client.get("/api/v1/bitrix24/mapping")).status_code == 404


async def test_each_record_shows_its_sync_state(linked: Linked) -> None:
    created = await linked.tenant.university()
    assert created["sync"]["status"] == "pending" and created["sync"]["error"] is None
    await linked.settle()
    listed = (await linked.api.get("/api/v1/universities")).json()["items"][0]
    assert listed["sync"]["status"] == "synced" and listed["sync"]["synced_at"] is not None
    changed = (await linked.api.patch(f"/api/v1/universities/{created['id']}", json={"city": "Самара"})).json()
    assert changed["sync"]["status"] == "pending"


async def test_records_of_a_workspace_without_a_portal_have_no_sync_state(tenant) -> None:
    assert (await tenant.university())["sync"] is None


async def test_a_bitrix24_record_leads_to_ours_in_the_same_workspace(linked: Linked, other_tenant) -> None:
    chain = await create_chain(linked)
    await linked.settle()
    application = await fetch(linked, f"/applications/{chain['application']['id']}")
    opening = await fetch(linked, f"/openings/{chain['opening']['id']}")
    student = await fetch(linked, f"/students/{chain['student']['id']}")
    university = await fetch(linked, f"/universities/{chain['university']['id']}")
    for remote, expected in [
        (f"deal/{application['bitrix24_deal_id']}", ("application", application["id"])),
        (f"deal/{opening['bitrix24_deal_id']}", ("opening", opening["id"])),
        (f"contact/{student['bitrix24_contact_id']}", ("student", student["id"])),
        (f"company/{university['bitrix24_company_id']}", ("university", university["id"])),
    ]:
        found = await fetch(linked, f"/bitrix24/records/{remote}")
        assert (found["entity_type"], found["entity_id"]) == expected
    assert problem(await linked.api.get("/api/v1/bitrix24/records/deal/999999"), 404)["code"] == "record_not_linked"
    assert problem(await linked.api.get("/api/v1/bitrix24/records/lead/1"), 422)
    assert problem(await linked.api.get("/api/v1/bitrix24/records/deal/0"), 422)
    # Another workspace does not see this portal's links.
    other = await other_tenant.client.get(f"/api/v1/bitrix24/records/deal/{application['bitrix24_deal_id']}")
    assert problem(other, 404)
