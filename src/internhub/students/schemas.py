from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import EmailStr, Field

from internhub.common.pagination import ListQuery
from internhub.common.schemas import (
    OMITTED,
    Between,
    Id,
    InputModel,
    Length,
    NoneIfBlank,
    OutputModel,
    Skills,
    Synced,
    Timestamps,
)


class StudentFields(InputModel):
    phone: NoneIfBlank[Annotated[str, Length(32)]] = None
    specialty: NoneIfBlank[Annotated[str, Length(200)]] = None
    skills: Skills = Field(default_factory=list)
    bitrix24_contact_id: Id | None = None
    consent_version: NoneIfBlank[Annotated[str, Length(32)]] = Field(
        default=None, description="Version of the personal-data consent text the student accepted"
    )


class StudentIn(StudentFields):
    university_id: Id
    full_name: Annotated[str, Length(200)]
    email: EmailStr
    course: Annotated[int, Between(1, 6)]


class StudentPatch(StudentFields):
    university_id: Id = OMITTED
    full_name: Annotated[str, Length(200)] = OMITTED
    email: EmailStr = OMITTED
    course: Annotated[int, Between(1, 6)] = OMITTED
    skills: Skills = OMITTED


class StudentOut(Timestamps, Synced, OutputModel):
    id: int
    university_id: int
    full_name: str
    email: str
    phone: str | None
    course: int
    specialty: str | None
    skills: list[str]
    bitrix24_contact_id: int | None
    consent_version: str | None
    consent_at: datetime | None


class StudentQuery(ListQuery):
    university_id: Id | None = None
    course: Annotated[int, Between(1, 6)] | None = None
    specialty: Annotated[str, Length(200)] | None = Field(default=None, description="Exact specialty")
    skills: Skills = Field(default_factory=list, description="Students having every one of these skills")


class StudentImportRow(OutputModel):
    row: int = Field(description="Line of the file (1 is the header)")
    email: str
    ok: bool
    status: int | None = Field(default=None, description="The HTTP status this row alone would have got")
    error: str | None = None
    errors: list[dict] | None = Field(default=None, description="Field errors: field and message")
    existing_id: int | None = Field(default=None, description="The student who already has this e-mail")
    student_id: int | None = Field(default=None, description="The student registered (not in a dry run)")


class StudentImportOut(OutputModel):
    dry_run: bool
    total: int
    created: int = Field(description="Rows registered, or that would be in a dry run")
    failed: int
    rows: list[StudentImportRow]
