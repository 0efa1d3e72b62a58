"""Date arithmetic spelled for each database, and the application events every figure is counted from."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Date,
    Integer,
    Select,
    String,
    cast,
    func,
    literal,
    literal_column,
    select,
    union_all,
)
from sqlalchemy.sql.elements import ColumnElement

from internhub.models import Application, ApplicationStatusChange, Opening, Student
from internhub.models.analytics import Grain

NEW = "new"


def day_of(dialect: str, moment: Any) -> ColumnElement:
    """The UTC calendar day of a timestamp."""
    if dialect == "postgresql":
        return cast(func.timezone(literal_column("'UTC'"), moment), Date)
    return func.date(moment)


def bucket_of(dialect: str, grain: Grain, day: Any) -> ColumnElement:
    """The first day of the week (Monday) or month a day falls in; the day itself for the day grain."""
    if grain == Grain.day:
        return day
    if dialect == "postgresql":
        unit = "'week'" if grain == Grain.week else "'month'"
        return cast(func.date_trunc(literal_column(unit), day), Date)
    if grain == Grain.week:
        # 'weekday 0' moves forward to the next Sunday (or stays on one); six days back is that week's Monday.
        return func.date(day, literal_column("'weekday 0'"), literal_column("'-6 days'"))
    return func.date(day, literal_column("'start of month'"))


def days_between(dialect: str, earlier_day: Any, later_day: Any) -> ColumnElement:
    if dialect == "postgresql":
        return later_day - earlier_day
    return cast(func.julianday(later_day) - func.julianday(earlier_day), Integer)


def _dimensions(dialect: str, moment: Any, stage: Any, overrides: dict[str, Any] | None) -> list[ColumnElement]:
    fixed = overrides or {}

    def dimension(name: str, column: Any, type_: Any = String) -> ColumnElement:
        return (literal(fixed[name], type_) if name in fixed else column).label(name)

    applied_day = day_of(dialect, Application.applied_at)
    event_day = day_of(dialect, moment)
    return [
        Application.workspace_id.label("workspace_id"),
        dimension("university_id", Student.university_id, Integer),
        dimension("company_id", Opening.company_id, Integer),
        dimension("kind", Opening.kind),
        dimension("city", func.coalesce(Opening.city, "")),
        dimension("format", Opening.format),
        stage.label("stage"),
        event_day.label("day"),
        days_between(dialect, applied_day, event_day).label("days"),
    ]


def applied_events(dialect: str, *where: ColumnElement, overrides: dict[str, Any] | None = None) -> Select:
    """One row per application: the event of applying (stage ``new``, at ``applied_at``)."""
    return (
        select(*_dimensions(dialect, Application.applied_at, literal(NEW, String), overrides))
        .join(Opening, Opening.id == Application.opening_id)
        .join(Student, Student.id == Application.student_id)
        .where(*where)
    )


def stage_events(dialect: str, *where: ColumnElement, overrides: dict[str, Any] | None = None) -> Select:
    """One row per later move into a stage, from the status history (its ``new`` rows are the applying)."""
    moment, stage = ApplicationStatusChange.changed_at, ApplicationStatusChange.to_status
    return (
        select(*_dimensions(dialect, moment, stage, overrides))
        .select_from(ApplicationStatusChange)
        .join(Application, Application.id == ApplicationStatusChange.application_id)
        .join(Opening, Opening.id == Application.opening_id)
        .join(Student, Student.id == Application.student_id)
        .where(ApplicationStatusChange.to_status != NEW, *where)
    )


def events(
    dialect: str,
    *where: ColumnElement,
    overrides: dict[str, Any] | None = None,
    without_changes: list[int] | None = None,
) -> CompoundSelect:
    """Every application event with the dimensions analytics slices by: what all the figures count.

    ``overrides`` replaces a dimension by a fixed value: how a change of an opening's city or a student's
    university takes back what was counted under the old value. ``without_changes`` leaves out those
    status changes (ids).
    """
    moves = [ApplicationStatusChange.id.not_in(without_changes)] if without_changes else []
    return union_all(
        applied_events(dialect, *where, overrides=overrides),
        stage_events(dialect, *where, *moves, overrides=overrides),
    )
