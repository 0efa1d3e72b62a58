from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from internhub.auth.principal import CurrentPrincipal
from internhub.common.pagination import Page
from internhub.common.schemas import Id
from internhub.db import SessionDep
from internhub.models import Partnership
from internhub.partnerships import service
from internhub.partnerships.schemas import PartnershipIn, PartnershipOut, PartnershipPatch, PartnershipQuery

router = APIRouter(prefix="/partnerships", tags=["partnerships"])


@router.get("", operation_id="partnerships-list")
async def list_partnerships(
    query: Annotated[PartnershipQuery, Query()], principal: CurrentPrincipal, session: SessionDep
) -> Page[PartnershipOut]:
    """List partnership agreements, by university, company or the day they are valid on."""
    return await service.list_(session, principal, query)


@router.post("", status_code=status.HTTP_201_CREATED, operation_id="partnerships-create", response_model=PartnershipOut)
async def create_partnership(body: PartnershipIn, principal: CurrentPrincipal, session: SessionDep) -> Partnership:
    """Record an agreement between a university and a company."""
    return await service.create(session, principal, body)


@router.get("/{partnership_id}", operation_id="partnerships-get", response_model=PartnershipOut)
async def get_partnership(partnership_id: Id, principal: CurrentPrincipal, session: SessionDep) -> Partnership:
    """Get one partnership."""
    return await service.get(session, principal, partnership_id)


@router.patch("/{partnership_id}", operation_id="partnerships-update", response_model=PartnershipOut)
async def update_partnership(
    partnership_id: Id, body: PartnershipPatch, principal: CurrentPrincipal, session: SessionDep
) -> Partnership:
    """Change some fields of a partnership."""
    return await service.update(session, principal, partnership_id, body)


@router.delete("/{partnership_id}", status_code=status.HTTP_204_NO_CONTENT, operation_id="partnerships-delete")
async def delete_partnership(partnership_id: Id, principal: CurrentPrincipal, session: SessionDep) -> None:
    """Remove an agreement."""
    await service.delete(session, principal, partnership_id)
