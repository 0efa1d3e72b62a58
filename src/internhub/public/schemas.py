from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from fastapi import UploadFile
from pydantic import EmailStr, Field

from internhub.common.schemas import Between, Id, InputModel, Length, NoneIfBlank, OutputModel, Skills
from internhub.models import ApplicationStatus, OpeningKind, OpeningStatus, WorkFormat
from internhub.openings.schemas import OpeningQuery

WorkspaceSlug = Field(default=None, description="The workspace's catalogue; the installation's own when absent")


class PublicOpeningQuery(OpeningQuery):
    status: Literal[OpeningStatus.active] = Field(
        default=OpeningStatus.active, description="The catalogue shows active openings only"
    )
    current: Literal[True] = Field(default=True, description="The catalogue shows openings not past their end only")
    workspace: Annotated[str, Length(64)] | None = WorkspaceSlug


class PublicOpeningOut(OutputModel):
    id: int
    title: str
    kind: OpeningKind
    format: WorkFormat
    city: str | None
    description: str
    skills: list[str]
    starts_on: date | None
    ends_on: date | None
    ended: bool = Field(description="Past its end date: takes no applications")
    slots: int
    free_slots: int
    company_id: int
    company_name: str


class PublicUniversityOut(OutputModel):
    id: int
    name: str
    short_name: str | None
    city: str | None


class PublicCityOut(OutputModel):
    city: str
    openings: int = Field(description="Open openings there")


class PublicCityQuery(InputModel):
    workspace: Annotated[str, Length(64)] | None = WorkspaceSlug


class PublicUniversityQuery(InputModel):
    q: Annotated[str, Length(200)] | None = None
    workspace: Annotated[str, Length(64)] | None = WorkspaceSlug


class PublicApplicationForm(InputModel):
    """The catalogue's application form (multipart/form-data)."""

    opening_id: Id
    full_name: Annotated[str, Length(200)]
    email: EmailStr
    phone: NoneIfBlank[Annotated[str, Length(32)]] = None
    university_id: Id | None = Field(default=None, description="From public-universities-list")
    university: NoneIfBlank[Annotated[str, Length(300)]] = Field(
        default=None, description="Or the university's name or short name"
    )
    course: Annotated[int, Between(1, 6)] | None = None
    specialty: NoneIfBlank[Annotated[str, Length(200)]] = None
    skills: Skills = Field(default_factory=list)
    cover_letter: NoneIfBlank[Annotated[str, Length(10_000)]] = None
    consent: bool = Field(description="Consent to personal-data processing; must be true")
    consent_version: NoneIfBlank[Annotated[str, Length(32)]] = Field(
        default=None, description="Version of the text shown; default current"
    )
    locale: Literal["ru", "en"] = "ru"
    cv: UploadFile | None = Field(default=None, description="PDF or DOCX")


class PublicApplicationCreated(OutputModel):
    id: int
    status: ApplicationStatus
    token: str = Field(description="The private status link's token; shown once, stored only as a hash")
    status_url: str


class PublicStatusStep(OutputModel):
    status: ApplicationStatus
    changed_at: datetime


class PublicApplicationStatus(OutputModel):
    opening_title: str
    company_name: str
    status: ApplicationStatus
    rejection_reason: str | None
    applied_at: datetime
    updated_at: datetime
    history: list[PublicStatusStep]


class ConsentOut(OutputModel):
    version: str
    text_ru: str
    text_en: str
