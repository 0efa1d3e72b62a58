"""Workspaces (tenants): created by the CLI or on Bitrix24 install; readable by their members."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Request
from pydantic import Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.auth.principal import Admin, CurrentPrincipal
from internhub.common.schemas import InputModel, Length, OutputModel
from internhub.db import SessionDep
from internhub.models import Portal, Workspace

router = APIRouter(tags=["workspace"])


class WorkspaceOut(OutputModel):
    id: int
    name: str
    slug: str
    bitrix24_domain: str | None
    created_at: datetime


class WorkspacePatch(InputModel):
    name: Annotated[str, Length(200)] = Field(description="The organisation's name, as people and mails see it")


class Bitrix24SettingsOut(OutputModel):
    connected: bool
    domain: str | None
    auth_mode: str | None = Field(description="webhook or oauth (an installed app)")
    sandbox: bool = Field(description="The built-in sandbox portal stands in for Bitrix24")


class SettingsOut(OutputModel):
    """How this installation is set up, for an administrator to check (set by INTERNHUB_* variables)."""

    workspace: WorkspaceOut
    public_url: str = Field(description="Where links in mails and Bitrix24 lead")
    catalogue_url: str
    mail_mode: Literal["outbox", "smtp"]
    mail_from: str
    smtp_host: str
    session_idle_minutes: int
    session_ttl_hours: int
    cv_retention_days: int
    personal_data_erase_bitrix24: Literal["clear", "delete"]
    bitrix24: Bitrix24SettingsOut


async def get_or_create(session: AsyncSession, slug: str, name: str) -> Workspace:
    workspace = await session.scalar(select(Workspace).where(Workspace.slug == slug))
    if workspace is None:
        workspace = Workspace(slug=slug, name=name)
        session.add(workspace)
        await session.flush()
    return workspace


@router.get("/workspace", operation_id="workspace-get", response_model=WorkspaceOut)
async def current_workspace(principal: CurrentPrincipal, session: SessionDep) -> Workspace:
    """The caller's workspace."""
    return await session.get_one(Workspace, principal.workspace_id)


@router.patch("/workspace", operation_id="workspace-update", response_model=WorkspaceOut)
async def rename_workspace(body: WorkspacePatch, principal: Admin, session: SessionDep) -> Workspace:
    """Rename the workspace (admins only); its address (slug) stays, so links keep working."""
    workspace = await session.get_one(Workspace, principal.workspace_id)
    workspace.name = body.name
    await session.flush()
    return workspace


@router.get("/settings", operation_id="settings-get")
async def installation_settings(request: Request, principal: Admin, session: SessionDep) -> SettingsOut:
    """The workspace, mail, sessions, personal data and Bitrix24 connection as configured (admins only)."""
    settings = request.app.state.settings
    workspace = await session.get_one(Workspace, principal.workspace_id)
    portal = await session.scalar(
        select(Portal).where(Portal.workspace_id == principal.workspace_id, Portal.is_active.is_(True))
    )
    return SettingsOut(
        workspace=WorkspaceOut.model_validate(workspace),
        public_url=settings.base_url,
        catalogue_url=f"{settings.base_url}/catalogue?workspace={workspace.slug}",
        mail_mode=settings.mail_mode,
        mail_from=settings.mail_from,
        smtp_host=settings.smtp_host,
        session_idle_minutes=settings.session_idle_minutes,
        session_ttl_hours=settings.session_ttl_hours,
        cv_retention_days=settings.cv_retention_days,
        personal_data_erase_bitrix24=settings.personal_data_erase_bitrix24,
        bitrix24=Bitrix24SettingsOut(
            connected=portal is not None,
            domain=portal.domain if portal else None,
            auth_mode=str(portal.auth_mode) if portal else None,
            sandbox=settings.sandbox_enabled,
        ),
    )
