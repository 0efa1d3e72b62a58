"""Keeping the analytics rollups current, in the same transaction as the change they count.

Every flush that adds an application or a status change, removes or restores an application, or changes
what an application is counted under (an opening's company, kind, city or format; a student's university)
adds the difference to the rollups (``after_flush``), so no write path can forget and a change is visible
the moment it commits. New applications and status changes, the writes that happen all day, are counted
from the flushed objects in Python (``rollup_rows``) and written with one INSERT … ON CONFLICT per rollup table;
the rare changes that move earlier events (a removal, a restore, an opening or a student moved) are recounted in
SQL (``rollup_sql``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, delete, inspect, or_
from sqlalchemy.orm import Session

from internhub.analytics.rollup_rows import (
    OPENING_DIMENSIONS,
    OPENING_KEY,
    STUDENT_KEY,
    application_events,
    counted,
    event_rows,
    fact_rows,
    opening_rows,
    student_rows,
)
from internhub.analytics.rollup_sql import (
    event_statements,
    facts_select,
    insert_facts,
    move_facts,
    write_facts,
    write_rows,
)
from internhub.analytics.sql import NEW, events
from internhub.models import Application, ApplicationStatusChange, Opening, Student
from internhub.models.analytics import ApplicationFact, OpeningCount, StudentCount


def count_changes(session: Session, _context) -> None:
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
                opening_changes += opening_rows(values_of(obj, OPENING_KEY), obj.workspace_id, 1)
        elif isinstance(obj, Student) and obj.deleted_at is None:
            student_changes += student_rows(values_of(obj, STUDENT_KEY), obj.workspace_id, 1)

    # Events of this flush are counted below (when their application is live) at the values they have now;
    # the recounts of earlier events (an application removed or restored, an opening or student moved)
    # leave them out.
    before_flush: dict[str, Any] = {"without_changes": [c.id for c in new_changes]}
    removed: list[int] = []
    restored: list[int] = []
    for obj in session.dirty:
        if isinstance(obj, Application):
            before, after, changed = before_and_after(obj, ("deleted_at",))
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
            before, after, changed = before_and_after(obj, OPENING_KEY)
            if changed:
                if counted(before):
                    opening_changes += opening_rows(before, obj.workspace_id, -1)
                if counted(after):
                    opening_changes += opening_rows(after, obj.workspace_id, 1)
                moved = {name: before[name] for name in OPENING_DIMENSIONS if before[name] != after[name]}
                if {"company_id", "kind"} & set(moved):
                    fact_moves.append(("opening_id", obj.id, {"company_id": obj.company_id, "kind": str(obj.kind)}))
                if moved:
                    live = (Application.opening_id == obj.id, live_before, *earlier)
                    plans.append((events(dialect, *live, overrides=dimension_values(moved), **before_flush), -1))
                    plans.append((events(dialect, *live, **before_flush), 1))
        elif isinstance(obj, Student):
            before, after, changed = before_and_after(obj, STUDENT_KEY)
            if changed:
                if counted(before):
                    student_changes += student_rows(before, obj.workspace_id, -1)
                if counted(after):
                    student_changes += student_rows(after, obj.workspace_id, 1)
                if before["university_id"] != after["university_id"]:
                    fact_moves.append(("student_id", obj.id, {"university_id": obj.university_id}))
                    live = (Application.student_id == obj.id, live_before, *earlier)
                    old = {"university_id": before["university_id"]}
                    plans.append((events(dialect, *live, overrides=old, **before_flush), -1))
                    plans.append((events(dialect, *live, **before_flush), 1))

    for obj in session.deleted:
        if isinstance(obj, Opening) and obj.deleted_at is None:
            opening_changes += opening_rows(values_of(obj, OPENING_KEY), obj.workspace_id, -1)
        elif isinstance(obj, Student) and obj.deleted_at is None:
            student_changes += student_rows(values_of(obj, STUDENT_KEY), obj.workspace_id, -1)

    found = application_events(session, new_applications, new_changes)
    rows = event_rows(found)
    if not (plans or opening_changes or student_changes or found or fact_moves):
        return
    connection = session.connection()
    if removed:
        facts = ApplicationFact.__table__
        connection.execute(delete(facts).where(facts.c.application_id.in_(removed)))
    if restored:
        insert_facts(connection, facts_select(dialect, Application.id.in_(restored)))
    move_facts(connection, fact_moves)
    write_facts(connection, fact_rows(found))
    for source, sign in plans:
        for statement in event_statements(dialect, source.subquery(), sign):
            connection.execute(statement)
    for table, table_rows in rows.items():
        write_rows(connection, table, table_rows)
    write_rows(connection, OpeningCount.__table__, opening_changes)
    write_rows(connection, StudentCount.__table__, student_changes)


def values_of(obj: Any, names: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def dimension_values(moved: dict[str, Any]) -> dict[str, Any]:
    return {name: ("" if name == "city" and value is None else value) for name, value in moved.items()}


def before_and_after(obj: Any, names: Iterable[str]) -> tuple[dict[str, Any], dict[str, Any], bool]:
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
