from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from internhub.common.schemas import OMITTED, Between, Id, InputModel, Length, OutputModel, Skills
from internhub.models import ApplicationSource, OpeningKind, TeamStrategy, WorkFormat

Many: Any = Field(default_factory=list, max_length=200)


class Conditions(InputModel):
    """Every condition given must hold; an empty list or a missing bound means "any"."""

    opening_kinds: list[OpeningKind] = Many
    company_ids: list[Id] = Many
    university_ids: list[Id] = Many
    course_min: Annotated[int, Between(1, 6)] | None = None
    course_max: Annotated[int, Between(1, 6)] | None = None
    specialties: list[Annotated[str, Length(200)]] = Field(
        default_factory=list, max_length=200, description="Case-insensitive"
    )
    skills: Skills = Field(default_factory=list, description="The student has at least skills_min_overlap of these")
    skills_min_overlap: Annotated[int, Between(1, 50)] = 1
    cities: list[Annotated[str, Length(100)]] = Field(
        default_factory=list, max_length=200, description="The opening's city"
    )
    formats: list[WorkFormat] = Many
    sources: list[ApplicationSource] = Many

    @model_validator(mode="after")
    def _bounds(self) -> Conditions:
        if self.course_min and self.course_max and self.course_min > self.course_max:
            raise ValueError("course_min must not exceed course_max")
        return self


class Actions(InputModel):
    assignee_id: Id | None = Field(default=None, description="A user of the workspace")
    team_id: Id | None = Field(default=None, description="A team: round robin or least loaded (not with assignee_id)")
    bitrix24_category_id: Annotated[int, Between(0, 10**9)] | None = Field(
        default=None, description="An applications pipeline of the workspace's Bitrix24 mapping; none = default"
    )
    bitrix24_stage_id: Annotated[str, Length(50)] | None = Field(
        default=None, description="Stage of that pipeline the application starts in (new, screening or interview)"
    )
    tags: list[Annotated[str, Length(50)]] = Field(default_factory=list, max_length=20)
    notify_user_ids: list[Id] = Field(default_factory=list, max_length=20, description="Told in Bitrix24 too")

    @model_validator(mode="after")
    def _one_assignee(self) -> Actions:
        if self.assignee_id is not None and self.team_id is not None:
            raise ValueError("give assignee_id or team_id, not both")
        return self


class RuleIn(InputModel):
    name: Annotated[str, Length(200)]
    position: Annotated[int, Between(1, 1_000_000)] | None = Field(
        default=None, description="1 = checked first; default: last"
    )
    enabled: bool = True
    conditions: Conditions = Field(default_factory=Conditions)
    actions: Actions = Field(default_factory=Actions)


class RulePatch(InputModel):
    name: Annotated[str, Length(200)] = OMITTED
    position: Annotated[int, Between(1, 1_000_000)] = OMITTED
    enabled: bool = OMITTED
    conditions: Conditions = OMITTED
    actions: Actions = OMITTED


class RuleOut(OutputModel):
    id: int
    name: str
    position: int
    enabled: bool
    is_default: bool
    conditions: Conditions
    actions: Actions
    created_at: datetime
    updated_at: datetime


class TeamIn(InputModel):
    name: Annotated[str, Length(100)]
    strategy: TeamStrategy = TeamStrategy.round_robin
    member_ids: list[Id] = Field(min_length=1, max_length=100)


class TeamPatch(InputModel):
    name: Annotated[str, Length(100)] = OMITTED
    strategy: TeamStrategy = OMITTED
    member_ids: list[Id] = Field(default=OMITTED, min_length=1, max_length=100)


class TeamOut(OutputModel):
    id: int
    name: str
    strategy: TeamStrategy
    member_ids: list[int]


class ExplainIn(InputModel):
    application_id: Id


class Cause(OutputModel):
    """One of a step's reasons as a code and its values, for a screen to put in its own language."""

    code: Literal["not_listed", "course_below", "course_above", "skills_short", "disabled", "earlier_match"] = Field(
        description="not_listed: `condition` (opening_kind, company, university, specialty, city, format, source) "
        "has `value`, not one of `allowed`; course_below / course_above: `course` against `min` / `max`; "
        "skills_short: `overlap` of `skills`, `needed` required; disabled; earlier_match: `rule` decided first"
    )
    values: dict[str, Any]


class Step(OutputModel):
    rule_id: int
    name: str
    position: int
    enabled: bool
    matched: bool = Field(description="Every condition holds")
    chosen: bool = Field(description="The rule that decides (the first match)")
    reasons: list[str] = Field(description="Why it does not match, or why it was not chosen")
    causes: list[Cause] = Field(description="The same reasons as codes and values, in the same order")


class Decision(OutputModel):
    rule_id: int | None
    rule_name: str
    assignee_id: int | None = Field(description="The user the rule names, or who its team would pick next")
    team_id: int | None
    bitrix24_category_id: int | None
    bitrix24_stage_id: str | None
    tags: list[str]
    notify_user_ids: list[int]


class Explanation(OutputModel):
    application_id: int
    matched_rule_id: int | None
    steps: list[Step]
    result: Decision
    current: RouteOut | None = Field(description="Where the application was actually routed")


class RouteOut(OutputModel):
    rule_id: int | None
    rule_name: str
    team_id: int | None
    bitrix24_category_id: int | None
    tags: list[str]
    routed_at: datetime


Explanation.model_rebuild()
