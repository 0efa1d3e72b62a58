"""Analytics for dashboards and reports, scoped like everything else.

A university's coordinator or key gets its own students' numbers, a recruiter its company's: the filter
is forced to their university or company, and asking for another one is a 404 as elsewhere.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, literal_column, select
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.analytics import figures
from internhub.analytics.figures import Filters, dialect_of, run
from internhub.analytics.schemas import (
    OUTCOMES,
    STAGES,
    AnalyticsQuery,
    CompanyAnalytics,
    DistributionOut,
    FunnelOut,
    OverviewOut,
    SkillsOut,
    TimeToHireOut,
    TrendsOut,
    UniversityAnalytics,
)
from internhub.auth.principal import Principal
from internhub.companies import service as companies
from internhub.errors import Forbidden, NotFound
from internhub.models import (
    Application,
    ApplicationStatus,
    ApplicationStatusChange,
    Company,
    Grain,
    Opening,
    OpeningStatus,
    Partnership,
    Role,
    Student,
    StudentSkill,
    University,
)
from internhub.models.analytics import ApplicationFact, RollupScope, SkillCount, StudentCount
from internhub.openings.service import not_ended
from internhub.universities import service as universities

ACTIVE = [ApplicationStatus.new, ApplicationStatus.screening, ApplicationStatus.interview, ApplicationStatus.offer]


async def filters(session: AsyncSession, principal: Principal, query: AnalyticsQuery) -> Filters:
    """The caller's filters, narrowed to what their role may see; unknown or foreign ids are a 404."""
    university_id, company_id = query.university_id, query.company_id
    if principal.role == Role.student:
        raise Forbidden("Analytics are for universities, employers and managers.")
    if principal.role == Role.university:
        if university_id not in (None, principal.university_id):
            raise NotFound("University not found.")
        university_id = principal.university_id
    if principal.role == Role.recruiter:
        if company_id not in (None, principal.company_id):
            raise NotFound("Company not found.")
        company_id = principal.company_id
    if university_id is not None:
        await universities.get(session, principal, university_id)
    if company_id is not None:
        await companies.get(session, principal, company_id)
    return Filters(
        workspace_id=principal.workspace_id,
        date_from=query.date_from,
        date_to=query.date_to,
        kind=query.kind,
        university_id=university_id,
        company_id=company_id,
        employer_view=principal.role == Role.recruiter,
    )


def _by_stage(rows: list[dict[str, Any]]) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        totals[row["stage"]] += int(row["n"])
    return totals


async def stage_totals(session: AsyncSession, f: Filters) -> dict[str, int]:
    return _by_stage(await run(session, figures.stage_counts_query(dialect_of(session), f)))


def funnel_stages(totals: dict[str, int]) -> list[dict[str, Any]]:
    applied = totals.get("new", 0)
    stages, previous = [], None
    for stage in STAGES:
        count = totals.get(stage, 0)
        stages.append(
            {
                "stage": stage,
                "count": count,
                "conversion": None if previous is None else _share(count, previous),
                "conversion_from_applied": _share(count, applied),
            }
        )
        previous = count
    return stages


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


async def funnel(session: AsyncSession, f: Filters) -> FunnelOut:
    totals = await stage_totals(session, f)
    return FunnelOut.model_validate(
        {"stages": funnel_stages(totals), **{outcome: totals.get(outcome, 0) for outcome in OUTCOMES}}
    )


async def _openings(session: AsyncSession, f: Filters) -> list[dict[str, Any]]:
    """Openings created in the period: the company's, or the workspace's (published ones for a university)."""
    rows = await run(session, figures.openings_query(dialect_of(session), f))
    published_only = f.university_id is not None and f.company_id is None
    return [
        {"status": row["status"], "kind": row["kind"], "count": int(row["n"])}
        for row in sorted(rows, key=lambda row: (row["status"], row["kind"]))
        if row["n"] and not (published_only and row["status"] == OpeningStatus.draft)
    ]


