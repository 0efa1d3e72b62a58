from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from internhub.bitrix24.schemas import Synced
from internhub.common.pagination import ListQuery
from internhub.common.schemas import Id, InputModel, OptionalText, OutputModel, Timestamps
from internhub.models import ApplicationSource, ApplicationStatus, OpeningKind


class ApplicationIn(InputModel):
    opening_id: Id
    student_id: Id
    cover_letter: OptionalText(10_000) = None
    source: ApplicationSource | None = Field(default=None, description="Set by staff only; derived otherwise")
    assignee_id: Id | None = None


class ApplicationPatch(InputModel):
    status: ApplicationStatus = None
    rejection_reason: OptionalText(500) = None
    assignee_id: Id | None = None
    cover_letter: OptionalText(10_000) = None
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
    applied_from: date | None = Field(default=None, description="Applied on or after this day (UTC)")
    applied_to: date | None = Field(default=None, description="Applied on or before this day (UTC)")
