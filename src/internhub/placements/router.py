from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from internhub.auth.principal import CurrentPrincipal
from internhub.common.pagination import Page
from internhub.common.schemas import Id
from internhub.db import SessionDep
from internhub.placements import service
from internhub.placements.schemas import DecisionIn, PlacementQuery, PlacementRequestIn, PlacementRequestOut

router = APIRouter(prefix="/placement-requests", tags=["placements"])


@router.get("", operation_id="placement-requests-list")
async def list_requests(
    query: Annotated[PlacementQuery, Query()], principal: CurrentPrincipal, session: SessionDep
) -> Page[PlacementRequestOut]:
    """Placement requests: a university's own, a recruiter's company's part of those offered to it, all for staff."""
    return await service.list_(session, principal, query)


@router.post("", status_code=status.HTTP_201_CREATED, operation_id="placement-requests-create")
async def create_request(
    body: PlacementRequestIn, principal: CurrentPrincipal, session: SessionDep
) -> PlacementRequestOut:
    """Ask for places for named students; they are offered at once to internships with free places."""
    return service.part_for(principal, await service.create(session, principal, body))


@router.get("/{request_id}", operation_id="placement-requests-get")
async def get_request(request_id: Id, principal: CurrentPrincipal, session: SessionDep) -> PlacementRequestOut:
    """One placement request with its offers and students (a recruiter sees its company's part)."""
    return service.part_for(principal, await service.get(session, principal, request_id))


@router.post("/{request_id}/offers/{offer_id}/decision", operation_id="placement-offers-decide")
async def decide_offer(
    request_id: Id, offer_id: Id, body: DecisionIn, principal: CurrentPrincipal, session: SessionDep
) -> PlacementRequestOut:
    """A company takes some of the students (each gets an application) and declines the offer's other places."""
    request = await service.decide(session, principal, request_id, offer_id, body.accept_student_ids)
    return service.part_for(principal, request)
