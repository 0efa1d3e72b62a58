"""Connecting a portal to a workspace that holds records already: a plan first (nothing written), then links,
imports and exports carried out after an administrator accepts it; reconnecting changes nothing."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy import select

from internhub.bitrix24 import connection as connections
from internhub.bitrix24.client import Bitrix24Client, Throttle
from internhub.bitrix24.connection import WorkspaceLinkedElsewhere
from internhub.bitrix24.embedded import connect_configured_portal, connect_configured_webhook
from internhub.bitrix24.portals import PortalClients
from internhub.bitrix24.sandbox import SandboxConfig, SandboxPortal
from internhub.bitrix24.worker import SyncWorker, _skip_backoff
from internhub.models import Portal
from tests.factories import Tenant
from tests.sync.conftest import let_go, link

INN = "7707083893"


@dataclass
class Connecting:
    app: FastAPI
    tenant: Tenant
    sandbox: SandboxPortal
    worker: SyncWorker
    portal_id: int

    @property
    def api(self):
        return self.tenant.client

    async def drive(self, rounds: int = 60) -> None:
        """Run the worker for the portal until it has nothing left to do."""
        for _ in range(rounds):
            await self.sandbox.drain_events()
            if not await self.worker.work_on(self.portal_id):
                return
        raise AssertionError("the worker did not settle")

    async def connection(self) -> dict:
        response = await self.api.get("/api/v1/bitrix24/connection")
        assert response.status_code == 200, response.text
        return response.json()

    def writes(self) -> list[str]:
        return [c.method for c in self.sandbox.calls if c.method.rsplit(".", 1)[-1] in ("add", "update", "delete")]


async def connect(app: FastAPI, tenant: Tenant, sandbox: SandboxPortal, url: str | None = None, move: bool = False):
    clients: PortalClients = app.state.bitrix24_clients
    async with app.state.sessionmaker() as session:
        try:
            portal = await connect_configured_webhook(
                session,
                clients,
                tenant.workspace_id,
                url or sandbox.config.webhook_url,
                sandbox.config.application_token,
                app.state.settings,
                move=move,
            )
        finally:
            await session.commit()  # as start-up does: a refusal is kept and shown
        client: Bitrix24Client = clients.client_for(portal)
        client.throttle = Throttle(rate=1000.0, burst=10_000)
        return portal.id


def portal_config() -> SandboxConfig:
    return SandboxConfig(domain=f"p{uuid.uuid4().hex[:10]}.bitrix24.test", rate=1000.0, burst=10_000, seed=5)


@pytest.fixture
async def connecting(app: FastAPI, tenant: Tenant) -> AsyncIterator[Connecting]:
    """A workspace with records of its own, and a portal with its own CRM, about to meet."""
    t = tenant
    university = await t.university(name="Томский политехнический университет")
    await t.company(name="ООО «Ромашка»", inn=INN, contact_phone=None, city=None)
    await t.company(name="Лютик", city="Томск")
    await t.company(name="Только у нас")
    await t.company(name="Сибирь")
    await t.student(university["id"], full_name="Почтова Анна", email="anna@mail.ru")
    await t.student(university["id"], full_name="Звонков Иван", phone="+7 900 111-22-33")
    await t.student(university["id"], full_name="Новикова Ольга", email="olga@mail.ru")

    sandbox = SandboxPortal(portal_config())
    person = sandbox.person
    romashka = person.add_company(
        {"TITLE": "Ромашка (клиент)", "COMPANY_TYPE": "CUSTOMER", "PHONE": [{"VALUE": "+74950000001"}]}
    )
    person.add_requisite(romashka, {"RQ_INN": INN})
    person.add_company({"TITLE": "ЛЮТИК", "COMPANY_TYPE": "CUSTOMER"})
    person.add_company({"TITLE": "Сибирь"})
    person.add_company({"TITLE": "сибирь"})
    tpu = person.add_company({"TITLE": "Томский политехнический университет", "COMPANY_TYPE": "PARTNER"})
    person.add_contact(
        {"NAME": "Анна", "LAST_NAME": "Почтова", "EMAIL": [{"VALUE": "Anna@mail.ru"}], "COMPANY_ID": tpu}
    )
    person.add_contact({"NAME": "Иван", "LAST_NAME": "Звонков", "PHONE": [{"VALUE": "8 (900) 111-22-33"}]})
    person.add_contact({"NAME": "Клиент", "LAST_NAME": "Посторонний", "EMAIL": [{"VALUE": "client@mail.ru"}]})
    person.add_company({"TITLE": "Новый работодатель", "COMPANY_TYPE": "EMPLOYER"})
    link(app, sandbox)
    portal_id = await connect(app, tenant, sandbox)
    worker = SyncWorker(app.state.settings, app.state.sessionmaker, app.state.bitrix24_clients)
    yield Connecting(app, tenant, sandbox, worker, portal_id)
    await sandbox.drain_events()


async def test_a_new_portal_is_planned_and_nothing_is_written_before_an_administrator_accepts(
    connecting: Connecting,
) -> None:
    await connecting.drive()

    plan = await connecting.connection()
    assert plan["status"] == "planned"
    counts = plan["counts"]
    assert counts["university"] == {"link": 1, "create_there": 0, "create_here": 0, "conflict": 0}
    assert counts["company"] == {"link": 2, "create_there": 1, "create_here": 1, "conflict": 1}
    assert counts["student"] == {"link": 2, "create_there": 1, "create_here": 0, "conflict": 0}
    assert connecting.writes() == []  # no record, pipeline or field made there
    # An edit here while the plan waits is held, not pushed.
    only_ours = next(c for c in (await connecting.api.get("/api/v1/companies")).json()["items"] if c["name"] == "Лютик")
    await connecting.api.patch(f"/api/v1/companies/{only_ours['id']}", json={"city": "Омск"})
    await connecting.drive()
    assert connecting.writes() == [] and (await connecting.connection())["status"] == "planned"

    items = (await connecting.api.get("/api/v1/bitrix24/connection/items", params={"action": "link"})).json()["items"]
    assert sorted(i["matched_by"] for i in items) == ["email", "inn", "name", "name", "phone"]
    [conflict] = (await connecting.api.get("/api/v1/bitrix24/connection/items", params={"action": "conflict"})).json()[
        "items"
    ]
    assert conflict["kind"] == "company" and "2 company records" in conflict["reason"]
    for path in ("/api/v1/companies", "/api/v1/students", "/api/v1/universities"):
        assert all(
            r["bitrix24_company_id" if "compan" in path or "univ" in path else "bitrix24_contact_id"] is None
            for r in (await connecting.api.get(path)).json()["items"]
        )


async def test_an_accepted_plan_links_imports_and_exports_without_duplicates(connecting: Connecting) -> None:
    await connecting.drive()
    accepted = await connecting.api.post("/api/v1/bitrix24/connection/accept")
    assert accepted.status_code == 200, accepted.text
    await connecting.drive()

    done = await connecting.connection()
    assert done["status"] == "done" and done["export"]["done"] == done["export"]["total"] > 0
    companies = {c["name"]: c for c in (await connecting.api.get("/api/v1/companies")).json()["items"]}
    portal_companies = {int(c["ID"]): c for c in connecting.sandbox.crm.records["company"].values()}
    romashka = companies["ООО «Ромашка»"]
    assert portal_companies[romashka["bitrix24_company_id"]]["TITLE"] == "ООО «Ромашка»"  # ours wins
    assert romashka["contact_phone"] == "+74950000001"  # a blank here took the portal's value
    assert companies["Новый работодатель"]["bitrix24_company_id"] is not None  # theirs came in
    assert companies["Сибирь"]["bitrix24_company_id"] is None  # the conflict waits for an administrator
    titles = Counter(c["TITLE"] for c in portal_companies.values())
    assert titles["Только у нас"] == 1 and titles["Лютик"] == 1 and titles["ЛЮТИК"] == 0
    assert titles["Сибирь"] == 1 and titles["сибирь"] == 1  # neither linked nor duplicated
    students = (await connecting.api.get("/api/v1/students")).json()["items"]
    contacts = connecting.sandbox.crm.records["contact"]
    assert len(contacts) == 4  # three of theirs, one of ours created there
    assert all(s["bitrix24_contact_id"] in contacts for s in students)
    emails = Counter(e["VALUE"].lower() for c in contacts.values() for e in c["EMAIL"])
    assert set(emails) >= {"anna@mail.ru", "client@mail.ru", "olga@mail.ru"} and max(emails.values()) == 1
    phones = [e["VALUE"] for c in contacts.values() for e in c["PHONE"]]
    assert len(phones) == 1  # the phone that matched was not added again in our spelling


async def test_an_export_cut_off_halfway_resumes_without_duplicates(connecting: Connecting) -> None:
    await connecting.drive()
    await connecting.api.post("/api/v1/bitrix24/connection/accept")
    sync = await connecting.worker.portal_sync(connecting.portal_id)
    await connecting.worker.work_on(connecting.portal_id)  # carried out: links, import; ours queued
    real_batch = Bitrix24Client.batch

    async def batch_then_die(self, commands, halt=False):
        await real_batch(self, commands, halt)
        raise KeyboardInterrupt  # the process dies after the portal did the work

    sync.client.batch = batch_then_die.__get__(sync.client)
    with pytest.raises(KeyboardInterrupt):
        await sync.push_once()
    del sync.client.batch
    await connecting.drive()

    assert (await connecting.connection())["status"] == "done"
    keys = Counter(
        r.get("UF_CRM_IH_KEY") for kind in ("company", "contact") for r in connecting.sandbox.crm.records[kind].values()
    )
    assert all(count == 1 for key, count in keys.items() if key)


async def test_reconnecting_the_same_portal_changes_nothing(connecting: Connecting) -> None:
    await connecting.drive()
    await connecting.api.post("/api/v1/bitrix24/connection/accept")
    await connecting.drive()
    before = len(connecting.writes())
    first = (await connecting.connection())["id"]

    new_code = connecting.sandbox.config.webhook_url  # a new webhook code on the same portal reads the same here
    await connect(connecting.app, connecting.tenant, connecting.sandbox, new_code)
    await connecting.drive()
    assert (await connecting.connection())["id"] == first
    assert len(connecting.writes()) == before


async def test_matching_again_once_linked_finds_nothing_to_do(connecting: Connecting) -> None:
    await connecting.drive()
    await connecting.api.post("/api/v1/bitrix24/connection/accept")
    await connecting.drive()
    before = len(connecting.writes())

    again = await connecting.api.post("/api/v1/bitrix24/connection")
    assert again.status_code == 202, again.text
    await connecting.drive()

    plan = await connecting.connection()
    # The records linked on either side are in step: none is to be linked or created again. Only the conflict is
    # left (two «Сибирь» there), so the plan waits for an administrator.
    assert plan["status"] == "planned"
    nothing = {"link": 0, "create_there": 0, "create_here": 0, "conflict": 0}
    assert plan["counts"] == {
        "university": nothing,
        "company": nothing | {"conflict": 1},
        "student": nothing,
        "opening": nothing,
        "application": nothing,
    }
    accepted = await connecting.api.post("/api/v1/bitrix24/connection/accept")
    assert accepted.status_code == 200, accepted.text
    await connecting.drive()
    assert (await connecting.connection())["status"] == "done"
    assert len(connecting.writes()) == before


async def test_new_parents_and_children_go_out_in_one_export(app: FastAPI, tenant: Tenant) -> None:
    """A university and its students all new to the portal are queued at once: the students wait for their
    university in the same round instead of failing it."""
    university = await tenant.university(name="Новосибирский государственный университет")
    for n in range(3):
        await tenant.student(university["id"], full_name=f"Студентов {n}", email=f"s{n}@nsu.ru")
    sandbox = SandboxPortal(portal_config())
    link(app, sandbox)
    portal_id = await connect(app, tenant, sandbox)
    worker = SyncWorker(app.state.settings, app.state.sessionmaker, app.state.bitrix24_clients)
    connecting = Connecting(app, tenant, sandbox, worker, portal_id)
    await connecting.drive()
    assert (await connecting.api.post("/api/v1/bitrix24/connection/accept")).status_code == 200
    for _ in range(10):
        await connecting.drive()
        if (await connecting.connection())["status"] == "done":
            break
        await _skip_backoff(app.state.sessionmaker, portal_id)  # the students' one-second wait for their parent

    assert (await connecting.connection())["status"] == "done"
    async with app.state.sessionmaker() as session:
        portal = await session.get_one(Portal, portal_id)
        assert portal.sync_error is None
    [company] = sandbox.crm.records["company"].values()
    contacts = sandbox.crm.records["contact"].values()
    assert len(contacts) == 3 and {int(c["COMPANY_ID"]) for c in contacts} == {int(company["ID"])}


async def test_another_portal_is_refused_unless_the_workspace_is_moved(connecting: Connecting) -> None:
    await connecting.drive()
    await connecting.api.post("/api/v1/bitrix24/connection/accept")
    await connecting.drive()

    other = SandboxPortal(portal_config())
    link(connecting.app, other)
    with pytest.raises(WorkspaceLinkedElsewhere):
        await connect(connecting.app, connecting.tenant, other)
    async with connecting.app.state.sessionmaker() as session:
        portal = await session.get_one(Portal, connecting.portal_id)
        assert portal.domain == connecting.sandbox.config.domain and not portal.is_active
        assert other.config.domain in portal.sync_error
    status = (await connecting.api.get("/api/v1/bitrix24/portal")).json()
    assert other.config.domain in status["sync_error"]["message"]

    await connect(connecting.app, connecting.tenant, other, move=True)
    async with connecting.app.state.sessionmaker() as session:
        portal = await session.scalar(select(Portal).where(Portal.workspace_id == connecting.tenant.workspace_id))
        assert portal.domain == other.config.domain and portal.is_active
    assert (await connecting.connection())["status"] == "planning"
    assert all(
        c["bitrix24_company_id"] is None for c in (await connecting.api.get("/api/v1/companies")).json()["items"]
    )


async def test_api_processes_starting_together_connect_the_configured_portal_once(app: FastAPI, monkeypatch) -> None:
    """Replicas start at the same moment: each connects the portal of INTERNHUB_BITRIX24_WEBHOOK_URL, one of them
    writes it and the others find it; none fails to start."""
    config = portal_config()
    slug = f"replicas-{uuid.uuid4().hex[:8]}"
    settings = app.state.settings.model_copy(
        update={"bitrix24_webhook_url": SecretStr(config.webhook_url), "bitrix24_workspace": slug}
    )
    await asyncio.gather(*(connect_configured_portal(app, settings, app.state.bitrix24_clients) for _ in range(4)))
    async with app.state.sessionmaker() as session:
        portals = list(await session.scalars(select(Portal).where(Portal.domain == config.domain)))
        assert len(portals) == 1
        assert await connections.latest(session, portals[0].id) is not None  # its connection is planned once
    await let_go(app, portals[0].id)
