"""Reading the rollups: sums over a period, by stage and by the dimensions a figure needs.

A period is read as whole months, then the whole weeks left at its edges (where a table keeps weeks), then the
days left around those weeks (under a week each), so a year costs a dozen month rows per key instead of 365
day rows, and an edge a few week and day rows instead of up to a month of days. Weekly and monthly trends
read whole buckets of their interval plus days. The share counts hold the distribution's crossings (a
university's applications and hires by city and format, a company's by university). Where no rollup holds a
combination (a university and a company at once, except a company's hires from one university) the same
events are counted from the rows instead: the figures are the same, only slower.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.analytics.rollup_rows import SHARE_STAGES, bucket
from internhub.analytics.sql import bucket_of, events, stage_events
from internhub.models import Application, Opening, Student
from internhub.models.analytics import Grain, OpeningCount, RollupScope, ShareCount, StageCount, StageDuration


@dataclass(frozen=True)
class Filters:
    workspace_id: int
    date_from: date | None = None
    date_to: date | None = None
    kind: str | None = None
    university_id: int | None = None
    company_id: int | None = None
    # An employer looking at its own figures: students are those who applied to it, not the workspace's.
    employer_view: bool = False

    @property
    def rollup_scope(self) -> tuple[RollupScope, int] | None:
        if self.university_id is not None and self.company_id is not None:
            return None
        if self.university_id is not None:
            return RollupScope.university, self.university_id
        if self.company_id is not None:
            return RollupScope.company, self.company_id
        return RollupScope.workspace, 0


def _next_bucket(start: date, grain: Grain) -> date:
    if grain == Grain.month:
        return (start + timedelta(days=32)).replace(day=1)
    return start + timedelta(days=7 if grain == Grain.week else 1)


# The grains each rollup table keeps; a period is read from its coarsest whole buckets down to days.
GRAINS = {
    StageCount.__table__: (Grain.month, Grain.week, Grain.day),
    OpeningCount.__table__: (Grain.month, Grain.week, Grain.day),
    StageDuration.__table__: (Grain.month, Grain.day),
    ShareCount.__table__: (Grain.month, Grain.day),
}


def period_pieces(start: date | None, end: date | None, grains: tuple[Grain, ...]) -> list[tuple[Grain, Any, Any]]:
    """``[start, end)`` (either end open) as whole buckets of ``grains[0]``, the rest of finer grains.

    Each piece is (grain, first period, end period): the rows of that grain whose period is in the range.
    Weeks fill what is left of a month at each edge, and days what is left of a week (under seven on each
    side of the weeks).
    """
    grain, finer = grains[0], grains[1:]
    if not finer:
        return [] if start is not None and end is not None and start >= end else [(grain, start, end)]
    first_full = None if start is None else bucket(start, grain)
    if first_full is not None and first_full != start:
        first_full = _next_bucket(first_full, grain)
    end_full = None if end is None else bucket(end, grain)
    if first_full is not None and end_full is not None and first_full >= end_full:
        return period_pieces(start, end, finer)
    pieces = [(grain, first_full, end_full)]
    if start is not None:
        pieces += period_pieces(start, first_full, finer)
    if end is not None:
        pieces += period_pieces(end_full, end, finer)
    return pieces


def period_clause(table: Any, f: Filters, interval: Grain | None = None) -> ColumnElement[bool]:
    """Rows of ``table`` that add up to the period: whole months, then weeks and days at the edges.

    Rows grouped by ``interval`` (weekly or monthly trends) are read as whole buckets of it plus days, since
    a week can straddle two months.
    """
    c = table.c
    grains = (interval, Grain.day) if interval is not None else GRAINS[table]
    end = None if f.date_to is None else f.date_to + timedelta(days=1)
    parts = []
    for grain, first, until in period_pieces(f.date_from, end, grains):
        where = [c.grain == str(grain)]
        if first is not None:
            where.append(c.period >= first)
        if until is not None:
            where.append(c.period < until)
        parts.append(and_(*where))
    return or_(*parts) if parts else false()


def _rollup_where(
    table: Any, f: Filters, scope: RollupScope, scope_id: int | None, interval: Grain | None = None
) -> list:
    c = table.c
    where = [c.workspace_id == f.workspace_id, c.scope == str(scope), period_clause(table, f, interval)]
    if scope_id is not None:
        where.append(c.scope_id == scope_id)
    if f.kind is not None:
        where.append(c.kind == f.kind)
    return where


def _event_filters(f: Filters) -> list[ColumnElement[bool]]:
    where = [Application.workspace_id == f.workspace_id, Application.deleted_at.is_(None)]
    if f.university_id is not None:
        where.append(Student.university_id == f.university_id)
    if f.company_id is not None:
        where.append(Opening.company_id == f.company_id)
    if f.kind is not None:
        where.append(Opening.kind == f.kind)
    return where


def _day_range(column: Any, f: Filters) -> list[ColumnElement[bool]]:
    where = []
    if f.date_from is not None:
        where.append(column >= f.date_from)
    if f.date_to is not None:
        where.append(column <= f.date_to)
    return where


ROLLUP_DIMENSIONS = {
    RollupScope.workspace: {"kind", "city", "format", "university_id"},
    RollupScope.totals: {"kind", "university_id"},
    RollupScope.university: {"kind", "university_id"},
    RollupScope.company: {"kind", "city", "format"},
}


def stage_counts_query(
    dialect: str,
    f: Filters,
    by: tuple[str, ...] = (),
    interval: Grain | None = None,
    stages: tuple[str, ...] | None = None,
) -> Select:
    """Events per stage (and per ``by``, and per week or month with ``interval``) in the period."""
    scope = f.rollup_scope
    if scope is not None and set(by) <= ROLLUP_DIMENSIONS[scope[0]]:
        table = StageCount.__table__
        c = table.c
        if "university_id" in by:  # every university's rows: the workspace scope's numbers, per university
            where = _rollup_where(table, f, RollupScope.university, f.university_id, interval)
            columns = [c.scope_id.label("university_id") if name == "university_id" else c[name] for name in by]
        else:
            if scope[0] == RollupScope.workspace and not {"city", "format"} & set(by):
                scope = (RollupScope.totals, 0)
            where = _rollup_where(table, f, *scope, interval)
            columns = [c[name] for name in by]
        if interval is not None:
            columns.append(bucket_of(dialect, interval, c.period).label("period"))
        if stages is not None:
            where.append(c.stage.in_(stages))
        return select(c.stage, *columns, func.sum(c.n).label("n")).where(*where).group_by(c.stage, *columns)
    shares = _share_counts_query(f, by, interval, stages)
    if shares is not None:
        return shares
    return plain_stage_counts_query(dialect, f, by, interval, stages)


def _share_counts_query(
    f: Filters, by: tuple[str, ...], interval: Grain | None, stages: tuple[str, ...] | None
) -> Select | None:
    """Applications and hires of a university by city and format, or of a company by university."""
    if interval is not None or stages is None or not set(stages) <= set(SHARE_STAGES):
        return None
    table = ShareCount.__table__
    c = table.c
    if f.company_id is not None and set(by) <= {"university_id"}:
        where = _rollup_where(table, f, RollupScope.company, f.company_id)
        if f.university_id is not None:
            where.append(c.university_id == f.university_id)
    elif f.university_id is not None and f.company_id is None and set(by) <= {"city", "format"}:
        where = _rollup_where(table, f, RollupScope.university, f.university_id)
    else:
        return None
    columns = [c[name] for name in by]
    where.append(c.stage.in_(stages))
    return select(c.stage, *columns, func.sum(c.n).label("n")).where(*where).group_by(c.stage, *columns)


def plain_stage_counts_query(
    dialect: str,
    f: Filters,
    by: tuple[str, ...] = (),
    interval: Grain | None = None,
    stages: tuple[str, ...] | None = None,
) -> Select:
    """The same figures counted from the applications and their history, without the rollups."""
    source = events(dialect, *_event_filters(f)).subquery()
    columns = [source.c[name] for name in by]
    if interval is not None:
        columns.append(bucket_of(dialect, interval, source.c.day).label("period"))
    where = _day_range(source.c.day, f)
    if stages is not None:
        where.append(source.c.stage.in_(stages))
    return select(source.c.stage, *columns, func.count().label("n")).where(*where).group_by(source.c.stage, *columns)


def durations_query(dialect: str, f: Filters) -> Select:
    scope = f.rollup_scope
    if scope is None:
        return plain_durations_query(dialect, f)
    table = StageDuration.__table__
    c = table.c
    where = _rollup_where(table, f, *scope)
    return select(c.stage, c.days, func.sum(c.n).label("n")).where(*where).group_by(c.stage, c.days)


def plain_durations_query(dialect: str, f: Filters) -> Select:
    source = stage_events(dialect, *_event_filters(f)).subquery()
    return (
        select(source.c.stage, source.c.days, func.count().label("n"))
        .where(*_day_range(source.c.day, f))
        .group_by(source.c.stage, source.c.days)
    )


def openings_query(dialect: str, f: Filters, interval: Grain | None = None) -> Select:
    """Openings created in the period by status and kind (the workspace's, or the company's)."""
    table = OpeningCount.__table__
    c = table.c
    scope = (RollupScope.company, f.company_id) if f.company_id is not None else (RollupScope.workspace, 0)
    where = _rollup_where(table, f, *scope, interval)
    columns: list[ColumnElement[Any]] = [c.status, c.kind]
    if interval is not None:
        columns.append(bucket_of(dialect, interval, c.period).label("period"))
    return select(*columns, func.sum(c.n).label("n")).where(*where).group_by(*columns)


async def run(session: AsyncSession, query: Select) -> list[dict[str, Any]]:
    return [dict(row._mapping) for row in await session.execute(query)]


def dialect_of(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


def percentile(histogram: list[tuple[int, int]], share: float) -> float | None:
    """Linear interpolation between closest ranks (as PostgreSQL's percentile_cont), from (value, count)."""
    total = sum(count for _, count in histogram)
    if total == 0:
        return None
    position = share * (total - 1)
    low = math.floor(position)

    def value_at(rank: int) -> int:
        seen = 0
        for value, count in sorted(histogram):
            seen += count
            if rank < seen:
                return value
        return sorted(histogram)[-1][0]

    below = value_at(low)
    fraction = position - low
    if fraction == 0:
        return float(below)
    return below + (value_at(low + 1) - below) * fraction
