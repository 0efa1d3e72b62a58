"""Keeping the analytics rollups current, in the same transaction as the change they count.

Every flush that adds an application or a status change, removes or restores an application, or changes
what an application is counted under (an opening's company, kind, city or format; a student's university)
adds the difference to the rollups (``after_flush``), so no write path can forget and a change is visible
the moment it commits. New applications and status changes, the writes that happen all day, are counted
from the flushed objects in Python and written with one INSERT … ON CONFLICT per rollup table; the rare
changes that move earlier events (a removal, a restore, an opening or a student moved) are recounted in SQL.

``rebuild`` computes a workspace's rollups from scratch: the demo generator and bulk imports call it after
loading rows without the ORM.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    CompoundSelect,
    Connection,
    Date,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    delete,
    event,
    func,
    inspect,
    literal,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from internhub.analytics import skills
from internhub.analytics.sql import NEW, bucket_of, day_of, events
from internhub.common.upsert import insert_for
from internhub.models import Application, ApplicationStatusChange, Opening, Student, Workspace
from internhub.models.analytics import (
    ApplicationFact,
    Grain,
    OpeningCount,
    RollupScope,
    ShareCount,
    SkillCount,
    StageCount,
    StageDuration,
    StudentCount,
)

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


def bucket(day: date, grain: Grain) -> date:
    """The same as ``sql.bucket_of``, in Python."""
    if grain == Grain.week:
        return day - timedelta(days=day.weekday())
    if grain == Grain.month:
        return day.replace(day=1)
    return day


def _upsert(dialect: str, table: Table, key: list[str]):
    statement = insert_for(dialect, table)
    return statement, {"index_elements": key, "set_": {"n": table.c.n + statement.excluded.n}}


def _grouped(dialect: str, table: Table, source: Any, scope: RollupScope, grain: Grain, sign: int, upsert: bool = True):
    """INSERT … SELECT … GROUP BY of ``source`` (events) into one scope and grain of a rollup table."""
    key = [column.name for column in table.primary_key.columns]
    scope_id = {
        RollupScope.workspace: literal(0, Integer),
        RollupScope.totals: literal(0, Integer),
        RollupScope.university: source.c.university_id,
        RollupScope.company: source.c.company_id,
    }[scope]
    values: dict[str, Any] = {
        "workspace_id": source.c.workspace_id,
        "scope": literal(str(scope), String),
        "scope_id": scope_id,
        "grain": literal(str(grain), String),
        "period": bucket_of(dialect, grain, source.c.day),
        "kind": source.c.kind,
        "stage": source.c.stage,
    }
    where = [source.c.workspace_id.is_not(None)]
    if table is StageDuration.__table__:
        values["days"] = source.c.days
    elif table is ShareCount.__table__:
        by_university = scope == RollupScope.university
        values["university_id"] = literal(0, Integer) if by_university else source.c.university_id
        values["city"] = source.c.city if by_university else literal("", String)
        values["format"] = source.c.format if by_university else literal("", String)
        where.append(source.c.stage.in_(SHARE_STAGES))
    elif scope in (RollupScope.university, RollupScope.totals):
        values["city"] = literal("", String)
        values["format"] = literal("", String)
    else:
        values["city"] = source.c.city
        values["format"] = source.c.format
    inner = select(*(expression.label(name) for name, expression in values.items())).where(*where).subquery()
    grouped = select(*(inner.c[name] for name in key), (func.count() * sign).label("n")).group_by(
        *(inner.c[name] for name in key)
    )
    if not upsert:
        # In the primary key's order the rows go into the index page after page instead of all over it.
        ordered = grouped.order_by(*(inner.c[name] for name in key))
        return insert_for(dialect, table).from_select([*key, "n"], ordered)
    statement, conflict = _upsert(dialect, table, key)
    return statement.from_select([*key, "n"], grouped).on_conflict_do_update(**conflict)


def event_statements(dialect: str, source: Any, sign: int, durations: bool = True) -> list:
    """Statements that add (``sign`` 1) or take back (-1) the events of ``source`` in every rollup row."""
    statements = [
        _grouped(dialect, StageCount.__table__, source, scope, grain, sign)
        for scope in RollupScope
        for grain in COUNT_GRAINS
    ]
    if durations:
        statements += [
            _grouped(dialect, StageDuration.__table__, source, scope, grain, sign)
            for scope in DURATION_SCOPES
            for grain in DURATION_GRAINS
        ]
    statements += [
        _grouped(dialect, ShareCount.__table__, source, scope, grain, sign)
        for scope in SHARE_SCOPES
        for grain in SHARE_GRAINS
    ]
    return statements


# --- openings and students: a few rows per change, computed here ------------------------------------


def _day(moment: datetime) -> date:
    return (moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)).date()


def opening_rows(values: dict[str, Any], workspace_id: int, sign: int) -> list[dict[str, Any]]:
    day = _day(values["created_at"])
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


def _before_and_after(obj: Any, names: Iterable[str]) -> tuple[dict[str, Any], dict[str, Any], bool]:
    state = inspect(obj)
    before, after, changed = {}, {}, False
    for name in names:
        history = state.attrs[name].history
        after[name] = getattr(obj, name)
        if history.has_changes() and history.deleted:
            before[name] = history.deleted[0]
            changed = changed or before[name] != after[name]
        else:
            before[name] = after[name]
    return before, after, changed


def _merge(rows: list[dict[str, Any]], key: tuple[str, ...]) -> list[dict[str, Any]]:
    # One statement must not touch a row twice (PostgreSQL refuses), so equal keys are added up first.
    totals: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        found = totals.setdefault(tuple(row[name] for name in key), {**row, "n": 0})
        found["n"] += row["n"]
    return [row for row in totals.values() if row["n"]]


def _write_rows(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    key = tuple(column.name for column in table.primary_key.columns)
    rows = _merge(rows, key)
    if rows:
        statement, conflict = _upsert(connection.dialect.name, table, list(key))
        connection.execute(statement.on_conflict_do_update(**conflict), rows)


# --- the flush listener -------------------------------------------------------------------------------


def _counted(values: dict[str, Any]) -> bool:
    return values["deleted_at"] is None


# --- application events counted from the flushed objects ------------------------------------------------

APPLICATION_KEY = ("id", "workspace_id", "opening_id", "student_id", "applied_at", "deleted_at")
OPENING_FACTS = ("company_id", "kind", "city", "format")


def _known(session: Session, model: Any, ids: Iterable[int], names: tuple[str, ...]) -> dict[int, dict[str, Any]]:
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


def _application_events(
    session: Session, applications: list[Application], changes: list[ApplicationStatusChange]
) -> list[dict[str, Any]]:
    """The events (as ``sql.events`` spells them) of new applications and new moves into a stage."""
    known = {a.id: {name: getattr(a, name) for name in APPLICATION_KEY} for a in applications}
    known.update(_known(session, Application, {c.application_id for c in changes} - set(known), APPLICATION_KEY))
    moments = [(known[a.id], NEW, a.applied_at) for a in applications]
    moments += [(known[c.application_id], c.to_status, c.changed_at) for c in changes]
    moments = [(app, stage, moment) for app, stage, moment in moments if app["deleted_at"] is None]
    if not moments:
        return []
    openings = _known(session, Opening, (app["opening_id"] for app, _, _ in moments), OPENING_FACTS)
    students = _known(session, Student, (app["student_id"] for app, _, _ in moments), ("university_id",))
    found = []
    for app, stage, moment in moments:
        opening, day = openings[app["opening_id"]], _day(moment)
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
                "days": (day - _day(app["applied_at"])).days,
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


# --- one row per application's applying and hire -----------------------------------------------------

FACT_STAGES = (NEW, "hired")
FACT_COLUMNS = ("application_id", "stage", "workspace_id", "university_id", "student_id", "company_id", "opening_id")


def fact_rows(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {**{name: e[name] for name in FACT_COLUMNS}, "kind": e["kind"], "day": e["day"]}
        for e in found
        if e["stage"] in FACT_STAGES
    ]


def facts_select(dialect: str, *where: ColumnElement[bool]) -> CompoundSelect:
    """The facts of the applications ``where`` picks, from the rows (live or not: the caller decides)."""

    def of(stage: Any, moment: Any) -> list[Any]:
        return [
            Application.id,
            stage,
            Application.workspace_id,
            Student.university_id,
            Application.student_id,
            Opening.company_id,
            Application.opening_id,
            Opening.kind,
            day_of(dialect, moment),
        ]

    applied = (
        select(*of(literal(NEW, String), Application.applied_at))
        .join(Opening, Opening.id == Application.opening_id)
        .join(Student, Student.id == Application.student_id)
        .where(*where)
    )
    hired = (
        select(*of(ApplicationStatusChange.to_status, ApplicationStatusChange.changed_at))
        .select_from(ApplicationStatusChange)
        .join(Application, Application.id == ApplicationStatusChange.application_id)
        .join(Opening, Opening.id == Application.opening_id)
        .join(Student, Student.id == Application.student_id)
        .where(ApplicationStatusChange.to_status == "hired", *where)
    )
    return union_all(applied, hired)


def _insert_facts(connection: Connection, source: Any) -> None:
    # An application hired twice (a status history that left a final status) counts once.
    statement = insert_for(connection.dialect.name, ApplicationFact.__table__)
    columns = [*FACT_COLUMNS, "kind", "day"]
    connection.execute(statement.from_select(columns, source).on_conflict_do_nothing())


def _write_facts(connection: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        statement = insert_for(connection.dialect.name, ApplicationFact.__table__)
        connection.execute(statement.on_conflict_do_nothing(), rows)


def rebuild_facts(connection: Connection, workspace_id: int) -> None:
    table = ApplicationFact.__table__
    connection.execute(delete(table).where(table.c.workspace_id == workspace_id))
    live = (Application.workspace_id == workspace_id, Application.deleted_at.is_(None))
    _insert_facts(connection, facts_select(connection.dialect.name, *live))


def _move_facts(connection: Connection, moves: list[tuple[str, int, dict[str, Any]]]) -> None:
    table = ApplicationFact.__table__
    for column, row_id, values in moves:
        connection.execute(table.update().where(table.c[column] == row_id).values(**values))


# --- the flush listener -------------------------------------------------------------------------------


def _counted(values: dict[str, Any]) -> bool:
    return values["deleted_at"] is None


@event.listens_for(Session, "after_flush")
def _count_changes(session: Session, _context) -> None:
    new_applications: list[Application] = []
    new_changes: list[ApplicationStatusChange] = []
    plans: list[tuple[Any, int]] = []  # (events source, sign): the rare changes recounted in SQL
    opening_changes: list[dict[str, Any]] = []
    student_changes: list[dict[str, Any]] = []
    dialect = session.get_bind().dialect.name

    for obj in session.new:
        if isinstance(obj, Application):
            if obj.deleted_at is None:
                new_applications.append(obj)
        elif isinstance(obj, ApplicationStatusChange) and obj.to_status != NEW:
            new_changes.append(obj)
        elif isinstance(obj, Opening):
            if obj.deleted_at is None:
                opening_changes += opening_rows(_values(obj, OPENING_KEY), obj.workspace_id, 1)
        elif isinstance(obj, Student) and obj.deleted_at is None:
            student_changes += student_rows(_values(obj, STUDENT_KEY), obj.workspace_id, 1)

    # Events of this flush are counted below (when their application is live) at the values they have now;
    # the recounts of earlier events (an application removed or restored, an opening or student moved)
    # leave them out.
    before_flush = {"without_changes": [c.id for c in new_changes]}
    removed, restored = [], []
    for obj in session.dirty:
        if isinstance(obj, Application):
            before, after, changed = _before_and_after(obj, ("deleted_at",))
            if changed and (before["deleted_at"] is None) != (after["deleted_at"] is None):
                (restored if after["deleted_at"] is None else removed).append(obj.id)
    # An application removed or restored is taken back or added at the values it has after the flush; the
    # moves below therefore go over the applications that were live before it.
    for ids, sign in ((removed, -1), (restored, 1)):
        if ids:
            plans.append((events(dialect, Application.id.in_(ids), **before_flush), sign))
    fact_moves: list[tuple[str, int, dict[str, Any]]] = []
    live_before = or_(
        and_(Application.deleted_at.is_(None), Application.id.not_in(restored)), Application.id.in_(removed)
    )
    earlier = [Application.id.not_in([a.id for a in new_applications])] if new_applications else []
    for obj in session.dirty:
        if isinstance(obj, Opening):
            before, after, changed = _before_and_after(obj, OPENING_KEY)
            if changed:
                if _counted(before):
                    opening_changes += opening_rows(before, obj.workspace_id, -1)
                if _counted(after):
                    opening_changes += opening_rows(after, obj.workspace_id, 1)
                moved = {name: before[name] for name in OPENING_DIMENSIONS if before[name] != after[name]}
                if {"company_id", "kind"} & set(moved):
                    fact_moves.append(("opening_id", obj.id, {"company_id": obj.company_id, "kind": str(obj.kind)}))
                if moved:
                    live = (Application.opening_id == obj.id, live_before, *earlier)
                    plans.append((events(dialect, *live, overrides=_dimension_values(moved), **before_flush), -1))
                    plans.append((events(dialect, *live, **before_flush), 1))
        elif isinstance(obj, Student):
            before, after, changed = _before_and_after(obj, STUDENT_KEY)
            if changed:
                if _counted(before):
                    student_changes += student_rows(before, obj.workspace_id, -1)
                if _counted(after):
                    student_changes += student_rows(after, obj.workspace_id, 1)
                if before["university_id"] != after["university_id"]:
                    fact_moves.append(("student_id", obj.id, {"university_id": obj.university_id}))
                    live = (Application.student_id == obj.id, live_before, *earlier)
                    old = {"university_id": before["university_id"]}
                    plans.append((events(dialect, *live, overrides=old, **before_flush), -1))
                    plans.append((events(dialect, *live, **before_flush), 1))

    for obj in session.deleted:
        if isinstance(obj, Opening) and obj.deleted_at is None:
            opening_changes += opening_rows(_values(obj, OPENING_KEY), obj.workspace_id, -1)
        elif isinstance(obj, Student) and obj.deleted_at is None:
            student_changes += student_rows(_values(obj, STUDENT_KEY), obj.workspace_id, -1)

    found = _application_events(session, new_applications, new_changes)
    counted = event_rows(found)
    if not (plans or opening_changes or student_changes or found or fact_moves):
        return
    connection = session.connection()
    if removed:
        facts = ApplicationFact.__table__
        connection.execute(delete(facts).where(facts.c.application_id.in_(removed)))
    if restored:
        _insert_facts(connection, facts_select(dialect, Application.id.in_(restored)))
    _move_facts(connection, fact_moves)
    _write_facts(connection, fact_rows(found))
    for source, sign in plans:
        for statement in event_statements(dialect, source.subquery(), sign):
            connection.execute(statement)
    for table, rows in counted.items():
        _write_rows(connection, table, rows)
    _write_rows(connection, OpeningCount.__table__, opening_changes)
    _write_rows(connection, StudentCount.__table__, student_changes)


def _values(obj: Any, names: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def _dimension_values(moved: dict[str, Any]) -> dict[str, Any]:
    return {name: ("" if name == "city" and value is None else value) for name, value in moved.items()}


# --- rebuilding a workspace's rollups from the rows ----------------------------------------------------

ROLLUPS = (StageCount, StageDuration, ShareCount, OpeningCount, StudentCount, SkillCount)
ALL_ROLLUPS = (*ROLLUPS, ApplicationFact)
EVENT_ROLLUPS = {
    StageCount: (tuple(RollupScope), COUNT_GRAINS),
    StageDuration: (DURATION_SCOPES, DURATION_GRAINS),
    ShareCount: (SHARE_SCOPES, SHARE_GRAINS),
}


def _events_table() -> Table:
    return Table(
        "analytics_rebuild_events",
        MetaData(),
        Column("workspace_id", Integer),
        Column("university_id", Integer),
        Column("company_id", Integer),
        Column("kind", String(16)),
        Column("city", String(100)),
        Column("format", String(16)),
        Column("stage", String(16)),
        Column("day", Date),
        Column("days", Integer),
        prefixes=["TEMPORARY"],
    )


def _opening_statements(dialect: str, workspace_id: int) -> list:
    table = OpeningCount.__table__
    key = [column.name for column in table.primary_key.columns]
    day = day_of(dialect, Opening.created_at)
    statements = []
    for scope, scope_id in ((RollupScope.workspace, literal(0, Integer)), (RollupScope.company, Opening.company_id)):
        for grain in COUNT_GRAINS:
            inner = (
                select(
                    Opening.workspace_id.label("workspace_id"),
                    literal(str(scope), String).label("scope"),
                    scope_id.label("scope_id"),
                    literal(str(grain), String).label("grain"),
                    bucket_of(dialect, grain, day).label("period"),
                    Opening.kind.label("kind"),
                    Opening.status.label("status"),
                    func.coalesce(Opening.city, "").label("city"),
                    Opening.format.label("format"),
                )
                .where(Opening.workspace_id == workspace_id, Opening.deleted_at.is_(None))
                .subquery()
            )
            grouped = select(*(inner.c[name] for name in key), func.count()).group_by(*(inner.c[name] for name in key))
            statements.append(insert_for(dialect, table).from_select([*key, "n"], grouped))
    return statements


def _student_statements(dialect: str, workspace_id: int) -> list:
    table = StudentCount.__table__
    statements = []
    for university_id in (literal(ALL_UNIVERSITIES, Integer), Student.university_id):
        inner = (
            select(
                Student.workspace_id.label("workspace_id"),
                university_id.label("university_id"),
                Student.course.label("course"),
                func.coalesce(Student.specialty, "").label("specialty"),
            )
            .where(Student.workspace_id == workspace_id, Student.deleted_at.is_(None))
            .subquery()
        )
        key = [inner.c.workspace_id, inner.c.university_id, inner.c.course, inner.c.specialty]
        grouped = select(*key, func.count()).group_by(*key)
        statements.append(
            insert_for(dialect, table).from_select(
                ["workspace_id", "university_id", "course", "specialty", "n"], grouped
            )
        )
    return statements


def _coarser(dialect: str, table: Table, workspace_id: int, grain: Grain):
    """A workspace's week or month rows, added up from its day rows."""
    key = [column.name for column in table.primary_key.columns]
    c = table.c
    values = {name: c[name] for name in key}
    values["grain"] = literal(str(grain), String)
    values["period"] = bucket_of(dialect, grain, c.period)
    inner = (
        select(*(expression.label(name) for name, expression in values.items()), c.n)
        .where(c.workspace_id == workspace_id, c.grain == str(Grain.day))
        .subquery()
    )
    columns = [inner.c[name] for name in key]
    grouped = select(*columns, func.sum(inner.c.n)).group_by(*columns).order_by(*columns)
    return insert_for(dialect, table).from_select([*key, "n"], grouped)