def _applications_of(f: Filters) -> list[ColumnElement[bool]]:
    where = [Application.workspace_id == f.workspace_id, Application.deleted_at.is_(None)]
    if f.university_id is not None:
        where.append(Application.student_id.in_(select(Student.id).where(Student.university_id == f.university_id)))
    if f.company_id is not None:
        where.append(Opening.company_id == f.company_id)
    if f.kind is not None:
        where.append(Opening.kind == f.kind)
    return where


def _facts(f: Filters, stage: str) -> list[ColumnElement[bool]]:
    """A university's applications (``new``) or hires in the period, by kind and company."""
    c = ApplicationFact
    where = [c.workspace_id == f.workspace_id, c.university_id == f.university_id, c.stage == stage]
    if f.date_from is not None:
        where.append(c.day >= f.date_from)
    if f.date_to is not None:
        where.append(c.day <= f.date_to)
    if f.kind is not None:
        where.append(c.kind == f.kind)
    if f.company_id is not None:
        where.append(c.company_id == f.company_id)
    return where


async def _openings_applied_to(session: AsyncSession, f: Filters) -> list[dict[str, Any]]:
    """A university's view of openings: those its students applied to in the period."""
    applied = select(ApplicationFact.opening_id).where(*_facts(f, "new"))
    stmt = (
        select(Opening.status, Opening.kind, func.count().label("n"))
        .where(Opening.id.in_(applied))
        .group_by(Opening.status, Opening.kind)
        .order_by(Opening.status, Opening.kind)
    )
    return [{"status": status, "kind": kind, "count": n} for status, kind, n in await session.execute(stmt)]


async def _count(session: AsyncSession, stmt) -> int:
    return int(await session.scalar(stmt) or 0)


async def overview(session: AsyncSession, f: Filters) -> OverviewOut:
    openings = await _openings(session, f)
    totals = await stage_totals(session, f)
    ever = await stage_totals(session, replace(f, date_from=None, date_to=None))
    # A final status is never left, so what applied and has not ended is what is in progress now.
    active = ever.get("new", 0) - sum(ever.get(status, 0) for status in ("hired", "rejected", "withdrawn"))
    return OverviewOut.model_validate(
        {
            "openings": openings,
            "openings_total": sum(row["count"] for row in openings),
            "openings_open_now": await _open_now(session, f),
            "applications": totals.get("new", 0),
            "active_applications": active,
            "hires": totals.get("hired", 0),
            **await _organisations(session, f),
        }
    )


async def _open_now(session: AsyncSession, f: Filters) -> int:
    """Openings taking applications today (published, not past their end), whenever they were created."""
    where = [
        Opening.workspace_id == f.workspace_id,
        Opening.deleted_at.is_(None),
        Opening.status == OpeningStatus.active,
        not_ended(),
    ]
    if f.company_id is not None:
        where.append(Opening.company_id == f.company_id)
    if f.kind is not None:
        where.append(Opening.kind == f.kind)
    return await _count(session, select(func.count()).select_from(Opening).where(*where))


async def _organisations(session: AsyncSession, f: Filters) -> dict[str, int]:
    live_universities = [University.workspace_id == f.workspace_id, University.deleted_at.is_(None)]
    live_companies = [Company.workspace_id == f.workspace_id, Company.deleted_at.is_(None)]
    if f.university_id is not None:
        live_universities.append(University.id == f.university_id)
        partners = select(Partnership.company_id).where(Partnership.university_id == f.university_id)
        live_companies.append(Company.id.in_(partners))
    if f.company_id is not None:
        live_companies.append(Company.id == f.company_id)
        partners = select(Partnership.university_id).where(Partnership.company_id == f.company_id)
        live_universities.append(University.id.in_(partners))
    students = select(func.coalesce(func.sum(StudentCount.n), 0)).where(
        StudentCount.workspace_id == f.workspace_id, StudentCount.university_id == (f.university_id or 0)
    )
    if f.employer_view and f.university_id is None:
        # An employer's students are those who applied to it, not every student of the workspace.
        students = select(func.count(func.distinct(Application.student_id))).where(*_applied_to(f))
    return {
        "universities": await _count(session, select(func.count()).where(*live_universities)),
        "companies": await _count(session, select(func.count()).where(*live_companies)),
        "students": await _count(session, students),
    }


