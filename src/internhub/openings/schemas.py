from __future__ import annotations

from datetime import date

from pydantic import Field, model_validator

from internhub.bitrix24.schemas import Synced
from internhub.common.pagination import ListQuery
from internhub.common.schemas import Day, Id, InputModel, Int, OptionalText, OutputModel, Skills, Text, Timestamps
from internhub.models import OpeningKind, OpeningStatus, WorkFormat


class OpeningFields(InputModel):
    description: Text(20_000, min_length=0) = ""
    skills: Skills = Field(default_factory=list)
    city: OptionalText(100) = None
    format: WorkFormat = WorkFormat.office
    starts_on: Day | None = None
    ends_on: Day | None = None
    slots: Int(0, 10_000) = Field(default=1, description="Places available")
    bitrix24_deal_id: Id | None = None

    @model_validator(mode="after")
    def _period(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValueError("ends_on must not be before starts_on")
        return self


class OpeningIn(OpeningFields):
    company_id: Id
    kind: OpeningKind
    title: Text(300)
    status: OpeningStatus = OpeningStatus.draft


class OpeningPatch(OpeningFields):
    kind: OpeningKind = None
    title: Text(300) = None
    status: OpeningStatus = None
    description: Text(20_000, min_length=0) = None
    skills: Skills = None
    format: WorkFormat = None
    slots: Int(0, 10_000) = None


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
    q: Text(200) | None = Field(
        default=None, description="Words that must each appear in the title, a skill, the city or the company's name"
    )
    city: Text(100) | None = Field(default=None, description="City (any case)")
    format: WorkFormat | None = None
    skills: Skills = Field(default_factory=list, description="Openings asking for every one of these skills")
    starts_from: Day | None = Field(default=None, description="Starting on or after this day")
    starts_to: Day | None = Field(default=None, description="Starting on or before this day")
    current: bool = Field(default=False, description="Only openings not past their end date")
