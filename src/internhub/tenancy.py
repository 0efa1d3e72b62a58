"""Who may read what: the main security rule, in one place.

Each model people read through the API has one builder here: the workspace's rows that are not removed, narrowed to
what the caller's role may see (as polar's ``get_readable_statement``). Every read, update and delete of a service
starts from ``readable(Model, principal)``, so an id from another workspace, university or company is simply not
found. ``tests/test_tenancy.py`` fails when a model with a ``workspace_id`` has neither a rule here nor a line in
``NOT_READ_BY_ROLE`` saying why it needs none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, select, true

from internhub.auth.principal import Principal
from internhub.models import (
    Application,
    Company,
    Opening,
    OpeningStatus,
    Partnership,
    PlacementOffer,
    PlacementRequest,
    Report,
    ReportKind,
    Role,
    Student,
    University,
)

Rule = Callable[[Principal], ColumnElement[bool]]


def _universities(principal: Principal) -> ColumnElement[bool]:
    """A coordinator sees only their own university; everyone else sees the workspace's list."""
    if principal.role == Role.university:
        return University.id == principal.university_id
    return true()


def _companies(principal: Principal) -> ColumnElement[bool]:
    """Companies are the workspace's list for everyone (a recruiter reads the others' names on openings)."""
    return true()


def _openings(principal: Principal) -> ColumnElement[bool]:
    """Recruiters see their company's openings; students and universities see published ones."""
    if principal.role == Role.recruiter:
        return Opening.company_id == principal.company_id
    if principal.role in (Role.university, Role.student):
        return Opening.status != OpeningStatus.draft
    return true()


def _students(principal: Principal) -> ColumnElement[bool]:
    """A university its students, a student themself, a recruiter those who applied to the company; staff all."""
    match principal.role:
        case Role.university:
            return Student.university_id == principal.university_id
        case Role.student:
            return Student.id == principal.student_id
        case Role.recruiter:
            applied_to_company = (
                select(Application.student_id)
                .join(Opening, Opening.id == Application.opening_id)
                .where(Opening.company_id == principal.company_id, Application.deleted_at.is_(None))
            )
            return Student.id.in_(applied_to_company)
    return true()


def _applications(principal: Principal) -> ColumnElement[bool]:
    """A university its students' applications, a recruiter those to its openings, a student their own."""
    match principal.role:
        case Role.university:
            own_students = select(Student.id).where(Student.university_id == principal.university_id)
            return Application.student_id.in_(own_students)
        case Role.recruiter:
            own_openings = select(Opening.id).where(Opening.company_id == principal.company_id)
            return Application.opening_id.in_(own_openings)
        case Role.student:
            return Application.student_id == principal.student_id
    return true()


def _partnerships(principal: Principal) -> ColumnElement[bool]:
    """A university's or a company's own agreements; staff all; a student none."""
    if principal.role == Role.university:
        return Partnership.university_id == principal.university_id
    if principal.role == Role.recruiter:
        return Partnership.company_id == principal.company_id
    if principal.role == Role.student:
        return false()
    return true()


def _placement_requests(principal: Principal) -> ColumnElement[bool]:
    """A university sees its own requests, a recruiter those offered to its company, staff all of them."""
    match principal.role:
        case Role.university:
            return PlacementRequest.university_id == principal.university_id
        case Role.recruiter:
            offered = select(PlacementOffer.request_id).where(PlacementOffer.company_id == principal.company_id)
            return PlacementRequest.id.in_(offered)
        case Role.student:
            return false()
    return true()


def _reports(principal: Principal) -> ColumnElement[bool]:
    """A university sees the reports about itself, a company too; staff see all; a student none."""
    match principal.role:
        case Role.university:
            return and_(Report.kind == ReportKind.university, Report.subject_id == principal.university_id)
        case Role.recruiter:
            return and_(Report.kind == ReportKind.company, Report.subject_id == principal.company_id)
        case Role.student:
            return false()
    return true()


READABLE: dict[type[Any], Rule] = {
    University: _universities,
    Company: _companies,
    Opening: _openings,
    Student: _students,
    Application: _applications,
    Partnership: _partnerships,
    PlacementRequest: _placement_requests,
    Report: _reports,
}

# Models with a workspace_id that no role reads row by row through a readable statement, and why.
NOT_READ_BY_ROLE: dict[str, str] = {
    "User": "admins only (users router checks the role); read by the workspace alone",
    "ApiKey": "admins only, by university",
    "AuditEntry": "admins only, by the workspace",
    "RoutingRule": "staff only (the routing router checks the role)",
    "Team": "staff only, with the routing rules",
    "ApplicationRoute": "read with its application (the routing explanation)",
    "ReportSchedule": "read through its report's subject, by staff",
    "Portal": "the workspace's Bitrix24 connection, staff only",
    "OutboxItem": "staff only, through the portal",
    "SyncState": "read with its record",
    "MailMessage": "read with its application, by staff",
    "StoredFile": "read with its application (the CV), by those who read the application",
    "ApplicationIntake": "read with its application",
    "StageCount": "analytics rollup, read through analytics filters",
    "StageDuration": "analytics rollup",
    "ShareCount": "analytics rollup",
    "OpeningCount": "analytics rollup",
    "StudentCount": "analytics rollup",
    "SkillCount": "analytics rollup",
    "ApplicationFact": "analytics rollup",
}


def readable(model: type[Any], principal: Principal) -> Select:
    """The rows of ``model`` the caller may read: of their workspace, not removed, within their role's rule."""
    where = [model.workspace_id == principal.workspace_id, READABLE[model](principal)]
    if hasattr(model, "deleted_at"):
        where.append(model.deleted_at.is_(None))
    return select(model).where(*where)
