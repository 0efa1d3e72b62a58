from __future__ import annotations

from typing import Annotated

from pydantic import EmailStr, Field

from internhub.common.pagination import ListQuery
from internhub.common.schemas import OMITTED, Id, InputModel, Length, NoneIfBlank, OutputModel, Synced, Timestamps


class UniversityFields(InputModel):
    short_name: NoneIfBlank[Annotated[str, Length(50)]] = None
    city: NoneIfBlank[Annotated[str, Length(100)]] = None
    contact_email: EmailStr | None = None
    bitrix24_company_id: Id | None = None


class UniversityIn(UniversityFields):
    name: Annotated[str, Length(300)]


class UniversityPatch(UniversityFields):
    name: Annotated[str, Length(300)] = OMITTED


class UniversityOut(Timestamps, Synced, OutputModel):
    id: int
    name: str
    short_name: str | None
    city: str | None
    contact_email: str | None
    bitrix24_company_id: int | None


class UniversityQuery(ListQuery):
    city: Annotated[str, Length(100)] | None = Field(default=None, description="Exact city")
