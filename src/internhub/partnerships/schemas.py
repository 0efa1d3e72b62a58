from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, model_validator

from internhub.common.pagination import ListQuery
from internhub.common.schemas import OMITTED, Day, Id, InputModel, Length, OutputModel, Timestamps


class PartnershipFields(InputModel):
    valid_from: Day | None = None
    valid_to: Day | None = None

    @model_validator(mode="after")
    def _period(self):
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError("valid_to must not be before valid_from")
        return self


class PartnershipIn(PartnershipFields):
    university_id: Id
    company_id: Id
    agreement_number: Annotated[str, Length(64)]


class PartnershipPatch(PartnershipFields):
    agreement_number: Annotated[str, Length(64)] = OMITTED


class PartnershipOut(Timestamps, OutputModel):
    id: int
    university_id: int
    company_id: int
    agreement_number: str
    valid_from: date | None
    valid_to: date | None


class PartnershipQuery(ListQuery):
    university_id: Id | None = None
    company_id: Id | None = None
    active_on: Day | None = Field(default=None, description="Only agreements valid on this day")
