from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import Field, model_validator

from internhub.common.pagination import ListQuery
from internhub.common.schemas import OMITTED, Day, Id, InputModel, Length, NoneIfBlank, OutputModel
from internhub.models import Cadence, ReportFormat, ReportKind, ReportStatus


class _Subject(InputModel):
    kind: ReportKind
    subject_id: Id | None = Field(default=None, description="The university or company; none for overall")
    format: ReportFormat = ReportFormat.xlsx


class ReportIn(_Subject):
    date_from: Day | None = None
    date_to: Day | None = None
    deliver_email: bool = Field(default=False, description="E-mail it to the university's or company's contact")
    deliver_bitrix24: bool = Field(default=False, description="Notify the responsible manager in Bitrix24")

    @model_validator(mode="after")
    def _check(self) -> ReportIn:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("date_from must not be after date_to")
        if (self.kind == ReportKind.overall) != (self.subject_id is None):
            raise ValueError("subject_id is required for university and company reports, and absent for overall")
        return self


class ReportOut(OutputModel):
    id: int
    kind: ReportKind
    subject_id: int | None
    format: ReportFormat
    date_from: date | None
    date_to: date | None
    status: ReportStatus
    progress: int = Field(description="0 to 100")
    error: str | None
    title: str
    size: int | None
    schedule_id: int | None
    deliver_email: bool
    deliver_bitrix24: bool
    delivery: dict
    delivery_error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class ReportQuery(ListQuery):
    kind: ReportKind | None = None
    subject_id: Id | None = None
    status: ReportStatus | None = None
    schedule_id: Id | None = None


class ScheduleIn(_Subject):
    name: Annotated[str, Length(200)]
    subject_id: Id | None = Field(default=None, description="None with university or company: one for each of them")
    cadence: Cadence
    cron: NoneIfBlank[Annotated[str, Length(100)]] = Field(
        default=None, description="Cron expression (UTC) when cadence is cron"
    )
    deliver_email: bool = True
    deliver_bitrix24: bool = True
    enabled: bool = True

    @model_validator(mode="after")
    def _check(self) -> ScheduleIn:
        if (self.cadence == Cadence.cron) != (self.cron is not None):
            raise ValueError("cron is required with cadence cron, and only then")
        if self.kind == ReportKind.overall and self.subject_id is not None:
            raise ValueError("an overall report has no subject_id")
        return self


class SchedulePatch(InputModel):
    name: Annotated[str, Length(200)] = OMITTED
    enabled: bool = OMITTED
    deliver_email: bool = OMITTED
    deliver_bitrix24: bool = OMITTED
    format: ReportFormat = OMITTED


class ScheduleOut(OutputModel):
    id: int
    name: str
    kind: ReportKind
    subject_id: int | None
    format: ReportFormat
    cadence: Cadence
    cron: str | None
    deliver_email: bool
    deliver_bitrix24: bool
    enabled: bool
    next_run_at: datetime
    last_run_at: datetime | None
    created_at: datetime


class RunOut(OutputModel):
    reports: int = Field(description="How many reports the run queued")
