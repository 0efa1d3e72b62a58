"""The first import of a portal's CRM: companies, then contacts, then deals, a batch at a time.

A batch is what one ``batch`` call brings: 50 pages, up to 2,500 records. Resumable: after every batch
the last imported ID is stored with the portal, and a new run continues after it. Records that point at
something not imported yet are left dirty for the worker to finish.

A batch is written with a handful of queries rather than several per record: the records it points at
and the ones it already has here are looked up once per kind, new records go in in bulk (COPY, executemany),
and the client fetches the next 50 pages while this batch is written (``list_all`` reads ahead). Those writes
bypass the flush listeners, so the analytics rollups are recounted once at the end of a run that created
records (until then they lag behind the import); a run stopped before that leaves the recount to the next.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from sqlalchemy import BigInteger, BindParameter, ColumnElement, bindparam, delete, literal, select, union_all
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from internhub.analytics import rollups
from internhub.bitrix24.conflicts import SyncConflict
from internhub.bitrix24.mapping import MODEL_OF, REMOTE_ID_COLUMN, REMOTE_OF, UF, Mapping, from_remote, project
from internhub.bitrix24.outbox import from_bitrix24
from internhub.bitrix24.sync import REMOTE_TYPES, PortalSync, Unresolved, mark_dirty
from internhub.common import bulk
from internhub.models import (
    ApplicationSource,
    ApplicationStatusChange,
    OpeningSkill,
    Portal,
    SyncState,
    SyncStatus,
    utcnow,
)

SELECT = {
    "company": ["*", "UF_*", "EMAIL", "PHONE", "WEB"],
    "contact": ["*", "UF_*", "EMAIL", "PHONE"],
    "deal": ["*", "UF_*"],
}

# The fields through which a record of each Bitrix24 type points at others, and what they are ours.
REFERENCES = {
    "company": (),
    "contact": (("COMPANY_ID", "university"),),
    "deal": (("COMPANY_ID", "company"), ("CONTACT_ID", "student"), (UF["opening"], "opening")),
}
REFERENCED = {kind for references in REFERENCES.values() for _, kind in references}
KINDS_OF = {remote: tuple(kind for kind, theirs in REMOTE_OF.items() if theirs == remote) for remote in REMOTE_TYPES}

Progress = Callable[[str, int, int | None], None]
RECOUNT = "import:recount"  # a portal watermark: records came in that the analytics rollups have not counted


@dataclass
class ImportSummary:
    seen: dict[str, int] = field(default_factory=dict)
    created: int = 0
    updated: int = 0
    waiting: int = 0
    requests: int = 0


def _remote_id(value: Any) -> int | None:
    try:
        number = int(str(value)) if value not in (None, "") else 0
    except ValueError:
        return None
    return number or None  # Bitrix24 writes "0" for "no link"


# The tables grow under an import. PostgreSQL would keep a plan it made for a prepared lookup while they were
# nearly empty (a scan) for the 100,000th row too: the values are written into the lookups instead, so each
# batch's is planned for what it asks. (Planning every statement afresh would re-plan the foreign key checks
# of each inserted row as well.)


def _written(values: Iterable[int]) -> BindParameter[Any]:
    return bindparam(None, values, type_=BigInteger, expanding=True, literal_execute=True)


def _within(column: Any, remote_ids: list[int]) -> ColumnElement[bool]:
    """The range of a batch's Bitrix24 ids: one index range rather than thousands of parameters."""
    low, high = min(remote_ids), max(remote_ids)
    return column.between(
        literal(low, BigInteger, literal_execute=True), literal(high, BigInteger, literal_execute=True)
    )