def rebuild(connection: Connection, workspace_id: int, only: tuple[Any, ...] | None = None) -> None:
    """Compute one workspace's rollups from its rows (within the caller's transaction).

    ``only`` names the rollup models to build (all of them by default): a migration that adds a rollup
    builds just its own, with the tables of later ones not there yet.
    """
    models = ALL_ROLLUPS if only is None else only
    dialect = connection.dialect.name
    if dialect == "postgresql":
        # Millions of events are grouped: room for hash aggregates instead of sorts spilled to disk.
        connection.execute(text("SET LOCAL work_mem = '256MB'"))
    for model in models:
        if model in ROLLUPS:
            connection.execute(delete(model).where(model.workspace_id == workspace_id))
    if counted := tuple(model for model in models if model in EVENT_ROLLUPS):
        rebuild_events(connection, workspace_id, counted)
    if ApplicationFact in models:
        rebuild_facts(connection, workspace_id)
    if OpeningCount in models:
        for statement in _opening_statements(dialect, workspace_id):
            connection.execute(statement)
    if StudentCount in models:
        for statement in _student_statements(dialect, workspace_id):
            connection.execute(statement)
    if SkillCount in models:
        skills.rebuild(connection, workspace_id)
    # Statistics for the planner now: SQLite gathers none by itself (its planner would guess, and picked
    # the wrong index at scale L), and PostgreSQL's autovacuum would come to it only later.
    for model in models:
        connection.execute(text(f"ANALYZE {model.__tablename__}"))


