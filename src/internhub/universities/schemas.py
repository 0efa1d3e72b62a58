from __future__ import annotations

from pydantic import EmailStr, Field

from internhub.bitrix24.schemas import Synced
from internhub.common.pagination import ListQuery
from internhub.common.schemas import Id, InputModel, OptionalText, OutputModel, Text, Timestamps


class UniversityFields(InputModel):
    short_name: OptionalText(50) = None
    city: OptionalText(100) = None
    contact_email: EmailStr | None = None
    bitrix24_company_id: Id | None = None


class UniversityIn(UniversityFields):
    name: Text(300)


class UniversityPatch(UniversityFields):
    name: Text(300) = None


class UniversityOut(Timestamps, Synced, OutputModel):
    id: int
    name: str
    short_name: str | None
    city: str | None
    contact_email: str | None
    bitrix24_company_id: int | None


class UniversityQuery(ListQuery):
    city: Text(100) | None = Field(default=None, description="Exact city")
