"""One way in for every channel: match or create the student, refuse duplicates, create the application,
route it, and give the applicant a private link to its status."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.announcements import PeopleToTell, announce
from internhub.applications.files import CheckedFile
from internhub.applications.slots import free_places
from internhub.auth.principal import Principal
from internhub.common.crud import saved
from internhub.errors import Conflict, Unprocessable
from internhub.models import (
    Application,
    ApplicationIntake,
    ApplicationRoute,
    ApplicationSource,
    ApplicationStatus,
    ApplicationStatusChange,
    Opening,
    OpeningStatus,
    StoredFile,
    Student,
    StudentSkill,
    University,
    utcnow,
)
from internhub.notifications.mail import remember_status_url
from internhub.routing import service as routing
from internhub.security import new_token, token_digest
from internhub.students.service import find_match, normalise_email, normalise_phone

STATUS_TOKEN_PREFIX = "ihs_"
S = ApplicationStatus


@dataclass
class Applicant:
    """A person as a channel describes them (the student record is found or made from this)."""

    email: str
    full_name: str | None = None
    phone: str | None = None
    university_id: int | None = None
    course: int | None = None
    specialty: str | None = None
    skills: list[str] = field(default_factory=list)
    consent_version: str | None = None


@dataclass
class Submitted:
    application: Application
    token: str
    student_created: bool


async def check_open(session: AsyncSession, opening: Opening) -> None:
    if opening.status != OpeningStatus.active:
        raise Conflict(
            f"The opening is {opening.status}; it takes applications only while active.", code="opening_not_active"
        )
    if opening.ended:
        raise Conflict(f"The opening ended on {opening.ends_on}; it takes no more applications.", code="opening_ended")
    if await free_places(session, opening) <= 0:
        raise Conflict("The opening has no free places left.", code="opening_full")


async def upsert_student(
    session: AsyncSession, workspace_id: int, person: Applicant, overwrite: bool
) -> tuple[Student, bool]:
    """The workspace's student with this e-mail or phone, updated; or a new one. One person, one student
    (and so one Bitrix24 contact: the update is pushed to the contact the student already has).

    ``overwrite``: a trusted channel (staff, the student's university) corrects what it sends; an
    anonymous form only fills in what is missing, so nobody can rewrite a stranger's record by e-mail."""
    email = normalise_email(person.email)
    phone = normalise_phone(person.phone)
    student = await find_match(session, workspace_id, email, phone)
    values = {
        "full_name": person.full_name,
        "phone": phone,
        "university_id": person.university_id,
        "course": person.course,
        "specialty": person.specialty,
    }
    if student is None:
        missing = [name for name in ("full_name", "university_id", "course") if values[name] is None]
        if missing:
            raise Unprocessable(
                f"We do not know this person yet: give {', '.join(missing)}.",
                errors=[
                    {"in": "body", "field": name, "message": "required for a new student", "type": "missing"}
                    for name in missing
                ],
                code="student_details_required",
            )
        student = Student(
            workspace_id=workspace_id,
            email=email,
            skill_rows=[StudentSkill(skill=s) for s in sorted(set(person.skills))],
            **{k: v for k, v in values.items() if v is not None},
        )
        session.add(student)
        created = True
    else:
        for name, value in values.items():
            if value is not None and (overwrite or getattr(student, name) in (None, "")):
                setattr(student, name, value)
        known = set(student.skills)
        for skill in sorted(set(person.skills) - known):
            student.skill_rows.append(StudentSkill(skill=skill))
        created = False
    if person.consent_version:
        student.consent_version, student.consent_at = person.consent_version, utcnow()
    await session.flush()
    return student, created


def add_history(
    session: AsyncSession,
    application: Application,
    to_status: ApplicationStatus,
    actor: Principal | None,
    source: ApplicationSource,
    from_status: ApplicationStatus | None = None,
    reason: str | None = None,
    actor_name: str | None = None,
) -> None:
    session.add(
        ApplicationStatusChange(
            application_id=application.id,
            from_status=from_status,
            to_status=to_status,
            changed_by_id=actor.user_id if actor else None,
            actor=actor_name or (actor.name if actor else ""),
            source=source,
            reason=reason,
        )
    )


async def finish(
    session: AsyncSession,
    application: Application,
    actor: Principal | None,
    *,
    actor_name: str | None = None,
    consent_version: str | None = None,
    cv: CheckedFile | None = None,
    locale: str = "ru",
    keep_assignee: bool = False,
) -> str:
    """What every new application gets: its first history entry, a route, the private status link (the
    token is returned once and stored only as a hash), and the people routing names are told."""
    token = new_token(STATUS_TOKEN_PREFIX)
    remember_status_url(session, application.id, f"/status/{token}")
    add_history(session, application, S.new, actor, application.source, actor_name=actor_name)
    route, start = await route_and_tell(session, application, keep_assignee=keep_assignee)
    if start is not None and start != S.new:
        add_history(
            session, application, start, None, application.source, S.new, actor_name=f"Routing: {route.rule_name}"
        )
        application.status = start
    cv_row = None
    if cv is not None:
        cv_row = StoredFile(
            workspace_id=application.workspace_id,
            filename=cv.filename,
            content_type=cv.content_type,
            size=len(cv.data),
            sha256=cv.sha256,
            data=cv.data,
        )
        session.add(cv_row)
        await session.flush()
    session.add(
        ApplicationIntake(
            application_id=application.id,
            workspace_id=application.workspace_id,
            status_token_hash=token_digest(token),
            cv_file_id=cv_row.id if cv_row else None,
            consent_version=consent_version,
            consent_at=utcnow() if consent_version else None,
            locale=locale,
        )
    )
    return token


async def route_and_tell(
    session: AsyncSession, application: Application, keep_assignee: bool = False, category_id: int | None = None
) -> tuple[ApplicationRoute, ApplicationStatus | None]:
    """Route the application and announce who should hear of it (its assignee, the rule's people)."""
    route, start = await routing.route(session, application, keep_assignee=keep_assignee, category_id=category_id)
    actions = await routing.rule_actions(session, route)
    people = routing.notify_list(route, actions, application.assignee_id)
    announce(session, PeopleToTell(application.id, tuple(people)))
    return route, start


async def submit(
    session: AsyncSession,
    opening: Opening,
    person: Applicant,
    source: ApplicationSource,
    actor: Principal | None,
    *,
    actor_name: str | None = None,
    overwrite: bool,
    cover_letter: str | None = None,
    cv: CheckedFile | None = None,
    locale: str = "ru",
) -> Submitted:
    """An application from someone described by their details rather than by a student id."""
    await check_open(session, opening)
    if person.university_id is not None:
        known = await session.scalar(
            select(University.id).where(
                University.id == person.university_id,
                University.workspace_id == opening.workspace_id,
                University.deleted_at.is_(None),
            )
        )
        if known is None:
            raise Conflict("The university is not one of this workspace.", code="university_unknown")
    student, created = await upsert_student(session, opening.workspace_id, person, overwrite)
    application = await apply_student(
        session,
        opening,
        student,
        source,
        actor,
        actor_name=actor_name,
        cover_letter=cover_letter,
        consent_version=person.consent_version,
        cv=cv,
        locale=locale,
    )
    return Submitted(application, application.status_token, created)


async def check_not_applied(session: AsyncSession, opening_id: int, student_id: int, reveal: bool = True) -> None:
    """Removed applications count too: one row per (opening, student) is what the database enforces. The
    existing application's id goes to those who may open it, never to the anonymous public form."""
    existing = await session.scalar(
        select(Application.id).where(Application.opening_id == opening_id, Application.student_id == student_id)
    )
    if existing is not None:
        more = {"existing_id": existing} if reveal else {}
        raise Conflict("This student has already applied to this opening.", code="already_applied", **more)


async def apply_student(
    session: AsyncSession,
    opening: Opening,
    student: Student,
    source: ApplicationSource,
    actor: Principal | None,
    *,
    actor_name: str | None = None,
    cover_letter: str | None = None,
    assignee_id: int | None = None,
    consent_version: str | None = None,
    cv: CheckedFile | None = None,
    locale: str = "ru",
) -> Application:
    """A new application of a known student; ``status_token`` is set on it for the creating answer only."""
    await check_open(session, opening)
    await check_not_applied(session, opening.id, student.id, reveal=actor is not None)
    application = Application(
        workspace_id=opening.workspace_id,
        opening_id=opening.id,
        student_id=student.id,
        status=S.new,
        source=source,
        cover_letter=cover_letter,
        assignee_id=assignee_id,
    )
    session.add(application)
    await session.flush()
    application.status_token = await finish(
        session,
        application,
        actor,
        actor_name=actor_name,
        consent_version=consent_version,
        cv=cv,
        locale=locale,
        keep_assignee=assignee_id is not None,
    )
    return await saved(session, application)


def values_of(person: Any) -> Applicant:
    """An ``Applicant`` from any schema that carries some of its fields."""
    fields: dict[str, Any] = {name: getattr(person, name, None) for name in Applicant.__dataclass_fields__}
    fields["skills"] = list(fields["skills"] or [])
    return Applicant(**fields)
