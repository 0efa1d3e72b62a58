"""The first connection of a portal to a workspace that holds records already: plan, accept, carry out.

A portal usually has companies and contacts of its own, and the workspace its universities, employers, students,
openings and applications. Pushing blindly would make duplicates, so a connection goes in three steps:

1. **plan** (reads only): the portal's companies (with their requisites' INN), contacts and the deals of our
   pipelines are read and matched with ours: a record an earlier installation keyed (``UF_CRM_IH_KEY``) first;
   then employers by INN, then by exact name; universities by exact name; students by e-mail, then by normalised
   phone; openings and applications by key only. A portal record two of ours claim, or one of ours matching
   several portal records, is a conflict left for an administrator. Nothing is written on either side.
2. **accept** (an administrator): the plan's counts are what will happen.
3. **carry out** (the worker, resumable): linked records keep the portal's ids (the portal's values fill blanks
   here; where both hold a value ours is kept and pushed), the portal's records of our kinds that match nothing
   come in through the import, and ours that match nothing are queued for the portal, where the worker creates
   them, parents before children, 50 to a batch, each keyed so that a retry finds it instead of adding it twice.

While a plan is being made or waits for acceptance the worker neither pushes nor pulls for the portal: events
are kept and marks pile up, and they are applied once the links exist.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, cast

import structlog
from sqlalchemy import delete, exists, func, insert, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from internhub.bitrix24.client import Bitrix24Client
from internhub.bitrix24.importer import SELECT, import_portal
from internhub.bitrix24.mapping import (
    KINDS,
    MODEL_OF,
    REMOTE_ID_COLUMN,
    REMOTE_OF,
    UF,
    Incoming,
    Mapping,
    PipelineMapping,
    Synced,
    from_remote,
    project,
    read_multifields,
)
from internhub.bitrix24.outbox import from_bitrix24
from internhub.bitrix24.setup import PIPELINES, _ours, ensure_setup
from internhub.bitrix24.sync import PortalSync, sync_state
from internhub.common import bulk
from internhub.db import changed_rows
from internhub.models import (
    Company,
    Connection,
    ConnectionItem,
    ConnectionStatus,
    DirtyEntity,
    OutboxItem,
    Portal,
    PortalEvent,
    Student,
    SyncState,
    SyncStatus,
    University,
    utcnow,
)
from internhub.students.service import normalise_email, normalise_phone

log = structlog.get_logger(__name__)

OPEN = (ConnectionStatus.planning, ConnectionStatus.planned, ConnectionStatus.accepted)
HOLDING = (ConnectionStatus.planning, ConnectionStatus.planned)
# Fields the portal's value fills when ours is empty; every other field keeps ours.
FILL_BLANKS = frozenset(
    {"short_name", "city", "contact_email", "inn", "website", "contact_phone", "phone", "specialty"}
)


class WorkspaceLinkedElsewhere(Exception):
    """The workspace's records are linked to another portal; moving them is an administrator's decision."""


# --- reading both sides ---------------------------------------------------------------------------------


def _name_key(name: Any) -> str:
    """An organisation's name as compared: case, quotes and spacing aside ("ООО «Ромашка»" = 'ооо "ромашка"')."""
    return " ".join(re.sub(r"[«»\"'“”„]", " ", str(name or "")).casefold().split())


def _inn(value: Any) -> str:
    return re.sub(r"\D", "", str(value or ""))


def _entries(record: dict[str, Any], name: str) -> list[str]:
    values = record.get(name)
    return (
        [str(e.get("VALUE")) for e in values if isinstance(e, dict) and e.get("VALUE")]
        if isinstance(values, list)
        else []
    )


@dataclass
class PortalRecords:
    """What the portal holds, indexed for matching."""

    companies: dict[int, dict[str, Any]] = field(default_factory=dict)
    contacts: dict[int, dict[str, Any]] = field(default_factory=dict)
    deals: dict[int, dict[str, Any]] = field(default_factory=dict)
    inn_of: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    requests: int = 0


