"""Keeping one portal and its workspace in step.

- **push**: drain the outbox in ``batch`` calls of up to 50 (adds, updates of changed fields, deletes);
- **pull**: fetch dirty records in ``batch`` calls of up to 50 and apply what changed there;
- **reconcile**: mark dirty whatever changed since the watermark, so that dropped events heal.

What differs between a university, a company, a student, an opening and an application is each kind's strategy
(``kinds.py``); this module moves records of every kind alike. A record we cannot apply is set aside as a conflict
with its reason (``conflicts.py``) while the others flow; a delete is applied only when the record's own ``get``
answers "Not found".

Every step opens its own short transaction; the worker that owns the portal's lease calls them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

import structlog
from sqlalchemy import select, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from internhub.applications import service as applications
from internhub.bitrix24.client import (
    BatchAnswer,
    Bitrix24Client,
    Bitrix24Error,
    OperationTimeLimit,
    command,
    parse_datetime,
)
from internhub.bitrix24.conflicts import PARK_SECONDS, SyncConflict, from_integrity_error, live_children
from internhub.bitrix24.kinds import STRATEGIES, ensure_queued, int_or_none, remote_id_of
from internhub.bitrix24.mapping import (
    MODEL_OF,
    MULTIFIELDS,
    PUSH_ORDER,
    REMOTE_ID_COLUMN,
    REMOTE_OF,
    UF,
    Incoming,
    LocalIdOf,
    Mapping,
    MissingParent,
    Synced,
    from_remote,
    item_fields,
    pick_entry,
    project,
    record_key,
    to_remote,
    valid_status,
)
from internhub.bitrix24.outbox import from_bitrix24
from internhub.common.upsert import insert_for
from internhub.db import changed_rows
from internhub.models import (
    DirtyEntity,
    Opening,
    OpeningSkill,
    OutboxItem,
    Portal,
    SyncState,
    SyncStatus,
    University,
    utcnow,
)

log = structlog.get_logger(__name__)

BATCH = 50
MAX_ATTEMPTS = 8
REMOTE_TYPES = ("company", "contact", "deal")
KINDS_OF = {remote: tuple(k for k, r in REMOTE_OF.items() if r == remote) for remote in REMOTE_TYPES}
# What a reconciliation lists: a record's version, and enough to tell whether a record new to us can be ours.
RECONCILE_SELECT = {
    "company": ["ID", "DATE_MODIFY", "COMPANY_TYPE"],
    "contact": ["ID", "DATE_MODIFY", "COMPANY_ID"],
    "deal": ["ID", "DATE_MODIFY", "CATEGORY_ID"],
}
# A deletion sweep that finds at least this many of our records missing at once, and more than this share of
# all we know there, does nothing until an administrator agrees: an empty or partial answer (another portal
# behind the webhook, a webhook user who lost CRM rights) looks exactly like a mass deletion.
DELETION_GUARD_MIN = 5
DELETION_GUARD_SHARE = 0.10


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(2**attempts, 600))


@dataclass
class StepResult:
    done: int = 0
    failed: int = 0
    deferred: int = 0
    conflicts: int = 0
    requests: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def worked(self) -> bool:
        return bool(self.done or self.failed or self.deferred or self.conflicts)


async def mark_dirty(
    session: AsyncSession, portal_id: int, entity_type: str, entity_id: int, deleted: bool = False
) -> None:
    """Remember that a Bitrix24 record must be fetched; one row per record however many events came."""
    now = utcnow()
    stmt = (
        insert_for(session.get_bind().dialect.name, DirtyEntity)
        .values(
            portal_id=portal_id,
            entity_type=entity_type,
            entity_id=entity_id,
            deleted=deleted,
            marked_at=now,
            due_at=now,
            attempts=0,
        )
        .on_conflict_do_update(
            index_elements=["portal_id", "entity_type", "entity_id"],
            set_={
                "deleted": deleted,
                "marked_at": now,
                "due_at": now,
                "attempts": 0,
                "last_error": None,
                "conflict": None,
            },
        )
    )
    await session.execute(stmt)


async def sync_state(session: AsyncSession, workspace_id: int, kind: str, entity_id: int) -> SyncState:
    """The record's sync state, made (pending flush) when it has none yet."""
    state = await session.scalar(
        select(SyncState).where(
            SyncState.workspace_id == workspace_id, SyncState.entity_type == kind, SyncState.entity_id == entity_id
        )
    )
    if state is None:
        state = SyncState(workspace_id=workspace_id, entity_type=kind, entity_id=entity_id, base={})
        session.add(state)
    return state


