"""Placement requests: a university asks for places, active internships with free places are offered them,
and each company takes some of the named students (who then have applications) and declines the rest."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.applications import intake
from internhub.applications.slots import taken_by_opening
from internhub.auth.principal import Principal
from internhub.common.crud import one_or_404
from internhub.common.pagination import Page, paginate
from internhub.errors import Conflict, Forbidden, Unprocessable
from internhub.models import (
    ApplicationSource,
    CandidateStatus,
    Company,
    OfferStatus,
    Opening,
    OpeningKind,
    OpeningSkill,
    OpeningStatus,
    PlacementCandidate,
    PlacementOffer,
    PlacementRequest,
    PlacementStatus,
    Role,
    Student,
    StudentSkill,
)
from internhub.placements.schemas import (
    PlacementQuery,
    PlacementRequestIn,
    PlacementRequestOut,
    StudentOfferOut,
    StudentPlacementOut,
)
from internhub.students import service as students
from internhub.tenancy import readable

SORTABLE = {"id": PlacementRequest.id, "created_at": PlacementRequest.created_at}


def part_for(principal: Principal, request: PlacementRequest) -> PlacementRequestOut:
    """What ``principal`` may read of a request. A recruiter reads its company's part: its own offers, the
    students it took and those nobody has taken; other companies' offers, answers and students are theirs."""
    whole = PlacementRequestOut.model_validate(request)
    if principal.role != Role.recruiter:
        return whole
    own = {offer.id for offer in whole.offers if offer.company_id == principal.company_id}
    return whole.model_copy(
        update={
            "offers": [offer for offer in whole.offers if offer.id in own],
            "candidates": [
                candidate
                for candidate in whole.candidates
                if candidate.offer_id in own
                or (candidate.offer_id is None and candidate.status != CandidateStatus.accepted)
            ],
        }
    )


async def get(session: AsyncSession, principal: Principal, request_id: int) -> PlacementRequest:
    stmt = readable(PlacementRequest, principal).where(PlacementRequest.id == request_id)
    return await one_or_404(session, stmt, "Placement request")


async def list_(session: AsyncSession, principal: Principal, query: PlacementQuery) -> Page:
    stmt = readable(PlacementRequest, principal)
    if query.university_id is not None:
        stmt = stmt.where(PlacementRequest.university_id == query.university_id)
    if query.status is not None:
        stmt = stmt.where(PlacementRequest.status == query.status)
    page = await paginate(session, stmt, query, SORTABLE, PlacementRequest.id)
    page.items = [part_for(principal, request) for request in page.items]
    return page


async def for_student(session: AsyncSession, principal: Principal, student_id: int) -> list[StudentPlacementOut]:
    """The requests naming a student the principal may read, newest first, each as far as the principal sees it."""
    await students.get(session, principal, student_id)
    named = select(PlacementCandidate.request_id).where(PlacementCandidate.student_id == student_id)
    stmt = readable(PlacementRequest, principal).where(PlacementRequest.id.in_(named))
    parts = [part_for(principal, r) for r in await session.scalars(stmt.order_by(PlacementRequest.id.desc()))]
    opening_ids = {offer.opening_id for part in parts for offer in part.offers}
    names = select(Opening.id, Opening.title, Company.name).join(Company, Company.id == Opening.company_id)
    labels = {row.id: (row.title, row.name) for row in await session.execute(names.where(Opening.id.in_(opening_ids)))}
    found = []
    for part in parts:
        mine = next((c for c in part.candidates if c.student_id == student_id), None)
        if mine is None:  # a recruiter does not see a student another company took
            continue
        offers = [
            StudentOfferOut(
                id=offer.id,
                company_id=offer.company_id,
                company_name=labels[offer.opening_id][1],
                opening_id=offer.opening_id,
                opening_title=labels[offer.opening_id][0],
                status=offer.status,
            )
            for offer in part.offers
        ]
        found.append(
            StudentPlacementOut(
                request_id=part.id,
                specialty=part.specialty,
                starts_on=part.starts_on,
                ends_on=part.ends_on,
                request_status=part.status,
                status=mine.status,
                offer_id=mine.offer_id,
                application_id=mine.application_id,
                offers=offers,
            )
        )
    return found


def _university_of(principal: Principal, given: int | None) -> int:
    if principal.role == Role.university:
        if principal.university_id is None or given not in (None, principal.university_id):
            raise Forbidden("A university files placement requests for itself.")
        return principal.university_id
    if not principal.is_staff:
        raise Forbidden("Universities and managers file placement requests.")
    if given is None:
        raise Unprocessable(
            "Name the university.",
            errors=[{"in": "body", "field": "university_id", "message": "required", "type": "missing"}],
            code="university_required",
        )
    return given


