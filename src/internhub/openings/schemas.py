from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, model_validator

from internhub.common.pagination import ListQuery
from internhub.common.schemas import (
    OMITTED,
    Between,
    Day,
    Id,
    InputModel,
    Length,
    NoneIfBlank,
    OutputModel,
    Skills,
    Synced,
    Timestamps,
)
from internhub.models import OpeningKind, OpeningStatus, WorkFormat


class OpeningFields(InputModel):
    description: Annotated[str, Length(20_000, min_length=0)] = ""
    skills: Skills = Field(default_factory=list)
    city: NoneIfBlank[Annotated[str, Length(100)]] = None
    format: WorkFormat = WorkFormat.office
    starts_on: Day | None = None
    ends_on: Day | None = None
    slots: Annotated[int, Between(0, 10_000)] = Field(default=1, description="Places available")
    bitrix24_deal_id: Id | None = None

    @model_validator(mode="after")
    def _period(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValueError("ends_on must not be before starts_on")
        return self


class OpeningIn(OpeningFields):
    company_id: Id
    kind: OpeningKind
    title: Annotated[str, Length(300)]
    status: OpeningStatus = OpeningStatus.draft


class OpeningPatch(OpeningFields):
    kind: OpeningKind = OMITTED
    title: Annotated[str, Length(300)] = OMITTED
    status: OpeningStatus = OMITTED
    description: Annotated[str, Length(20_000, min_length=0)] = OMITTED
    skills: Skills = OMITTED
    format: WorkFormat = OMITTED
    slots: Annotated[int, Between(0, 10_000)] = OMITTED


class OpeningOut(Timestamps, Synced, OutputModel):
    id: int
    company_id: int
    kind: OpeningKind
    title: str
    description: str
    skills: list[str]
    city: str | None
    format: WorkFormat
    starts_on: date | None
    ends_on: date | None
    ended: bool = Field(description="Past its end date: takes no applications")
    slots: int
    status: OpeningStatus
    bitrix24_deal_id: int | None


class OpeningQuery(ListQuery):
    status: OpeningStatus | None = None
    kind: OpeningKind | None = None
    company_id: Id | None = None
    q: Annotated[str, Length(200)] | None = Field(
        default=None, description="Words that must each appear in the title, a skill, the city or the company's name"
    )
    city: Annotated[str, Length(100)] | None = Field(default=None, description="City (any case)")
    format: WorkFormat | None = None
    skills: Skills = Field(default_factory=list, description="Openings asking for every one of these skills")
    starts_from: Day | None = Field(default=None, description="Starting on or after this day")
    starts_to: Day | None = Field(default=None, description="Starting on or before this day")
    current: bool = Field(default=False, description="Only openings not past their end date")
