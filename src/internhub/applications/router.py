from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Query, Response, UploadFile, status

from internhub.applications import batch, service
from internhub.applications.files import DOCX, PDF
from internhub.applications.schemas import (
    ApplicationIn,
    ApplicationOut,
    ApplicationPatch,
    ApplicationQuery,
    BulkIn,
    BulkItemResult,
    CandidateOut,
    ImportRowResult,
    StatusChangeOut,
    UniversityBatchIn,
    UniversityItemResult,
)
from internhub.auth.principal import CurrentPrincipal
from internhub.common.pagination import Page
from internhub.common.schemas import Id
from internhub.db import SessionDep
from internhub.errors import Forbidden
from internhub.models import Application, ApplicationStatus, ApplicationStatusChange, Role

router = APIRouter(prefix="/applications", tags=["applications"])


@router.get("", operation_id="applications-list")
async def list_applications(
    query: Annotated[ApplicationQuery, Query()], principal: CurrentPrincipal, session: SessionDep
) -> Page[ApplicationOut]:
    """List applications: by status, source, opening, student, company, university, assignee or date."""
    return await service.list_(session, principal, query)


@router.get("/counts", operation_id="applications-counts")
async def count_applications(
    query: Annotated[ApplicationQuery, Query()], principal: CurrentPrincipal, session: SessionDep
) -> dict[ApplicationStatus, int]:
    """How many matching applications are in each status now, exactly (the list's filters; status is ignored)."""
    return await service.count_by_status(session, principal, query)


@router.post("", status_code=status.HTTP_201_CREATED, operation_id="applications-create", response_model=ApplicationOut)
async def create_application(body: ApplicationIn, principal: CurrentPrincipal, session: SessionDep) -> Application:
    """Apply a student to an active opening."""
    return await service.named(session, await service.create(session, principal, body))


@router.post("/from-university", operation_id="applications-university-create")
async def create_from_university(
    body: UniversityBatchIn, principal: CurrentPrincipal, session: SessionDep
) -> list[UniversityItemResult]:
    """A university (API key or coordinator) applies one or many students; a result per student."""
    return await batch.from_university(session, principal, body)


@router.post("/import", operation_id="applications-import")
async def import_applications(
    principal: CurrentPrincipal,
    session: SessionDep,
    file: Annotated[UploadFile, File(description="UTF-8 CSV: opening_id, email, full_name, phone, university, …")],
    dry_run: Annotated[bool, Query(description="Check every row and keep nothing")] = False,
) -> list[ImportRowResult]:
    """Import applications from a CSV file (managers); a result per row, each row on its own."""
    return await batch.import_csv(session, principal, await file.read(), dry_run)


@router.post("/bulk", operation_id="applications-bulk")
async def bulk_change(body: BulkIn, principal: CurrentPrincipal, session: SessionDep) -> list[BulkItemResult]:
    """Change the status of, reassign or reject many applications; each one succeeds or fails on its own."""
    return await batch.bulk(session, principal, body)


@router.get("/{application_id}", operation_id="applications-get", response_model=ApplicationOut)
async def get_application(application_id: Id, principal: CurrentPrincipal, session: SessionDep) -> Application:
    """Get one application."""
    return await service.read(session, principal, application_id)


@router.get("/{application_id}/candidate", operation_id="applications-candidate")
async def application_candidate(application_id: Id, principal: CurrentPrincipal, session: SessionDep) -> CandidateOut:
    """The candidate whole, for those who handle the application: person, university, assignee and CV."""
    return await service.candidate_of(session, principal, application_id)


@router.get(
    "/{application_id}/cv",
    operation_id="applications-cv",
    response_class=Response,
    responses={200: {"description": "The CV as uploaded", "content": {PDF: {}, DOCX: {}}}},
)
async def application_cv(
    application_id: Id,
    principal: CurrentPrincipal,
    session: SessionDep,
    download: Annotated[bool, Query(description="As a file to save rather than to view in the browser")] = False,
) -> Response:
    """The candidate's CV, for those who handle the application (not the student's own account)."""
    if principal.role == Role.student:
        raise Forbidden("CVs are for those who handle applications.")
    cv = await service.cv_of(session, principal, application_id)
    # A PDF is shown in the browser's own viewer: checked whole on upload (no scripts, no HTML inside) and sent as
    # application/pdf with nosniff. Chromium will not open its viewer in a sandboxed document, so only what is
    # not a PDF (a Word file, always saved rather than shown) is also sandboxed.
    viewable = cv.content_type == PDF and not download
    ascii_name = cv.filename.encode("ascii", "replace").decode().replace('"', "").replace("?", "_")
    headers = {
        "Content-Disposition": f'{"inline" if viewable else "attachment"}; filename="{ascii_name}"; '
        f"filename*=UTF-8''{quote(cv.filename)}",
        "Cache-Control": "private, no-store",
    }
    if not viewable:
        headers["Content-Security-Policy"] = "sandbox"
    return Response(cv.data, media_type=cv.content_type, headers=headers)


@router.get("/{application_id}/history", operation_id="applications-history", response_model=list[StatusChangeOut])
async def application_history(
    application_id: Id, principal: CurrentPrincipal, session: SessionDep
) -> list[ApplicationStatusChange]:
    """Every status change of an application: from, to, who, when and from which side."""
    return await service.history(session, principal, application_id)


@router.patch("/{application_id}", operation_id="applications-update", response_model=ApplicationOut)
async def update_application(
    application_id: Id, body: ApplicationPatch, principal: CurrentPrincipal, session: SessionDep
) -> Application:
    """Move an application to another status, or change its assignee; refused moves list the allowed ones."""
    return await service.named(session, await service.update(session, principal, application_id, body))


@router.delete("/{application_id}", status_code=status.HTTP_204_NO_CONTENT, operation_id="applications-delete")
async def delete_application(application_id: Id, principal: CurrentPrincipal, session: SessionDep) -> None:
    """Remove an application (kept with its history, hidden from lists)."""
    await service.delete(session, principal, application_id)
