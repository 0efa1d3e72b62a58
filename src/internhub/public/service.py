"""The public side: the catalogue of active openings, applying without an account, and the status page."""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.applications import consent
from internhub.applications.files import check_cv
from internhub.applications.intake import Applicant, Submitted, submit
from internhub.applications.slots import hired_by_opening
from internhub.auth.principal import Principal
from internhub.common.crud import one_or_404
from internhub.common.pagination import Page
from internhub.common.search import contains
from internhub.errors import NotFound, Unprocessable
from internhub.models import (
    Application,
    ApplicationIntake,
    ApplicationSource,
    ApplicationStatusChange,
    Company,
    Opening,
    OpeningStatus,
    Role,
    University,
    Workspace,
)
from internhub.openings import service as openings
from internhub.public.schemas import (
    PublicApplicationForm,
    PublicApplicationStatus,
    PublicCityOut,
    PublicOpeningQuery,
    PublicUniversityQuery,
)
from internhub.security import token_digest
from internhub.tenancy import readable

PUBLIC_ACTOR = "Публичная форма"


def _field(field: str, message: str) -> list[dict[str, str]]:
    return [{"in": "body", "field": field, "message": message, "type": "value_error"}]


async def workspace_id_of(session: AsyncSession, slug: str) -> int:
    found = await session.scalar(select(Workspace.id).where(Workspace.slug == slug))
    if found is None:
        raise NotFound("Catalogue not found.", code="catalogue_unknown")
    return found


def visitor(workspace_id: int) -> Principal:
    """Someone without an account sees what a signed-in student sees: published openings, no people."""
    return Principal(workspace_id=workspace_id, role=Role.student, name=PUBLIC_ACTOR)


async def describe(session: AsyncSession, items: list[Opening]) -> list[Opening]:
    """Give each opening its company's name and its free places (two queries for the whole page)."""
    ids = [opening.id for opening in items]
    names: dict[int, str] = dict(
        (
            await session.execute(select(Company.id, Company.name).where(Company.id.in_({o.company_id for o in items})))
        ).all()
    )
    hired = await hired_by_opening(session, ids)
    for opening in items:
        opening.company_name = names.get(opening.company_id, "")
        opening.free_slots = max(opening.slots - hired.get(opening.id, 0), 0)
    return items


async def list_openings(session: AsyncSession, workspace_id: int, query: PublicOpeningQuery) -> Page:
    page = await openings.list_(session, visitor(workspace_id), query)
    await describe(session, page.items)
    return page


async def list_cities(session: AsyncSession, workspace_id: int) -> list[PublicCityOut]:
    """Cities as first written (the most used spelling of each), counted as the catalogue shows them."""
    rows = await session.execute(
        readable(Opening, visitor(workspace_id))
        .with_only_columns(Opening.city, func.count())
        .where(Opening.status == OpeningStatus.active, openings.not_ended(), Opening.city.is_not(None))
        .group_by(Opening.city)
    )
    spellings: dict[str, Counter[str]] = defaultdict(Counter)  # one city however it is written: its spellings
    for city, count in rows.all():
        if city and (name := city.strip()):
            spellings[name.lower()][name] += count
    cities = [PublicCityOut(city=c.most_common(1)[0][0], openings=c.total()) for c in spellings.values()]
    return sorted(cities, key=lambda c: c.city.lower())


async def get_opening(session: AsyncSession, opening_id: int, workspace_id: int | None = None) -> Opening:
    """A published opening by id (its workspace follows from it); drafts and removed ones do not exist here."""
    stmt = select(Opening).where(
        Opening.id == opening_id, Opening.deleted_at.is_(None), Opening.status != OpeningStatus.draft
    )
    if workspace_id is not None:
        stmt = stmt.where(Opening.workspace_id == workspace_id)
    return await one_or_404(session, stmt, "Opening")


async def list_universities(session: AsyncSession, workspace_id: int, query: PublicUniversityQuery) -> list:
    stmt = select(University).where(University.workspace_id == workspace_id, University.deleted_at.is_(None))
    if query.q:
        stmt = stmt.where(contains(query.q, University.name, University.short_name))
    return list(await session.scalars(stmt.order_by(University.name).limit(50)))


async def _university_id(session: AsyncSession, workspace_id: int, form: PublicApplicationForm) -> int | None:
    live = select(University.id).where(University.workspace_id == workspace_id, University.deleted_at.is_(None))
    if form.university_id is not None:
        if await session.scalar(live.where(University.id == form.university_id)) is None:
            raise Unprocessable(
                "Unknown university.",
                errors=_field("university_id", "not a university here"),
                code="university_unknown",
            )
        return form.university_id
    if not form.university:
        return None
    name = form.university.lower()
    found = await session.scalar(
        live.where((func.lower(University.name) == name) | (func.lower(University.short_name) == name)).limit(1)
    )
    if found is None:
        raise Unprocessable(
            f"We do not know the university {form.university!r}; choose one from the list.",
            errors=_field("university", "unknown university"),
            code="university_unknown",
        )
    return found


async def apply(
    session: AsyncSession, form: PublicApplicationForm, cv_bytes: bytes | None, cv_max_bytes: int
) -> Submitted:
    if not form.consent:
        raise Unprocessable(
            "Consent to the processing of personal data is required to apply.",
            errors=_field("consent", "must be true"),
            code="consent_required",
        )
    version = form.consent_version or consent.CURRENT
    if version not in consent.TEXTS:
        raise Unprocessable(
            "Unknown consent text version.",
            errors=_field("consent_version", "unknown version"),
            code="consent_version_unknown",
        )
    cv = None
    if form.cv is not None and cv_bytes is not None:
        # Checked whole (a PDF parsed, a DOCX unpacked): seconds of CPU at worst, so not on the event loop.
        cv = await asyncio.to_thread(check_cv, form.cv.filename, cv_bytes, cv_max_bytes)
    opening = await get_opening(session, form.opening_id)
    person = Applicant(
        email=form.email,
        full_name=form.full_name,
        phone=form.phone,
        university_id=await _university_id(session, opening.workspace_id, form),
        course=form.course,
        specialty=form.specialty,
        skills=form.skills,
        consent_version=version,
    )
    return await submit(
        session,
        opening,
        person,
        ApplicationSource.portal,
        None,
        actor_name=PUBLIC_ACTOR,
        overwrite=False,
        cover_letter=form.cover_letter,
        cv=cv,
        locale=form.locale,
    )


async def status_of(session: AsyncSession, token: str) -> PublicApplicationStatus:
    row = (
        await session.execute(
            select(Application, Opening.title, Company.name)
            .join(ApplicationIntake, ApplicationIntake.application_id == Application.id)
            .join(Opening, Opening.id == Application.opening_id)
            .join(Company, Company.id == Opening.company_id)
            .where(ApplicationIntake.status_token_hash == token_digest(token), Application.deleted_at.is_(None))
        )
    ).one_or_none()
    if row is None:
        raise NotFound("Application not found.")
    application, title, company = row
    history = await session.scalars(
        select(ApplicationStatusChange)
        .where(ApplicationStatusChange.application_id == application.id)
        .order_by(ApplicationStatusChange.id)
    )
    return PublicApplicationStatus.model_validate(
        {
            "opening_title": title,
            "company_name": company,
            "status": application.status,
            "rejection_reason": application.rejection_reason,
            "applied_at": application.applied_at,
            "updated_at": application.updated_at,
            "history": [{"status": h.to_status, "changed_at": h.changed_at} for h in history],
        }
    )
