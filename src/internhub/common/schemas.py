"""Building blocks for request and response schemas."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from annotated_types import GroupedMetadata, Interval
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from internhub.models import SyncStatus

MAX_ID = 2**63 - 1


def _not_bool(value: Any) -> Any:
    # Pydantic's lax mode reads JSON true/false as 1/0; for a number that is a wrong type, not a value.
    if isinstance(value, bool):
        raise ValueError("must be a number, not true or false")
    return value


@dataclass(frozen=True)
class Between(GroupedMetadata):
    """A whole number within bounds, ``Annotated[int, Between(1, 6)]``; JSON booleans are refused rather than read
    as 1 and 0. (The bounds come first: after a before-validator they would reach the OpenAPI document as
    ``ge``/``le`` instead of ``minimum``/``maximum``.)"""

    ge: int
    le: int

    def __iter__(self) -> Iterator[object]:
        yield Interval(ge=self.ge, le=self.le)
        yield BeforeValidator(_not_bool)


Id = Annotated[int, Between(1, MAX_ID)]


# Control characters but tab, line feed and carriage return: no one types them on purpose, PostgreSQL keeps no
# NUL, and an XLSX file may hold none of them (a report showing the name would fail).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _no_control(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    if CONTROL.search(value):
        raise ValueError("must not contain control characters")
    return value


def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


@dataclass(frozen=True)
class Length(GroupedMetadata):
    """A trimmed single- or multi-line string with a length limit and no control characters but tab and line
    breaks: ``Annotated[str, Length(200)]``."""

    max_length: int
    min_length: int = 1

    def __iter__(self) -> Iterator[object]:
        yield StringConstraints(strip_whitespace=True, min_length=self.min_length, max_length=self.max_length)
        yield AfterValidator(_no_control)


_T = TypeVar("_T")

# ``NoneIfBlank[Annotated[str, Length(100)]]``: optional, and an empty string means "not given".
NoneIfBlank = Annotated[_T | None, BeforeValidator(_blank_to_none)]


def _split_csv(value: Any) -> Any:
    if isinstance(value, str):
        return [part for part in value.split(",") if part.strip()]
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str) and "," in value[0]:
        return [part for part in value[0].split(",") if part.strip()]
    return value


def _normalise_skills(values: list[str]) -> list[str]:
    # Sorted, because that is the order they are read back in: a create answers as a later read does.
    return sorted({" ".join(value.lower().split()) for value in values})


# Days a person may type: a century either way of today's work; beyond that a date is a typo, and near the
# calendar's edges arithmetic on it (the day after, the week it starts) would overflow.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)
Day = Annotated[date, Interval(ge=FIRST_DAY, le=LAST_DAY)]

Skill = Annotated[str, Length(50)]
Skills = Annotated[list[Skill], BeforeValidator(_split_csv), AfterValidator(_normalise_skills), Field(max_length=50)]


# The default of a PATCH field the client may leave out. Its type still says what may be sent (``null`` is refused
# where the type has no ``None``: pydantic does not validate defaults), and services read only the fields that were
# sent (``model_dump(exclude_unset=True)``), so the placeholder is never seen as a value.
OMITTED: Any = None


class InputModel(BaseModel):
    """Request bodies: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class QueryModel(BaseModel):
    """Query-string models: unknown parameters are an error too, so typos do not go unnoticed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class OutputModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Period(QueryModel):
    date_from: Day | None = Field(default=None, description="Inclusive lower bound")
    date_to: Day | None = Field(default=None, description="Inclusive upper bound")


class Timestamps(OutputModel):
    created_at: datetime
    updated_at: datetime


class SyncOut(OutputModel):
    status: SyncStatus = Field(description="pending: waiting to reach Bitrix24; synced; failed: see error")
    error: str | None
    synced_at: datetime | None


class Synced(OutputModel):
    """Output of a record kept in step with Bitrix24."""

    sync: SyncOut | None = Field(
        default=None, validation_alias="sync_state", description="Bitrix24 sync state; null when never synced"
    )
