from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import ConfigDict, EmailStr, Field, model_validator

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
from internhub.models import ApplicationSource, ApplicationStatus, OpeningKind


class ApplicationIn(InputModel):
    opening_id: Id
    student_id: Id
    cover_letter: NoneIfBlank[Annotated[str, Length(10_000)]] = None
    source: ApplicationSource | None = Field(default=None, description="Set by staff only; derived otherwise")
    assignee_id: Id | None = None


class ApplicationPatch(InputModel):
    status: ApplicationStatus = OMITTED
    opening_id: Id = Field(default=OMITTED, description="Move to another opening (staff); routing runs again")
    rejection_reason: NoneIfBlank[Annotated[str, Length(500)]] = None
    assignee_id: Id | None = None
    cover_letter: NoneIfBlank[Annotated[str, Length(10_000)]] = None
    bitrix24_deal_id: Id | None = None


class ApplicationOut(Timestamps, Synced, OutputModel):
    id: int
    opening_id: int
    student_id: int
    status: ApplicationStatus
    source: ApplicationSource
    assignee_id: int | None
    cover_letter: str | None
    rejection_reason: str | None
    applied_at: datetime
    bitrix24_deal_id: int | None
    student_name: str = Field(description="The student's full name")
    opening_title: str = Field(description="The title of the opening applied to")
    company_name: str = Field(description="The name of the opening's company")
    status_token: str | None = Field(
        default=None, description="The applicant's private status link token: only in the answer that created it"
    )


class CvOut(OutputModel):
    filename: str
    content_type: str
    size: int = Field(description="Bytes")
    uploaded_at: datetime


class CandidateOut(OutputModel):
    """The person behind an application, as those who handle it need them."""

    student_id: int
    full_name: str
    email: str
    phone: str | None
    course: int
    specialty: str | None
    skills: list[str]
    university_id: int
    university_name: str
    assignee_id: int | None
    assignee_name: str | None = Field(description="The assignee's name (or e-mail when the name is blank)")
    cv: CvOut | None = Field(description="The CV's description; the file is at applications-cv")


class StatusChangeOut(OutputModel):
    id: int
    from_status: ApplicationStatus | None
    to_status: ApplicationStatus
    changed_by_id: int | None
    actor: str
    source: ApplicationSource
    reason: str | None
    changed_at: datetime


class ApplicationQuery(ListQuery):
    status: ApplicationStatus | None = None
    source: ApplicationSource | None = None
    opening_id: Id | None = None
    student_id: Id | None = None
    company_id: Id | None = None
    university_id: Id | None = None
    assignee_id: Id | None = None
    kind: OpeningKind | None = None
    applied_from: Day | None = Field(default=None, description="Applied on or after this day (UTC)")
    applied_to: Day | None = Field(default=None, description="Applied on or before this day (UTC)")


class PersonIn(InputModel):
    """A student as a channel describes them: matched by e-mail or phone, else created."""

    email: EmailStr
    full_name: Annotated[str, Length(200)] | None = None
    phone: NoneIfBlank[Annotated[str, Length(32)]] = None
    course: Annotated[int, Between(1, 6)] | None = None
    specialty: NoneIfBlank[Annotated[str, Length(200)]] = None
    skills: Skills = Field(default_factory=list)
    cover_letter: NoneIfBlank[Annotated[str, Length(10_000)]] = None


class UniversityBatchIn(InputModel):
    opening_id: Id
    students: list[PersonIn] = Field(min_length=1, max_length=500)


class CsvRow(PersonIn):
    """One row of an import file; ``university`` is a name or short name of a workspace university."""

    model_config = ConfigDict(extra="ignore")  # a spreadsheet may carry columns of its own
    opening_id: Id
    university: NoneIfBlank[Annotated[str, Length(300)]] = None


class ItemResult(OutputModel):
    ok: bool
    status: int | None = Field(default=None, description="The HTTP status this item alone would have got")
    error: str | None = None
    code: str | None = Field(default=None, description="The problem's stable code, as a whole request would have it")
    existing_id: int | None = None
    allowed: list[str] | None = None
    errors: list[dict] | None = None


class CreatedResult(ItemResult):
    application_id: int | None = None
    student_id: int | None = None
    student_created: bool | None = None
    status_token: str | None = Field(default=None, description="The applicant's private status link token")


class UniversityItemResult(CreatedResult):
    index: int
    email: str


class ImportRowResult(CreatedResult):
    row: int
    email: str


class BulkIn(InputModel):
    ids: list[Id] = Field(min_length=1, max_length=500)
    action: Literal["status", "assign", "reject"]
    status: ApplicationStatus | None = None
    assignee_id: Id | None = None
    reason: NoneIfBlank[Annotated[str, Length(500)]] = None

    @model_validator(mode="after")
    def _needs(self) -> BulkIn:
        if self.action == "status" and self.status is None:
            raise ValueError("action status needs status")
        if self.action == "reject" and not self.reason:
            raise ValueError("action reject needs a reason")
        if len(set(self.ids)) != len(self.ids):
            raise ValueError("ids must not repeat")
        return self


class BulkItemResult(ItemResult):
    id: int
    status_now: ApplicationStatus | None = None
    assignee_id: int | None = None
