"""What a report says: the analytics figures for its subject and period, as summary lines, tables and charts.

XLSX and PDF are drawn from the same ``ReportContent``, so both files carry exactly the numbers the
analytics API gives for the same filters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from internhub.analytics import service as analytics
from internhub.analytics.figures import Filters
from internhub.analytics.schemas import DurationOut, StageOut, TrendPoint
from internhub.auth.principal import Principal
from internhub.models import ReportKind, Role

STAGE_NAMES = {
    "new": "Отклики",
    "screening": "Отбор",
    "interview": "Собеседование",
    "offer": "Предложение",
    "hired": "Приняты",
}


@dataclass
class Chart:
    kind: Literal["bar", "line"]
    title: str
    categories_column: int = 0
    value_columns: tuple[int, ...] = (1,)


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[Any]]
    chart: Chart | None = None


@dataclass
class ReportContent:
    title: str
    period: str
    summary: list[tuple[str, Any]]
    tables: list[Table] = field(default_factory=list)


def period_text(date_from: date | None, date_to: date | None) -> str:
    if date_from is None and date_to is None:
        return "за всё время"
    start = date_from.strftime("%d.%m.%Y") if date_from else "…"
    end = date_to.strftime("%d.%m.%Y") if date_to else "…"
    return f"{start} — {end}"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _days(value: float | None) -> str | float:
    return "—" if value is None else value


def funnel_table(stages: list[StageOut]) -> Table:
    return Table(
        "Воронка",
        ["Этап", "Количество", "Конверсия из предыдущего", "Конверсия из отклика"],
        [[STAGE_NAMES[s.stage], s.count, _percent(s.conversion), _percent(s.conversion_from_applied)] for s in stages],
        Chart("bar", "Воронка: количество по этапам"),
    )


def trends_table(points: list[TrendPoint]) -> Table:
    return Table(
        "Динамика по месяцам",
        ["Месяц", "Отклики", "Приняты", "Новые вакансии"],
        [[p.period.strftime("%Y-%m"), p.applications, p.hires, p.new_openings] for p in points],
        Chart("line", "Отклики и приёмы по месяцам", value_columns=(1, 2)),
    )


def time_table(stages: list[DurationOut]) -> Table:
    return Table(
        "Сроки: дней от отклика до этапа",
        ["Этап", "Количество", "Медиана", "75-й процентиль"],
        [[STAGE_NAMES[s.stage], s.count, _days(s.median_days), _days(s.p75_days)] for s in stages],
    )


async def build(
    session: AsyncSession,
    workspace_id: int,
    kind: ReportKind,
    subject_id: int | None,
    date_from: date | None,
    date_to: date | None,
) -> ReportContent:
    f = Filters(workspace_id=workspace_id, date_from=date_from, date_to=date_to)
    # Reports are made by the system for the subject they are about: the widest view of the workspace.
    system = Principal(workspace_id=workspace_id, role=Role.admin, name="Отчёты")
    period = period_text(date_from, date_to)
    if kind != ReportKind.overall and subject_id is None:
        raise ValueError(f"a {kind} report needs its subject")
    if kind == ReportKind.university and subject_id is not None:
        return await _university(session, system, f, subject_id, period)
    if kind == ReportKind.company and subject_id is not None:
        return await _company(session, system, f, subject_id, period)
    return await _overall(session, f, period)


async def _university(session, system, f: Filters, university_id: int, period: str) -> ReportContent:
    data = await analytics.university(session, system, university_id, f)
    scoped = Filters(**{**f.__dict__, "university_id": university_id})
    trends = await analytics.trends(session, scoped, "month")
    funnel = await analytics.funnel(session, scoped)
    groups = ["Студентов", "Откликнулись", "Трудоустроены"]
    return ReportContent(
        title=f"Отчёт вуза: {data.name}",
        period=period,
        summary=[
            ("Студентов", data.students_total),
            ("Откликнулись за период", data.students_applied),
            ("Трудоустроены за период", data.students_placed),
            ("Доля трудоустроенных", _percent(data.placement_rate)),
            ("Откликов", data.applications),
            ("Принятых", data.hires),
            ("Вакансий с откликами", data.openings_applied),
            ("Из них завершены", data.openings_completed),
        ],
        tables=[
            funnel_table(funnel.stages),
            trends_table(trends.points),
            Table(
                "По курсам",
                ["Курс", *groups],
                [[g.key, g.students, g.applied, g.placed] for g in data.by_course],
                Chart("bar", "Студенты по курсам", value_columns=(1, 2, 3)),
            ),
            Table(
                "По специальностям",
                ["Специальность", *groups],
                [[g.key or "—", g.students, g.applied, g.placed] for g in data.by_specialty],
            ),
            Table(
                "Работодатели",
                ["Компания", "Принято", "Откликов"],
                [[e.name, e.hires, e.applications] for e in data.top_employers],
            ),
        ],
    )


async def _company(session, system, f: Filters, company_id: int, period: str) -> ReportContent:
    data = await analytics.company(session, system, company_id, f)
    scoped = Filters(**{**f.__dict__, "company_id": company_id})
    trends = await analytics.trends(session, scoped, "month")
    times = await analytics.time_to_hire(session, scoped)
    per_opening = data.applications_per_opening
    return ReportContent(
        title=f"Отчёт компании: {data.name}",
        period=period,
        summary=[
            ("Вакансий и стажировок", data.openings_total),
            ("Откликов", data.applications),
            ("Откликов на вакансию", "—" if per_opening is None else per_opening),
            ("Принятых", data.funnel[-1].count),
        ],
        tables=[
            Table(
                "Вакансии по статусам",
                ["Статус", "Вид", "Количество"],
                [[o.status, o.kind, o.count] for o in data.openings],
            ),
            funnel_table(data.funnel),
            trends_table(trends.points),
            time_table(times.stages),
            Table(
                "Вузы, из которых принимают",
                ["Вуз", "Принято"],
                [[u.name, u.hires] for u in data.universities],
                Chart("bar", "Принятые по вузам"),
            ),
        ],
    )


async def _overall(session, f: Filters, period: str) -> ReportContent:
    overview = await analytics.overview(session, f)
    funnel = await analytics.funnel(session, f)
    trends = await analytics.trends(session, f, "month")
    times = await analytics.time_to_hire(session, f)
    spread = await analytics.distribution(session, f, 20)
    skills = await analytics.skills(session, f, 15)
    return ReportContent(
        title="Общий отчёт",
        period=period,
        summary=[
            ("Вузов-партнёров", overview.universities),
            ("Компаний", overview.companies),
            ("Студентов", overview.students),
            ("Вакансий и стажировок за период", overview.openings_total),
            ("Откликов", overview.applications),
            ("Откликов в работе сейчас", overview.active_applications),
            ("Принятых", overview.hires),
        ],
        tables=[
            funnel_table(funnel.stages),
            trends_table(trends.points),
            time_table(times.stages),
            Table(
                "По городам",
                ["Город", "Отклики", "Приняты"],
                [[s.key or "—", s.applications, s.hires] for s in spread.by_city],
                Chart("bar", "Отклики по городам"),
            ),
            Table(
                "По вузам",
                ["Вуз", "Отклики", "Приняты"],
                [[s.key, s.applications, s.hires] for s in spread.by_university],
            ),
            Table(
                "По формату работы",
                ["Формат", "Отклики", "Приняты"],
                [[s.key, s.applications, s.hires] for s in spread.by_format],
            ),
            Table("Востребованные навыки", ["Навык", "Вакансий"], [[s.skill, s.count] for s in skills.demanded]),
            Table("Навыки студентов", ["Навык", "Студентов"], [[s.skill, s.count] for s in skills.offered]),
        ],
    )
