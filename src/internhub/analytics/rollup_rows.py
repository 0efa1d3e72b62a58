"""What a change counts in, computed in Python: the rollup rows of an opening, a student and new application
events (the writes that happen all day), and the facts of an application's applying and hire. The same counts
as SQL, for the rare changes that move earlier events and for rebuilds, are in ``rollup_sql``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from internhub.analytics.sql import NEW
from internhub.models import Application, ApplicationStatusChange, Opening, Student
from internhub.models.analytics import Grain, RollupScope, ShareCount, StageCount, StageDuration

COUNT_GRAINS = (Grain.day, Grain.week, Grain.month)
DURATION_SCOPES = (RollupScope.workspace, RollupScope.university, RollupScope.company)
DURATION_GRAINS = (Grain.day, Grain.month)
SHARE_SCOPES = (RollupScope.university, RollupScope.company)
SHARE_GRAINS = (Grain.day, Grain.month)
SHARE_STAGES = (NEW, "hired")
OPENING_DIMENSIONS = ("company_id", "kind", "city", "format")
OPENING_KEY = ("company_id", "kind", "city", "format", "status", "created_at", "deleted_at")
STUDENT_KEY = ("university_id", "course", "specialty", "deleted_at")
ALL_UNIVERSITIES = 0

APPLICATION_KEY = ("id", "workspace_id", "opening_id", "student_id", "applied_at", "deleted_at")
OPENING_FACTS = ("company_id", "kind", "city", "format")

FACT_STAGES = (NEW, "hired")
FACT_COLUMNS = ("application_id", "stage", "workspace_id", "university_id", "student_id", "company_id", "opening_id")


def bucket(day: date, grain: Grain) -> date:
    """The same as ``sql.bucket_of``, in Python."""
    if grain == Grain.week:
        return day - timedelta(days=day.weekday())
    if grain == Grain.month:
        return day.replace(day=1)
    return day


def utc_day(moment: datetime) -> date:
    return (moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)).date()


def counted(values: dict[str, Any]) -> bool:
    """Whether a record (as its values before or after a change) is counted: not removed."""
    return values["deleted_at"] is None


def opening_rows(values: dict[str, Any], workspace_id: int, sign: int) -> list[dict[str, Any]]:
    day = utc_day(values["created_at"])
    rows = []
    for scope, scope_id in ((RollupScope.workspace, 0), (RollupScope.company, values["company_id"])):
        for grain in COUNT_GRAINS:
            rows.append(
                {
                    "workspace_id": workspace_id,
                    "scope": str(scope),
                    "scope_id": scope_id,
                    "grain": str(grain),
                    "period": bucket(day, grain),
                    "kind": str(values["kind"]),
                    "status": str(values["status"]),
                    "city": values["city"] or "",
                    "format": str(values["format"]),
                    "n": sign,
                }
            )
    return rows


def student_rows(values: dict[str, Any], workspace_id: int, sign: int) -> list[dict[str, Any]]:
    return [
        {
            "workspace_id": workspace_id,
            "university_id": university_id,
            "course": values["course"],
            "specialty": values["specialty"] or "",
            "n": sign,
        }
        for university_id in (ALL_UNIVERSITIES, values["university_id"])
    ]


def merged(rows: list[dict[str, Any]], key: tuple[str, ...]) -> list[dict[str, Any]]:
    # One statement must not touch a row twice (PostgreSQL refuses), so equal keys are added up first.
    totals: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        found = totals.setdefault(tuple(row[name] for name in key), {**row, "n": 0})
        found["n"] += row["n"]
    return [row for row in totals.values() if row["n"]]


def known_values(session: Session, model: Any, ids: Iterable[int], names: tuple[str, ...]) -> dict[int, dict[str, Any]]:
    """``names`` of the rows ``ids``: from the objects the session holds, one SELECT for the rest."""
    found: dict[int, dict[str, Any]] = {}
    missing = []
    for row_id in set(ids):
        obj = session.identity_map.get(identity_key(model, row_id))
        if obj is not None and not inspect(obj).unloaded.intersection(names):
            found[row_id] = {name: getattr(obj, name) for name in names}
        else:
            missing.append(row_id)
    if missing:
        columns = [model.id, *(getattr(model, name) for name in names)]
        for row in session.connection().execute(select(*columns).where(model.id.in_(missing))):
            found[row[0]] = dict(zip(names, row[1:], strict=True))
    return found


def application_events(
    session: Session, applications: list[Application], changes: list[ApplicationStatusChange]
) -> list[dict[str, Any]]:
    """The events (as ``sql.events`` spells them) of new applications and new moves into a stage."""
    known = {a.id: {name: getattr(a, name) for name in APPLICATION_KEY} for a in applications}
    known.update(known_values(session, Application, {c.application_id for c in changes} - set(known), APPLICATION_KEY))
    moments = [(known[a.id], NEW, a.applied_at) for a in applications]
    moments += [(known[c.application_id], c.to_status, c.changed_at) for c in changes]
    moments = [(app, stage, moment) for app, stage, moment in moments if app["deleted_at"] is None]
    if not moments:
        return []
    openings = known_values(session, Opening, (app["opening_id"] for app, _, _ in moments), OPENING_FACTS)
    students = known_values(session, Student, (app["student_id"] for app, _, _ in moments), ("university_id",))
    found = []
    for app, stage, moment in moments:
        opening, day = openings[app["opening_id"]], utc_day(moment)
        found.append(
            {
                "application_id": app["id"],
                "student_id": app["student_id"],
                "opening_id": app["opening_id"],
                "workspace_id": app["workspace_id"],
                "university_id": students[app["student_id"]]["university_id"],
                "company_id": opening["company_id"],
                "kind": str(opening["kind"]),
                "city": opening["city"] or "",
                "format": str(opening["format"]),
                "stage": str(stage),
                "day": day,
                "days": (day - utc_day(app["applied_at"])).days,
            }
        )
    return found


def event_rows(found: list[dict[str, Any]]) -> dict[Table, list[dict[str, Any]]]:
    """The rollup rows (``n`` 1 each, not yet added up) that events count in, the same as ``event_statements``."""
    counts, durations, shares = [], [], []
    for e in found:
        scope_ids = {
            RollupScope.workspace: 0,
            RollupScope.totals: 0,
            RollupScope.university: e["university_id"],
            RollupScope.company: e["company_id"],
        }
        for scope, scope_id in scope_ids.items():
            plain = scope in (RollupScope.university, RollupScope.totals)
            where = {"city": "" if plain else e["city"], "format": "" if plain else e["format"]}
            for grain in COUNT_GRAINS:
                common = {
                    "workspace_id": e["workspace_id"],
                    "scope": str(scope),
                    "scope_id": scope_id,
                    "grain": str(grain),
                    "period": bucket(e["day"], grain),
                    "kind": e["kind"],
                    "stage": e["stage"],
                    "n": 1,
                }
                counts.append({**common, **where})
                if scope in DURATION_SCOPES and grain in DURATION_GRAINS:
                    durations.append({**common, "days": e["days"]})
                if scope in SHARE_SCOPES and grain in SHARE_GRAINS and e["stage"] in SHARE_STAGES:
                    by_university = scope == RollupScope.university
                    crossing = {
                        "university_id": 0 if by_university else e["university_id"],
                        "city": e["city"] if by_university else "",
                        "format": e["format"] if by_university else "",
                    }
                    shares.append({**common, **crossing})
    return {StageCount.__table__: counts, StageDuration.__table__: durations, ShareCount.__table__: shares}


def fact_rows(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {**{name: e[name] for name in FACT_COLUMNS}, "kind": e["kind"], "day": e["day"]}
        for e in found
        if e["stage"] in FACT_STAGES
    ]
