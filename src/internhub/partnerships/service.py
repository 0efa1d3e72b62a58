"""Agreements between a university and an employer."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.auth.principal import Principal
from internhub.common.crud import apply, one_or_404
from internhub.common.pagination import Page, paginate
from internhub.common.search import contains
from internhub.companies import service as companies
from internhub.errors import Conflict, Forbidden, Unprocessable
from internhub.models import Partnership
from internhub.partnerships.schemas import PartnershipIn, PartnershipPatch, PartnershipQuery
from internhub.tenancy import readable
from internhub.universities import service as universities

SORTABLE = {"id": Partnership.id, "agreement_number": Partnership.agreement_number}


async def get(session: AsyncSession, principal: Principal, partnership_id: int) -> Partnership:
    return await one_or_404(
        session, readable(Partnership, principal).where(Partnership.id == partnership_id), "Partnership"
    )


async def list_(session: AsyncSession, principal: Principal, query: PartnershipQuery) -> Page:
    stmt = readable(Partnership, principal)
    if query.university_id is not None:
        stmt = stmt.where(Partnership.university_id == query.university_id)
    if query.company_id is not None:
        stmt = stmt.where(Partnership.company_id == query.company_id)
    if query.active_on is not None:
        stmt = stmt.where(
            or_(Partnership.valid_from.is_(None), Partnership.valid_from <= query.active_on),
            or_(Partnership.valid_to.is_(None), Partnership.valid_to >= query.active_on),
        )
    if query.q:
        stmt = stmt.where(contains(query.q, Partnership.agreement_number))
    return await paginate(session, stmt, query, SORTABLE, Partnership.id)


def _check_can_write(principal: Principal) -> None:
    if not principal.is_staff:
        raise Forbidden("Only managers can record partnership agreements.")


def _check_period(partnership: Partnership) -> None:
    if partnership.valid_from and partnership.valid_to and partnership.valid_to < partnership.valid_from:
        raise Unprocessable("valid_to must not be before valid_from.", code="period_invalid")


async def create(session: AsyncSession, principal: Principal, body: PartnershipIn) -> Partnership:
    values = body.model_dump()
    _check_can_write(principal)
    await universities.get(session, principal, values["university_id"])
    await companies.get(session, principal, values["company_id"])
    clash = await session.scalar(
        select(Partnership.id).where(
            Partnership.university_id == values["university_id"],
            Partnership.company_id == values["company_id"],
            Partnership.agreement_number == values["agreement_number"],
        )
    )
    if clash is not None:
        raise Conflict("This agreement is already recorded.", existing_id=clash, code="agreement_exists")
    partnership = Partnership(workspace_id=principal.workspace_id, **values)
    session.add(partnership)
    await session.flush()
    return partnership


async def update(
    session: AsyncSession, principal: Principal, partnership_id: int, patch: PartnershipPatch
) -> Partnership:
    values = patch.model_dump(exclude_unset=True)
    _check_can_write(principal)
    partnership = apply(await get(session, principal, partnership_id), values)
    _check_period(partnership)
    await session.flush()
    return partnership


async def delete(session: AsyncSession, principal: Principal, partnership_id: int) -> None:
    _check_can_write(principal)
    await session.delete(await get(session, principal, partnership_id))
    await session.flush()
