"""Universities: who may see and change them, and the rules for removing one."""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.auth.principal import Principal
from internhub.common.crud import apply, one_or_404, saved, soft_delete
from internhub.common.pagination import Page, paginate
from internhub.common.search import contains
from internhub.errors import Conflict, Forbidden
from internhub.models import Role, Student, University
from internhub.tenancy import readable
from internhub.universities.schemas import UniversityIn, UniversityPatch, UniversityQuery

SORTABLE = {"id": University.id, "name": University.name, "created_at": University.created_at}


async def get(session: AsyncSession, principal: Principal, university_id: int) -> University:
    return await one_or_404(
        session, readable(University, principal).where(University.id == university_id), "University"
    )


async def list_(session: AsyncSession, principal: Principal, query: UniversityQuery) -> Page:
    stmt = readable(University, principal)
    if query.city:
        stmt = stmt.where(University.city == query.city)
    if query.q:
        stmt = stmt.where(contains(query.q, University.name, University.short_name))
    return await paginate(session, stmt, query, SORTABLE, University.id)


async def _ensure_unique_name(session: AsyncSession, principal: Principal, name: str, exclude: int | None) -> None:
    clash = select(University.id).where(
        University.workspace_id == principal.workspace_id,
        University.deleted_at.is_(None),
        University.name == name,
    )
    if exclude is not None:
        clash = clash.where(University.id != exclude)
    if (existing := await session.scalar(clash)) is not None:
        raise Conflict(
            f"A university named {name!r} already exists.", existing_id=existing, code="university_name_taken"
        )


def _check_can_write(principal: Principal, university_id: int | None) -> None:
    if principal.is_staff:
        return
    if principal.role == Role.university and university_id == principal.university_id:
        return
    raise Forbidden("Only managers can add or change universities other than your own.")


async def create(session: AsyncSession, principal: Principal, body: UniversityIn) -> University:
    values = body.model_dump()
    _check_can_write(principal, None)
    await _ensure_unique_name(session, principal, values["name"], None)
    university = University(workspace_id=principal.workspace_id, **values)
    session.add(university)
    return await saved(session, university)


async def update(session: AsyncSession, principal: Principal, university_id: int, patch: UniversityPatch) -> University:
    values = patch.model_dump(exclude_unset=True)
    university = await get(session, principal, university_id)
    _check_can_write(principal, university.id)
    if "name" in values:
        await _ensure_unique_name(session, principal, values["name"], university.id)
    apply(university, values)
    return await saved(session, university)


async def delete(session: AsyncSession, principal: Principal, university_id: int) -> None:
    university = await get(session, principal, university_id)
    if not principal.is_staff:
        raise Forbidden("Only managers can remove a university.")
    has_students = await session.scalar(
        select(exists().where(Student.university_id == university.id, Student.deleted_at.is_(None)))
    )
    if has_students:
        raise Conflict("The university still has students; move or remove them first.", code="university_has_students")
    soft_delete(university)
    await session.flush()
