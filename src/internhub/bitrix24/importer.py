"""The first import of a portal's CRM: companies, then contacts, then deals, a batch at a time.

A batch is what one ``batch`` call brings: 50 pages, up to 2,500 records. Resumable: after every batch
the last imported ID is stored with the portal, and a new run continues after it. Records that point at
something not imported yet are left dirty for the worker to finish.

A batch is written with a handful of queries rather than several per record: the records it points at
and the ones it already has here are looked up once per kind, new records are inserted together, and
the client fetches the next 50 pages while this batch is written (``list_all`` reads ahead). Those INSERTs
bypass the flush listeners, so the analytics rollups are recounted once at the end of a run that created
records (until then they lag behind the import).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Table, insert, literal, select, text, union_all
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from internhub.analytics import rollups
from internhub.bitrix24.mapping import MODEL_OF, REMOTE_ID_COLUMN, REMOTE_OF, UF, Mapping, from_remote, project
from internhub.bitrix24.outbox import from_bitrix24
from internhub.bitrix24.sync import REMOTE_TYPES, PortalSync, Unresolved, mark_dirty
from internhub.common.upsert import insert_for
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
KINDS_OF = {remote: tuple(kind for kind, theirs in REMOTE_OF.items() if theirs == remote) for remote in REMOTE_TYPES}

Progress = Callable[[str, int, int | None], None]


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


def _row(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """A full row for a multi-row INSERT, as a flush of the new object would write it: every row of a
    table gets the same keys; callable defaults (timestamps) are left to the INSERT to fill in."""
    row: dict[str, Any] = {}
    for column in table.columns:
        if column.key in values:
            row[column.key] = values[column.key]
        elif column.primary_key:
            continue
        elif column.default is not None and column.default.is_scalar:
            row[column.key] = column.default.arg
        elif column.default is None and column.server_default is None:
            row[column.key] = None
    return row


class BatchWriter:
    """Writes one batch of listed records in one session, with the same outcome as ``apply_record`` on each.

    ``apply_record`` spends a query per reference, one to look for the record, one for its sync state and a
    flush of ORM objects per new record. Here the references and the records already here are read once
    per kind for the whole batch, and new records, their skills, first status changes and sync states go
    in as multi-row INSERTs. Records that exist here already still go through ``apply_record`` (the
    three-way merge), given the batch's answers for their references.
    """

    def __init__(self, session: AsyncSession, sync: PortalSync, portal: Portal, mapping: Mapping) -> None:
        self.session = session
        self.sync = sync
        self.portal = portal
        self.mapping = mapping
        self.local_ids: dict[tuple[str, int], int] = {}  # (our kind, Bitrix24 id) → our id, live records
        self.existing: set[tuple[str, int]] = set()  # (our kind, Bitrix24 id) already here, archived too
        # New records of this batch not inserted yet: (our kind, Bitrix24 id) → (attributes, skills)
        self.pending: dict[tuple[str, int], tuple[dict[str, Any], list[str]]] = {}

    async def _load(self, remote_type: str, rows: list[dict[str, Any]]) -> None:
        """The batch's references and its records already here, in one round trip."""
        wanted: dict[str, set[int]] = defaultdict(set)
        for record in rows:
            for name, kind in REFERENCES[remote_type]:
                if (remote_id := _remote_id(record.get(name))) is not None:
                    wanted[kind].add(remote_id)
        workspace_id = self.portal.workspace_id
        batch_ids = [int(record["ID"]) for record in rows]
        lookups = []
        for purpose, kind, remote_ids in [
            *(("reference", kind, ids) for kind, ids in wanted.items()),
            *(("existing", kind, batch_ids) for kind in KINDS_OF[remote_type]),
        ]:
            model = MODEL_OF[kind]
            column = getattr(model, REMOTE_ID_COLUMN[kind])
            query = select(literal(purpose), literal(kind), column, model.id).where(
                model.workspace_id == workspace_id, column.in_(remote_ids)
            )
            # A reference resolves to a live record only; an archived record still counts as here.
            lookups.append(query.where(model.deleted_at.is_(None)) if purpose == "reference" else query)
        for purpose, kind, remote_id, local_id in await self.session.execute(union_all(*lookups)):
            if purpose == "reference":
                self.local_ids.setdefault((kind, remote_id), local_id)
            else:
                self.existing.add((kind, remote_id))

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
            rows = [_row(table, values) for _, values, _ in created]
            # A plain many-row INSERT, then the new ids read back by Bitrix24 id: INSERT … RETURNING in the
            # order of the rows would be run row by row on SQLite.
            await self.session.execute(insert(table), rows)
            remote_column = getattr(model, REMOTE_ID_COLUMN[kind])
            found = await self.session.execute(
                select(remote_column, model.id).where(
                    model.workspace_id == self.portal.workspace_id,
                    remote_column.in_([remote_id for remote_id, _, _ in created]),
                    model.deleted_at.is_(None),
                )
            )
            new_ids = {remote_id: entity_id for remote_id, entity_id in found}
            ids = [new_ids[remote_id] for remote_id, _, _ in created]
            states: list[dict[str, Any]] = []
            skills_rows: list[dict[str, Any]] = []
            changes: list[dict[str, Any]] = []
            for (remote_id, _, skills), row, entity_id in zip(created, rows, ids, strict=True):
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
            if skills_rows:
                await self.session.execute(insert(OpeningSkill.__table__), skills_rows)
            if changes:
                await self.session.execute(insert(ApplicationStatusChange.__table__), changes)
            await self._save_states(kind, states, now)

    async def _save_states(self, kind: str, states: list[dict[str, Any]], now: Any) -> None:
        """The agreed base of every new record. An upsert: a state may outlive a record whose id the
        database hands out again (SQLite reuses rowids)."""
        rows = [
            {
                "workspace_id": self.portal.workspace_id,
                "entity_type": kind,
                "status": SyncStatus.synced,
                "error": None,
                "synced_at": now,
                **state,
            }
            for state in states
        ]
        upsert = insert_for(self.session.get_bind().dialect.name, SyncState.__table__)
        upsert = upsert.on_conflict_do_update(
            index_elements=["workspace_id", "entity_type", "entity_id"],
            set_={
                "base": upsert.excluded.base,
                "status": upsert.excluded.status,
                "error": None,
                "synced_at": upsert.excluded.synced_at,
            },
        )
        await self.session.execute(upsert, rows)

    async def write(self, remote_type: str, rows: list[dict[str, Any]], summary: ImportSummary) -> None:
        await self._load(remote_type, rows)
        for record in rows:
            remote_id = int(record["ID"])
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
            self.pending[(incoming.kind, remote_id)] = self.sync.new_values(self.portal, incoming, remote_id)
            self.existing.add((incoming.kind, remote_id))
            summary.created += 1
        await self.flush()


