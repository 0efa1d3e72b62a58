"""The rollups' counts as SQL: grouped INSERT … SELECT statements over events (``sql.events``) for every scope and
grain, upserts of rows computed in Python, the application facts, and the statements a rebuild runs."""

from __future__ import annotations

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
    func,
    literal,
    select,
    union_all,
)

from internhub.analytics.rollup_rows import (
    ALL_UNIVERSITIES,
    COUNT_GRAINS,
    DURATION_GRAINS,
    DURATION_SCOPES,
    FACT_COLUMNS,
    SHARE_GRAINS,
    SHARE_SCOPES,
    SHARE_STAGES,
    merged,
)
from internhub.analytics.sql import NEW, bucket_of, day_of
from internhub.common.upsert import insert_for
from internhub.models import Application, ApplicationStatusChange, Opening, Student
from internhub.models.analytics import (
    ApplicationFact,
    Grain,
    OpeningCount,
    RollupScope,
    ShareCount,
    StageCount,
    StageDuration,
    StudentCount,
)


def upsert_statement(dialect: str, table: Table, key: list[str]):
    statement = insert_for(dialect, table)
    return statement, {"index_elements": key, "set_": {"n": table.c.n + statement.excluded.n}}


def grouped_insert(
    dialect: str, table: Table, source: Any, scope: RollupScope, grain: Grain, sign: int, upsert: bool = True
):
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
    statement, conflict = upsert_statement(dialect, table, key)
    return statement.from_select([*key, "n"], grouped).on_conflict_do_update(**conflict)


def event_statements(dialect: str, source: Any, sign: int, durations: bool = True) -> list:
    """Statements that add (``sign`` 1) or take back (-1) the events of ``source`` in every rollup row."""
    statements = [
        grouped_insert(dialect, StageCount.__table__, source, scope, grain, sign)
        for scope in RollupScope
        for grain in COUNT_GRAINS
    ]
    if durations:
        statements += [
            grouped_insert(dialect, StageDuration.__table__, source, scope, grain, sign)
            for scope in DURATION_SCOPES
            for grain in DURATION_GRAINS
        ]
    statements += [
        grouped_insert(dialect, ShareCount.__table__, source, scope, grain, sign)
        for scope in SHARE_SCOPES
        for grain in SHARE_GRAINS
    ]
    return statements


def write_rows(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    key = tuple(column.name for column in table.primary_key.columns)
    rows = merged(rows, key)
    if rows:
        statement, conflict = upsert_statement(connection.dialect.name, table, list(key))
        connection.execute(statement.on_conflict_do_update(**conflict), rows)


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


def insert_facts(connection: Connection, source: Any) -> None:
    # An application hired twice (a status history that left a final status) counts once.
    statement = insert_for(connection.dialect.name, ApplicationFact.__table__)
    columns = [*FACT_COLUMNS, "kind", "day"]
    connection.execute(statement.from_select(columns, source).on_conflict_do_nothing())


def write_facts(connection: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        statement = insert_for(connection.dialect.name, ApplicationFact.__table__)
        connection.execute(statement.on_conflict_do_nothing(), rows)


def move_facts(connection: Connection, moves: list[tuple[str, int, dict[str, Any]]]) -> None:
    table = ApplicationFact.__table__
    for column, row_id, values in moves:
        connection.execute(table.update().where(table.c[column] == row_id).values(**values))


def events_table() -> Table:
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


def opening_statements(dialect: str, workspace_id: int) -> list:
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


def student_statements(dialect: str, workspace_id: int) -> list:
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


def coarser(dialect: str, table: Table, workspace_id: int, grain: Grain):
    """A workspace's week or month rows, added up from its day rows."""
    key = [column.name for column in table.primary_key.columns]
    c = table.c
    values: dict[str, ColumnElement[Any]] = {name: c[name] for name in key}
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
