"""Workspaces (tenants): created by the CLI or on Bitrix24 install; readable by their members."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.auth.principal import CurrentPrincipal
from internhub.common.schemas import OutputModel
from internhub.db import SessionDep
from internhub.models import Workspace

router = APIRouter(tags=["workspace"])


class WorkspaceOut(OutputModel):
    id: int
    name: str
    slug: str
    bitrix24_domain: str | None
    created_at: datetime


async def get_or_create(session: AsyncSession, slug: str, name: str) -> Workspace:
    workspace = await session.scalar(select(Workspace).where(Workspace.slug == slug))
    if workspace is None:
        workspace = Workspace(slug=slug, name=name)
        session.add(workspace)
        await session.flush()
    return workspace


@router.get("/workspace", operation_id="workspace-get")
async def current_workspace(principal: CurrentPrincipal, session: SessionDep) -> WorkspaceOut:
    """The caller's workspace."""
    return await session.get_one(Workspace, principal.workspace_id)
