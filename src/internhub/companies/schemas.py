from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, EmailStr, Field, HttpUrl

from internhub.common.pagination import ListQuery
from internhub.common.schemas import OMITTED, Id, InputModel, Length, NoneIfBlank, OutputModel, Synced, Timestamps
from internhub.companies.inn import is_valid_inn


def _valid_inn(value: str | None) -> str | None:
    if value is not None and not is_valid_inn(value):
        raise ValueError("is not a valid INN: 10 or 12 digits with correct check digits")
    return value


Inn = Annotated[NoneIfBlank[Annotated[str, Length(12)]], AfterValidator(_valid_inn)]


class CompanyFields(InputModel):
    inn: Inn = None
    industry: NoneIfBlank[Annotated[str, Length(100)]] = None
    city: NoneIfBlank[Annotated[str, Length(100)]] = None
    website: HttpUrl | None = None
    contact_name: NoneIfBlank[Annotated[str, Length(200)]] = None
    contact_email: EmailStr | None = None
    contact_phone: NoneIfBlank[Annotated[str, Length(32)]] = None
    bitrix24_company_id: Id | None = None


class CompanyIn(CompanyFields):
    name: Annotated[str, Length(300)]


class CompanyPatch(CompanyFields):
    name: Annotated[str, Length(300)] = OMITTED


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
    city: Annotated[str, Length(100)] | None = Field(default=None, description="Exact city")
    industry: Annotated[str, Length(100)] | None = Field(default=None, description="Exact industry")
    inn: Annotated[str, Length(12)] | None = Field(default=None, description="Exact INN")
