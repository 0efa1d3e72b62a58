"""Telling people in Bitrix24 (``im.notify.system.add``) that an application came their way."""

from __future__ import annotations

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from internhub import jobs
from internhub.announcements import PeopleToTell
from internhub.bitrix24.portals import PortalClients
from internhub.models import Application, Opening, Portal, Student, User

log = structlog.get_logger(__name__)


class _Clients:
    """The process's portal clients (one throttle per portal), handed over by the app when it starts."""

    shared: PortalClients | None = None


clients = _Clients()


def use_clients(portal_clients: PortalClients | None) -> None:
    clients.shared = portal_clients


def portal_clients() -> PortalClients:
    """The process's Bitrix24 clients, shared by every notice a job sends: one throttle per portal."""
    if clients.shared is None:
        clients.shared = PortalClients(jobs.settings(), jobs.sessionmaker())
    return clients.shared


def tell(session: AsyncSession, people: PeopleToTell) -> None:
    """After commit, tell these users in Bitrix24 about the application (those linked to a Bitrix24 user)."""
    application_id = people.application_id
    for user_id in sorted(set(people.user_ids)):
        # One job per person: a retry after a failure never repeats a message someone already got.
        jobs.enqueue(session, notify_in_bitrix24, application_id, user_id)


@jobs.job
async def notify_in_bitrix24(application_id: int, user_id: int) -> None:
    """Send ``im.notify.system.add`` to one user; retried by the queue when the portal refuses."""
    async with jobs.session() as session:
        row = (
            await session.execute(
                select(Application.workspace_id, Student.full_name, Opening.title)
                .join(Student, Student.id == Application.student_id)
                .join(Opening, Opening.id == Application.opening_id)
                .where(Application.id == application_id)
            )
        ).one_or_none()
        if row is None:
            return
        workspace_id, student_name, title = row
        portal = await session.scalar(
            select(Portal).where(Portal.workspace_id == workspace_id, Portal.is_active.is_(True))
        )
        recipient = await session.scalar(
            select(User.bitrix24_user_id).where(User.id == user_id, User.workspace_id == workspace_id)
        )
    if portal is None or recipient is None:
        return  # no portal, or a person without a Bitrix24 account: the e-mail and the board tell them
    message = f"Новая заявка: {student_name} → «{title}» (InternHub, заявка №{application_id})"
    await portal_clients().client_for(portal).call("im.notify.system.add", {"USER_ID": recipient, "MESSAGE": message})
    log.info("bitrix24_notified", application_id=application_id, user_id=user_id)


def warn_about_portal_move(
    session: AsyncSession, application_id: int, deal_id: int, user_id: int | None, broken: list[str]
) -> None:
    """After commit, tell the deal's responsible person in Bitrix24 (``im.notify.system.add``) and the deal's
    timeline (``crm.timeline.comment.add``) that a move made there broke our rules: the move is kept, since
    managers work in the portal, and they decide what to do about it. Two jobs, so that a retry of one never
    repeats the other."""
    if user_id:
        jobs.enqueue(session, portal_move_notice, application_id, deal_id, user_id, broken)
    jobs.enqueue(session, portal_move_notice, application_id, deal_id, None, broken)


@jobs.job
async def portal_move_notice(application_id: int, deal_id: int, user_id: int | None, broken: list[str]) -> None:
    """To ``user_id`` as a notification, or (None) on the deal's timeline."""
    async with jobs.session() as session:
        workspace_id = await session.scalar(select(Application.workspace_id).where(Application.id == application_id))
        portal = await session.scalar(
            select(Portal).where(Portal.workspace_id == workspace_id, Portal.is_active.is_(True))
        )
    if portal is None:
        return
    message = (
        f"InternHub, заявка №{application_id}: стадия изменена в Bitrix24, но {'; '.join(broken)}. Проверьте сделку."
    )
    client = portal_clients().client_for(portal)
    if user_id is not None:
        await client.call("im.notify.system.add", {"USER_ID": user_id, "MESSAGE": message})
    else:
        fields = {"ENTITY_ID": deal_id, "ENTITY_TYPE": "deal", "COMMENT": message}
        await client.call("crm.timeline.comment.add", {"fields": fields})
    log.info("bitrix24_portal_move_flagged", application_id=application_id, deal_id=deal_id, user_id=user_id)