async def _categories(client: Bitrix24Client, stored: Mapping | None) -> dict[str, int]:
    """Our pipelines' ids, found as setup finds them but without making any (planning writes nothing)."""
    categories = (await client.call("crm.category.list", {"entityTypeId": 2})).result["categories"]
    found: dict[str, int] = {}
    for key, (name, _stages) in PIPELINES.items():
        known: PipelineMapping | None = getattr(stored, key, None) if stored is not None else None
        category = _ours(categories, key, name, known.category_id if known else None, set(found.values()))
        if category is not None:
            found[key] = int(category["id"])
    return found


async def read_portal(client: Bitrix24Client, stored: Mapping | None) -> tuple[PortalRecords, dict[str, int]]:
    before = client.requests
    portal = PortalRecords()
    for row in await client.list_all("crm.company.list", select=SELECT["company"]):
        portal.companies[int(row["ID"])] = row
        if row.get(UF["inn"]):
            portal.inn_of[int(row["ID"])].add(_inn(row[UF["inn"]]))
    # A company's INN is one of its requisites (crm-requisite-list.md), ENTITY_TYPE_ID 4 for companies.
    requisites = await client.list_all(
        "crm.requisite.list", filter={"ENTITY_TYPE_ID": 4}, select=["ID", "ENTITY_ID", "RQ_INN"]
    )
    for row in requisites:
        if row.get("RQ_INN"):
            portal.inn_of[int(row["ENTITY_ID"])].add(_inn(row["RQ_INN"]))
    for row in await client.list_all("crm.contact.list", select=SELECT["contact"]):
        portal.contacts[int(row["ID"])] = row
    categories = await _categories(client, stored)
    if categories:
        flt = {"@CATEGORY_ID": sorted(categories.values())}
        for row in await client.list_all("crm.deal.list", filter=flt, select=SELECT["deal"]):
            portal.deals[int(row["ID"])] = row
    portal.requests = client.requests - before
    return portal, categories


# --- matching -----------------------------------------------------------------------------------------


@dataclass
class Plan:
    items: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(
        default_factory=lambda: {
            kind: dict.fromkeys(("link", "create_there", "create_here", "conflict"), 0) for kind in KINDS
        }
    )
    claimed: dict[tuple[str, int], tuple[str, int]] = field(default_factory=dict)  # (type, remote id) → ours

    @property
    def decides_nothing(self) -> bool:
        """True when nothing of ours would be linked, created in the portal or held back."""
        return not any(c["link"] or c["create_there"] or c["conflict"] for c in self.counts.values())

    def add(self, action: str, kind: str, entity_id: int | None, remote_type: str, remote_id: int | None, **extra):
        self.items.append(
            {"action": action, "kind": kind, "entity_id": entity_id, "remote_type": remote_type, "remote_id": remote_id}
            | extra
        )
        self.counts[kind][action] += 1


def _index(records: dict[int, dict[str, Any]], keys) -> dict[str, set[int]]:
    index: dict[str, set[int]] = defaultdict(set)
    for remote_id, record in records.items():
        for key in keys(remote_id, record):
            if key:
                index[key].add(remote_id)
    return index


def _match(
    plan: Plan,
    kind: str,
    entity_id: int,
    remote_type: str,
    records: dict[int, dict[str, Any]],
    tries: list[tuple[str, set[int]]],
) -> None:
    """Link ``entity_id`` to the one candidate of the first rule that finds any, else leave it to be created there;
    several candidates, or one another record of ours took, make a conflict."""
    for rule, candidates in tries:
        if not candidates:
            continue
        if len(candidates) > 1:
            ids = ", ".join(f"#{c}" for c in sorted(candidates)[:5])
            plan.add(
                "conflict",
                kind,
                entity_id,
                remote_type,
                None,
                matched_by=rule,
                reason=f"{len(candidates)} {remote_type} records in Bitrix24 match by {rule}: {ids}",
            )
            return
        (remote_id,) = candidates
        owner = plan.claimed.get((remote_type, remote_id))
        if owner is not None:
            plan.add(
                "conflict",
                kind,
                entity_id,
                remote_type,
                remote_id,
                matched_by=rule,
                reason=f"{remote_type} #{remote_id} matches {owner[0]} {owner[1]} here too",
            )
            return
        plan.claimed[(remote_type, remote_id)] = (kind, entity_id)
        plan.add("link", kind, entity_id, remote_type, remote_id, matched_by=rule, remote=records[remote_id])
        return
    plan.counts[kind]["create_there"] += 1