class PortalSync:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], portal_id: int, client: Bitrix24Client):
        self.sessionmaker = sessionmaker
        self.portal_id = portal_id
        self.client = client

    async def _portal(self, session: AsyncSession) -> Portal:
        return await session.get_one(Portal, self.portal_id)

    # --- lookups shared by both directions -----------------------------------------------------

    @staticmethod
    async def _local_id(session: AsyncSession, workspace_id: int, kind: str, remote_id: int) -> int | None:
        model = MODEL_OF[kind]
        column = getattr(model, REMOTE_ID_COLUMN[kind])
        return await session.scalar(
            select(model.id).where(model.workspace_id == workspace_id, column == remote_id, model.deleted_at.is_(None))
        )

    @staticmethod
    async def _projection(session: AsyncSession, mapping: Mapping, kind: str, entity: Any) -> dict[str, Any]:
        """The synced fields of ``entity``, as its kind describes it."""
        return await STRATEGIES[kind].projection(session, mapping, entity)

    # --- push ----------------------------------------------------------------------------------

    async def push_once(self) -> StepResult:
        """Push up to 50 due outbox rows in one batch call."""
        result = StepResult()
        async with self.sessionmaker() as session:
            portal = await self._portal(session)
            mapping = Mapping.model_validate(portal.mapping or {})
            items = list(
                await session.scalars(
                    select(OutboxItem)
                    .where(
                        OutboxItem.workspace_id == portal.workspace_id,
                        OutboxItem.done_at.is_(None),
                        OutboxItem.due_at <= utcnow(),
                    )
                    .order_by(OutboxItem.due_at, OutboxItem.id)
                    .limit(BATCH * 4)
                )
            )
            items.sort(key=lambda item: (PUSH_ORDER[item.entity_type], item.id))
            result.requests += await self._adopt_interrupted_adds(session, portal, items)
            plans: dict[str, tuple[OutboxItem, str, Any, dict[str, Any]]] = {}
            unknown_entries: list[OutboxItem] = []
            for item in items:
                if len(plans) == BATCH:
                    break
                try:
                    plan = await self._plan(session, portal, mapping, item, result)
                except EntriesUnknown:
                    unknown_entries.append(item)
                    continue
                if plan is not None:
                    plans[f"o{item.id}"] = (item, *plan)
            if unknown_entries:
                unknown_entries = unknown_entries[: BATCH - len(plans)]
                result.requests += await self._learn_entries(session, portal, unknown_entries)
                for item in unknown_entries:
                    plan = await self._plan(session, portal, mapping, item, result, entries_learned=True)
                    if plan is not None:
                        plans[f"o{item.id}"] = (item, *plan)
            for item, *_ in plans.values():
                item.sent_at = utcnow()
            await session.commit()
            if not plans:
                return result
            answer = await self.client.batch({name: plan[1] for name, plan in plans.items()})
            result.requests += 1
            for name, (item, _cmd, entity, projection) in plans.items():
                if name in answer.limited:
                    # Not executed (its method is blocked for its execution time): not a failure of the record.
                    item.sent_at, item.due_at = None, utcnow() + timedelta(seconds=answer.limited[name])
                    result.deferred += 1
                elif name in answer.results or (projection is None and _not_found(answer, name)):
                    # (A delete of a record that is gone already has nothing left to do.)
                    await self._pushed(session, portal, item, entity, projection, answer.results.get(name))
                    result.done += 1
                else:
                    error = answer.errors.get(name) or {}
                    message = f"{error.get('error', '')} {error.get('error_description', '')}".strip()
                    if _not_found(answer, name):
                        # Gone there and the delete event lost: fetch it, to archive it here if so.
                        remote_id = getattr(entity, REMOTE_ID_COLUMN[item.entity_type])
                        await mark_dirty(session, portal.id, REMOTE_OF[item.entity_type], remote_id, deleted=True)
                    await self._push_failed(session, portal, item, message or "not executed")
                    result.failed += 1
                    result.errors.append(message)
            await session.commit()
        _raise_if_limited(answer)
        return result

    async def _adopt_interrupted_adds(self, session: AsyncSession, portal: Portal, items: list[OutboxItem]) -> int:
        """An add that was sent but never heard back from may have happened: find it by its key."""
        lookups: dict[str, tuple[str, Any]] = {}
        for item in items:
            if item.sent_at is None:
                continue
            entity = await session.get(MODEL_OF[item.entity_type], item.entity_id)
            if entity is None or getattr(entity, REMOTE_ID_COLUMN[item.entity_type]) is not None:
                continue
            key = record_key(portal.workspace_id, item.entity_type, item.entity_id)
            params = {"filter": {f"={UF['key']}": key}, "select": ["ID"]}
            lookups[f"k{item.id}"] = (command(f"crm.{REMOTE_OF[item.entity_type]}.list", params), (item, entity))
        if not lookups:
            return 0
        await session.commit()  # no transaction waits open while the portal answers
        answer = await self.client.batch({name: cmd for name, (cmd, _) in lookups.items()})
        for name, (_, (item, entity)) in lookups.items():
            found = answer.results.get(name)
            rows = list(found.values()) if isinstance(found, dict) else list(found or [])
            if rows:
                setattr(entity, REMOTE_ID_COLUMN[item.entity_type], int(rows[0]["ID"]))
        await session.flush()
        return 1

    async def _learn_entries(self, session: AsyncSession, portal: Portal, items: list[OutboxItem]) -> int:
        """Which entries of their multiple fields hold our values, for records whose entries we never read
        (pushed before we kept them): the entry with the value both sides last agreed on, else none."""
        records = {}
        for item in items:
            entity = await session.get(MODEL_OF[item.entity_type], item.entity_id)
            remote_type = REMOTE_OF[item.entity_type]
            remote_id = getattr(entity, REMOTE_ID_COLUMN[item.entity_type])
            records[f"g{item.id}"] = (command(f"crm.{remote_type}.get", {"id": remote_id}), item)
        await session.commit()  # what was planned so far is kept; no transaction waits open while the portal answers
        answer = await self.client.batch({name: cmd for name, (cmd, _) in records.items()})
        for name, (_, item) in records.items():
            record = answer.results.get(name)
            state = await sync_state(session, portal.workspace_id, item.entity_type, item.entity_id)
            entries = dict(state.remote_entries or {})
            for ours, theirs in MULTIFIELDS[item.entity_type].items():
                if theirs not in entries and isinstance(record, dict) and state.base.get(ours):
                    value, entry_id = pick_entry(record.get(theirs), None, state.base[ours])
                    if (
                        entry_id is not None
                        and value is not None
                        and value.casefold() == str(state.base[ours]).casefold()
                    ):
                        entries[theirs] = entry_id
            state.remote_entries = entries
        await session.flush()
        return 1

    async def _plan(
        self,
        session: AsyncSession,
        portal: Portal,
        mapping: Mapping,
        item: OutboxItem,
        result: StepResult,
        entries_learned: bool = False,
    ):
        """The batch command for one outbox row, or None when there is nothing to send (row settled here).
        Raises ``EntriesUnknown`` when a multiple field changed whose entry of ours was never read."""
        kind = item.entity_type
        remote_type = REMOTE_OF[kind]
        entity = cast("Synced | None", await session.get(MODEL_OF[kind], item.entity_id))
        state = await sync_state(session, portal.workspace_id, kind, item.entity_id)
        remote_id = getattr(entity, REMOTE_ID_COLUMN[kind]) if entity is not None else None
        if entity is None or entity.deleted_at is not None:
            if remote_id is None:
                await self._complete(session, item, state, {})
                return None
            return command(f"crm.{remote_type}.delete", {"id": remote_id}), entity, None
        current = await self._projection(session, mapping, kind, entity)
        changed = current if remote_id is None else {k: v for k, v in current.items() if state.base.get(k) != v}
        if not changed:
            await self._complete(session, item, state, current)
            return None
        if remote_id is not None and not entries_learned and _entries_unknown(kind, changed, state):
            raise EntriesUnknown

        async def parent_remote_id(parent_kind: str, parent_id: int | None) -> int | None:
            return await remote_id_of(session, parent_kind, parent_id)

        strategy = STRATEGIES[kind]
        # A move to another pipeline (re-routed, or an opening that became an internship or a vacancy):
        # crm.deal.update ignores CATEGORY_ID (crm-deal-update.md), so the deal moves with crm.item.update, its
        # stage given in the new pipeline's terms.
        moving = remote_id is not None and strategy.moves(changed, state.base)
        assignee_remote, pipeline = await strategy.push_context(session, mapping, entity)
        try:
            values = {**changed, "status": current["status"]} if moving else changed
            fields = await to_remote(
                kind, values, mapping, parent_remote_id, assignee_remote, pipeline, state.remote_entries or {}
            )
            if remote_id is None:
                await strategy.add_fields(session, entity, fields)
        except MissingParent as missing:
            parent = missing.kind in MODEL_OF and await self._parent_state(session, portal, missing)
            if parent and parent.conflict == "deleted_with_children" and parent.status != SyncStatus.pending:
                # Its parent was deleted in Bitrix24: nothing is recreated there until an administrator says so.
                message = f"{missing.kind} {missing.entity_id} was deleted in Bitrix24; push it again or relink this"
                await self._push_failed(session, portal, item, message)
                result.failed += 1
                return None
            # Push the parent first (it is queued too, or queue it now) and come back to this one.
            if missing.kind in MODEL_OF:
                await ensure_queued(session, portal.workspace_id, missing.kind, missing.entity_id)
                item.due_at = utcnow() + timedelta(seconds=1)
                result.deferred += 1
                return None
            await self._push_failed(session, portal, item, "the Bitrix24 pipelines are not set up; run setup")
            result.failed += 1
            return None
        if remote_id is None:
            fields[UF["key"]] = record_key(portal.workspace_id, kind, entity.id)
            return command(f"crm.{remote_type}.add", {"fields": fields}), entity, current
        if moving:
            strategy.move_fields(fields, current)
            params = {"entityTypeId": 2, "id": remote_id, "fields": item_fields(fields), "useOriginalUfNames": "Y"}
            return command("crm.item.update", params), entity, current
        return command(f"crm.{remote_type}.update", {"id": remote_id, "fields": fields}), entity, current

    async def _parent_state(self, session: AsyncSession, portal: Portal, missing: MissingParent) -> SyncState | None:
        return await session.scalar(
            select(SyncState).where(
                SyncState.workspace_id == portal.workspace_id,
                SyncState.entity_type == missing.kind,
                SyncState.entity_id == missing.entity_id,
            )
        )

    async def _complete(self, session: AsyncSession, item: OutboxItem, state: SyncState, base: dict) -> None:
        # Only if no newer change arrived while this one was in flight (the version would have moved).
        done = await changed_rows(
            session,
            update(OutboxItem)
            .where(OutboxItem.id == item.id, OutboxItem.version == item.version)
            .values(done_at=utcnow())
            .execution_options(synchronize_session=False),
        )
        state.base = base
        state.error = state.conflict = None
        state.synced_at = utcnow()
        state.status = SyncStatus.synced if done else SyncStatus.pending
        # An entry of ours emptied here was deleted there (an empty VALUE with its ID deletes the entry).
        fields = MULTIFIELDS.get(item.entity_type, {})
        kept = {theirs for ours, theirs in fields.items() if base.get(ours)}
        if any(name not in kept for name in state.remote_entries or {}):
            state.remote_entries = {name: entry for name, entry in state.remote_entries.items() if name in kept}

    async def _pushed(self, session, portal: Portal, item: OutboxItem, entity, projection, answer: Any) -> None:
        state = await sync_state(session, portal.workspace_id, item.entity_type, item.entity_id)
        if projection is None:  # a delete went through
            await self._complete(session, item, state, {})
            return
        column = REMOTE_ID_COLUMN[item.entity_type]
        if getattr(entity, column) is None and isinstance(answer, int | str) and str(answer).isdigit():
            setattr(entity, column, int(answer))
        await self._complete(session, item, state, projection)

    async def _push_failed(self, session: AsyncSession, portal: Portal, item: OutboxItem, message: str) -> None:
        item.attempts += 1
        item.last_error = message[:1000]
        item.due_at = utcnow() + backoff(item.attempts)
        state = await sync_state(session, portal.workspace_id, item.entity_type, item.entity_id)
        state.error = message[:1000]
        if item.attempts >= MAX_ATTEMPTS or "not set up" in message:
            state.status = SyncStatus.failed
        log.warning("bitrix24_push_failed", kind=item.entity_type, id=item.entity_id, error=message[:200])

    # --- pull ----------------------------------------------------------------------------------

    async def pull_once(self) -> StepResult:
        """Fetch up to 50 due dirty records in one batch call and apply them, each on its own: one that cannot
        be applied is set aside with its reason and costs the others nothing."""
        result = StepResult()
        async with self.sessionmaker() as session:
            portal = await self._portal(session)
            due = (
                await session.execute(
                    select(DirtyEntity.entity_type, DirtyEntity.entity_id, DirtyEntity.marked_at)
                    .where(DirtyEntity.portal_id == portal.id, DirtyEntity.due_at <= utcnow())
                    # Records marked together go oldest first: of two that clash (one INN), the older one wins.
                    .order_by(DirtyEntity.due_at, DirtyEntity.entity_type, DirtyEntity.entity_id)
                    .limit(BATCH)
                )
            ).all()
        if not due:
            return result
        # Records reported deleted are fetched too: only the record's own "Not found" proves a delete (a list
        # that lacks it may come from another portal or from a user who lost the right to read it).
        answer = await self.client.batch(
            {_name(kind, remote_id): command(f"crm.{kind}.get", {"id": remote_id}) for kind, remote_id, _ in due}
        )
        try:
            result = await self._apply_answer(due, answer, isolated=False)
        except _Isolate:
            # A record broke a rule inside the batch's transaction, which is rolled back: apply the batch again,
            # each record in a savepoint of its own. (Savepoints cost every record on SQLite, so only then.)
            result = await self._apply_answer(due, answer, isolated=True)
        result.requests += 1
        _raise_if_limited(answer)
        return result

    async def _apply_answer(self, due: Sequence[Any], answer: BatchAnswer, isolated: bool) -> StepResult:
        result = StepResult()
        async with self.sessionmaker() as session:
            from_bitrix24(session)
            portal = await self._portal(session)
            mapping = Mapping.model_validate(portal.mapping or {})
            if isolated:
                await applications.hold_write_lock(session)  # savepoints nest in a write transaction on SQLite
            keys = [(kind, remote_id) for kind, remote_id, _ in due]
            rows = {
                (row.entity_type, row.entity_id): row
                for row in await session.scalars(
                    select(DirtyEntity).where(
                        DirtyEntity.portal_id == portal.id,
                        tuple_(DirtyEntity.entity_type, DirtyEntity.entity_id).in_(keys),
                    )
                )
            }
            for remote_type, remote_id, marked_at in due:
                row = rows.get((remote_type, remote_id))
                if row is None or row.marked_at != marked_at:
                    continue  # marked again while we fetched: the newer mark fetches it again
                if (limited := answer.limited.get(_name(remote_type, remote_id))) is not None:
                    row.due_at = utcnow() + timedelta(seconds=limited)  # not fetched: not an attempt
                    result.deferred += 1
                    continue
                try:
                    if isolated:
                        async with session.begin_nested():
                            await self._apply_fetched(session, portal, mapping, remote_type, remote_id, answer)
                    else:
                        await self._apply_fetched(session, portal, mapping, remote_type, remote_id, answer)
                # Unresolved references and the portal's refusals are found before anything is written.
                except Unresolved as unresolved:
                    if row.attempts >= MAX_ATTEMPTS:  # what it points at never came: the portal has no such record
                        await self._set_aside(session, portal, row, SyncConflict("incomplete", str(unresolved)))
                        result.conflicts += 1
                        continue
                    for ref_type, ref_id in unresolved.references:
                        await mark_dirty(session, portal.id, ref_type, ref_id)
                    await self._retry_later(row, str(unresolved))
                    result.deferred += 1
                    continue
                except Bitrix24Error as exc:
                    await self._retry_later(row, str(exc))
                    result.failed += 1
                    continue
                except Exception as exc:
                    if not isolated:
                        await session.rollback()
                        raise _Isolate from exc
                    if isinstance(exc, IntegrityError):
                        conflict = from_integrity_error(exc)
                    elif isinstance(exc, SyncConflict):
                        conflict = exc
                    else:  # an unreadable record must not hold up the others
                        log.exception("bitrix24_record_not_applied", type=remote_type, id=remote_id)
                        conflict = SyncConflict("invalid", str(exc)[:300])
                    await self._set_aside(session, portal, row, conflict)
                    result.conflicts += 1
                    continue
                await session.delete(row)
                result.done += 1
            await session.commit()
        return result

    async def _apply_fetched(
        self,
        session: AsyncSession,
        portal: Portal,
        mapping: Mapping,
        remote_type: str,
        remote_id: int,
        answer: BatchAnswer,
    ) -> None:
        name = _name(remote_type, remote_id)
        if name in answer.results:
            record = answer.results[name]
            await self.apply_record(session, portal, mapping, remote_type, record, fetched_at=_started(answer))
            return
        if _not_found(answer, name):
            await self._apply_delete(session, portal, remote_type, remote_id)
            return
        error = answer.errors.get(name) or {}
        raise Bitrix24Error(str(error.get("error") or ""), str(error.get("error_description") or "not executed"))

    @staticmethod
    async def _retry_later(row: DirtyEntity, message: str) -> None:
        row.attempts += 1
        row.last_error = message[:1000]
        row.due_at = utcnow() + backoff(row.attempts)

    async def _set_aside(self, session: AsyncSession, portal: Portal, row: DirtyEntity, conflict: SyncConflict):
        """Park a record we cannot apply: visible with its reason, looked at again when it changes there (an
        event or a reconciliation marks it afresh), when an administrator asks, or after a day."""
        row.conflict = conflict.code
        row.last_error = conflict.message[:1000]
        row.attempts += 1
        row.due_at = utcnow() + timedelta(seconds=PARK_SECONDS)
        kind, entity = await self._find(session, portal, KINDS_OF[row.entity_type], row.entity_id)
        if entity is not None:
            state = await sync_state(session, portal.workspace_id, kind, entity.id)
            state.status, state.conflict, state.error = SyncStatus.conflict, conflict.code, conflict.message[:1000]
        log.warning("bitrix24_record_conflict", type=row.entity_type, id=row.entity_id, conflict=conflict.code)

    async def _find(self, session, portal: Portal, kinds: tuple[str, ...], remote_id: int):
        for kind in kinds:
            model = MODEL_OF[kind]
            column = getattr(model, REMOTE_ID_COLUMN[kind])
            entity = await session.scalar(
                select(model).where(model.workspace_id == portal.workspace_id, column == remote_id)
            )
            if entity is not None:
                return kind, entity
        return None, None

    async def _apply_delete(self, session: AsyncSession, portal: Portal, remote_type: str, remote_id: int) -> None:
        """The record is gone from the portal. Ours is archived (history stays, the record leaves the lists, and
        it comes back if the record reappears), unless records here still belong to it: then the delete is
        refused as a delete made here would be, and the record waits for an administrator, unlinked."""
        kind, entity = await self._find(session, portal, KINDS_OF[remote_type], remote_id)
        if entity is None or entity.deleted_at is not None:
            return
        state = await sync_state(session, portal.workspace_id, kind, entity.id)
        state.base, state.remote_entries, state.remote_modified = {}, {}, None
        children = await live_children(session, kind, entity.id)
        if children is not None:
            child_kind, count = children
            setattr(entity, REMOTE_ID_COLUMN[kind], None)  # nothing is written to a record that is gone
            state.status, state.conflict = SyncStatus.conflict, "deleted_with_children"
            state.error = (
                f"Deleted in Bitrix24 while {count} {child_kind} record(s) here belong to it: push it again to "
                f"recreate it there, or remove those here first and then remove it."
            )
            return
        entity.deleted_at = utcnow()
        state.status, state.synced_at, state.remote_deleted_at = SyncStatus.synced, utcnow(), utcnow()
        state.error = state.conflict = None
        # A change of ours still waiting for the record has nowhere to go.
        await session.execute(
            update(OutboxItem)
            .where(
                OutboxItem.workspace_id == portal.workspace_id,
                OutboxItem.entity_type == kind,
                OutboxItem.entity_id == entity.id,
                OutboxItem.done_at.is_(None),
            )
            .values(done_at=utcnow())
            .execution_options(synchronize_session=False)
        )

    async def apply_record(
        self,
        session: AsyncSession,
        portal: Portal,
        mapping: Mapping,
        remote_type: str,
        record: dict[str, Any],
        resolve: LocalIdOf | None = None,
        fetched_at: float | None = None,
    ) -> str | None:
        """Apply one fetched Bitrix24 record to our data. Returns what it did (for import progress).

        ``resolve`` answers (our kind, Bitrix24 id) → our id for the record's references; by default one
        query each (the import passes answers looked up for a whole page at once). ``fetched_at`` is when the
        portal read the record, in its own clock (a batch's ``time.start``)."""
        remote_id = int(record["ID"])
        kind, entity = await self._find(session, portal, KINDS_OF[remote_type], remote_id)
        state = await sync_state(session, portal.workspace_id, kind, entity.id) if entity is not None else None

        async def local_id_of(kind: str, rid: int) -> int | None:
            return await self._local_id(session, portal.workspace_id, kind, rid)

        incoming = await from_remote(
            remote_type,
            record,
            mapping,
            resolve or local_id_of,
            entries=state.remote_entries if state is not None else None,
            agreed=state.base if state is not None else None,
        )
        if incoming is None:
            return None
        if incoming.unresolved:
            raise Unresolved(incoming)
        if entity is None or state is None:
            return await self._create_local(session, portal, mapping, incoming, record, fetched_at)
        if kind != incoming.kind:
            raise SyncConflict(
                "kind_changed",
                f"Bitrix24 {remote_type} {remote_id} is now a {incoming.kind}; here it is {kind} {entity.id}",
            )
        if entity.deleted_at is not None:
            if state.remote_deleted_at is None:
                return None  # removed here: the delete is on its way to Bitrix24
            entity.deleted_at = state.remote_deleted_at = None  # deleted there, and now back: restored here too
        local = await self._projection(session, mapping, incoming.kind, entity)
        pending = await session.scalar(
            select(OutboxItem.id).where(
                OutboxItem.workspace_id == portal.workspace_id,
                OutboxItem.entity_type == incoming.kind,
                OutboxItem.entity_id == entity.id,
                OutboxItem.done_at.is_(None),
            )
        )
        changes = {}
        for name, value in incoming.values.items():
            if value == state.base.get(name) and name in state.base:
                continue  # unchanged there since we last agreed
            if pending is not None and local.get(name) != state.base.get(name):
                continue  # changed here too and about to be pushed: ours wins, as the push will say
            changes[name] = value
        answer_back = bool(changes) and await STRATEGIES[kind].apply_changes(session, entity, changes, record)
        await session.flush()  # a rule this breaks (a duplicate) fails here, inside the record's savepoint
        state.base = {**state.base, **changes, **{k: v for k, v in local.items() if k not in state.base}}
        state.remote_entries = incoming.entries
        state.remote_modified = proven_version(record, fetched_at)
        state.conflict = None
        if pending is None:
            state.status, state.error, state.synced_at = SyncStatus.synced, None, utcnow()
        elif state.status == SyncStatus.conflict:
            state.status, state.error = SyncStatus.pending, None
        if answer_back and await self._projection(session, mapping, incoming.kind, entity) != state.base:
            await session.flush()  # the sync state row first: queueing upserts it
            await ensure_queued(session, portal.workspace_id, incoming.kind, entity.id)
        return "updated" if changes else "unchanged"

    async def _create_local(
        self,
        session: AsyncSession,
        portal: Portal,
        mapping: Mapping,
        incoming: Incoming,
        record: dict[str, Any],
        fetched_at: float | None,
    ):
        """A record made in Bitrix24: create it here when it carries what we need, else say why."""
        kind = incoming.kind
        strategy = STRATEGIES[kind]
        entity = self.new_local(portal, incoming, int(record["ID"]))
        session.add(entity)
        await strategy.added(session, entity, record)
        await session.flush()
        state = await sync_state(session, portal.workspace_id, kind, entity.id)
        state.base, state.status, state.synced_at = project(kind, entity), SyncStatus.synced, utcnow()
        state.remote_entries = incoming.entries
        state.remote_modified = proven_version(record, fetched_at)
        state.base = {**state.base, **await strategy.created(session, entity, incoming, record)}
        if await self._projection(session, mapping, kind, entity) != state.base:
            # What was decided here on the way in (an application's assignee, by routing) goes back.
            await session.flush()  # the sync state row first: queueing upserts it
            await ensure_queued(session, portal.workspace_id, kind, entity.id)
        return "created"

    @staticmethod
    def new_values(portal: Portal, incoming: Incoming, remote_id: int) -> tuple[dict[str, Any], list[str]]:
        """The attributes of our new record for a Bitrix24 one, and an opening's skills; raises when the record
        lacks what we need."""
        kind = incoming.kind
        # The pipeline is the route's, made when the application is routed, not a column of the record.
        values = {k: v for k, v in incoming.values.items() if v is not None and k != "category_id"}
        strategy = STRATEGIES[kind]
        missing = [name for name in strategy.required if not values.get(name)]
        if missing:
            raise SyncConflict("incomplete", f"{kind} {remote_id} lacks {', '.join(missing)}")
        if "status" in values and not valid_status(kind, values["status"]):
            values.pop("status")
        skills = values.pop("skills", [])
        strategy.new_values(values)
        values.update({"workspace_id": portal.workspace_id, REMOTE_ID_COLUMN[kind]: remote_id})
        return values, skills

    @classmethod
    def new_local(cls, portal: Portal, incoming: Incoming, remote_id: int):
        """Our new record for a Bitrix24 one, not yet added to a session; raises when it lacks what we need."""
        values, skills = cls.new_values(portal, incoming, remote_id)
        entity = MODEL_OF[incoming.kind](**values)
        if isinstance(entity, Opening):
            entity.skill_rows = [OpeningSkill(skill=s) for s in skills]
        return entity

    # --- reconcile -----------------------------------------------------------------------------

    async def reconcile(self) -> StepResult:
        """Mark dirty every record changed since the watermark (with a minute of overlap) that we have not
        fetched in that version already and that can be ours."""
        result = StepResult()
        async with self.sessionmaker() as session:
            portal = await self._portal(session)
            watermarks = dict(portal.watermarks or {})
            mapping = Mapping.model_validate(portal.mapping or {})
        before = self.client.requests
        newest: dict[str, str] = {}
        listed: dict[str, list[dict[str, Any]]] = {}
        for remote_type in REMOTE_TYPES:
            since = watermarks.get(remote_type)
            flt = {">=DATE_MODIFY": since} if since else {}
            rows = await self.client.list_all(
                f"crm.{remote_type}.list", filter=flt, select=RECONCILE_SELECT[remote_type]
            )
            listed[remote_type] = rows
            for row in rows:
                stamp = row.get("DATE_MODIFY") or ""
                if stamp > newest.get(remote_type, ""):
                    newest[remote_type] = stamp
        result.requests = self.client.requests - before
        async with self.sessionmaker() as session:
            portal = await self._portal(session)
            linked = await session.scalars(
                select(University.bitrix24_company_id).where(
                    University.workspace_id == portal.workspace_id, University.bitrix24_company_id.is_not(None)
                )
            )
            universities = {remote_id for remote_id in linked if remote_id is not None}
            universities |= {
                int(row["ID"]) for row in listed["company"] if row.get("COMPANY_TYPE") == mapping.university_type
            }
            for remote_type, rows in listed.items():
                versions = await self._versions(session, portal, remote_type, [int(row["ID"]) for row in rows])
                for row in rows:
                    remote_id = int(row["ID"])
                    if remote_id in versions:
                        if versions[remote_id] is not None and versions[remote_id] == row.get("DATE_MODIFY"):
                            continue  # this version was applied already (by an event's fetch)
                    elif not _may_be_ours(remote_type, row, mapping, universities):
                        continue
                    await mark_dirty(session, portal.id, remote_type, remote_id)
                    result.done += 1
            portal.watermarks = {**watermarks, **{k: _overlap(v) for k, v in newest.items()}}
            portal.last_reconciled_at = utcnow()
            await session.commit()
        return result

    @staticmethod
    async def _versions(
        session: AsyncSession, portal: Portal, remote_type: str, remote_ids: list[int]
    ) -> dict[int, str | None]:
        """The version last applied of each of these Bitrix24 records that is linked here (None: unknown)."""
        versions: dict[int, str | None] = {}
        for kind in KINDS_OF[remote_type]:
            model = MODEL_OF[kind]
            column = getattr(model, REMOTE_ID_COLUMN[kind])
            for start in range(0, len(remote_ids), 1000):
                rows = await session.execute(
                    select(column, SyncState.remote_modified)
                    .outerjoin(
                        SyncState,
                        (SyncState.workspace_id == model.workspace_id)
                        & (SyncState.entity_type == kind)
                        & (SyncState.entity_id == model.id),
                    )
                    .where(model.workspace_id == portal.workspace_id, column.in_(remote_ids[start : start + 1000]))
                )
                versions.update({remote_id: version for remote_id, version in rows})
        return versions

    async def find_remote_deletions(self) -> StepResult:
        """Deleted records are not in any list, so a missed delete event heals by comparing id sets. Every id
        missing there is only marked for a fetch, whose "Not found" alone archives the record; and when an
        implausible share goes missing at once, nothing is marked until an administrator agrees."""
        result = StepResult()
        remote: dict[str, set[int]] = {}
        for remote_type in REMOTE_TYPES:
            rows = await self.client.list_all(f"crm.{remote_type}.list", select=["ID"])
            remote[remote_type] = {int(row["ID"]) for row in rows}
        async with self.sessionmaker() as session:
            portal = await self._portal(session)
            missing: dict[str, list[int]] = {}
            known: dict[str, int] = {}
            for kind, remote_type in REMOTE_OF.items():
                model = MODEL_OF[kind]
                column = getattr(model, REMOTE_ID_COLUMN[kind])
                ours = set(
                    await session.scalars(
                        select(column).where(
                            model.workspace_id == portal.workspace_id, column.is_not(None), model.deleted_at.is_(None)
                        )
                    )
                )
                known[kind] = len(ours)
                missing[kind] = sorted(ours - remote[remote_type])
            gone = sum(len(ids) for ids in missing.values())
            approved = bool((portal.deletion_hold or {}).get("approved"))
            if gone >= DELETION_GUARD_MIN and gone > DELETION_GUARD_SHARE * sum(known.values()) and not approved:
                portal.deletion_hold = {
                    "detected_at": utcnow().isoformat(),
                    "missing": {kind: len(ids) for kind, ids in missing.items() if ids},
                    "known": known,
                    "approved": False,
                }
                log.warning("bitrix24_deletions_held", portal=portal.id, missing=gone, known=sum(known.values()))
            else:
                portal.deletion_hold = None
                for kind, ids in missing.items():
                    for remote_id in ids:
                        await mark_dirty(session, portal.id, REMOTE_OF[kind], remote_id, deleted=True)
                        result.done += 1
            await session.commit()
        return result


