"""Many applications in one request, each in its own savepoint: one item's refusal undoes only that item."""

from __future__ import annotations

import csv
import io
from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.applications import intake
from internhub.applications import service as applications
from internhub.applications.schemas import (
    ApplicationPatch,
    BulkIn,
    BulkItemResult,
    CsvRow,
    ImportRowResult,
    UniversityBatchIn,
    UniversityItemResult,
)
from internhub.auth.principal import Principal
from internhub.errors import STATUS_CODES, BadRequest, Forbidden, Problem, Unprocessable
from internhub.models import ApplicationSource, ApplicationStatus, Role, University
from internhub.openings import service as openings
from internhub.students.service import find_match

MAX_CSV_ROWS = 5_000


async def per_item(session: AsyncSession, work: Callable[[], Awaitable[dict[str, Any]]]) -> dict[str, Any]:
    """Run ``work`` in a savepoint; its result, or the refusal it met as ``{ok: false, status, error, …}``."""
    await applications.hold_write_lock(session)  # savepoints nest in a write transaction on SQLite
    try:
        async with session.begin_nested():
            return {"ok": True, **await work()}
    except Problem as problem:
        code = STATUS_CODES.get(problem.status)
        return {"ok": False, "status": problem.status, "error": problem.detail, "code": code, **problem.extensions}
    except IntegrityError:
        # Two requests raced past the same check (a duplicate); the other one won.
        error = "This conflicts with existing data (a duplicate)."
        return {"ok": False, "status": 409, "error": error, "code": "conflict_with_data"}


def _created(submitted: intake.Submitted) -> dict[str, Any]:
    application = submitted.application
    return {
        "application_id": application.id,
        "student_id": application.student_id,
        "student_created": submitted.student_created,
        "status_token": submitted.token,
    }


async def from_university(
    session: AsyncSession, principal: Principal, body: UniversityBatchIn
) -> list[UniversityItemResult]:
    """A university applies one or many of its students (matched by e-mail or phone, else created)."""
    if principal.role != Role.university:
        raise Forbidden("Only a university (its coordinators or its API key) applies its students this way.")
    opening = await openings.get(session, principal, body.opening_id)
    results: list[UniversityItemResult] = []
    for index, item in enumerate(body.students):
        person = intake.values_of(item)
        person.university_id = principal.university_id

        async def work(person=person, item=item) -> dict[str, Any]:
            existing = await find_match(session, principal.workspace_id, person.email, person.phone)
            if existing is not None and existing.university_id != principal.university_id:
                raise Forbidden(
                    "This person is registered as another university's student.", code="student_of_another_university"
                )
            submitted = await intake.submit(
                session,
                opening,
                person,
                ApplicationSource.university,
                principal,
                overwrite=True,
                cover_letter=item.cover_letter,
            )
            return _created(submitted)

        results.append(
            UniversityItemResult.model_validate({"index": index, "email": item.email, **await per_item(session, work)})
        )
    return results


def _rows(data: bytes) -> list[dict[str, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadRequest("The CSV file must be UTF-8 text.", code="csv_not_utf8") from exc
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","  # Russian Excel writes semicolons
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    missing = {"opening_id", "email"} - {name.strip() for name in reader.fieldnames or []}
    if missing:
        raise BadRequest(
            f"The CSV file lacks the columns {', '.join(sorted(missing))}.",
            missing=sorted(missing),
            code="csv_columns_missing",
        )
    rows: list[dict[str, str]] = []
    for row in reader:
        if len(rows) == MAX_CSV_ROWS:
            raise BadRequest(f"At most {MAX_CSV_ROWS} rows per file.", code="csv_too_many_rows")
        rows.append({(k or "").strip(): (v or "").strip() for k, v in row.items() if k})
    return rows


async def _university_by_name(session: AsyncSession, workspace_id: int, name: str) -> int | None:
    folded = name.lower()
    return await session.scalar(
        select(University.id)
        .where(
            University.workspace_id == workspace_id,
            University.deleted_at.is_(None),
            (func.lower(University.name) == folded) | (func.lower(University.short_name) == folded),
        )
        .limit(1)
    )


async def import_csv(session: AsyncSession, principal: Principal, data: bytes, dry_run: bool) -> list[ImportRowResult]:
    """Applications from a CSV file (staff): one result per row; ``dry_run`` checks everything, keeps nothing."""
    if not principal.is_staff:
        raise Forbidden("Only managers import applications.")
    results: list[ImportRowResult] = []
    for number, raw in enumerate(_rows(data), start=2):  # row 1 is the header

        async def work(raw=raw) -> dict[str, Any]:
            try:
                row = CsvRow.model_validate({k: v for k, v in raw.items() if v != ""})
            except ValidationError as exc:
                errors = [{"field": ".".join(map(str, e["loc"])), "message": e["msg"]} for e in exc.errors()]
                raise Unprocessable("The row is not valid.", errors=errors, code="row_invalid") from exc
            person = intake.values_of(row)
            if row.university:
                person.university_id = await _university_by_name(session, principal.workspace_id, row.university)
                if person.university_id is None:
                    raise Unprocessable(f"Unknown university {row.university!r}.", code="university_unknown")
            opening = await openings.get(session, principal, row.opening_id)
            submitted = await intake.submit(
                session,
                opening,
                person,
                ApplicationSource.import_,
                principal,
                overwrite=True,
                cover_letter=row.cover_letter,
            )
            return _created(submitted)

        results.append(
            ImportRowResult.model_validate(
                {"row": number, "email": raw.get("email", ""), **await per_item(session, work)}
            )
        )
    if dry_run:
        await session.rollback()
        for result in results:  # nothing was kept, so there is nothing to point at
            result.application_id = result.student_id = result.status_token = None
    return results


async def bulk(session: AsyncSession, principal: Principal, body: BulkIn) -> list[BulkItemResult]:
    """One change applied to many applications, each on its own: refusals are reported, not fatal."""
    if body.action == "status":
        values: dict[str, Any] = {"status": body.status}
    elif body.action == "reject":
        values = {"status": ApplicationStatus.rejected, "rejection_reason": body.reason}
    else:
        values = {"assignee_id": body.assignee_id}
    results: list[BulkItemResult] = []
    for application_id in body.ids:

        async def work(application_id=application_id) -> dict[str, Any]:
            updated = await applications.update(
                session, principal, application_id, ApplicationPatch.model_validate(values)
            )
            return {"status_now": updated.status, "assignee_id": updated.assignee_id}

        results.append(BulkItemResult.model_validate({"id": application_id, **await per_item(session, work)}))
    return results
