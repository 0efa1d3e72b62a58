"""Employer companies: readable by everyone in the workspace, changed by staff or their own recruiters."""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.auth.principal import Principal
from internhub.common.crud import apply, one_or_404, saved, soft_delete
from internhub.common.pagination import Page, paginate
from internhub.common.search import contains
from internhub.companies.schemas import CompanyIn, CompanyPatch, CompanyQuery
from internhub.errors import Conflict, Forbidden
from internhub.models import Company, Opening, Role
from internhub.tenancy import readable

SORTABLE = {"id": Company.id, "name": Company.name, "created_at": Company.created_at}


async def get(session: AsyncSession, principal: Principal, company_id: int) -> Company:
    return await one_or_404(session, readable(Company, principal).where(Company.id == company_id), "Company")


async def list_(session: AsyncSession, principal: Principal, query: CompanyQuery) -> Page:
    stmt = readable(Company, principal)
    for column, value in (
        (Company.city, query.city),
        (Company.industry, query.industry),
        (Company.inn, query.inn),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    if query.q:
        stmt = stmt.where(contains(query.q, Company.name))
    return await paginate(session, stmt, query, SORTABLE, Company.id)


async def _ensure_unique_inn(session: AsyncSession, principal: Principal, inn: str | None, exclude: int | None):
    if inn is None:
        return
    clash = select(Company.id).where(
        Company.workspace_id == principal.workspace_id, Company.deleted_at.is_(None), Company.inn == inn
    )
    if exclude is not None:
        clash = clash.where(Company.id != exclude)
    if (existing := await session.scalar(clash)) is not None:
        raise Conflict(f"A company with INN {inn} already exists.", existing_id=existing, code="inn_taken")


def _check_can_write(principal: Principal, company_id: int | None) -> None:
    if principal.is_staff or (principal.role == Role.recruiter and company_id == principal.company_id):
        return
    raise Forbidden("Only managers, or the company's own recruiters, can change a company.")


def _normalise(values: dict) -> dict:
    if values.get("website") is not None:
        values["website"] = str(values["website"])
    return values


async def create(session: AsyncSession, principal: Principal, body: CompanyIn) -> Company:
    values = body.model_dump()
    _check_can_write(principal, None)
    await _ensure_unique_inn(session, principal, values.get("inn"), None)
    company = Company(workspace_id=principal.workspace_id, **_normalise(values))
    session.add(company)
    return await saved(session, company)


async def update(session: AsyncSession, principal: Principal, company_id: int, patch: CompanyPatch) -> Company:
    values = patch.model_dump(exclude_unset=True)
    company = await get(session, principal, company_id)
    _check_can_write(principal, company.id)
    await _ensure_unique_inn(session, principal, values.get("inn"), company.id)
    apply(company, _normalise(values))
    return await saved(session, company)


async def delete(session: AsyncSession, principal: Principal, company_id: int) -> None:
    company = await get(session, principal, company_id)
    if not principal.is_staff:
        raise Forbidden("Only managers can remove a company.")
    has_openings = await session.scalar(
        select(exists().where(Opening.company_id == company.id, Opening.deleted_at.is_(None)))
    )
    if has_openings:
        raise Conflict("The company still has openings; remove them first.", code="company_has_openings")
    soft_delete(company)
    await session.flush()
