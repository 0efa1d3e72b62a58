"""Skill counts: what active openings ask for against what students offer.

A student's or an opening's skills change in many small ways (rows replaced, a university or status
changed), so instead of adding differences the counts of the touched universities and companies are
recomputed by a job once the change has committed: an index walk over their students or openings, then
the workspace's totals from those per-university and per-company rows. Seconds behind at most, and a
dashboard never scans the skill tables.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Integer, String, and_, delete, func, inspect, literal, select
from sqlalchemy.orm import Session

from internhub import jobs
from internhub.models import Opening, OpeningSkill, OpeningStatus, Student, StudentSkill
from internhub.models.analytics import RollupScope, SkillCount

STUDENTS, OPENINGS = "s", "o"
PENDING = "analytics_skills"
COLUMNS = ["workspace_id", "side", "scope", "scope_id", "kind", "skill", "n"]
LOCK_CLASS = 0x534B  # first key of the advisory lock taken per workspace while its skills are recounted


def _student_counts(workspace_id: int, university_ids: list[int] | None):
    where = [Student.workspace_id == workspace_id, Student.deleted_at.is_(None)]
    if university_ids is not None:
        where.append(Student.university_id.in_(university_ids))
    return (
        select(
            Student.workspace_id,
            literal(STUDENTS, String),
            literal(str(RollupScope.university), String),
            Student.university_id,
            literal("", String),
            StudentSkill.skill,
            func.count(),
        )
        .join(StudentSkill, StudentSkill.student_id == Student.id)
        .where(*where)
        .group_by(Student.workspace_id, Student.university_id, StudentSkill.skill)
    )


def _opening_counts(workspace_id: int, company_ids: list[int] | None):
    where = [
        Opening.workspace_id == workspace_id,
        Opening.deleted_at.is_(None),
        Opening.status == OpeningStatus.active,
    ]
    if company_ids is not None:
        where.append(Opening.company_id.in_(company_ids))
    return (
        select(
            Opening.workspace_id,
            literal(OPENINGS, String),
            literal(str(RollupScope.company), String),
            Opening.company_id,
            Opening.kind,
            OpeningSkill.skill,
            func.count(),
        )
        .join(OpeningSkill, OpeningSkill.opening_id == Opening.id)
        .where(*where)
        .group_by(Opening.workspace_id, Opening.company_id, Opening.kind, OpeningSkill.skill)
    )


def _workspace_totals(workspace_id: int):
    parts = SkillCount.__table__.c
    return (
        select(
            parts.workspace_id,
            parts.side,
            literal(str(RollupScope.workspace), String),
            literal(0, Integer),
            parts.kind,
            parts.skill,
            func.sum(parts.n),
        )
        .where(parts.workspace_id == workspace_id, parts.scope != str(RollupScope.workspace))
        .group_by(parts.workspace_id, parts.side, parts.kind, parts.skill)
    )


def refresh(
    connection: Connection, workspace_id: int, university_ids: list[int] | None, company_ids: list[int] | None
) -> None:
    """Recount the given universities' and companies' skills (None: all of them), then the workspace's."""
    table = SkillCount.__table__
    c = table.c
    mine = c.workspace_id == workspace_id
    if connection.dialect.name == "postgresql":
        # Runs for one workspace overlap (a job per transaction, a rebuild): the later one's DELETE does not
        # see rows the earlier one inserts and commits meanwhile, so its INSERT hit them (duplicate key).
        # One at a time per workspace; each statement after the lock sees what the previous run committed.
        # (SQLite has one writer at a time already.)
        connection.execute(select(func.pg_advisory_xact_lock(LOCK_CLASS, workspace_id)))
    for side, scope, ids, counts in (
        (STUDENTS, RollupScope.university, university_ids, _student_counts(workspace_id, university_ids)),
        (OPENINGS, RollupScope.company, company_ids, _opening_counts(workspace_id, company_ids)),
    ):
        if ids is not None and not ids:
            continue
        stale = and_(mine, c.side == side, c.scope == str(scope))
        if ids is not None:
            stale = and_(stale, c.scope_id.in_(ids))
        connection.execute(delete(table).where(stale))
        connection.execute(table.insert().from_select(COLUMNS, counts))
    connection.execute(delete(table).where(mine, c.scope == str(RollupScope.workspace)))
    connection.execute(table.insert().from_select(COLUMNS, _workspace_totals(workspace_id)))


def rebuild(connection: Connection, workspace_id: int) -> None:
    refresh(connection, workspace_id, None, None)


@jobs.job
async def refresh_skills(workspace_id: int, university_ids: list[int], company_ids: list[int]) -> None:
    async with jobs.session() as session:
        connection = await session.connection()
        await connection.run_sync(refresh, workspace_id, university_ids, company_ids)
        await session.commit()


# --- which universities and companies a flush touched --------------------------------------------------


def _old_and_new(obj: Any, name: str) -> set[Any]:
    history = inspect(obj).attrs[name].history
    return {value for value in (*history.deleted, getattr(obj, name)) if value is not None}


def note_touched(session: Session, _context) -> None:
    universities: dict[int, set[int]] = {}
    companies: dict[int, set[int]] = {}
    student_ids: set[int] = set()
    opening_ids: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Student):
            universities.setdefault(obj.workspace_id, set()).update(_old_and_new(obj, "university_id"))
        elif isinstance(obj, Opening):
            companies.setdefault(obj.workspace_id, set()).update(_old_and_new(obj, "company_id"))
        elif isinstance(obj, StudentSkill):
            student_ids.add(obj.student_id)
        elif isinstance(obj, OpeningSkill):
            opening_ids.add(obj.opening_id)
    if student_ids:
        rows = session.connection().execute(
            select(Student.workspace_id, Student.university_id).where(Student.id.in_(student_ids))
        )
        for workspace_id, university_id in rows:
            universities.setdefault(workspace_id, set()).add(university_id)
    if opening_ids:
        rows = session.connection().execute(
            select(Opening.workspace_id, Opening.company_id).where(Opening.id.in_(opening_ids))
        )
        for workspace_id, company_id in rows:
            companies.setdefault(workspace_id, set()).add(company_id)
    # One job per workspace and transaction: it is queued at the first flush with lists that later flushes
    # of the same transaction extend, and it is sent (with what the lists hold by then) after the commit.
    pending: dict[int, tuple[list[int], list[int]]] = session.info.setdefault(PENDING, {})
    for workspace_id in {*universities, *companies}:
        if workspace_id not in pending:
            pending[workspace_id] = ([], [])
            jobs.enqueue(session, refresh_skills, workspace_id, *pending[workspace_id])
        for ids, touched in zip(pending[workspace_id], (universities, companies), strict=True):
            ids.extend(sorted(touched.get(workspace_id, set()) - set(ids)))


def forget_after_commit(session: Session) -> None:
    session.info.pop(PENDING, None)


def forget_after_rollback(session: Session, previous_transaction) -> None:
    if previous_transaction is None or previous_transaction.parent is None:
        session.info.pop(PENDING, None)