def rebuild_events(connection: Connection, workspace_id: int, models: tuple[Any, ...]) -> None:
    """Count a workspace's application events into the (emptied) rollup tables of ``models``."""
    dialect = connection.dialect.name
    # The events are read once into a temporary table and grouped into day rows per scope; weeks and
    # months are then added up from the (far fewer) day rows.
    staged = _events_table()
    staged.create(connection)
    try:
        live = (Application.workspace_id == workspace_id, Application.deleted_at.is_(None))
        source = events(dialect, *live)
        connection.execute(staged.insert().from_select([c.name for c in staged.columns], source))
        if dialect == "postgresql":
            connection.execute(text(f"ANALYZE {staged.name}"))
        for model in models:
            scopes, grains = EVENT_ROLLUPS[model]
            for scope in scopes:
                connection.execute(_grouped(dialect, model.__table__, staged, scope, Grain.day, 1, upsert=False))
            for grain in grains[1:]:
                connection.execute(_coarser(dialect, model.__table__, workspace_id, grain))
    finally:
        staged.drop(connection)


async def rebuild_database(database_url: str, workspace_id: int) -> None:
    """Rebuild one workspace's rollups in a database of its own (the demo generator's last step)."""
    engine = create_async_engine(database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(rebuild, workspace_id)
    finally:
        await engine.dispose()


async def rebuild_all(connection: AsyncConnection) -> None:
    """Rebuild every workspace's rollups (after a bulk load that bypassed the ORM)."""
    for workspace_id in (await connection.scalars(select(Workspace.id))).all():
        await connection.run_sync(rebuild, workspace_id)