async def make_plan(
    session: AsyncSession, workspace_id: int, portal: PortalRecords, mapping: Mapping, categories: dict[str, int]
) -> Plan:
    plan = Plan()
    # The portal's records linked here already are in step (a reconnect, matching again): none is matched to
    # another record of ours, nor made here a second time.
    for kind, model in MODEL_OF.items():
        column = getattr(model, REMOTE_ID_COLUMN[kind])
        remote_type = REMOTE_OF[kind]
        for entity_id, remote_id in await session.execute(
            select(model.id, column).where(model.workspace_id == workspace_id, column.is_not(None))
        ):
            plan.claimed[(remote_type, remote_id)] = (kind, entity_id)
    prefix = f"{workspace_id}:"
    key_of = {
        remote_type: _index(
            records,
            lambda _i, r: [str(r.get(UF["key"]) or "")] if str(r.get(UF["key"]) or "").startswith(prefix) else [],
        )
        for remote_type, records in (
            ("company", portal.companies),
            ("contact", portal.contacts),
            ("deal", portal.deals),
        )
    }
    company_by_name = _index(portal.companies, lambda _i, r: [_name_key(r.get("TITLE"))])
    company_by_inn = _index(portal.companies, lambda i, _r: portal.inn_of.get(i, ()))
    contact_by_email = _index(portal.contacts, lambda _i, r: [normalise_email(v) for v in _entries(r, "EMAIL")])
    contact_by_phone = _index(portal.contacts, lambda _i, r: [normalise_phone(v) for v in _entries(r, "PHONE")])

    def keyed(remote_type: str, kind: str, entity_id: int) -> set[int]:
        return set(key_of[remote_type].get(f"{workspace_id}:{kind}:{entity_id}", ()))

    rows = await session.execute(
        select(University.id, University.name)
        .where(
            University.workspace_id == workspace_id,
            University.deleted_at.is_(None),
            University.bitrix24_company_id.is_(None),
        )
        .order_by(University.id)
    )
    for entity_id, name in rows:
        tries = [
            ("key", keyed("company", "university", entity_id)),
            ("name", set(company_by_name.get(_name_key(name), ()))),
        ]
        _match(plan, "university", entity_id, "company", portal.companies, tries)
    companies = await session.execute(
        select(Company.id, Company.name, Company.inn)
        .where(
            Company.workspace_id == workspace_id, Company.deleted_at.is_(None), Company.bitrix24_company_id.is_(None)
        )
        .order_by(Company.id)
    )
    for entity_id, name, inn in companies:
        tries = [
            ("key", keyed("company", "company", entity_id)),
            ("inn", set(company_by_inn.get(_inn(inn), ())) if inn else set()),
            ("name", set(company_by_name.get(_name_key(name), ()))),
        ]
        _match(plan, "company", entity_id, "company", portal.companies, tries)
    students = await session.execute(
        select(Student.id, Student.email, Student.phone)
        .where(
            Student.workspace_id == workspace_id, Student.deleted_at.is_(None), Student.bitrix24_contact_id.is_(None)
        )
        .order_by(Student.id)
    )
    for entity_id, email, phone in students:
        tries = [
            ("key", keyed("contact", "student", entity_id)),
            ("email", set(contact_by_email.get(normalise_email(email), ())) if email else set()),
            ("phone", set(contact_by_phone.get(normalise_phone(phone) or "", ())) if phone else set()),
        ]
        _match(plan, "student", entity_id, "contact", portal.contacts, tries)
    for kind in ("opening", "application"):
        model = MODEL_OF[kind]
        column = getattr(model, REMOTE_ID_COLUMN[kind])
        ids = await session.scalars(
            select(model.id)
            .where(model.workspace_id == workspace_id, model.deleted_at.is_(None), column.is_(None))
            .order_by(model.id)
        )
        for entity_id in ids:
            _match(plan, kind, entity_id, "deal", portal.deals, [("key", keyed("deal", kind, entity_id))])

    # The portal's records of our kinds that nothing here matched come in: companies of our types, contacts of
    # a university company, deals in our pipelines (those keyed by another record of ours aside).
    university_companies = {
        rid for rid, r in portal.companies.items() if r.get("COMPANY_TYPE") == mapping.university_type
    }
    university_companies |= {rid for (rtype, rid), (kind, _) in plan.claimed.items() if kind == "university"}
    for remote_id, record in portal.companies.items():
        if ("company", remote_id) in plan.claimed:
            continue
        ours = {mapping.university_type: "university", mapping.employer_type: "company"}.get(
            str(record.get("COMPANY_TYPE"))
        )
        if ours is not None:
            plan.add("create_here", ours, None, "company", remote_id)
    for remote_id, record in portal.contacts.items():
        company = int(str(record.get("COMPANY_ID") or 0) or 0)
        if ("contact", remote_id) not in plan.claimed and company in university_companies:
            plan.add("create_here", "student", None, "contact", remote_id)
    openings = {categories.get("internships"), categories.get("vacancies")} - {None}
    for remote_id, record in portal.deals.items():
        if ("deal", remote_id) not in plan.claimed:
            category = int(str(record.get("CATEGORY_ID") or 0) or 0)
            plan.add("create_here", "opening" if category in openings else "application", None, "deal", remote_id)
    return plan