class BatchWriter:
    """Writes the batches of one import run in one session, with the same outcome as ``apply_record`` on each
    record.

    ``apply_record`` spends a query per reference, one to look for the record, one for its sync state and a
    flush of ORM objects per new record. Here the records already here are looked up once per batch (by the
    batch's range of Bitrix24 ids), references to records this run created are answered from memory and the
    rest are read once per batch, and new records, their skills, first status changes and sync states go in
    in bulk. Records that exist here already still go through ``apply_record`` (the three-way merge), given
    the batch's answers for their references.
    """

    def __init__(
        self,
        session: AsyncSession,
        sync: PortalSync,
        portal: Portal,
        mapping: Mapping,
        skip: frozenset[tuple[str, int]] = frozenset(),
    ) -> None:
        self.session = session
        self.skip = skip  # (Bitrix24 type, id) of records held back (a connection's conflicts)
        self.sync = sync
        self.portal = portal
        self.mapping = mapping
        # (our kind, Bitrix24 id) → our id of live records others point at: read for a batch, or made by this run
        self.local_ids: dict[tuple[str, int], int] = {}
        self.existing: set[tuple[str, int]] = set()  # (our kind, Bitrix24 id) already here, archived too
        # New records of this batch not inserted yet: (our kind, Bitrix24 id) → (attributes, skills)
        self.pending: dict[tuple[str, int], tuple[dict[str, Any], list[str]]] = {}

    async def _load(self, remote_type: str, rows: list[dict[str, Any]]) -> None:
        """The batch's records already here and the references not known yet, in one round trip."""
        wanted: dict[str, set[int]] = defaultdict(set)
        for record in rows:
            for name, kind in REFERENCES[remote_type]:
                remote_id = _remote_id(record.get(name))
                if remote_id is not None and (kind, remote_id) not in self.local_ids:
                    wanted[kind].add(remote_id)
        workspace_id = self.portal.workspace_id
        batch_ids = [int(record["ID"]) for record in rows]
        lookups = []
        for kind, remote_ids in wanted.items():
            model = MODEL_OF[kind]
            column = getattr(model, REMOTE_ID_COLUMN[kind])
            # A reference resolves to a live record only.
            live = (model.workspace_id == workspace_id, column.in_(_written(remote_ids)), model.deleted_at.is_(None))
            lookups.append(select(literal("reference"), literal(kind), column, model.id).where(*live))
        for kind in KINDS_OF[remote_type]:
            model = MODEL_OF[kind]
            column = getattr(model, REMOTE_ID_COLUMN[kind])
            # Archived records count as here too. Whatever else the batch's range holds is here as well.
            in_range = (model.workspace_id == workspace_id, _within(column, batch_ids))
            lookups.append(select(literal("existing"), literal(kind), column, model.id).where(*in_range))
        for purpose, kind, remote_id, local_id in await self.session.execute(union_all(*lookups)):
            if purpose == "reference":
                self.local_ids.setdefault((kind, remote_id), local_id)
            else:
                self.existing.add((kind, remote_id))

    def forget(self) -> None:
        """After a rolled-back batch: what it made is not there, and nothing of it is remembered."""
        self.local_ids.clear()
        self.existing.clear()
        self.pending.clear()

    async def resolve(self, kind: str, remote_id: int) -> int | None:
        if (kind, remote_id) in self.pending:
            await self.flush()  # a record of this batch points at one created earlier in it
        return self.local_ids.get((kind, remote_id))

    async def flush(self) -> None:
        """Insert the batch's new records, then their skills, first status changes and sync states."""
        if not self.pending:
            return
        by_kind: dict[str, list[tuple[int, dict[str, Any], list[str]]]] = defaultdict(list)
        for (kind, remote_id), (values, skills) in self.pending.items():
            by_kind[kind].append((remote_id, values, skills))
        self.pending.clear()
        now = utcnow()
        for kind, created in by_kind.items():
            model = MODEL_OF[kind]
            table = model.__table__
            defaults = bulk.defaults(table)
            rows = [{**defaults, **values} for _, values, _ in created]
            # The rows in bulk, then the new ids read back by Bitrix24 id: INSERT … RETURNING in the order of
            # the rows would be run row by row on SQLite, and COPY returns nothing.
            await bulk.insert_rows(self.session, table, rows)
            remote_column = getattr(model, REMOTE_ID_COLUMN[kind])
            remote_ids = [remote_id for remote_id, _, _ in created]
            found = await self.session.execute(
                select(remote_column, model.id).where(
                    model.workspace_id == self.portal.workspace_id,
                    _within(remote_column, remote_ids),
                    model.deleted_at.is_(None),
                )
            )
            new_ids = {remote_id: entity_id for remote_id, entity_id in found}
            ids = [new_ids[remote_id] for remote_id in remote_ids]
            states: list[dict[str, Any]] = []
            skills_rows: list[dict[str, Any]] = []
            changes: list[dict[str, Any]] = []
            for (remote_id, _, skills), row, entity_id in zip(created, rows, ids, strict=True):
                if kind in REFERENCED:
                    self.local_ids[(kind, remote_id)] = entity_id
                skills_rows += [{"opening_id": entity_id, "skill": skill} for skill in skills]
                if kind == "application":
                    changes.append(
                        {
                            "application_id": entity_id,
                            "from_status": None,
                            "to_status": row["status"],
                            "actor": "Bitrix24",
                            "source": ApplicationSource.bitrix24,
                        }
                    )
                base = project(kind, SimpleNamespace(**row, skills=skills))
                states.append({"entity_id": entity_id, "base": base})
            await bulk.insert_rows(self.session, OpeningSkill.__table__, skills_rows)
            await bulk.insert_rows(self.session, ApplicationStatusChange.__table__, changes)
            await self._save_states(kind, states, now)

    async def _save_states(self, kind: str, states: list[dict[str, Any]], now: Any) -> None:
        """The agreed base of every new record. A state may outlive a record whose id the database hands out
        again (SQLite reuses rowids): such a stale state is replaced."""
        workspace_id = self.portal.workspace_id
        await self.session.execute(
            delete(SyncState).where(
                SyncState.workspace_id == workspace_id,
                SyncState.entity_type == kind,
                SyncState.entity_id.in_(_written([state["entity_id"] for state in states])),
            )
        )
        rows = [
            {"workspace_id": workspace_id, "entity_type": kind, "status": SyncStatus.synced, "synced_at": now, **state}
            for state in states
        ]
        await bulk.insert_rows(self.session, SyncState.__table__, rows)

    async def write(self, remote_type: str, rows: list[dict[str, Any]], summary: ImportSummary) -> None:
        await self._load(remote_type, rows)
        for record in rows:
            remote_id = int(record["ID"])
            if (remote_type, remote_id) in self.skip:
                continue
            try:
                incoming = await from_remote(remote_type, record, self.mapping, self.resolve)
                if incoming is not None and incoming.unresolved:
                    raise Unresolved(incoming)
            except Unresolved as unresolved:
                for ref_type, ref_id in unresolved.references:
                    await mark_dirty(self.session, self.portal.id, ref_type, ref_id)
                await mark_dirty(self.session, self.portal.id, remote_type, remote_id)
                summary.waiting += 1
                continue
            if incoming is None:
                continue  # not one of ours: another company type, pipeline, or a contact of no university
            if (incoming.kind, remote_id) in self.existing:
                await self.flush()
                outcome = await self.sync.apply_record(
                    self.session, self.portal, self.mapping, remote_type, record, resolve=self.resolve
                )
                summary.updated += outcome == "updated"
                continue
            try:
                self.pending[(incoming.kind, remote_id)] = self.sync.new_values(self.portal, incoming, remote_id)
            except SyncConflict:
                # Left to the sync, which sets it aside with its reason; the import goes on.
                await mark_dirty(self.session, self.portal.id, remote_type, remote_id)
                summary.waiting += 1
                continue
            self.existing.add((incoming.kind, remote_id))
            summary.created += 1
        await self.flush()


