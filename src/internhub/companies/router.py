from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from internhub.auth.principal import CurrentPrincipal
from internhub.common.pagination import Page
from internhub.common.schemas import Id
from internhub.companies import service
from internhub.companies.schemas import CompanyIn, CompanyOut, CompanyPatch, CompanyQuery
from internhub.db import SessionDep
from internhub.models import Company

router = APIRouter(prefix="/companies", tags=["companies"])


@router.get("", operation_id="companies-list")
async def list_companies(
    query: Annotated[CompanyQuery, Query()], principal: CurrentPrincipal, session: SessionDep
) -> Page[CompanyOut]:
    """List employer companies, with search by name and filters by city, industry and INN."""
    return await service.list_(session, principal, query)


@router.post("", status_code=status.HTTP_201_CREATED, operation_id="companies-create", response_model=CompanyOut)
async def create_company(body: CompanyIn, principal: CurrentPrincipal, session: SessionDep) -> Company:
    """Add an employer company."""
    return await service.create(session, principal, body)


@router.get("/{company_id}", operation_id="companies-get", response_model=CompanyOut)
async def get_company(company_id: Id, principal: CurrentPrincipal, session: SessionDep) -> Company:
    """Get one company."""
    return await service.get(session, principal, company_id)


@router.patch("/{company_id}", operation_id="companies-update", response_model=CompanyOut)
async def update_company(
    company_id: Id, body: CompanyPatch, principal: CurrentPrincipal, session: SessionDep
) -> Company:
    """Change some fields of a company."""
    return await service.update(session, principal, company_id, body)


@router.delete("/{company_id}", status_code=status.HTTP_204_NO_CONTENT, operation_id="companies-delete")
async def delete_company(company_id: Id, principal: CurrentPrincipal, session: SessionDep) -> None:
    """Remove a company that has no openings left (kept in history, hidden from lists)."""
    await service.delete(session, principal, company_id)
