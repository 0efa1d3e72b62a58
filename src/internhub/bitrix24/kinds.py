"""What differs between the kinds of record the sync carries: one small strategy per kind behind one protocol.

``sync.PortalSync`` moves records in batches and keeps their sync state; for each record it asks the kind's
strategy the few things only that kind knows:

- **push**: the fields that describe it (``projection``), what else its Bitrix24 fields need (``push_context``:
  an application's assignee and pipeline), what an add carries beside them (``add_fields``), and whether a change
  moves its deal to another pipeline (``moves``, then ``move_fields``);
- **pull**: how a change made in Bitrix24 is applied (``apply_changes``), what a new record needs
  (``required``, ``new_values``) and what goes with its creation here (``added``, ``created``).

A university, a company and a student need nothing beyond the common behaviour; an opening and an application
each say what is theirs.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.applications import service as applications
from internhub.applications.intake import route_and_tell
from internhub.bitrix24.mapping import MODEL_OF, REMOTE_ID_COLUMN, Incoming, Mapping, PipelineMapping, project
from internhub.bitrix24.outbox import queue_statements
from internhub.common.skills import replace_skills
from internhub.models import (
    Application,
    ApplicationRoute,
    ApplicationSource,
    ApplicationStatus,
    ApplicationStatusChange,
    Opening,
    OpeningSkill,
    Student,
    User,
)
from internhub.notifications import bitrix24 as bitrix24_notify

log = structlog.get_logger(__name__)


async def remote_id_of(session: AsyncSession, kind: str, entity_id: int | None) -> int | None:
    """The Bitrix24 id of one of our records, if it has one."""
    if entity_id is None:
        return None
    model = MODEL_OF[kind]
    return await session.scalar(select(getattr(model, REMOTE_ID_COLUMN[kind])).where(model.id == entity_id))


async def ensure_queued(session: AsyncSession, workspace_id: int, kind: str, entity_id: int) -> None:
    """Queue a record for a push (once: an upsert onto its outbox row)."""
    # The record may be in this very batch, its sync state made a moment ago: write it first, so the upsert
    # below finds it instead of the flush at commit inserting it a second time.
    await session.flush()
    for statement in queue_statements(session.get_bind().dialect.name, workspace_id, kind, entity_id):
        await session.execute(statement)


def assign(kind: str, entity: Any, changes: dict[str, Any]) -> None:
    """Set what changed in Bitrix24 on our record."""
    columns = MODEL_OF[kind].__table__.c
    for name, value in changes.items():
        if name in columns and not columns[name].nullable and value in (None, ""):
            continue  # never blank a required field because the other side did
        if name == "skills":
            replace_skills(entity, OpeningSkill, value)
        elif name in ("starts_on", "ends_on"):
            setattr(entity, name, datetime.fromisoformat(value).date() if value else None)
        else:
            setattr(entity, name, value)


class KindSync:
    """The common behaviour: the projection is the record's synced fields, a change is set as it came."""

    kind: ClassVar[str]
    required: ClassVar[tuple[str, ...]]

    async def projection(self, session: AsyncSession, mapping: Mapping, entity: Any) -> dict[str, Any]:
        return project(self.kind, entity)

    def moves(self, changed: dict[str, Any], base: dict[str, Any]) -> bool:
        """Does this change move the record's deal to another pipeline?"""
        return False

    def move_fields(self, fields: dict[str, Any], current: dict[str, Any]) -> None:
        """What a move (``crm.item.update``) carries beside the changed fields."""

    async def push_context(
        self, session: AsyncSession, mapping: Mapping, entity: Any
    ) -> tuple[int | None, PipelineMapping | None]:
        """The Bitrix24 user of its assignee and the pipeline its deal is in, where the kind has them."""
        return None, None

    async def add_fields(self, session: AsyncSession, entity: Any, fields: dict[str, Any]) -> None:
        """Fields an add carries beside the record's own."""

    async def apply_changes(
        self, session: AsyncSession, entity: Any, changes: dict[str, Any], record: dict[str, Any]
    ) -> bool:
        """Apply a change made in Bitrix24; True when what we now hold must go back there."""
        assign(self.kind, entity, changes)
        return False

    def new_values(self, values: dict[str, Any]) -> None:
        """Turn what came from Bitrix24 into the attributes of a new record, in place."""

    async def added(self, session: AsyncSession, entity: Any, record: dict[str, Any]) -> None:
        """A new record from Bitrix24 was just added to the session (before its first flush)."""

    async def created(
        self, session: AsyncSession, entity: Any, incoming: Incoming, record: dict[str, Any]
    ) -> dict[str, Any]:
        """What follows a record's creation from Bitrix24; returns what is agreed with Bitrix24 beside its
        projection."""
        return {}


class UniversitySync(KindSync):
    kind = "university"
    required = ("name",)


class CompanySync(KindSync):
    kind = "company"
    required = ("name",)


class StudentSync(KindSync):
    kind = "student"
    required = ("full_name", "email", "course", "university_id")


class OpeningSync(KindSync):
    kind = "opening"
    required = ("title", "company_id")

    def moves(self, changed: dict[str, Any], base: dict[str, Any]) -> bool:
        # An opening that became an internship or a vacancy moves to that pipeline.
        return "kind" in changed

    def new_values(self, values: dict[str, Any]) -> None:
        for name in ("starts_on", "ends_on"):
            if values.get(name):
                values[name] = datetime.fromisoformat(values[name]).date()


