"""Applications: who may apply for whom, the status life cycle with its history, and slot accounting."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import Select, false, func, join, select
from sqlalchemy import update as update_rows
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from internhub.announcements import PeopleToTell, announce
from internhub.applications import intake
from internhub.applications.schemas import ApplicationIn, ApplicationPatch, ApplicationQuery, CandidateOut, CvOut
from internhub.applications.slots import hired_count
from internhub.auth.principal import Principal
from internhub.common.crud import apply, one_or_404, saved, soft_delete
from internhub.common.pagination import Page, paginate
from internhub.common.search import contains
from internhub.errors import Conflict, Forbidden, NotFound, Unprocessable
from internhub.models import (
    Application,
    ApplicationIntake,
    ApplicationSource,
    ApplicationStatus,
    ApplicationStatusChange,
    Company,
    Opening,
    Role,
    StoredFile,
    Student,
    University,
    User,
    Workspace,
)
from internhub.openings import service as openings
from internhub.students import service as students
from internhub.tenancy import readable

S = ApplicationStatus
SORTABLE = {"id": Application.id, "applied_at": Application.applied_at, "updated_at": Application.updated_at}
PIPELINE = [S.new, S.screening, S.interview, S.offer, S.hired]
FINAL = {S.hired, S.rejected, S.withdrawn}


def allowed_transitions(current: ApplicationStatus) -> list[ApplicationStatus]:
    """Forward along the pipeline (skipping steps is fine), or out by rejection or withdrawal."""
    if current in FINAL:
        return []
    later = PIPELINE[PIPELINE.index(current) + 1 :]
    return [*later, S.rejected, S.withdrawn]


async def rules_broken_by(
    session: AsyncSession, opening_id: int, current: ApplicationStatus | None, target: ApplicationStatus
) -> list[str]:
    """What a move from ``current`` (None: a new application) to ``target`` breaks of the rules a move made here
    keeps (the transitions, the opening's places), worded for the manager. Here such a move is refused; one a
    manager made in Bitrix24 is kept and flagged with these."""
    broken = []
    if current is not None and target != current and target not in allowed_transitions(current):
        broken.append(f"переход «{current}» → «{target}» не предусмотрен")
    if target == S.hired and current != S.hired:
        opening = await session.get(Opening, opening_id)
        hired = await hired_count(session, opening_id)
        if opening is not None and hired >= opening.slots:
            broken.append(f"мест на вакансии {opening.slots}, принято уже {hired}: принятых станет больше, чем мест")
    return broken


async def get(session: AsyncSession, principal: Principal, application_id: int) -> Application:
    return await one_or_404(
        session, readable(Application, principal).where(Application.id == application_id), "Application"
    )


async def cv_of(session: AsyncSession, principal: Principal, application_id: int) -> StoredFile:
    """The application's CV (the caller must be able to read the application), or a 404."""
    application = await get(session, principal, application_id)
    cv = await session.scalar(
        select(StoredFile)
        .join(ApplicationIntake, ApplicationIntake.cv_file_id == StoredFile.id)
        .where(ApplicationIntake.application_id == application.id)
        .options(undefer(StoredFile.data))
    )
    if cv is None:
        raise NotFound("This application has no CV.", code="cv_missing")
    return cv


async def candidate_of(session: AsyncSession, principal: Principal, application_id: int) -> CandidateOut:
    """The application's candidate whole (the caller must be able to read the application; students read their own
    record elsewhere): the person, their university, the assignee and what their CV is."""
    if principal.role == Role.student:
        raise Forbidden("The candidate's card is for those who handle applications.")
    application = await get(session, principal, application_id)
    student, university = (
        await session.execute(
            select(Student, University.name)
            .join(University, University.id == Student.university_id)
            .where(Student.id == application.student_id)
        )
    ).one()
    assignee = None
    if application.assignee_id is not None:
        found = (
            await session.execute(select(User.full_name, User.email).where(User.id == application.assignee_id))
        ).first()
        assignee = (found.full_name or found.email) if found else None
    cv = (
        await session.execute(
            select(StoredFile.filename, StoredFile.content_type, StoredFile.size, StoredFile.created_at)
            .join(ApplicationIntake, ApplicationIntake.cv_file_id == StoredFile.id)
            .where(ApplicationIntake.application_id == application.id)
        )
    ).first()
    return CandidateOut(
        student_id=student.id,
        full_name=student.full_name,
        email=student.email,
        phone=student.phone,
        course=student.course,
        specialty=student.specialty,
        skills=student.skills,
        university_id=student.university_id,
        university_name=university or "",
        assignee_id=application.assignee_id,
        assignee_name=assignee,
        cv=None if cv is None else CvOut(filename=cv[0], content_type=cv[1], size=cv[2], uploaded_at=cv[3]),
    )


# What a board shows beside each application: the student's name, the opening's title and its company's name,
# joined by primary keys. Built once: building three joins took longer than the lookup by id they serve.
NAMES = (Student.full_name, Opening.title, Company.name)
WITH_NAMES = (
    join(Application, Student, Student.id == Application.student_id)
    .join(Opening, Opening.id == Application.opening_id)
    .join(Company, Company.id == Opening.company_id)
)


def _names_joined(stmt: Select) -> Select:
    """``stmt`` (a select from applications) with the names beside each application."""
    return stmt.add_columns(*NAMES).select_from(WITH_NAMES)


def _name(application: Application, *names: str) -> Application:
    application.student_name, application.opening_title, application.company_name = names
    return application


async def with_names(session: AsyncSession, applications: list[Application]) -> list[Application]:
    """Give each application its names (``_names_joined``). One query for any number of applications."""
    if not applications:
        return applications
    rows = await session.execute(
        _names_joined(select(Application.id)).where(Application.id.in_([a.id for a in applications]))
    )
    names = {row[0]: row[1:] for row in rows}
    return [_name(application, *names[application.id]) for application in applications]


async def named(session: AsyncSession, application: Application) -> Application:
    return (await with_names(session, [application]))[0]


async def read(session: AsyncSession, principal: Principal, application_id: int) -> Application:
    """One application with its names, read in one statement (a lookup by id is dominated by its round trips)."""
    stmt = _names_joined(readable(Application, principal).where(Application.id == application_id))
    found = (await session.execute(stmt.limit(1))).first()
    if found is None:
        raise NotFound("Application not found.")
    return _name(*found)


def _day_start(day) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def filtered(principal: Principal, query: ApplicationQuery) -> Select:
    """The caller's applications that match the list's filters (all but paging and sort)."""
    stmt = readable(Application, principal)
    for column, value in (
        (Application.status, query.status),
        (Application.source, query.source),
        (Application.opening_id, query.opening_id),
        (Application.student_id, query.student_id),
        (Application.assignee_id, query.assignee_id),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    opening_filters = [
        column == value
        for column, value in ((Opening.company_id, query.company_id), (Opening.kind, query.kind))
        if value is not None
    ]
    if opening_filters:
        stmt = stmt.where(Application.opening_id.in_(select(Opening.id).where(*opening_filters)))
    if query.university_id is not None:
        of_university = select(Student.id).where(Student.university_id == query.university_id)
        stmt = stmt.where(Application.student_id.in_(of_university))
    if query.applied_from is not None:
        stmt = stmt.where(Application.applied_at >= _day_start(query.applied_from))
    if query.applied_to is not None:
        stmt = stmt.where(Application.applied_at < _day_start(query.applied_to) + timedelta(days=1))
    if query.q:
        stmt = stmt.where(Application.student_id.in_(select(Student.id).where(contains(query.q, Student.full_name))))
    return stmt


async def list_(session: AsyncSession, principal: Principal, query: ApplicationQuery) -> Page:
    page = await paginate(session, filtered(principal, query), query, SORTABLE, Application.id)
    await with_names(session, page.items)
    return page


async def count_by_status(
    session: AsyncSession, principal: Principal, query: ApplicationQuery
) -> dict[ApplicationStatus, int]:
    """Exactly how many of the caller's matching applications are in each status now (a board's columns)."""
    stmt = filtered(principal, query.model_copy(update={"status": None}))
    rows = await session.execute(
        stmt.with_only_columns(Application.status, func.count()).order_by(None).group_by(Application.status)
    )
    counts = dict.fromkeys(ApplicationStatus, 0)
    counts.update({ApplicationStatus(status): count for status, count in rows.all()})
    return counts


def _source_for(principal: Principal, requested: ApplicationSource | None) -> ApplicationSource:
    if principal.is_staff:
        return requested or ApplicationSource.portal
    if requested is not None:
        raise Forbidden("Only managers can set the source of an application.")
    return ApplicationSource.university if principal.role == Role.university else ApplicationSource.portal


async def _check_assignee(session: AsyncSession, principal: Principal, assignee_id: int | None) -> None:
    if assignee_id is None:
        return
    found = await session.scalar(
        select(User.id).where(User.id == assignee_id, User.workspace_id == principal.workspace_id)
    )
    if found is None:
        raise Conflict("The assignee is not a user of this workspace.", code="assignee_unknown")


async def create(session: AsyncSession, principal: Principal, body: ApplicationIn) -> Application:
    values = body.model_dump()
    if principal.role == Role.recruiter:
        raise Forbidden("Recruiters receive applications; they do not file them.")
    student = await students.get(session, principal, values["student_id"])
    if principal.role == Role.student and student.id != principal.student_id:
        raise Forbidden("Students can apply only for themselves.")
    opening = await openings.get(session, principal, values["opening_id"])
    await _check_assignee(session, principal, values.get("assignee_id"))
    return await intake.apply_student(
        session,
        opening,
        student,
        _source_for(principal, values["source"]),
        principal,
        cover_letter=values.get("cover_letter"),
        assignee_id=values.get("assignee_id"),
    )


async def _move_to_opening(session: AsyncSession, principal: Principal, application: Application, opening_id: int):
    """Another opening for the same person: it must take applications, and routing starts over."""
    opening = await openings.get(session, principal, opening_id)
    await intake.check_open(session, opening)
    await intake.check_not_applied(session, opening.id, application.student_id)
    application.opening_id = opening.id
    await session.flush()
    await intake.route_and_tell(session, application)


def _check_can_change(principal: Principal, target: ApplicationStatus | None) -> None:
    if principal.is_staff or principal.role == Role.recruiter:
        return
    if target == S.withdrawn and principal.role in (Role.student, Role.university):
        return
    raise Forbidden("You can only withdraw an application; the employer moves it through its stages.")


async def hold_write_lock(session: AsyncSession) -> None:
    """On SQLite, become the writer now. Its transactions start as readers; a reader that decided on what
    it read (a free place, a savepoint's checks) must not find another writer got in first. A no-op
    UPDATE takes the database's one write lock; PostgreSQL locks rows instead and needs nothing here."""
    if session.get_bind().dialect.name == "sqlite":
        await session.execute(update_rows(Workspace).where(false()).values(name=Workspace.name))


async def _lock_opening_for_hire(session: AsyncSession, opening_id: int) -> Opening:
    # Row lock on PostgreSQL so that two concurrent hires cannot both take the last place; on SQLite
    # (FOR UPDATE is dropped there) the write lock is taken before the places are counted.
    await hold_write_lock(session)
    return (await session.scalars(select(Opening).where(Opening.id == opening_id).with_for_update(of=Opening))).one()


async def update(
    session: AsyncSession, principal: Principal, application_id: int, patch: ApplicationPatch
) -> Application:
    values = patch.model_dump(exclude_unset=True)
    application = await get(session, principal, application_id)
    target = values.pop("status", None)
    _check_can_change(principal, target)
    if values and not (principal.is_staff or principal.role == Role.recruiter):
        raise Forbidden("Only the employer or managers can change these fields.")
    await _check_assignee(session, principal, values.get("assignee_id"))
    if (opening_id := values.pop("opening_id", None)) is not None and opening_id != application.opening_id:
        if application.status in FINAL:
            raise Conflict(
                f"A {application.status} application stays with its opening.", code="application_opening_fixed"
            )
        await _move_to_opening(session, principal, application, opening_id)
    if values.get("assignee_id") not in (None, application.assignee_id):
        announce(session, PeopleToTell(application.id, (values["assignee_id"],)))
    if target is not None and target != application.status:
        current = ApplicationStatus(application.status)
        if target not in allowed_transitions(current):
            raise Conflict(
                f"An application cannot go from {current} to {target}.",
                allowed=[str(s) for s in allowed_transitions(current)],
                code="application_transition_refused",
            )
        if target == S.hired:
            opening = await _lock_opening_for_hire(session, application.opening_id)
            if await hired_count(session, opening.id) >= opening.slots:
                raise Conflict("The opening has no free places left.", code="opening_full")
        reason = values.get("rejection_reason") if target == S.rejected else None
        if target == S.rejected and not (reason or application.rejection_reason):
            raise Unprocessable(
                "Say why the application is rejected.",
                errors=[
                    {"in": "body", "field": "rejection_reason", "message": "required to reject", "type": "missing"}
                ],
                code="rejection_reason_required",
            )
        source = _source_for(principal, None)
        intake.add_history(session, application, target, principal, source, current, reason)
        application.status = target
    apply(application, values)
    return await saved(session, application)


async def history(session: AsyncSession, principal: Principal, application_id: int) -> list[ApplicationStatusChange]:
    application = await get(session, principal, application_id)
    rows = await session.scalars(
        select(ApplicationStatusChange)
        .where(ApplicationStatusChange.application_id == application.id)
        .order_by(ApplicationStatusChange.id)
    )
    return list(rows)


async def delete(session: AsyncSession, principal: Principal, application_id: int) -> None:
    application = await get(session, principal, application_id)
    if not principal.is_staff:
        raise Forbidden("Only managers can remove an application; others withdraw it.")
    soft_delete(application)
    await session.flush()
