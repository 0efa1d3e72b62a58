"""All models, imported here so that Alembic and the app see one complete metadata."""

from internhub.models.analytics import (
    Grain,
    OpeningCount,
    RollupScope,
    SkillCount,
    StageCount,
    StageDuration,
    StudentCount,
)
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
    "Grain",
    "Opening",
    "OpeningCount",
    "OpeningKind",
    "OpeningSkill",
    "OpeningStatus",
    "OutboxItem",
    "Partnership",
    "Portal",
    "PortalEvent",
    "Role",
    "RollupScope",
    "SkillCount",
    "StageCount",
    "StageDuration",
    "Student",
    "StudentCount",
    "StudentSkill",
    "SyncState",
    "SyncStatus",
    "University",
    "User",
    "WorkFormat",
    "Workspace",
    "utcnow",
]