# --- the connection's life --------------------------------------------------------------------------------


async def latest(session: AsyncSession, portal_id: int) -> Connection | None:
    return await session.scalar(
        select(Connection).where(Connection.portal_id == portal_id).order_by(Connection.id.desc()).limit(1)
    )


async def has_links(session: AsyncSession, workspace_id: int) -> bool:
    for kind, model in MODEL_OF.items():
        column = getattr(model, REMOTE_ID_COLUMN[kind])
        if await session.scalar(select(exists().where(model.workspace_id == workspace_id, column.is_not(None)))):
            return True
    return False


async def start(session: AsyncSession, portal: Portal) -> Connection:
    """Ask for a plan (the worker makes it). A plan waiting for acceptance is made again (both sides may have
    changed since); one being made or carried out is returned as it is."""
    current = await latest(session, portal.id)
    if current is not None and current.status == ConnectionStatus.planned:
        current.status, current.planned_at = ConnectionStatus.planning, None
        current.progress = {"phase": "planning"}
        return current
    if current is not None and current.status in OPEN:
        return current
    connection = Connection(portal_id=portal.id, status=ConnectionStatus.planning, counts={}, progress={})
    session.add(connection)
    await session.flush()
    return connection


async def forget_links(session: AsyncSession, portal: Portal) -> None:
    """Move the workspace to another portal: every link into the old one goes (the records stay)."""
    for kind, model in MODEL_OF.items():
        await session.execute(
            update(model).where(model.workspace_id == portal.workspace_id).values({REMOTE_ID_COLUMN[kind]: None})
        )
    await session.execute(delete(SyncState).where(SyncState.workspace_id == portal.workspace_id))
    await session.execute(delete(OutboxItem).where(OutboxItem.workspace_id == portal.workspace_id))
    await session.execute(delete(DirtyEntity).where(DirtyEntity.portal_id == portal.id))
    await session.execute(delete(PortalEvent).where(PortalEvent.portal_id == portal.id))
    portal.mapping, portal.watermarks, portal.last_reconciled_at = {}, {}, None
    portal.deletion_hold = None


