"""What a pull cannot apply: a conflict with a stable code and a reason, shown instead of stopping the sync.

A Bitrix24 record that would break one of our rules (a second company with an INN we already have, a record
whose type moved to another of our kinds, a parent deleted there while children depend on it here) is set
aside with its reason; every other record keeps flowing. Codes are stable for the web app to translate:

| code                    | what happened                                                               |
| ----------------------- | --------------------------------------------------------------------------- |
| duplicate_inn           | an employer with this INN exists here already                               |
| duplicate_name          | a university with this name exists here already                             |
| duplicate_email         | a student with this e-mail exists here already                              |
| duplicate_application   | the student has applied to this opening already                             |
| bitrix24_id_taken       | another record here is linked to this Bitrix24 record                       |
| kind_changed            | the record became another kind of ours (company type, pipeline)             |
| incomplete              | a new record lacks what we need (a name, a university, an opening ...)      |
| deleted_with_children   | deleted in Bitrix24 while records here still belong to it                   |
| invalid                 | a value we cannot read                                                      |
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.bitrix24.mapping import MODEL_OF
from internhub.bitrix24.outbox import queue_statements
from internhub.models import SyncState

PARK_SECONDS = 24 * 3600  # a record in conflict is looked at again when it changes, or once a day

_CONSTRAINTS = {
    "uq_companies_workspace_inn": ("duplicate_inn", "an employer with this INN exists here already"),
    "uq_universities_workspace_name": ("duplicate_name", "a university with this name exists here already"),
    "uq_students_workspace_email": ("duplicate_email", "a student with this e-mail exists here already"),
    "applications_opening_id": ("duplicate_application", "the student has applied to this opening already"),
    "_bitrix24": ("bitrix24_id_taken", "another record here is linked to this Bitrix24 record"),
}

# (child kind, its reference) of each kind that others depend on: the local rules refuse to remove a parent
# while any of these is live (companies/openings/universities services).
CHILDREN = {
    "company": ("opening", "company_id"),
    "university": ("student", "university_id"),
    "opening": ("application", "opening_id"),
    "student": ("application", "student_id"),
}


class SyncConflict(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def from_integrity_error(exc: IntegrityError) -> SyncConflict:
    """The rule a write broke, named by the constraint in the database's message (both databases name it)."""
    text = str(exc.orig)
    for constraint, (code, message) in _CONSTRAINTS.items():
        if constraint in text:
            return SyncConflict(code, message)
    # SQLite names the columns of a unique constraint rather than the constraint itself.
    if "applications.opening_id, applications.student_id" in text:
        return SyncConflict(*_CONSTRAINTS["applications_opening_id"])
    if "companies.workspace_id, companies.inn" in text:
        return SyncConflict(*_CONSTRAINTS["uq_companies_workspace_inn"])
    if "universities.workspace_id, universities.name" in text:
        return SyncConflict(*_CONSTRAINTS["uq_universities_workspace_name"])
    if "students.workspace_id, students.email" in text:
        return SyncConflict(*_CONSTRAINTS["uq_students_workspace_email"])
    if "bitrix24_" in text:
        return SyncConflict(*_CONSTRAINTS["_bitrix24"])
    return SyncConflict("invalid", text.splitlines()[0][:300])


async def live_children(session: AsyncSession, kind: str, entity_id: int) -> tuple[str, int] | None:
    """(child kind, how many) of the live records that belong to this one, or None."""
    if kind not in CHILDREN:
        return None
    child_kind, reference = CHILDREN[kind]
    model = MODEL_OF[child_kind]
    count = await session.scalar(
        select(func.count()).where(getattr(model, reference) == entity_id, model.deleted_at.is_(None))
    )
    return (child_kind, count) if count else None


async def relink_children(session: AsyncSession, workspace_id: int, kind: str, entity_id: int) -> None:
    """A parent pushed again after its record was deleted in Bitrix24 gets a new record there: queue its live
    children with their link to it forgotten, so that each push names the new record."""
    if kind not in CHILDREN:
        return
    child_kind, reference = CHILDREN[kind]
    model = MODEL_OF[child_kind]
    children = list(
        await session.scalars(
            select(model.id).where(getattr(model, reference) == entity_id, model.deleted_at.is_(None))
        )
    )
    states = await session.scalars(
        select(SyncState).where(
            SyncState.workspace_id == workspace_id,
            SyncState.entity_type == child_kind,
            SyncState.entity_id.in_(children),
        )
    )
    for state in states:
        state.base = {name: value for name, value in state.base.items() if name != reference}
    await session.flush()
    dialect = session.get_bind().dialect.name
    for child_id in children:
        for statement in queue_statements(dialect, workspace_id, child_kind, child_id):
            await session.execute(statement)
