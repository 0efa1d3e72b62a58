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
from internhub.models.intake import ApplicationIntake, MailMessage, MailStatus, StoredFile
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
from internhub.models.placements import (
    CandidateStatus,
    OfferStatus,
    PlacementCandidate,
    PlacementOffer,
    PlacementRequest,
    PlacementStatus,
)
from internhub.models.reports import Cadence, Report, ReportFormat, ReportKind, ReportSchedule, ReportStatus
from internhub.models.routing import ApplicationRoute, RoutingRule, Team, TeamMember, TeamStrategy
from internhub.models.workspace import ApiKey, AuthToken, Role, User, Workspace

__all__ = [
    "ApiKey",
    "Application",
    "ApplicationIntake",
    "ApplicationRoute",
    "ApplicationSource",
    "ApplicationStatus",
    "ApplicationStatusChange",
    "AuthMode",
    "AuthToken",
    "Base",
    "Cadence",
    "CandidateStatus",
    "Company",
    "DirtyEntity",
    "Grain",
    "MailMessage",
    "MailStatus",
    "OfferStatus",
    "Opening",
    "OpeningCount",
    "OpeningKind",
    "OpeningSkill",
    "OpeningStatus",
    "OutboxItem",
    "Partnership",
    "PlacementCandidate",
    "PlacementOffer",
    "PlacementRequest",
    "PlacementStatus",
    "Portal",
    "PortalEvent",
    "Report",
    "ReportFormat",
    "ReportKind",
    "ReportSchedule",
    "ReportStatus",
    "Role",
    "RollupScope",
    "RoutingRule",
    "SkillCount",
    "StageCount",
    "StageDuration",
    "StoredFile",
    "Student",
    "StudentCount",
    "StudentSkill",
    "SyncState",
    "SyncStatus",
    "Team",
    "TeamMember",
    "TeamStrategy",
    "University",
    "User",
    "WorkFormat",
    "Workspace",
    "utcnow",
]