async def plan_connection(
    sessionmaker: async_sessionmaker[AsyncSession], portal_id: int, client: Bitrix24Client
) -> Connection:
    """Read the portal, match it with what we hold, and keep the plan for an administrator."""
    async with sessionmaker() as session:
        portal = await session.get_one(Portal, portal_id)
        stored = Mapping.model_validate(portal.mapping) if portal.mapping else None
        workspace_id = portal.workspace_id
    remote, categories = await read_portal(client, stored)
    mapping = stored or Mapping()
    async with sessionmaker() as session:
        connection = await latest(session, portal_id)
        if connection is None or connection.status != ConnectionStatus.planning:
            raise RuntimeError("no connection is being planned")
        plan = await make_plan(session, workspace_id, remote, mapping, categories)
        await session.execute(delete(ConnectionItem).where(ConnectionItem.connection_id == connection.id))
        rows = [
            {
                **item,
                "connection_id": connection.id,
                **dict.fromkeys(("matched_by", "reason", "remote"), None)
                | {k: item[k] for k in ("matched_by", "reason", "remote") if k in item},
            }
            for item in plan.items
        ]
        await bulk.insert_rows(session, ConnectionItem.__table__, rows)
        connection.counts = plan.counts
        connection.progress = {"phase": "planned", "portal_requests": remote.requests}
        connection.status, connection.planned_at = ConnectionStatus.planned, utcnow()
        if plan.decides_nothing:
            # An empty workspace (an app installed into a new one): nothing of ours can be duplicated or changed
            # there, so there is nothing for an administrator to decide; the portal's records come in.
            await accept(session, connection, None)
        await session.commit()
        log.info("bitrix24_connection_planned", portal=portal_id, counts=plan.counts, status=connection.status)
        return connection


async def accept(session: AsyncSession, connection: Connection, user_id: int | None) -> None:
    connection.status, connection.accepted_at, connection.accepted_by_id = ConnectionStatus.accepted, utcnow(), user_id
    connection.progress = {**connection.progress, "phase": "accepted"}


async def _conflicts(session: AsyncSession, connection_id: int) -> tuple[dict[str, set[int]], set[tuple[str, int]]]:
    """Ours and the portal's records a conflict holds back: neither linked, nor created on the other side."""
    ours: dict[str, set[int]] = defaultdict(set)
    theirs: set[tuple[str, int]] = set()
    rows = await session.execute(
        select(
            ConnectionItem.kind, ConnectionItem.entity_id, ConnectionItem.remote_type, ConnectionItem.remote_id
        ).where(ConnectionItem.connection_id == connection_id, ConnectionItem.action == "conflict")
    )
    for kind, entity_id, remote_type, remote_id in rows:
        if entity_id is not None:
            ours[kind].add(entity_id)
        if remote_id is not None:
            theirs.add((remote_type, remote_id))
    return ours, theirs


async def _link(session: AsyncSession, portal: Portal, mapping: Mapping, connection: Connection) -> int:
    """Give each matched record of ours its portal id. What both sides last agreed on is the portal's record as it
    was read, so the next push sends what we hold differently (ours wins) and the next pull only what changes
    there afterwards; a field empty here takes the portal's value."""
    from_bitrix24(session)  # the links are queued below, not by the flush listener
    linked = 0
    for kind in KINDS:  # parents first: a student's university is linked before the student
        items = await session.scalars(
            select(ConnectionItem)
            .where(
                ConnectionItem.connection_id == connection.id,
                ConnectionItem.action == "link",
                ConnectionItem.kind == kind,
            )
            .order_by(ConnectionItem.id)
        )
        model, column = MODEL_OF[kind], REMOTE_ID_COLUMN[kind]

        async def local_id_of(ref_kind: str, remote_id: int) -> int | None:
            ref_model = MODEL_OF[ref_kind]
            ref_column = getattr(ref_model, REMOTE_ID_COLUMN[ref_kind])
            return await session.scalar(
                select(ref_model.id).where(ref_model.workspace_id == portal.workspace_id, ref_column == remote_id)
            )

        for item in items:
            entity = cast("Synced | None", await session.get(model, item.entity_id))
            if entity is None or entity.deleted_at is not None or getattr(entity, column) is not None:
                continue
            setattr(entity, column, item.remote_id)
            incoming = await from_remote(item.remote_type, item.remote or {}, mapping, local_id_of)
            if incoming is None or incoming.kind != kind:
                # Not one of ours there yet (a client company, a contact of no university): what we share with it
                # is its e-mails, phones and websites, whose entries a push must name.
                incoming = Incoming(kind)
                read_multifields(incoming, item.remote or {}, {}, {})
            values = dict(incoming.values)
            for name in FILL_BLANKS & values.keys():
                if values[name] and not getattr(entity, name):
                    setattr(entity, name, values[name])
            base = {name: value for name, value in values.items() if name in project(kind, entity)}
            state = await sync_state(session, portal.workspace_id, kind, entity.id)
            state.base, state.status = base, SyncStatus.pending
            state.remote_entries = incoming.entries
            linked += 1
        await session.flush()
    return linked