async def import_portal(
    sessionmaker: async_sessionmaker[AsyncSession],
    sync: PortalSync,
    progress: Progress | None = None,
    skip: frozenset[tuple[str, int]] = frozenset(),
) -> ImportSummary:
    """Bring in what the portal holds of our kinds (``skip``: records to leave where they are)."""
    summary = ImportSummary()
    client = sync.client
    before = client.requests
    # One session (one connection) for the whole run, committed after every batch: a batch costs a few round
    # trips to the database, not a connection checkout and a fresh read of the portal as well.
    async with sessionmaker() as session:
        from_bitrix24(session)
        portal = await session.get_one(Portal, sync.portal_id)
        writer = BatchWriter(session, sync, portal, Mapping.model_validate(portal.mapping or {}), skip)
        for remote_type in REMOTE_TYPES:
            await _import_type(writer, remote_type, summary, progress)
        if (portal.watermarks or {}).get(RECOUNT):
            # New records went in in bulk (COPY, executemany), past the flush listeners that keep the analytics
            # rollups current: recount the workspace from its rows once, as every bulk load does. The mark is
            # committed with the batches, so a run stopped before this point leaves it for the next run.
            workspace_id = portal.workspace_id
            await session.run_sync(lambda sync_session: rollups.rebuild(sync_session.connection(), workspace_id))
            portal.watermarks = {k: v for k, v in portal.watermarks.items() if k != RECOUNT}
            await session.commit()
    summary.requests = client.requests - before
    return summary


async def _import_type(
    writer: BatchWriter, remote_type: str, summary: ImportSummary, progress: Progress | None
) -> None:
    session, portal, client = writer.session, writer.portal, writer.sync.client
    after_id = int((portal.watermarks or {}).get(f"import:{remote_type}", 0))
    total = (await client.call(f"crm.{remote_type}.list", {"select": ["ID"], "filter": {">ID": after_id}})).total
    summary.seen[remote_type] = 0

    async def on_batch(rows: list[dict]) -> None:
        created_before = summary.created
        try:
            await writer.write(remote_type, rows, summary)
        except IntegrityError:
            # A record of the batch breaks a rule here (two employers with one INN): the batch is left to the
            # sync, which applies each record on its own and sets that one aside with its reason.
            await session.rollback()
            await session.refresh(portal)  # the rollback expired it
            writer.forget()
            for record in rows:
                await mark_dirty(session, portal.id, remote_type, int(record["ID"]))
            summary.waiting += len(rows)
            summary.created = created_before
        marks = {f"import:{remote_type}": int(rows[-1]["ID"])}
        if summary.created > created_before:
            marks[RECOUNT] = True  # the analytics owe these records a count
        portal.watermarks = {**(portal.watermarks or {}), **marks}
        await session.commit()
        # Keep the session small: records the merge loaded for this batch are not needed again.
        for loaded in list(session.identity_map.values()):
            if loaded is not portal:
                session.expunge(loaded)
        summary.seen[remote_type] += len(rows)
        if progress is not None:
            progress(remote_type, summary.seen[remote_type], total)

    await client.list_all(f"crm.{remote_type}.list", select=SELECT[remote_type], after_id=after_id, on_batch=on_batch)
    if progress is not None:
        progress(remote_type, summary.seen[remote_type], summary.seen[remote_type])
