"""Students from a CSV file: every row checked, each kept or refused on its own (a savepoint per row)."""

from __future__ import annotations

import csv
import io
from typing import Any

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.applications.batch import per_item
from internhub.auth.principal import Principal
from internhub.errors import BadRequest, Forbidden, Unprocessable
from internhub.models import Role
from internhub.students import service
from internhub.students.schemas import StudentImportOut, StudentImportRow, StudentIn

MAX_ROWS = 5_000
REQUIRED = ("full_name", "email", "course")


def read_rows(data: bytes) -> tuple[list[tuple[int, dict[str, str]]], str]:
    """The rows of a UTF-8 CSV file as ``(line, {column: value})``, blank rows left out, with the delimiter
    it uses (``;`` as Russian Excel writes it, else ``,``); refuses a file that is not text, lacks a column
    or is too long."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadRequest("The CSV file must be UTF-8 text.", code="csv_not_utf8") from exc
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    columns = {(name or "").strip().lower() for name in reader.fieldnames or []}
    if missing := sorted(set(REQUIRED) - columns):
        raise BadRequest(
            f"The CSV file lacks the columns {', '.join(missing)}.", missing=missing, code="csv_columns_missing"
        )
    rows: list[tuple[int, dict[str, str]]] = []
    for row in reader:
        values = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k}
        if not any(values.values()):
            continue
        if len(rows) == MAX_ROWS:
            raise BadRequest(f"At most {MAX_ROWS} rows per file.", code="csv_too_many_rows")
        rows.append((reader.line_num, values))
    return rows, delimiter


def student_of(values: dict[str, str], delimiter: str, principal: Principal) -> StudentIn:
    """One row as the body ``POST /students`` takes. Skills are split by ``|`` (and by ``,`` in a file whose
    columns are split by ``;``); a university's own import may leave ``university_id`` out."""
    separators = "|," if delimiter == ";" else "|"
    skills = values.get("skills", "")
    for sep in separators[1:]:
        skills = skills.replace(sep, separators[0])
    body: dict[str, Any] = {k: v for k, v in values.items() if v != "" and k in StudentIn.model_fields}
    body["skills"] = [s.strip() for s in skills.split(separators[0]) if s.strip()]
    if "university_id" not in body and principal.role == Role.university:
        body["university_id"] = principal.university_id
    try:
        return StudentIn.model_validate(body)
    except ValidationError as exc:
        errors = [{"field": ".".join(map(str, e["loc"])), "message": e["msg"]} for e in exc.errors()]
        raise Unprocessable("The row is not valid.", errors=errors, code="row_invalid") from exc


async def import_csv(session: AsyncSession, principal: Principal, data: bytes, dry_run: bool) -> StudentImportOut:
    """Register the students of a CSV file: a result per row, by its line; ``dry_run`` checks every
    row as the real run would, e-mails already taken included, and keeps nothing."""
    if not (principal.is_staff or principal.role == Role.university):
        raise Forbidden("Only managers and universities import students.")
    rows, delimiter = read_rows(data)
    results: list[StudentImportRow] = []
    for line, values in rows:

        async def work(values=values) -> dict[str, Any]:
            student = await service.create(session, principal, student_of(values, delimiter, principal))
            return {"student_id": student.id}

        results.append(
            StudentImportRow.model_validate(
                {"row": line, "email": values.get("email", ""), **await per_item(session, work)}
            )
        )
    if dry_run:
        await session.rollback()
        for result in results:  # nothing was kept, so there is nothing to point at
            result.student_id = None
    created = sum(1 for r in results if r.ok)
    failed = len(results) - created
    return StudentImportOut(dry_run=dry_run, total=len(results), created=created, failed=failed, rows=results)