async def import_portal(
    sessionmaker: async_sessionmaker[AsyncSession], sync: PortalSync, progress: Progress | None = None
) -> ImportSummary:
    summary = ImportSummary()
    client = sync.client
    before = client.requests
    # One session (one connection) for the whole run, committed after every batch: a batch costs a few round
    # trips to the database, not a connection checkout and a fresh read of the portal as well.
    async with sessionmaker() as session:
        from_bitrix24(session)
        portal = await session.get_one(Portal, sync.portal_id)
        mapping = Mapping.model_validate(portal.mapping or {})
        for remote_type in REMOTE_TYPES:
            await _import_type(session, portal, mapping, sync, remote_type, summary, progress)
        if summary.created:
            # New records went in as multi-row INSERTs, past the flush listeners that keep the analytics
            # rollups current: recount the workspace from its rows once, as every bulk load does.
            workspace_id = portal.workspace_id
            await session.run_sync(lambda sync_session: rollups.rebuild(sync_session.connection(), workspace_id))
            await session.commit()
    summary.requests = client.requests - before
    return summary


async def _import_type(
    session: AsyncSession,
    portal: Portal,
    mapping: Mapping,
    sync: PortalSync,
    remote_type: str,
    summary: ImportSummary,
    progress: Progress | None,
) -> None:
    client = sync.client
    after_id = int((portal.watermarks or {}).get(f"import:{remote_type}", 0))
    total = (await client.call(f"crm.{remote_type}.list", {"select": ["ID"], "filter": {">ID": after_id}})).total
    summary.seen[remote_type] = 0

    async def on_batch(rows: list[dict]) -> None:
        if session.get_bind().dialect.name == "postgresql":
            # The tables grow under the import: a plan the server cached for its prepared statements while
            # they were nearly empty (a scan) would be kept for the 100,000th row too. Plan each one afresh.
            await session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
        await BatchWriter(session, sync, portal, mapping).write(remote_type, rows, summary)
        portal.watermarks = {**(portal.watermarks or {}), f"import:{remote_type}": int(rows[-1]["ID"])}
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
