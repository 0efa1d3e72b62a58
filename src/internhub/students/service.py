"""Students: a university's coordinators manage their own; recruiters see those who applied to them."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.auth.principal import Principal
from internhub.common.crud import apply, one_or_404, saved, soft_delete
from internhub.common.pagination import Page, paginate
from internhub.common.search import contains
from internhub.common.skills import having_all, replace_skills
from internhub.errors import Conflict, Forbidden
from internhub.models import Role, Student, StudentSkill, utcnow
from internhub.students.schemas import StudentIn, StudentPatch, StudentQuery
from internhub.tenancy import readable
from internhub.universities import service as universities

SORTABLE = {
    "id": Student.id,
    "full_name": Student.full_name,
    "course": Student.course,
    "created_at": Student.created_at,
}


async def get(session: AsyncSession, principal: Principal, student_id: int) -> Student:
    return await one_or_404(session, readable(Student, principal).where(Student.id == student_id), "Student")


async def list_(session: AsyncSession, principal: Principal, query: StudentQuery) -> Page:
    stmt = readable(Student, principal)
    if query.university_id is not None:
        stmt = stmt.where(Student.university_id == query.university_id)
    if query.course is not None:
        stmt = stmt.where(Student.course == query.course)
    if query.specialty:
        stmt = stmt.where(Student.specialty == query.specialty)
    if query.skills:
        stmt = stmt.where(having_all(Student.id, StudentSkill.skill, StudentSkill.student_id, query.skills))
    if query.q:
        stmt = stmt.where(contains(query.q, Student.full_name, Student.email))
    return await paginate(session, stmt, query, SORTABLE, Student.id)


def _check_can_write(principal: Principal, university_id: int) -> None:
    if principal.is_staff or (principal.role == Role.university and university_id == principal.university_id):
        return
    raise Forbidden("Only managers or the student's own university can change students.")


async def _ensure_unique_email(session: AsyncSession, principal: Principal, email: str, exclude: int | None) -> None:
    clash = select(Student.id, Student.university_id).where(
        Student.workspace_id == principal.workspace_id, Student.deleted_at.is_(None), Student.email == email
    )
    if exclude is not None:
        clash = clash.where(Student.id != exclude)
    if (existing := (await session.execute(clash)).first()) is None:
        return
    student_id, university_id = existing
    if principal.is_staff or university_id == principal.university_id:
        raise Conflict(f"A student with e-mail {email} already exists.", code="email_taken", existing_id=student_id)
    # Another university's student: which one, and whose, is not this caller's to learn.
    raise Conflict(
        "This e-mail cannot be used for a new student here; the organisation's managers can help.",
        code="email_unavailable",
    )


def normalise_email(email: str) -> str:
    return email.strip().lower()


def normalise_phone(phone: str | None) -> str | None:
    """``+7 (900) 000-00-00``, ``8 900 000 00 00`` and ``9000000000`` are one Russian number: ``+79000000000``.

    Anything that does not look like a phone number is kept as typed (and then matches only itself)."""
    if not phone:
        return phone
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 11 and digits[0] in "78":
        return "+7" + digits[1:]
    if len(digits) == 10 and digits[0] == "9":
        return "+7" + digits
    if 11 <= len(digits) <= 15 and phone.lstrip().startswith("+"):
        return "+" + digits
    return phone.strip()


async def find_match(session: AsyncSession, workspace_id: int, email: str, phone: str | None) -> Student | None:
    """The one student an incoming person already is: the same e-mail, else the same phone number."""
    live = select(Student).where(Student.workspace_id == workspace_id, Student.deleted_at.is_(None))
    found = await session.scalar(live.where(Student.email == normalise_email(email)).limit(1))
    if found is None and (phone := normalise_phone(phone)):
        found = await session.scalar(live.where(Student.phone == phone).order_by(Student.id).limit(1))
    return found


def _prepare(values: dict) -> dict:
    if values.get("email"):
        values["email"] = normalise_email(values["email"])
    if values.get("phone"):
        values["phone"] = normalise_phone(values["phone"])
    if values.get("consent_version"):
        values["consent_at"] = utcnow()
    return values


async def create(session: AsyncSession, principal: Principal, body: StudentIn) -> Student:
    values = body.model_dump()
    values = _prepare(values)
    _check_can_write(principal, values["university_id"])
    await universities.get(session, principal, values["university_id"])
    await _ensure_unique_email(session, principal, values["email"], None)
    skills = values.pop("skills")
    student = Student(workspace_id=principal.workspace_id, skill_rows=[StudentSkill(skill=s) for s in skills], **values)
    session.add(student)
    return await saved(session, student)


async def update(session: AsyncSession, principal: Principal, student_id: int, patch: StudentPatch) -> Student:
    values = patch.model_dump(exclude_unset=True)
    student = await get(session, principal, student_id)
    values = _prepare(values)
    _check_can_write(principal, student.university_id)
    if "university_id" in values:
        _check_can_write(principal, values["university_id"])
        await universities.get(session, principal, values["university_id"])
    if "email" in values:
        await _ensure_unique_email(session, principal, values["email"], student.id)
    if (skills := values.pop("skills", None)) is not None:
        replace_skills(student, StudentSkill, skills)
    apply(student, values)
    return await saved(session, student)


async def delete(session: AsyncSession, principal: Principal, student_id: int) -> None:
    student = await get(session, principal, student_id)
    _check_can_write(principal, student.university_id)
    soft_delete(student)
    await session.flush()
