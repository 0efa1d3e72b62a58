"""All models, imported here so that Alembic and the app see one complete metadata."""

from internhub.models.base import Base, utcnow
from internhub.models.bitrix24 import AuthMode, DirtyEntity, OutboxItem, Portal, PortalEvent, SyncState, SyncStatus
from internhub.models.openings import (
    Application,
    ApplicationSource,
    ApplicationStatus,
    ApplicationStatusChange,
    Opening,
    OpeningKind,
    OpeningSkill,
    OpeningStatus,
    WorkFormat,
)
from internhub.models.organisations import Company, Partnership, University
from internhub.models.people import Student, StudentSkill
from internhub.models.workspace import ApiKey, AuthToken, Role, User, Workspace

__all__ = [
    "ApiKey",
    "Application",
    "ApplicationSource",
    "ApplicationStatus",
    "ApplicationStatusChange",
    "AuthMode",
    "AuthToken",
    "Base",
    "Company",
    "DirtyEntity",
    "Opening",
    "OpeningKind",
    "OpeningSkill",
    "OpeningStatus",
    "OutboxItem",
    "Partnership",
    "Portal",
    "PortalEvent",
    "Role",
    "Student",
    "StudentSkill",
    "SyncState",
    "SyncStatus",
    "University",
    "User",
    "WorkFormat",
    "Workspace",
    "utcnow",
]
