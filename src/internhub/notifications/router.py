from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from internhub.auth.principal import Admin
from internhub.common.pagination import ListQuery, Page, paginate
from internhub.common.schemas import Id, OutputModel
from internhub.db import SessionDep
from internhub.models import MailMessage, MailStatus

router = APIRouter(prefix="/mail", tags=["notifications"])


class MailQuery(ListQuery):
    application_id: Id | None = None
    status: MailStatus | None = None


class MailOut(OutputModel):
    id: int
    application_id: int | None
    to_address: str
    subject: str
    body: str
    template: str
    locale: str
    status: MailStatus
    attempts: int
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None


@router.get("", operation_id="mail-list")
async def list_mail(query: Annotated[MailQuery, Query()], principal: Admin, session: SessionDep) -> Page[MailOut]:
    """E-mails to applicants, newest first: what was sent (SMTP) or kept in the local outbox."""
    stmt = select(MailMessage).where(MailMessage.workspace_id == principal.workspace_id)
    if query.application_id is not None:
        stmt = stmt.where(MailMessage.application_id == query.application_id)
    if query.status is not None:
        stmt = stmt.where(MailMessage.status == query.status)
    if query.q:
        stmt = stmt.where(MailMessage.to_address == query.q.lower())
    return await paginate(session, stmt, query, {"id": MailMessage.id}, MailMessage.id)