class ApplicationSync(KindSync):
    kind = "application"
    required = ("student_id", "opening_id")

    async def projection(self, session: AsyncSession, mapping: Mapping, entity: Any) -> dict[str, Any]:
        """A routed application's projection also names the pipeline its deal belongs in (an application never
        routed here, an imported one, is wherever Bitrix24 has it)."""
        current = project(self.kind, entity)
        route = await session.get(ApplicationRoute, entity.id)
        pipeline = mapping.application_pipeline(route.bitrix24_category_id) if route is not None else None
        if pipeline is not None:
            current["category_id"] = pipeline.category_id
        return current

    def moves(self, changed: dict[str, Any], base: dict[str, Any]) -> bool:
        # Re-routed to another pipeline, or routed again with the opening changed.
        return "category_id" in changed and ("category_id" in base or "opening_id" in changed)

    def move_fields(self, fields: dict[str, Any], current: dict[str, Any]) -> None:
        fields["CATEGORY_ID"] = current["category_id"]

    async def push_context(
        self, session: AsyncSession, mapping: Mapping, entity: Any
    ) -> tuple[int | None, PipelineMapping | None]:
        assignee = None
        if entity.assignee_id is not None:
            assignee = await session.scalar(select(User.bitrix24_user_id).where(User.id == entity.assignee_id))
        route = await session.get(ApplicationRoute, entity.id)  # loaded with the projection already
        return assignee, mapping.application_pipeline(route.bitrix24_category_id if route is not None else None)

    async def add_fields(self, session: AsyncSession, entity: Any, fields: dict[str, Any]) -> None:
        student = await session.get(Student, entity.student_id)
        opening = await session.get(Opening, entity.opening_id)
        fields.setdefault("TITLE", f"{student.full_name if student else '—'} → {opening.title if opening else '—'}")
        company_remote = await remote_id_of(session, "company", opening.company_id) if opening else None
        if company_remote:
            fields["COMPANY_ID"] = company_remote

    async def apply_changes(
        self, session: AsyncSession, entity: Any, changes: dict[str, Any], record: dict[str, Any]
    ) -> bool:
        """A deal moved to another applications pipeline stays there (the route follows it); a deal linked to
        another opening is routed again, as a move here would be. A stage a manager moved the deal to is kept
        even when it breaks a rule a move here keeps (a hire beyond the opening's places, a step back from
        hired): the history says so, and the deal's responsible person is told in Bitrix24. Returns True when
        what we now hold must go back to Bitrix24 (the new route, or a refused link)."""
        application: Application = entity
        values = {name: value for name, value in changes.items() if name not in ("category_id", "status")}
        answer_back = False
        before = application.opening_id
        opening_id = values.get("opening_id")
        if opening_id is not None and opening_id != before:
            taken = await session.scalar(
                select(Application.id).where(
                    Application.opening_id == opening_id,
                    Application.student_id == application.student_id,
                    Application.id != application.id,
                )
            )
            if taken is not None:
                # One application per student and opening: keep ours and put the deal's link back.
                del values["opening_id"]
                log.warning("bitrix24_opening_link_refused", application=application.id, taken_by=taken)
            answer_back = True
        assign(self.kind, application, values)
        target = changes.get("status")
        if target is not None and target != application.status:
            current = ApplicationStatus(application.status)
            await enter_stage(session, application, current, ApplicationStatus(target), record)
        route = await session.get(ApplicationRoute, application.id)
        if "category_id" in changes and route is not None:
            route.bitrix24_category_id = changes["category_id"]
        if application.opening_id != before:
            await session.flush()
            await route_and_tell(session, application)
        return answer_back

    def new_values(self, values: dict[str, Any]) -> None:
        values["source"] = ApplicationSource.bitrix24
        values["status"] = values.get("status", "new")

    async def added(self, session: AsyncSession, entity: Any, record: dict[str, Any]) -> None:
        await enter_stage(session, entity, None, ApplicationStatus(entity.status), record)

    async def created(
        self, session: AsyncSession, entity: Any, incoming: Incoming, record: dict[str, Any]
    ) -> dict[str, Any]:
        # A deal a manager made in Bitrix24 is routed like any other application, in the pipeline it was made
        # in; what routing decided here (the assignee) is pushed back to the deal.
        await route_and_tell(session, entity, category_id=incoming.category_id)
        return {"category_id": incoming.category_id}


async def enter_stage(
    session: AsyncSession,
    application: Application,
    current: ApplicationStatus | None,
    target: ApplicationStatus,
    record: dict[str, Any],
) -> None:
    """The application takes the stage its deal is in, with its history, flagged when that breaks a rule."""
    broken = await applications.rules_broken_by(session, application.opening_id, current, target)
    application.status = target
    if application.id is None:
        await session.flush()
    session.add(
        ApplicationStatusChange(
            application_id=application.id,
            from_status=current,
            to_status=target,
            actor="Bitrix24",
            source=ApplicationSource.bitrix24,
            reason=("Bitrix24: " + "; ".join(broken))[:500] if broken else None,
        )
    )
    if broken:
        responsible = int_or_none(record.get("ASSIGNED_BY_ID"))
        bitrix24_notify.warn_about_portal_move(session, application.id, int(record["ID"]), responsible, broken)
        log.warning("bitrix24_move_breaks_rules", application=application.id, broken=broken)


def int_or_none(value: Any) -> int | None:
    """A Bitrix24 id as a number; None for an empty one (Bitrix24 writes "0" or "" for none)."""
    try:
        return int(str(value)) or None
    except ValueError:
        return None


STRATEGIES: dict[str, KindSync] = {
    strategy.kind: strategy
    for strategy in (UniversitySync(), CompanySync(), StudentSync(), OpeningSync(), ApplicationSync())
}
