"""Every analytics figure computed again in plain Python from a workspace's rows: what the API must answer."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select

from internhub import models as m

STAGES = ("new", "screening", "interview", "offer", "hired")
FINAL = ("hired", "rejected", "withdrawn")


def _day(value: datetime) -> date:
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).date()


@dataclass
class Rows:
    applications: list[Any]
    changes: list[Any]
    openings: dict[int, Any]
    students: dict[int, Any]
    universities: list[Any]
    companies: list[Any]
    partnerships: list[Any]
    student_skills: list[tuple[int, str]]
    opening_skills: list[tuple[int, str]]

    @classmethod
    async def load(cls, app: FastAPI, workspace_id: int) -> Rows:
        async with app.state.sessionmaker() as session:

            async def all_of(model: Any) -> list[Any]:
                return list((await session.scalars(select(model).where(model.workspace_id == workspace_id))).all())

            applications = await all_of(m.Application)
            ids = {a.id for a in applications}
            changes = [
                c for c in (await session.scalars(select(m.ApplicationStatusChange))).all() if c.application_id in ids
            ]
            openings = {o.id: o for o in await all_of(m.Opening)}
            students = {s.id: s for s in await all_of(m.Student)}
            student_skills = [
                (row.student_id, row.skill)
                for row in (await session.scalars(select(m.StudentSkill))).all()
                if row.student_id in students
            ]
            opening_skills = [
                (row.opening_id, row.skill)
                for row in (await session.scalars(select(m.OpeningSkill))).all()
                if row.opening_id in openings
            ]
            return cls(
                applications=applications,
                changes=changes,
                openings=openings,
                students=students,
                universities=await all_of(m.University),
                companies=await all_of(m.Company),
                partnerships=await all_of(m.Partnership),
                student_skills=student_skills,
                opening_skills=opening_skills,
            )


class Reference:
    def __init__(self, rows: Rows, **filters: Any) -> None:
        self.rows = rows
        self.date_from: date | None = filters.get("date_from")
        self.date_to: date | None = filters.get("date_to")
        self.kind = filters.get("kind")
        self.university_id = filters.get("university_id")
        self.company_id = filters.get("company_id")

    # --- events ------------------------------------------------------------------------------------

    def _application_matches(self, application: Any) -> bool:
        opening = self.rows.openings[application.opening_id]
        student = self.rows.students[application.student_id]
        return (
            application.deleted_at is None
            and (self.kind is None or opening.kind == self.kind)
            and (self.university_id is None or student.university_id == self.university_id)
            and (self.company_id is None or opening.company_id == self.company_id)
        )

    def in_period(self, day: date) -> bool:
        return (self.date_from is None or day >= self.date_from) and (self.date_to is None or day <= self.date_to)

    def events(self, whole_time: bool = False) -> list[dict[str, Any]]:
        """(application, stage, day, days since applying): applying, then every later move into a stage."""
        applications = {a.id: a for a in self.rows.applications if self._application_matches(a)}
        found = []
        for application in applications.values():
            found.append(self._event(application, "new", _day(application.applied_at)))
        for change in self.rows.changes:
            if change.application_id in applications and change.to_status != "new":
                found.append(
                    self._event(applications[change.application_id], change.to_status, _day(change.changed_at))
                )
        return [event for event in found if whole_time or self.in_period(event["day"])]

    def _event(self, application: Any, stage: str, day: date) -> dict[str, Any]:
        opening = self.rows.openings[application.opening_id]
        return {
            "application": application,
            "stage": stage,
            "day": day,
            "days": (day - _day(application.applied_at)).days,
            "university_id": self.rows.students[application.student_id].university_id,
            "city": opening.city or "",
            "format": opening.format,
        }

    def stage_totals(self, whole_time: bool = False) -> Counter:
        return Counter(event["stage"] for event in self.events(whole_time))

    # --- figures -----------------------------------------------------------------------------------

    def funnel(self) -> dict[str, Any]:
        totals = self.stage_totals()
        stages, previous = [], None
        for stage in STAGES:
            stages.append(
                {
                    "stage": stage,
                    "count": totals[stage],
                    "conversion": None if previous is None else _share(totals[stage], previous),
                    "conversion_from_applied": _share(totals[stage], totals["new"]),
                }
            )
            previous = totals[stage]
        return {"stages": stages, "rejected": totals["rejected"], "withdrawn": totals["withdrawn"]}

    def applied_openings(self) -> list[dict[str, Any]]:
        counts: Counter = Counter()
        seen = set()
        for application in self.rows.applications:
            if self._application_matches(application) and self.in_period(_day(application.applied_at)):
                seen.add(application.opening_id)
        for opening_id in seen:
            opening = self.rows.openings[opening_id]
            counts[(opening.status, opening.kind)] += 1
        return [{"status": s, "kind": k, "count": n} for (s, k), n in sorted(counts.items())]

    def openings(self) -> list[dict[str, Any]]:
        counts: Counter = Counter()
        published_only = self.university_id is not None and self.company_id is None
        for opening in self.rows.openings.values():
            if (
                opening.deleted_at is None
                and (self.kind is None or opening.kind == self.kind)
                and (self.company_id is None or opening.company_id == self.company_id)
                and self.in_period(_day(opening.created_at))
                and not (published_only and opening.status == "draft")
            ):
                counts[(opening.status, opening.kind)] += 1
        return [{"status": s, "kind": k, "count": n} for (s, k), n in sorted(counts.items())]

    def overview(self) -> dict[str, Any]:
        totals, ever = self.stage_totals(), self.stage_totals(whole_time=True)
        current = Counter(
            a.status for a in self.rows.applications if self._application_matches(a) and a.status not in FINAL
        )
        assert sum(current.values()) == ever["new"] - sum(ever[s] for s in FINAL)  # the identity overview relies on
        openings = self.openings()
        universities = [u for u in self.rows.universities if u.deleted_at is None]
        companies = [c for c in self.rows.companies if c.deleted_at is None]
        if self.university_id is not None:
            partners = {p.company_id for p in self.rows.partnerships if p.university_id == self.university_id}
            universities = [u for u in universities if u.id == self.university_id]
            companies = [c for c in companies if c.id in partners]
        if self.company_id is not None:
            partners = {p.university_id for p in self.rows.partnerships if p.company_id == self.company_id}
            companies = [c for c in companies if c.id == self.company_id]
            universities = [u for u in universities if u.id in partners]
        students = [
            s
            for s in self.rows.students.values()
            if s.deleted_at is None and (self.university_id is None or s.university_id == self.university_id)
        ]
        return {
            "openings": openings,
            "openings_total": sum(row["count"] for row in openings),
            "openings_open_now": sum(
                1
                for o in self.rows.openings.values()
                if o.deleted_at is None
                and o.status == "active"
                and (o.ends_on is None or o.ends_on >= datetime.now(UTC).date())
                and (self.kind is None or o.kind == self.kind)
                and (self.company_id is None or o.company_id == self.company_id)
            ),
            "applications": totals["new"],
            "active_applications": sum(current.values()),
            "hires": totals["hired"],
            "universities": len(universities),
            "companies": len(companies),
            "students": len(students),
        }

    def time_to_hire(self) -> dict[str, Any]:
        days: dict[str, list[int]] = defaultdict(list)
        for event in self.events():
            days[event["stage"]].append(event["days"])
        return {
            "stages": [
                {
                    "stage": stage,
                    "count": len(days[stage]),
                    "median_days": percentile_cont(days[stage], 0.5),
                    "p75_days": percentile_cont(days[stage], 0.75),
                }
                for stage in STAGES[1:]
            ]
        }

    def trends(self, interval: str) -> dict[str, Any]:
        def start(day: date) -> date:
            return day - timedelta(days=day.weekday()) if interval == "week" else day.replace(day=1)

        points: dict[date, dict[str, int]] = defaultdict(lambda: {"applications": 0, "hires": 0, "new_openings": 0})
        for event in self.events():
            if event["stage"] == "new":
                points[start(event["day"])]["applications"] += 1
            elif event["stage"] == "hired":
                points[start(event["day"])]["hires"] += 1
        for opening in self.rows.openings.values():
            day = _day(opening.created_at)
            if (
                opening.deleted_at is None
                and self.in_period(day)
                and (self.kind is None or opening.kind == self.kind)
                and (self.company_id is None or opening.company_id == self.company_id)
                and (self.university_id is None or opening.status != "draft")
            ):
                points[start(day)]["new_openings"] += 1
        return {
            "interval": interval,
            "points": [{"period": p.isoformat(), **values} for p, values in sorted(points.items())],
        }

    def skills(self, limit: int) -> dict[str, Any]:
        demanded: Counter = Counter()
        for opening_id, skill in self.rows.opening_skills:
            opening = self.rows.openings[opening_id]
            if (
                opening.deleted_at is None
                and opening.status == "active"
                and (self.kind is None or opening.kind == self.kind)
                and (self.company_id is None or opening.company_id == self.company_id)
            ):
                demanded[skill] += 1
        offered: Counter = Counter()
        for student_id, skill in self.rows.student_skills:
            student = self.rows.students[student_id]
            if student.deleted_at is None and (
                self.university_id is None or student.university_id == self.university_id
            ):
                offered[skill] += 1
        return {"demanded": _top(demanded, limit), "offered": _top(offered, limit)}

    def distribution(self, limit: int) -> dict[str, Any]:
        names = {u.id: u.name for u in self.rows.universities}
        result = {}
        for dimension in ("university_id", "city", "format"):
            shares: dict[Any, dict[str, int]] = defaultdict(lambda: {"applications": 0, "hires": 0})
            for event in self.events():
                if event["stage"] in ("new", "hired"):
                    shares[event[dimension]]["applications" if event["stage"] == "new" else "hires"] += 1
            ranked = sorted(
                shares.items(), key=lambda item: (-item[1]["applications"], -item[1]["hires"], str(item[0]))
            )
            result[dimension] = [{"key": str(key), **values} for key, values in ranked[:limit]]
        return {
            "by_university": [
                {**share, "key": names[int(share["key"])], "id": int(share["key"])} for share in result["university_id"]
            ],
            "by_city": [{**share, "id": None} for share in result["city"]],
            "by_format": [{**share, "id": None} for share in result["format"]],
        }

    def _hired_in_period(self, application: Any) -> bool:
        return application.status == "hired" and any(
            c.application_id == application.id and c.to_status == "hired" and self.in_period(_day(c.changed_at))
            for c in self.rows.changes
        )

    def university(self) -> dict[str, Any]:
        students = {
            s.id: s
            for s in self.rows.students.values()
            if s.university_id == self.university_id and s.deleted_at is None
        }
        everyone = {s.id: s for s in self.rows.students.values() if s.university_id == self.university_id}
        applied, placed = set(), set()
        for application in self.rows.applications:
            if application.student_id in everyone and self._application_matches(application):
                if self.in_period(_day(application.applied_at)):
                    applied.add(application.student_id)
                if self._hired_in_period(application):
                    placed.add(application.student_id)
        groups: dict[str, dict[Any, dict[str, int]]] = {
            key: defaultdict(lambda: {"students": 0, "applied": 0, "placed": 0}) for key in ("course", "specialty")
        }
        for student in students.values():
            groups["course"][student.course]["students"] += 1
            groups["specialty"][student.specialty or ""]["students"] += 1
        for measure, ids in (("applied", applied), ("placed", placed)):
            for student_id in ids:
                groups["course"][everyone[student_id].course][measure] += 1
                groups["specialty"][everyone[student_id].specialty or ""][measure] += 1
        totals = self.stage_totals()
        openings = self.applied_openings()
        hires_by_company: Counter = Counter()
        applications_by_company: Counter = Counter()
        for application in self.rows.applications:
            if application.student_id in everyone and self._application_matches(application):
                company_id = self.rows.openings[application.opening_id].company_id
                if self._hired_in_period(application):
                    hires_by_company[company_id] += 1
                if self.in_period(_day(application.applied_at)):
                    applications_by_company[company_id] += 1
        names = {c.id: c.name for c in self.rows.companies}
        top = sorted(hires_by_company.items(), key=lambda item: (-item[1], item[0]))[:10]
        return {
            "university_id": self.university_id,
            "students_total": len(students),
            "students_applied": len(applied),
            "students_placed": len(placed),
            "placement_rate": _share(len(placed), len(students)),
            "openings_applied": sum(row["count"] for row in openings),
            "openings_completed": sum(row["count"] for row in openings if row["status"] == "completed"),
            "applications": totals["new"],
            "hires": totals["hired"],
            "by_course": [{"key": str(k), **v} for k, v in sorted(groups["course"].items())],
            "by_specialty": [
                {"key": k, **v} for k, v in sorted(groups["specialty"].items(), key=lambda i: (-i[1]["students"], i[0]))
            ],
            "top_employers": [
                {"id": c, "name": names[c], "hires": n, "applications": applications_by_company[c]} for c, n in top
            ],
        }

    def company(self) -> dict[str, Any]:
        totals = self.stage_totals()
        openings = self.openings()
        total = sum(row["count"] for row in openings)
        hires: Counter = Counter()
        for application in self.rows.applications:
            if self._application_matches(application) and self._hired_in_period(application):
                hires[self.rows.students[application.student_id].university_id] += 1
        names = {u.id: u.name for u in self.rows.universities}
        return {
            "company_id": self.company_id,
            "openings": openings,
            "openings_total": total,
            "applications": totals["new"],
            "applications_per_opening": round(totals["new"] / total, 2) if total else None,
            "funnel": self.funnel()["stages"],
            "universities": [
                {"id": u, "name": names[u], "hires": n}
                for u, n in sorted(hires.items(), key=lambda i: (-i[1], i[0]))[:10]
            ],
        }


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _top(counter: Counter, limit: int) -> list[dict[str, Any]]:
    ranked = sorted(((skill, n) for skill, n in counter.items() if n), key=lambda item: (-item[1], item[0]))
    return [{"skill": skill, "count": n} for skill, n in ranked[:limit]]


def percentile_cont(values: list[int], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
