from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from internhub.auth.principal import CurrentPrincipal
from internhub.common.pagination import Page
from internhub.common.schemas import Id
from internhub.db import SessionDep
from internhub.models import Opening
from internhub.openings import service
from internhub.openings.schemas import OpeningIn, OpeningOut, OpeningPatch, OpeningQuery

router = APIRouter(prefix="/openings", tags=["openings"])


@router.get("", operation_id="openings-list")
async def list_openings(
    query: Annotated[OpeningQuery, Query()], principal: CurrentPrincipal, session: SessionDep
) -> Page[OpeningOut]:
    """List internships and vacancies: search by title; filter by status, kind, company, skills, dates."""
    return await service.list_(session, principal, query)


@router.post("", status_code=status.HTTP_201_CREATED, operation_id="openings-create", response_model=OpeningOut)
async def create_opening(body: OpeningIn, principal: CurrentPrincipal, session: SessionDep) -> Opening:
    """Publish or draft an internship or vacancy."""
    return await service.create(session, principal, body)


@router.get("/{opening_id}", operation_id="openings-get", response_model=OpeningOut)
async def get_opening(opening_id: Id, principal: CurrentPrincipal, session: SessionDep) -> Opening:
    """Get one opening."""
    return await service.get(session, principal, opening_id)


@router.patch("/{opening_id}", operation_id="openings-update", response_model=OpeningOut)
async def update_opening(
    opening_id: Id, body: OpeningPatch, principal: CurrentPrincipal, session: SessionDep
) -> Opening:
    """Change some fields of an opening, including its status (publish, close, complete)."""
    return await service.update(session, principal, opening_id, body)


@router.delete("/{opening_id}", status_code=status.HTTP_204_NO_CONTENT, operation_id="openings-delete")
async def delete_opening(opening_id: Id, principal: CurrentPrincipal, session: SessionDep) -> None:
    """Remove an opening that has no applications (otherwise close it)."""
    await service.delete(session, principal, opening_id)
