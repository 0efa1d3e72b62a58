from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, status

from internhub.auth.principal import CurrentPrincipal
from internhub.common.pagination import Page
from internhub.common.schemas import Id
from internhub.db import SessionDep
from internhub.models import University
from internhub.universities import service
from internhub.universities.schemas import UniversityIn, UniversityOut, UniversityPatch, UniversityQuery

router = APIRouter(prefix="/universities", tags=["universities"])


@router.get("", operation_id="universities-list")
async def list_universities(
    query: Annotated[UniversityQuery, Query()], principal: CurrentPrincipal, session: SessionDep
) -> Page[UniversityOut]:
    """List universities, with search by name and a city filter."""
    return await service.list_(session, principal, query)


@router.post("", status_code=status.HTTP_201_CREATED, operation_id="universities-create", response_model=UniversityOut)
async def create_university(body: UniversityIn, principal: CurrentPrincipal, session: SessionDep) -> University:
    """Add a university."""
    return await service.create(session, principal, body)


@router.get("/{university_id}", operation_id="universities-get", response_model=UniversityOut)
async def get_university(university_id: Id, principal: CurrentPrincipal, session: SessionDep) -> University:
    """Get one university."""
    return await service.get(session, principal, university_id)


@router.patch("/{university_id}", operation_id="universities-update", response_model=UniversityOut)
async def update_university(
    university_id: Id, body: UniversityPatch, principal: CurrentPrincipal, session: SessionDep
) -> University:
    """Change some fields of a university."""
    return await service.update(session, principal, university_id, body)


@router.delete("/{university_id}", status_code=status.HTTP_204_NO_CONTENT, operation_id="universities-delete")
async def delete_university(
    university_id: Id, request: Request, principal: CurrentPrincipal, session: SessionDep
) -> None:
    """Remove a university that has no students left (kept in history, hidden from lists)."""
    await service.delete(session, principal, university_id)
    # Its API keys stop working with it; drop any this process still trusts from its cache.
    await request.app.state.principal_cache.revoke()
