from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import Field, model_validator

from internhub.common.pagination import ListQuery
from internhub.common.schemas import Between, Day, Id, InputModel, Length, NoneIfBlank, OutputModel
from internhub.models import CandidateStatus, OfferStatus, PlacementStatus


class PlacementRequestIn(InputModel):
    university_id: Id | None = Field(default=None, description="Staff name the university; a university is itself")
    specialty: Annotated[str, Length(200)]
    places: Annotated[int, Between(1, 1000)]
    starts_on: Day | None = None
    ends_on: Day | None = None
    comment: NoneIfBlank[Annotated[str, Length(5000)]] = None
    student_ids: list[Id] = Field(min_length=1, max_length=1000, description="The students the places are for")

    @model_validator(mode="after")
    def _check(self) -> PlacementRequestIn:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValueError("ends_on must not be before starts_on")
        if len(set(self.student_ids)) != len(self.student_ids):
            raise ValueError("student_ids must not repeat")
        if len(self.student_ids) > self.places:
            raise ValueError("name at most as many students as places")
        return self


class DecisionIn(InputModel):
    accept_student_ids: list[Id] = Field(
        default_factory=list, max_length=1000, description="Students taken; the offer's other places are declined"
    )


class OfferOut(OutputModel):
    id: int
    company_id: int
    opening_id: int
    places: int
    accepted: int
    declined: int
    status: OfferStatus


class PlacementCandidateOut(OutputModel):
    student_id: int
    status: CandidateStatus
    offer_id: int | None
    application_id: int | None


class PlacementRequestOut(OutputModel):
    id: int
    university_id: int
    specialty: str
    places: int
    starts_on: date | None
    ends_on: date | None
    comment: str | None
    status: PlacementStatus
    offers: list[OfferOut]
    candidates: list[PlacementCandidateOut]
    created_at: datetime
    updated_at: datetime


class PlacementQuery(ListQuery):
    university_id: Id | None = None
    status: PlacementStatus | None = None


class StudentOfferOut(OutputModel):
    """An internship a request naming the student was offered to."""

    id: int
    company_id: int
    company_name: str
    opening_id: int
    opening_title: str
    status: OfferStatus


class StudentPlacementOut(OutputModel):
    """A placement request that names the student: where it was offered and what became of the student."""

    request_id: int
    specialty: str
    starts_on: date | None
    ends_on: date | None
    request_status: PlacementStatus
    status: CandidateStatus = Field(description="The student's own outcome in the request")
    offer_id: int | None = Field(description="The offer that took the student")
    application_id: int | None = Field(description="The application made when a company took the student")
    offers: list[StudentOfferOut]