def _overlap(stamp: str) -> str:
    """A watermark a minute before ``stamp``: records modified in the same second are not skipped."""
    try:
        return (datetime.fromisoformat(stamp) - timedelta(minutes=1)).isoformat()
    except ValueError:
        return stamp


# How the portal says a record does not exist: "Not found" (crm-deal-get.md and every .get, crm-deal-update.md,
# crm-deal-delete.md), "Contact is not found" (crm-contact-update.md), "Company is not found"
# (crm-company-update.md, crm-company-delete.md), "Element not found" (crm-contact-delete.md).
NOT_FOUND = frozenset({"Not found", "Contact is not found", "Company is not found", "Element not found"})


def _not_found(answer: BatchAnswer, name: str) -> bool:
    return (answer.errors.get(name) or {}).get("error_description") in NOT_FOUND


def _raise_if_limited(answer: BatchAnswer) -> None:
    """After the rest of a batch is kept: a method blocked for its execution time rests the whole portal."""
    if answer.limited:
        wait = max(answer.limited.values())
        raise OperationTimeLimit("OPERATION_TIME_LIMIT", "a method is blocked for its execution time", 429, wait)


def _name(remote_type: str, remote_id: int) -> str:
    # The whole type: a company and a contact may share an id, and their commands must not share a name.
    return f"{remote_type}{remote_id}"