async def time_to_hire(session: AsyncSession, f: Filters) -> TimeToHireOut:
    histograms: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row in await run(session, figures.durations_query(dialect_of(session), f)):
        if row["n"]:
            histograms[row["stage"]].append((int(row["days"]), int(row["n"])))
    return TimeToHireOut.model_validate(
        {
            "stages": [
                {
                    "stage": stage,
                    "count": sum(n for _, n in histograms[stage]),
                    "median_days": figures.percentile(histograms[stage], 0.5),
                    "p75_days": figures.percentile(histograms[stage], 0.75),
                }
                for stage in STAGES[1:]
            ]
        }
    )


async def trends(session: AsyncSession, f: Filters, interval: str) -> TrendsOut:
    grain = Grain.week if interval == "week" else Grain.month
    dialect = dialect_of(session)
    points: dict[Any, dict[str, int]] = defaultdict(lambda: {"applications": 0, "hires": 0, "new_openings": 0})
    for row in await run(session, figures.stage_counts_query(dialect, f, interval=grain)):
        if row["stage"] in ("new", "hired"):
            points[_as_date(row["period"])]["applications" if row["stage"] == "new" else "hires"] += int(row["n"])
    openings_filter = replace(f, university_id=None)
    for row in await run(session, figures.openings_query(dialect, openings_filter, interval=grain)):
        if f.university_id is None or row["status"] != OpeningStatus.draft:
            points[_as_date(row["period"])]["new_openings"] += int(row["n"])
    return TrendsOut.model_validate(
        {
            "interval": interval,
            "points": [
                {"period": period, **values} for period, values in sorted(points.items()) if any(values.values())
            ],
        }
    )


def _as_date(value: Any):
    return value if not isinstance(value, str) else datetime.fromisoformat(value).date()


async def skills(session: AsyncSession, f: Filters, limit: int) -> SkillsOut:
    c = SkillCount
    demanded_scope = (RollupScope.company, f.company_id) if f.company_id else (RollupScope.workspace, 0)
    offered_scope = (RollupScope.university, f.university_id) if f.university_id else (RollupScope.workspace, 0)

    async def top(side: str, scope: tuple[RollupScope, int], kind: str | None) -> list[dict[str, Any]]:
        where = [c.workspace_id == f.workspace_id, c.side == side, c.scope == str(scope[0]), c.scope_id == scope[1]]
        if kind is not None:
            where.append(c.kind == kind)
        total = func.sum(c.n)
        stmt = (
            select(c.skill, total.label("n"))
            .where(*where)
            .group_by(c.skill)
            .having(total > 0)
            .order_by(total.desc(), c.skill)
            .limit(limit)
        )
        return [{"skill": skill, "count": int(n)} for skill, n in await session.execute(stmt)]

    if f.employer_view and f.university_id is None:
        # What an employer's applicants offer: the workspace's other students are not its to count.
        total = func.count(func.distinct(StudentSkill.student_id))
        stmt = (
            select(StudentSkill.skill, total.label("n"))
            .join(Application, Application.student_id == StudentSkill.student_id)
            .where(*_applied_to(f))
            .group_by(StudentSkill.skill)
            .order_by(total.desc(), StudentSkill.skill)
            .limit(limit)
        )
        offered = [{"skill": skill, "count": int(n)} for skill, n in await session.execute(stmt)]
        return SkillsOut.model_validate({"demanded": await top("o", demanded_scope, f.kind), "offered": offered})
    return SkillsOut.model_validate(
        {"demanded": await top("o", demanded_scope, f.kind), "offered": await top("s", offered_scope, None)}
    )


