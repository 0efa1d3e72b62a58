from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from internhub.analytics import service
from internhub.analytics.schemas import (
    AnalyticsQuery,
    CompanyAnalytics,
    DistributionOut,
    FunnelOut,
    OverviewOut,
    SkillsOut,
    TimeToHireOut,
    TopQuery,
    TrendsOut,
    TrendsQuery,
    UniversityAnalytics,
)
from internhub.auth.principal import CurrentPrincipal
from internhub.common.schemas import Id
from internhub.db import SessionDep

router = APIRouter(prefix="/analytics", tags=["analytics"])
Filters = Annotated[AnalyticsQuery, Query()]


@router.get("/overview", operation_id="analytics-overview")
async def overview(query: Filters, principal: CurrentPrincipal, session: SessionDep) -> OverviewOut:
    """Openings by status and kind, applications, hires, universities, companies and students."""
    return await service.overview(session, await service.filters(session, principal, query))


@router.get("/university/{university_id}", operation_id="analytics-university")
async def university(
    university_id: Id, query: Filters, principal: CurrentPrincipal, session: SessionDep
) -> UniversityAnalytics:
    """One university: its students applied and placed (by course and specialty), openings, top employers."""
    f = await service.filters(session, principal, query.model_copy(update={"university_id": university_id}))
    return await service.university(session, principal, university_id, f)


@router.get("/company/{company_id}", operation_id="analytics-company")
async def company(company_id: Id, query: Filters, principal: CurrentPrincipal, session: SessionDep) -> CompanyAnalytics:
    """One company: openings, applications per opening, conversion per stage, universities it hires from."""
    f = await service.filters(session, principal, query.model_copy(update={"company_id": company_id}))
    return await service.company(session, principal, company_id, f)


@router.get("/funnel", operation_id="analytics-funnel")
async def funnel(query: Filters, principal: CurrentPrincipal, session: SessionDep) -> FunnelOut:
    """Entries into each stage in the period and the conversion from one stage to the next."""
    return await service.funnel(session, await service.filters(session, principal, query))


@router.get("/time-to-hire", operation_id="analytics-time-to-hire")
async def time_to_hire(query: Filters, principal: CurrentPrincipal, session: SessionDep) -> TimeToHireOut:
    """Median and 75th percentile of the days from applying to each stage and to hire."""
    return await service.time_to_hire(session, await service.filters(session, principal, query))


@router.get("/trends", operation_id="analytics-trends")
async def trends(query: Annotated[TrendsQuery, Query()], principal: CurrentPrincipal, session: SessionDep) -> TrendsOut:
    """Applications, hires and new openings per week or month."""
    f = await service.filters(session, principal, query)
    return await service.trends(session, f, query.interval)


@router.get("/skills", operation_id="analytics-skills")
async def skills(query: Annotated[TopQuery, Query()], principal: CurrentPrincipal, session: SessionDep) -> SkillsOut:
    """Skills most asked for by active openings against skills most offered by students."""
    return await service.skills(session, await service.filters(session, principal, query), query.limit)


@router.get("/distribution", operation_id="analytics-distribution")
async def distribution(
    query: Annotated[TopQuery, Query()], principal: CurrentPrincipal, session: SessionDep
) -> DistributionOut:
    """Applications and hires by university, by city and by work format."""
    return await service.distribution(session, await service.filters(session, principal, query), query.limit)