async def _queue(session: AsyncSession, workspace_id: int, held: dict[str, set[int]]) -> int:
    """Queue every live record of ours for a push, but those a conflict holds and those already queued: linked
    ones send what differs, the rest are created there."""
    now, queued = utcnow(), 0
    for kind, model in MODEL_OF.items():
        pending = exists().where(
            OutboxItem.workspace_id == workspace_id,
            OutboxItem.entity_type == kind,
            OutboxItem.entity_id == model.id,
            OutboxItem.done_at.is_(None),
        )
        rows = select(
            literal(workspace_id), literal(kind), model.id, literal(now), literal(now), literal(1), literal(0)
        ).where(model.workspace_id == workspace_id, model.deleted_at.is_(None), ~pending)
        if held.get(kind):
            rows = rows.where(model.id.not_in(sorted(held[kind])))
        added = await changed_rows(
            session,
            insert(OutboxItem).from_select(
                ["workspace_id", "entity_type", "entity_id", "created_at", "due_at", "version", "attempts"], rows
            ),
        )
        queued += added
    return queued


async def pending_pushes(session: AsyncSession, workspace_id: int) -> int:
    return int(
        await session.scalar(
            select(func.count())
            .select_from(OutboxItem)
            .where(OutboxItem.workspace_id == workspace_id, OutboxItem.done_at.is_(None))
        )
        or 0
    )


async def carry_out(sessionmaker: async_sessionmaker[AsyncSession], portal_id: int, sync: PortalSync) -> None:
    """The accepted plan: set up, link, queue ours, import theirs. Each phase is committed, so a restart goes on
    from the phase it stopped in (the import from its last batch)."""
    async with sessionmaker() as session:
        portal = await session.get_one(Portal, portal_id)
        connection = await latest(session, portal_id)
        if connection is None or connection.status != ConnectionStatus.accepted:
            return
        held_ours, held_theirs = await _conflicts(session, connection.id)
        if connection.progress.get("phase") == "accepted":
            mapping = await ensure_setup(session, portal, sync.client)  # the first write to the portal
            linked = await _link(session, portal, mapping, connection)
            queued = await _queue(session, portal.workspace_id, held_ours)
            connection.progress = {**connection.progress, "phase": "importing", "linked": linked, "queued": queued}
            await session.commit()
    summary = await import_portal(sessionmaker, sync, skip=frozenset(held_theirs))
    async with sessionmaker() as session:
        connection = await session.get_one(Connection, connection.id)
        portal = await session.get_one(Portal, portal_id)
        total = await pending_pushes(session, portal.workspace_id)
        connection.status = ConnectionStatus.exporting
        connection.progress = {
            **connection.progress,
            "phase": "exporting",
            "imported": summary.created,
            "export_total": total,
        }
        await session.commit()
    log.info("bitrix24_connection_carried_out", portal=portal_id, imported=summary.created, to_export=total)


async def finish_if_exported(session: AsyncSession, portal: Portal) -> None:
    connection = await latest(session, portal.id)
    if connection is None or connection.status != ConnectionStatus.exporting:
        return
    if await pending_pushes(session, portal.workspace_id) == 0:
        connection.status, connection.finished_at = ConnectionStatus.done, utcnow()
        connection.progress = {**connection.progress, "phase": "done"}