def _started(answer: BatchAnswer) -> float | None:
    try:
        return float(answer.time["start"])
    except (KeyError, TypeError, ValueError):
        return None


def proven_version(record: dict[str, Any], fetched_at: float | None) -> str | None:
    """The record's DATE_MODIFY, when it names the version we hold. Bitrix24 stamps whole seconds, so a record
    read within the second of its stamp may change again under the same stamp: such a read proves nothing."""
    stamp = record.get("DATE_MODIFY")
    moment = parse_datetime(stamp) if isinstance(stamp, str) else None
    if moment is None or fetched_at is None or fetched_at < moment.timestamp() + 1:
        return None
    return stamp


def _may_be_ours(remote_type: str, row: dict[str, Any], mapping: Mapping, universities: set[int]) -> bool:
    """Can a record new to us be one of ours: a company of our types, a deal in our pipelines, a contact of
    one of our universities."""
    if remote_type == "company":
        return row.get("COMPANY_TYPE") in (mapping.university_type, mapping.employer_type)
    if remote_type == "deal":
        return mapping.classify_deal(int_or_none(row.get("CATEGORY_ID")) or 0) is not None
    return int_or_none(row.get("COMPANY_ID")) in universities


def _entries_unknown(kind: str, changed: dict[str, Any], state: SyncState) -> bool:
    """A multiple field changed here whose entry of ours there we never read (a value was agreed, so the
    portal holds it in some entry): sending it without the entry's ID would add a second value."""
    entries = state.remote_entries or {}
    return any(
        ours in changed and theirs not in entries and state.base.get(ours)
        for ours, theirs in MULTIFIELDS.get(kind, {}).items()
    )


class _Isolate(Exception):
    """A record of a batch cannot be applied: apply the batch again, each record on its own."""


class EntriesUnknown(Exception):
    """Read the record's multiple fields before pushing: which entry is ours is not known yet."""


class Unresolved(Exception):
    """A record points at others we do not have yet: fetch those first."""

    def __init__(self, incoming: Incoming) -> None:
        refs = []
        remote_of_field = {
            "university_id": "company",
            "company_id": "company",
            "student_id": "contact",
            "opening_id": "deal",
        }
        for ref in incoming.unresolved:
            name, _, remote_id = ref.partition(":")
            refs.append((remote_of_field[name], int(remote_id)))
        super().__init__(f"{incoming.kind} waits for {', '.join(incoming.unresolved)}")
        self.references = refs