def _applied_to(f: Filters) -> list[Any]:
    """Live applications to the filter's company."""
    openings = select(Opening.id).where(Opening.workspace_id == f.workspace_id, Opening.company_id == f.company_id)
    return [
        Application.workspace_id == f.workspace_id,
        Application.deleted_at.is_(None),
        Application.opening_id.in_(openings),
    ]


async def distribution(session: AsyncSession, f: Filters, limit: int) -> DistributionOut:
    dialect = dialect_of(session)
    result: dict[str, list[dict[str, Any]]] = {}
    for dimension in ("university_id", "city", "format"):
        shares: dict[Any, dict[str, int]] = defaultdict(lambda: {"applications": 0, "hires": 0})
        query = figures.stage_counts_query(dialect, f, by=(dimension,), stages=("new", "hired"))
        for row in await run(session, query):
            if row["stage"] in ("new", "hired"):
                shares[row[dimension]]["applications" if row["stage"] == "new" else "hires"] += int(row["n"])
        ranked = sorted(
            ((key, values) for key, values in shares.items() if any(values.values())),
            key=lambda item: (-item[1]["applications"], -item[1]["hires"], str(item[0])),
        )[:limit]
        result[dimension] = [{"key": str(key), **values} for key, values in ranked]
    names = await _names(session, University, [int(share["key"]) for share in result["university_id"]])
    by_university = [
        {**share, "id": int(share["key"]), "key": names.get(int(share["key"]), "")} for share in result["university_id"]
    ]
    return DistributionOut.model_validate(
        {"by_university": by_university, "by_city": result["city"], "by_format": result["format"]}
    )


