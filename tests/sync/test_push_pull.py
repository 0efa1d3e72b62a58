"""Both directions against the sandbox portal: local changes reach Bitrix24, portal changes reach us."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine

from internhub.bitrix24.sync import PortalSync
from internhub.models import OutboxItem, Portal, PortalEvent
from tests.sync.conftest import Linked


async def create_chain(linked: Linked) -> dict:
    t = linked.tenant
    university = await t.university(name="Казанский федеральный университет", city="Казань")
    company = await t.company(name="Татнефть-Цифровые решения")
    student = await t.student(university["id"], full_name="Сидорова Анна Петровна", course=4)
    opening = await t.opening(company["id"], title="Стажёр-аналитик", slots=3)
    application = await t.application(opening["id"], student["id"])
    return {
        "university": university,
        "company": company,
        "student": student,
        "opening": opening,
        "application": application,
    }


async def fetch(linked: Linked, path: str) -> dict:
    response = await linked.api.get(f"/api/v1{path}")
    assert response.status_code == 200, response.text
    return response.json()


async def test_local_records_become_bitrix24_records(linked: Linked) -> None:
    chain = await create_chain(linked)
    state = await linked.sync_state("application", chain["application"]["id"])
    assert state is not None and state.status == "pending"

    await linked.settle()

    university = await fetch(linked, f"/universities/{chain['university']['id']}")
    company = await fetch(linked, f"/companies/{chain['company']['id']}")
    student = await fetch(linked, f"/students/{chain['student']['id']}")
    opening = await fetch(linked, f"/openings/{chain['opening']['id']}")
    application = await fetch(linked, f"/applications/{chain['application']['id']}")
    remote_university = await linked.get("company", university["bitrix24_company_id"])
    assert remote_university["TITLE"] == "Казанский федеральный университет"
    assert remote_university["COMPANY_TYPE"] == "UNIVERSITY"
    contact = await linked.get("contact", student["bitrix24_contact_id"])
    assert (contact["LAST_NAME"], contact["NAME"], contact["SECOND_NAME"]) == ("Сидорова", "Анна", "Петровна")
    assert contact["COMPANY_ID"] == str(university["bitrix24_company_id"])
    deal = await linked.get("deal", opening["bitrix24_deal_id"])
    assert deal["TITLE"] == "Стажёр-аналитик"
    assert deal["COMPANY_ID"] == str(company["bitrix24_company_id"])
    assert deal["STAGE_ID"].endswith(":UC_ACTIVE")
    application_deal = await linked.get("deal", application["bitrix24_deal_id"])
    assert application_deal["CONTACT_ID"] == str(student["bitrix24_contact_id"])
    assert application_deal["STAGE_ID"].endswith(":NEW")
    assert application_deal["UF_CRM_IH_OPENING"] == str(opening["bitrix24_deal_id"])
    assert (await linked.sync_state("application", application["id"])).status == "synced"


async def test_a_stage_moved_in_bitrix24_changes_the_status_here_with_history(linked: Linked) -> None:
    chain = await create_chain(linked)
    await linked.settle()
    application = await fetch(linked, f"/applications/{chain['application']['id']}")
    deal = await linked.get("deal", application["bitrix24_deal_id"])
    category = deal["CATEGORY_ID"]

    linked.sandbox.person.move_deal_stage(application["bitrix24_deal_id"], f"C{category}:UC_INTERVIEW")
    await linked.settle()

    assert (await fetch(linked, f"/applications/{application['id']}"))["status"] == "interview"
    history = (await linked.api.get(f"/api/v1/applications/{application['id']}/history")).json()
    assert [(h["from_status"], h["to_status"], h["source"]) for h in history][-1] == ("new", "interview", "bitrix24")


async def test_a_status_changed_here_moves_the_deal(linked: Linked) -> None:
    chain = await create_chain(linked)
    await linked.settle()
    moved = await linked.api.patch(f"/api/v1/applications/{chain['application']['id']}", json={"status": "offer"})
    assert moved.status_code == 200
    await linked.settle()
    application = await fetch(linked, f"/applications/{chain['application']['id']}")
    assert (await linked.get("deal", application["bitrix24_deal_id"]))["STAGE_ID"].endswith(":UC_OFFER")


async def test_echoes_of_our_own_writes_settle_without_a_loop(linked: Linked) -> None:
    chain = await create_chain(linked)
    await linked.settle()
    pushes_before = [c for c in linked.sandbox.calls if c.method == "batch"]
    await linked.api.patch(f"/api/v1/universities/{chain['university']['id']}", json={"city": "Набережные Челны"})
    await linked.settle()
    await linked.settle()
    batches = [c for c in linked.sandbox.calls if c.method == "batch"][len(pushes_before) :]
    # One push, one fetch of the echo: then silence.
    assert len(batches) == 2
    assert await linked.queue_sizes() == (0, 0)


async def test_a_deal_made_by_a_manager_in_the_applications_pipeline_becomes_an_application(linked: Linked) -> None:
    chain = await create_chain(linked)
    await linked.settle()
    other = await linked.tenant.student(chain["university"]["id"], full_name="Петров Пётр")
    await linked.settle()
    other = await fetch(linked, f"/students/{other['id']}")
    opening = await fetch(linked, f"/openings/{chain['opening']['id']}")
    application_deal = await linked.get(
        "deal", (await fetch(linked, f"/applications/{chain['application']['id']}"))["bitrix24_deal_id"]
    )

    deal_id = linked.sandbox.person.add_deal(
        {
            "TITLE": "Отклик из CRM",
            "CATEGORY_ID": application_deal["CATEGORY_ID"],
            "STAGE_ID": f"C{application_deal['CATEGORY_ID']}:NEW",
            "CONTACT_ID": other["bitrix24_contact_id"],
            "UF_CRM_IH_OPENING": opening["bitrix24_deal_id"],
        }
    )
    await linked.settle()
    found = (await linked.api.get("/api/v1/applications", params={"student_id": other["id"]})).json()["items"]
    assert len(found) == 1
    assert found[0]["source"] == "bitrix24" and found[0]["bitrix24_deal_id"] == deal_id


async def test_a_deal_deleted_in_bitrix24_is_archived_here(linked: Linked) -> None:
    chain = await create_chain(linked)
    await linked.settle()
    application = await fetch(linked, f"/applications/{chain['application']['id']}")
    linked.sandbox.person.delete_deal(application["bitrix24_deal_id"])
    await linked.settle()
    assert (await linked.api.get(f"/api/v1/applications/{application['id']}")).status_code == 404


async def test_events_are_kept_without_their_tokens(linked: Linked) -> None:
    await create_chain(linked)
    await linked.settle()
    async with linked.app.state.sessionmaker() as session:
        events = list(await session.scalars(select(PortalEvent).where(PortalEvent.portal_id == linked.portal_id)))
        assert await session.scalar(select(func.count()).select_from(PortalEvent)) >= len(events) > 0
    for event in events:
        assert "application_token" not in event.payload["auth"]
        assert "access_token" not in event.payload["auth"]


async def test_the_audit_log_names_bitrix24_for_a_change_made_in_the_portal(linked: Linked) -> None:
    chain = await create_chain(linked)
    await linked.settle()
    application = await fetch(linked, f"/applications/{chain['application']['id']}")
    deal = await linked.get("deal", application["bitrix24_deal_id"])
    linked.sandbox.person.move_deal_stage(application["bitrix24_deal_id"], f"C{deal['CATEGORY_ID']}:UC_INTERVIEW")
    await linked.settle()

    log = (
        await linked.api.get("/api/v1/audit", params={"entity_type": "application", "entity_id": application["id"]})
    ).json()["items"]
    moved = next(e for e in log if e["changes"].get("status", [None, None])[1] == "interview")
    assert moved["actor_kind"] == "bitrix24" and moved["action"] == "update"
    assert log[-1]["actor_kind"] == "user" and log[-1]["action"] == "create"


class WatchedTransport(httpx.AsyncBaseTransport):
    """Notes every transaction that waits, idle, from before a call to the portal until after its answer."""

    IDLE_IN_TRANSACTION = text(
        "SELECT pid, xact_start, query FROM pg_stat_activity WHERE datname = current_database() "
        "AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'"
    )

    def __init__(self, inner: httpx.AsyncBaseTransport, engine: AsyncEngine) -> None:
        self.inner, self.engine, self.held = inner, engine, []

    async def _idle(self) -> dict[tuple, str]:
        async with self.engine.connect() as connection:
            rows = await connection.execute(self.IDLE_IN_TRANSACTION)
        return {(pid, started): query for pid, started, query in rows}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        before = await self._idle()
        response = await self.inner.handle_async_request(request)
        # (Another job's transaction caught between two statements is idle for a moment, not the whole call.)
        self.held += [
            f"{request.url.path} while {query}" for key, query in (await self._idle()).items() if key in before
        ]
        return response


async def test_no_transaction_waits_open_while_the_portal_answers(linked: Linked) -> None:
    """A transaction held across a call to Bitrix24 keeps its locks and a pooled connection for as long as the
    portal takes (seconds when it throttles): every sync step reads, lets go, calls, then writes."""
    engine: AsyncEngine = linked.app.state.engine
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL reports its sessions' transactions; SQLite has no such view")
    clients = linked.app.state.bitrix24_clients
    watched = WatchedTransport(clients.transports[linked.sandbox.config.domain], engine)
    clients.transports[linked.sandbox.config.domain] = watched
    async with linked.app.state.sessionmaker() as session:  # its client is made already: it calls through the watch
        client = clients.client_for(await session.get_one(Portal, linked.portal_id))
    client.http = httpx.AsyncClient(transport=watched)
    chain = await create_chain(linked)
    # An add sent before a crash, its answer never heard: the next push first looks for it by its key.
    async with linked.app.state.sessionmaker() as session:
        await session.execute(
            update(OutboxItem)
            .where(OutboxItem.entity_type == "student", OutboxItem.entity_id == chain["student"]["id"])
            .values(sent_at=func.now())
        )
        await session.commit()
    await linked.settle()
    await linked.api.patch(f"/api/v1/students/{chain['student']['id']}", json={"phone": "+7 900 000-00-01"})
    await linked.settle()
    sync = PortalSync(linked.app.state.sessionmaker, linked.portal_id, client)
    await sync.reconcile()
    await sync.find_remote_deletions()
    await linked.settle()
    assert watched.held == []
    assert len(linked.sandbox.calls) > 10  # the watch saw the calls it judged