async def _candidates(session: AsyncSession, principal: Principal, university_id: int, ids: list[int]) -> None:
    found = set(
        await session.scalars(
            select(Student.id).where(
                Student.id.in_(ids),
                Student.workspace_id == principal.workspace_id,
                Student.university_id == university_id,
                Student.deleted_at.is_(None),
            )
        )
    )
    if missing := sorted(set(ids) - found):
        raise Unprocessable(
            "Some students are not students of this university.", unknown_ids=missing, code="students_unknown"
        )


async def _matching_openings(session: AsyncSession, request: PlacementRequest, student_ids: list[int]) -> list[Any]:
    """Active internships with free places whose period meets the request's, best first: most skills in
    common with the named students, then most free places."""
    hired = taken_by_opening()
    shared = (
        select(OpeningSkill.opening_id, func.count().label("n"))
        .join(StudentSkill, StudentSkill.skill == OpeningSkill.skill)
        .where(StudentSkill.student_id.in_(student_ids))
        .group_by(OpeningSkill.opening_id)
        .subquery()
    )
    free = Opening.slots - func.coalesce(hired.c.n, 0)
    stmt = (
        select(Opening.id, Opening.company_id, free.label("free"))
        .outerjoin(hired, hired.c.opening_id == Opening.id)
        .outerjoin(shared, shared.c.opening_id == Opening.id)
        .where(
            Opening.workspace_id == request.workspace_id,
            Opening.kind == OpeningKind.internship,
            Opening.status == OpeningStatus.active,
            Opening.deleted_at.is_(None),
            free > 0,
        )
        .order_by(func.coalesce(shared.c.n, 0).desc(), free.desc(), Opening.id)
        .limit(200)
    )
    if request.ends_on is not None:
        stmt = stmt.where((Opening.starts_on.is_(None)) | (Opening.starts_on <= request.ends_on))
    if request.starts_on is not None:
        stmt = stmt.where((Opening.ends_on.is_(None)) | (Opening.ends_on >= request.starts_on))
    return list(await session.execute(stmt))


async def create(session: AsyncSession, principal: Principal, body: PlacementRequestIn) -> PlacementRequest:
    values = body.model_dump()
    university_id = _university_of(principal, values.pop("university_id"))
    student_ids = values.pop("student_ids")
    await _candidates(session, principal, university_id, student_ids)
    request = PlacementRequest(workspace_id=principal.workspace_id, university_id=university_id, **values)
    request.candidates = [PlacementCandidate(student_id=s) for s in student_ids]
    request.offers = []
    session.add(request)
    await session.flush()
    remaining = request.places
    for opening_id, company_id, free in await _matching_openings(session, request, student_ids):
        if remaining == 0:
            break
        places = min(free, remaining)
        request.offers.append(PlacementOffer(company_id=company_id, opening_id=opening_id, places=places))
        remaining -= places
    await session.flush()
    return request


async def decide(
    session: AsyncSession, principal: Principal, request_id: int, offer_id: int, accept: list[int]
) -> PlacementRequest:
    request = await get(session, principal, request_id)
    offer = next((o for o in request.offers if o.id == offer_id), None)
    if offer is None or not (principal.is_staff or principal.company_id == offer.company_id):
        raise Forbidden("Only the company the places were offered to (or a manager) answers this offer.")
    if offer.status != OfferStatus.pending:
        raise Conflict("This offer has been answered already.", code="offer_answered")
    if len(set(accept)) > offer.places:
        raise Conflict(f"The offer is for {offer.places} places.", code="offer_places")
    pending = {c.student_id: c for c in request.candidates if c.status == CandidateStatus.pending}
    if not set(accept) <= pending.keys():
        raise Conflict(
            "Only students of this request who are not placed yet can be accepted.",
            allowed=sorted(pending),
            code="placement_students_pending",
        )
    opening = await session.get_one(Opening, offer.opening_id)
    for student_id in sorted(set(accept)):
        student = await session.get_one(Student, student_id)
        application = await intake.apply_student(
            session, opening, student, ApplicationSource.university, principal, actor_name=principal.name
        )
        candidate = pending[student_id]
        candidate.status, candidate.offer_id, candidate.application_id = (
            CandidateStatus.accepted,
            offer.id,
            application.id,
        )
    offer.accepted = len(set(accept))
    offer.declined = offer.places - offer.accepted
    offer.status = OfferStatus.answered
    if all(o.status == OfferStatus.answered for o in request.offers):
        request.status = PlacementStatus.answered
        for candidate in request.candidates:
            if candidate.status == CandidateStatus.pending:
                candidate.status = CandidateStatus.declined
    await session.flush()
    await session.refresh(request)
    return request
