"""Openings: a company's internships and vacancies, and the life cycle draft → active → closed → completed."""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.auth.principal import Principal
from internhub.common.crud import apply, one_or_404, saved, soft_delete
from internhub.common.pagination import Page, paginate
from internhub.common.skills import having_all, replace_skills
from internhub.companies import service as companies
from internhub.errors import Conflict, Forbidden, Unprocessable
from internhub.models import Application, Opening, OpeningSkill, OpeningStatus, Role
from internhub.models.base import utcnow
from internhub.models.openings import city_key_of
from internhub.openings import search
from internhub.openings.schemas import OpeningIn, OpeningPatch, OpeningQuery
from internhub.tenancy import readable

SORTABLE = {
    "id": Opening.id,
    "title": Opening.title,
    "created_at": Opening.created_at,
    "updated_at": Opening.updated_at,
}

TRANSITIONS: dict[OpeningStatus, set[OpeningStatus]] = {
    OpeningStatus.draft: {OpeningStatus.active, OpeningStatus.closed},
    OpeningStatus.active: {OpeningStatus.closed, OpeningStatus.completed},
    OpeningStatus.closed: {OpeningStatus.active, OpeningStatus.completed},
    OpeningStatus.completed: set(),
}


async def get(session: AsyncSession, principal: Principal, opening_id: int) -> Opening:
    return await one_or_404(session, readable(Opening, principal).where(Opening.id == opening_id), "Opening")


def not_ended() -> ColumnElement[bool]:
    return or_(Opening.ends_on.is_(None), Opening.ends_on >= utcnow().date())


def in_city(city: str) -> ColumnElement[bool]:
    return Opening.city_key == city_key_of(city)


async def list_(session: AsyncSession, principal: Principal, query: OpeningQuery) -> Page:
    stmt = readable(Opening, principal)
    if query.city:
        stmt = stmt.where(in_city(query.city))
    if query.current:
        stmt = stmt.where(not_ended())
    for column, value in (
        (Opening.status, query.status),
        (Opening.kind, query.kind),
        (Opening.company_id, query.company_id),
        (Opening.format, query.format),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    if query.starts_from is not None:
        stmt = stmt.where(Opening.starts_on >= query.starts_from)
    if query.starts_to is not None:
        stmt = stmt.where(Opening.starts_on <= query.starts_to)
    if query.skills:
        stmt = stmt.where(having_all(Opening.id, OpeningSkill.skill, OpeningSkill.opening_id, query.skills))
    if query.q and query.q.split():
        stmt = stmt.where(search.every_word(query.q))
    return await paginate(session, stmt, query, SORTABLE, Opening.id)


def _check_can_write(principal: Principal, company_id: int) -> None:
    if principal.is_staff or (principal.role == Role.recruiter and company_id == principal.company_id):
        return
    raise Forbidden("Only managers or the company's own recruiters can change its openings.")


def _check_transition(current: OpeningStatus, target: OpeningStatus) -> None:
    if target != current and target not in TRANSITIONS[current]:
        allowed = sorted(TRANSITIONS[current])
        raise Conflict(
            f"An opening cannot go from {current} to {target}.", allowed=allowed, code="opening_transition_refused"
        )


def _check_period(opening: Opening) -> None:
    if opening.starts_on and opening.ends_on and opening.ends_on < opening.starts_on:
        raise Unprocessable("ends_on must not be before starts_on.", code="period_invalid")


async def create(session: AsyncSession, principal: Principal, body: OpeningIn) -> Opening:
    values = body.model_dump()
    _check_can_write(principal, values["company_id"])
    await companies.get(session, principal, values["company_id"])
    if values["status"] not in (OpeningStatus.draft, OpeningStatus.active):
        raise Conflict(
            "A new opening starts as a draft or active.", allowed=["active", "draft"], code="opening_initial_status"
        )
    skills = values.pop("skills")
    opening = Opening(workspace_id=principal.workspace_id, skill_rows=[OpeningSkill(skill=s) for s in skills], **values)
    session.add(opening)
    return await saved(session, opening)


async def update(session: AsyncSession, principal: Principal, opening_id: int, patch: OpeningPatch) -> Opening:
    values = patch.model_dump(exclude_unset=True)
    opening = await get(session, principal, opening_id)
    _check_can_write(principal, opening.company_id)
    if "status" in values:
        _check_transition(OpeningStatus(opening.status), values["status"])
    if (skills := values.pop("skills", None)) is not None:
        replace_skills(opening, OpeningSkill, skills)
    apply(opening, values)
    _check_period(opening)
    return await saved(session, opening)


async def delete(session: AsyncSession, principal: Principal, opening_id: int) -> None:
    opening = await get(session, principal, opening_id)
    _check_can_write(principal, opening.company_id)
    has_applications = await session.scalar(
        select(exists().where(Application.opening_id == opening.id, Application.deleted_at.is_(None)))
    )
    if has_applications:
        raise Conflict(
            "The opening has applications; close it instead of removing it.", code="opening_has_applications"
        )
    soft_delete(opening)
    await session.flush()
