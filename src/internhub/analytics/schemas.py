from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, model_validator

from internhub.common.schemas import Between, Day, Id, OutputModel, QueryModel
from internhub.models import OpeningKind

STAGES = ("new", "screening", "interview", "offer", "hired")
OUTCOMES = ("rejected", "withdrawn")


class AnalyticsQuery(QueryModel):
    date_from: Day | None = Field(default=None, description="First day of the period (UTC), inclusive")
    date_to: Day | None = Field(default=None, description="Last day of the period (UTC), inclusive")
    kind: OpeningKind | None = None
    university_id: Id | None = Field(default=None, description="Students of this university only")
    company_id: Id | None = Field(default=None, description="Openings of this company only")

    @model_validator(mode="after")
    def _period_in_order(self) -> AnalyticsQuery:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("date_from must not be after date_to")
        return self


class TrendsQuery(AnalyticsQuery):
    interval: Literal["week", "month"] = "month"


class TopQuery(AnalyticsQuery):
    limit: Annotated[int, Between(1, 200)] = Field(default=20, description="How many rows each ranking returns")


class OpeningsByStatus(OutputModel):
    status: str
    kind: str
    count: int


class OverviewOut(OutputModel):
    openings: list[OpeningsByStatus] = Field(
        description="Openings created in the period, by current status and kind (published ones for a university)"
    )
    openings_total: int
    openings_open_now: int = Field(description="Openings taking applications today, whenever created")
    applications: int = Field(description="Applications made in the period")
    active_applications: int = Field(description="Applications still in progress now (not hired, rejected, withdrawn)")
    hires: int = Field(description="Applications moved to hired in the period")
    universities: int
    companies: int
    students: int


class StageOut(OutputModel):
    stage: str
    count: int
    conversion: float | None = Field(description="Share of the previous stage's count")
    conversion_from_applied: float | None = Field(description="Share of the applications made")


class FunnelOut(OutputModel):
    stages: list[StageOut] = Field(description="Entries into each stage in the period, new (applied) to hired")
    rejected: int
    withdrawn: int


class DurationOut(OutputModel):
    stage: str
    count: int
    median_days: float | None
    p75_days: float | None


class TimeToHireOut(OutputModel):
    stages: list[DurationOut] = Field(
        description="Whole days from applying to entering each stage, for the entries in the period"
    )


class TrendPoint(OutputModel):
    period: date = Field(description="The Monday of the week or the first of the month")
    applications: int
    hires: int
    new_openings: int


class TrendsOut(OutputModel):
    interval: str
    points: list[TrendPoint]


class SkillOut(OutputModel):
    skill: str
    count: int


class SkillsOut(OutputModel):
    demanded: list[SkillOut] = Field(description="Skills of active openings, most asked for first")
    offered: list[SkillOut] = Field(description="Skills of registered students, most common first")


class Share(OutputModel):
    key: str
    id: int | None = None
    applications: int
    hires: int


class DistributionOut(OutputModel):
    by_university: list[Share]
    by_city: list[Share]
    by_format: list[Share]


class StudentGroup(OutputModel):
    key: str
    students: int
    applied: int
    placed: int


class Employer(OutputModel):
    id: int
    name: str
    applications: int
    hires: int


class UniversityAnalytics(OutputModel):
    university_id: int
    name: str
    students_total: int = Field(description="Registered students now")
    students_applied: int = Field(description="Students who applied in the period")
    students_placed: int = Field(description="Students hired in the period")
    placement_rate: float | None = Field(description="students_placed / students_total")
    openings_applied: int = Field(description="Openings its students applied to in the period")
    openings_completed: int = Field(description="Of those, openings now completed")
    applications: int
    hires: int
    by_course: list[StudentGroup]
    by_specialty: list[StudentGroup]
    top_employers: list[Employer]


class HiringUniversity(OutputModel):
    id: int
    name: str
    hires: int


class CompanyAnalytics(OutputModel):
    company_id: int
    name: str
    openings: list[OpeningsByStatus]
    openings_total: int
    applications: int
    applications_per_opening: float | None = Field(description="Applications in the period per opening created in it")
    funnel: list[StageOut]
    universities: list[HiringUniversity] = Field(description="Universities whose students it hired in the period")
