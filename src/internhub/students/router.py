from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Query, Request, Response, UploadFile, status

from internhub.auth.principal import Admin, CurrentPrincipal
from internhub.common.crud import saved
from internhub.common.pagination import Page
from internhub.common.schemas import Id
from internhub.db import SessionDep
from internhub.models import Student
from internhub.placements import service as placements
from internhub.placements.schemas import StudentPlacementOut
from internhub.students import importer, personal_data, service
from internhub.students.schemas import StudentImportOut, StudentIn, StudentOut, StudentPatch, StudentQuery
from internhub.universities import service as universities

router = APIRouter(tags=["students"])


@router.get("/students", operation_id="students-list")
async def list_students(
    query: Annotated[StudentQuery, Query()], principal: CurrentPrincipal, session: SessionDep
) -> Page[StudentOut]:
    """List students, with search by name or e-mail and filters by university, course, specialty, skills."""
    return await service.list_(session, principal, query)


@router.get("/universities/{university_id}/students", operation_id="universities-students-list")
async def list_university_students(
    university_id: Id,
    query: Annotated[StudentQuery, Query()],
    principal: CurrentPrincipal,
    session: SessionDep,
) -> Page[StudentOut]:
    """List the students of one university."""
    await universities.get(session, principal, university_id)
    return await service.list_(session, principal, query.model_copy(update={"university_id": university_id}))


@router.post(
    "/students", status_code=status.HTTP_201_CREATED, operation_id="students-create", response_model=StudentOut
)
async def create_student(body: StudentIn, principal: CurrentPrincipal, session: SessionDep) -> Student:
    """Register a student at a university."""
    return await service.create(session, principal, body)


@router.post("/students/import", operation_id="students-import")
async def import_students(
    principal: CurrentPrincipal,
    session: SessionDep,
    file: Annotated[UploadFile, File(description="UTF-8 CSV: full_name, email, course, university_id, phone, …")],
    dry_run: Annotated[bool, Query(description="Check every row and keep nothing")] = False,
) -> StudentImportOut:
    """Register students from a CSV file (managers, or a university for its own); a result per row, each on its own."""
    return await importer.import_csv(session, principal, await file.read(), dry_run)


@router.get("/students/{student_id}", operation_id="students-get", response_model=StudentOut)
async def get_student(student_id: Id, principal: CurrentPrincipal, session: SessionDep) -> Student:
    """Get one student."""
    return await service.get(session, principal, student_id)


@router.get("/students/{student_id}/placements", operation_id="students-placements")
async def list_student_placements(
    student_id: Id, principal: CurrentPrincipal, session: SessionDep
) -> list[StudentPlacementOut]:
    """The placement requests naming a student, with the internships each was offered to, newest first."""
    return await placements.for_student(session, principal, student_id)


@router.patch("/students/{student_id}", operation_id="students-update", response_model=StudentOut)
async def update_student(
    student_id: Id, body: StudentPatch, principal: CurrentPrincipal, session: SessionDep
) -> Student:
    """Change some fields of a student."""
    return await service.update(session, principal, student_id, body)


@router.delete("/students/{student_id}", status_code=status.HTTP_204_NO_CONTENT, operation_id="students-delete")
async def delete_student(student_id: Id, principal: CurrentPrincipal, session: SessionDep) -> None:
    """Remove a student (kept with their applications' history, hidden from lists)."""
    await service.delete(session, principal, student_id)


@router.get(
    "/students/{student_id}/personal-data",
    operation_id="students-personal-data",
    response_class=Response,
    responses={200: {"description": "A ZIP: personal-data.json and the CVs", "content": {"application/zip": {}}}},
)
async def export_personal_data(student_id: Id, principal: Admin, session: SessionDep) -> Response:
    """Everything held about one student, as a file an administrator can hand over (152-FZ, art. 14)."""
    data = await personal_data.export(session, principal, student_id)
    return Response(
        data,
        media_type="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="student-{student_id}-personal-data.zip"',
            "Cache-Control": "private, no-store",
        },
    )


@router.post("/students/{student_id}/erase", operation_id="students-erase", response_model=StudentOut)
async def erase_student(student_id: Id, principal: Admin, session: SessionDep, request: Request) -> Student:
    """Erase a student's personal data on request (152-FZ): anonymised, CVs deleted, Bitrix24 contact cleared."""
    # With INTERNHUB_PERSONAL_DATA_ERASE_BITRIX24=delete the student is archived and the contact deleted instead.
    # Applications stay, tied to no one (the figures keep their counts). It cannot be undone.
    remove = request.app.state.settings.personal_data_erase_bitrix24 == "delete"
    return await saved(session, await personal_data.erase(session, principal, student_id, remove=remove))
