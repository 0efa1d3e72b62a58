from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, EmailStr, Field, HttpUrl

from internhub.bitrix24.schemas import Synced
from internhub.common.pagination import ListQuery
from internhub.common.schemas import Id, InputModel, OptionalText, OutputModel, Text, Timestamps
from internhub.companies.inn import is_valid_inn


def _valid_inn(value: str | None) -> str | None:
    if value is not None and not is_valid_inn(value):
        raise ValueError("is not a valid INN: 10 or 12 digits with correct check digits")
    return value


Inn = Annotated[OptionalText(12), AfterValidator(_valid_inn)]


class CompanyFields(InputModel):
    inn: Inn = None
    industry: OptionalText(100) = None
    city: OptionalText(100) = None
    website: HttpUrl | None = None
    contact_name: OptionalText(200) = None
    contact_email: EmailStr | None = None
    contact_phone: OptionalText(32) = None
    bitrix24_company_id: Id | None = None


class CompanyIn(CompanyFields):
    name: Text(300)


class CompanyPatch(CompanyFields):
    name: Text(300) = None


class CompanyOut(Timestamps, Synced, OutputModel):
    id: int
    name: str
    inn: str | None
    industry: str | None
    city: str | None
    website: str | None
    contact_name: str | None
    contact_email: str | None
    contact_phone: str | None
    bitrix24_company_id: int | None


class CompanyQuery(ListQuery):
    city: Text(100) | None = Field(default=None, description="Exact city")
    industry: Text(100) | None = Field(default=None, description="Exact industry")
    inn: Text(12) | None = Field(default=None, description="Exact INN")