async def _names(session: AsyncSession, model: Any, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict((await session.execute(select(model.id, model.name).where(model.id.in_(ids)))).all())


# --- one university, one company ---------------------------------------------------------------------


def _hired_in(f: Filters) -> list[ColumnElement[bool]]:
    """Applications hired (now) whose move to hired falls in the period."""
    moved = select(ApplicationStatusChange.application_id).where(
        ApplicationStatusChange.application_id == Application.id,
        ApplicationStatusChange.to_status == ApplicationStatus.hired,
    )
    if f.date_from is not None:
        moved = moved.where(ApplicationStatusChange.changed_at >= datetime.combine(f.date_from, time.min, tzinfo=UTC))
    if f.date_to is not None:
        end = datetime.combine(f.date_to + timedelta(days=1), time.min, tzinfo=UTC)
        moved = moved.where(ApplicationStatusChange.changed_at < end)
    return [Application.status == ApplicationStatus.hired, moved.exists()]


async def university(
    session: AsyncSession, principal: Principal, university_id: int, f: Filters
) -> UniversityAnalytics:
    found = await universities.get(session, principal, university_id)
    f = replace(f, university_id=found.id)
    totals = await stage_totals(session, f)
    groups = await _student_groups(session, f)
    applied_openings = await _openings_applied_to(session, f)
    return UniversityAnalytics.model_validate(
        {
            "university_id": found.id,
            "name": found.name,
            "students_total": groups["total"]["students"],
            "students_applied": groups["total"]["applied"],
            "students_placed": groups["total"]["placed"],
            "placement_rate": _share(groups["total"]["placed"], groups["total"]["students"]),
            "openings_applied": sum(row["count"] for row in applied_openings),
            "openings_completed": sum(row["count"] for row in applied_openings if row["status"] == "completed"),
            "applications": totals.get("new", 0),
            "hires": totals.get("hired", 0),
            "by_course": groups["course"],
            "by_specialty": groups["specialty"],
            "top_employers": await _top_employers(session, f),
        }
    )


async def _student_groups(session: AsyncSession, f: Filters) -> dict[str, Any]:
    registered = await session.execute(
        select(StudentCount.course, StudentCount.specialty, StudentCount.n).where(
            StudentCount.workspace_id == f.workspace_id, StudentCount.university_id == f.university_id
        )
    )
    by: dict[str, dict[Any, dict[str, int]]] = {
        "course": defaultdict(lambda: {"students": 0, "applied": 0, "placed": 0}),
        "specialty": defaultdict(lambda: {"students": 0, "applied": 0, "placed": 0}),
    }
    total = {"students": 0, "applied": 0, "placed": 0}
    for course, specialty, n in registered:
        by["course"][course]["students"] += n
        by["specialty"][specialty]["students"] += n
        total["students"] += n
    # The students with a fact in the period: an index range over the university's facts, then their rows.
    specialty_or_blank = func.coalesce(Student.specialty, literal_column("''")).label("specialty")
    for measure, stage in (("applied", "new"), ("placed", "hired")):
        students = select(ApplicationFact.student_id).where(*_facts(f, stage))
        stmt = (
            select(Student.course, specialty_or_blank, func.count())
            .where(Student.id.in_(students))
            .group_by(Student.course, specialty_or_blank)
        )
        for course, specialty_name, n in await session.execute(stmt):
            by["course"][course][measure] += n
            by["specialty"][specialty_name][measure] += n
            total[measure] += n
    return {
        "total": total,
        "course": [{"key": str(key), **values} for key, values in sorted(by["course"].items())],
        "specialty": [
            {"key": key, **values}
            for key, values in sorted(by["specialty"].items(), key=lambda item: (-item[1]["students"], item[0]))
        ],
    }


async def _top_employers(session: AsyncSession, f: Filters, limit: int = 10) -> list[dict[str, Any]]:
    c = ApplicationFact
    hires = func.count()
    stmt = (
        select(c.company_id, hires.label("hires"))
        .where(*_facts(f, "hired"))
        .group_by(c.company_id)
        .order_by(hires.desc(), c.company_id)
        .limit(limit)
    )
    rows = (await session.execute(stmt)).all()
    ids = [company_id for company_id, _ in rows]
    names = await _names(session, Company, ids)
    applied_to = select(c.company_id, func.count()).where(*_facts(f, "new"), c.company_id.in_(ids))
    applied = dict((await session.execute(applied_to.group_by(c.company_id))).all())
    return [
        {"id": company_id, "name": names.get(company_id, ""), "hires": n, "applications": applied.get(company_id, 0)}
        for company_id, n in rows
    ]


async def company(session: AsyncSession, principal: Principal, company_id: int, f: Filters) -> CompanyAnalytics:
    found = await companies.get(session, principal, company_id)
    f = replace(f, company_id=found.id)
    totals = await stage_totals(session, f)
    openings = await _openings(session, f)
    openings_total = sum(row["count"] for row in openings)
    return CompanyAnalytics.model_validate(
        {
            "company_id": found.id,
            "name": found.name,
            "openings": openings,
            "openings_total": openings_total,
            "applications": totals.get("new", 0),
            "applications_per_opening": round(totals.get("new", 0) / openings_total, 2) if openings_total else None,
            "funnel": funnel_stages(totals),
            "universities": await _hiring_universities(session, f),
        }
    )


async def _hiring_universities(session: AsyncSession, f: Filters, limit: int = 10) -> list[dict[str, Any]]:
    hires = func.count(Application.id)
    stmt = (
        select(Student.university_id, hires.label("hires"))
        .select_from(Application)
        .join(Opening, Opening.id == Application.opening_id)
        .join(Student, Student.id == Application.student_id)
        .where(*_applications_of(f), *_hired_in(f))
        .group_by(Student.university_id)
        .order_by(hires.desc(), Student.university_id)
        .limit(limit)
    )
    rows = (await session.execute(stmt)).all()
    names = await _names(session, University, [university_id for university_id, _ in rows])
    return [{"id": uid, "name": names.get(uid, ""), "hires": n} for uid, n in rows]
