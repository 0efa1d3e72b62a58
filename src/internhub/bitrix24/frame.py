"""InternHub inside Bitrix24: the app's page and its widgets.

The portal opens the app (its page in the menu, placement ``DEFAULT``, and every widget we bound) with a POST:
``DOMAIN``, ``PROTOCOL``, ``LANG`` in the query string, the person's ``AUTH_ID``/``REFRESH_ID``, ``member_id``,
``APPLICATION_TOKEN``, ``PLACEMENT`` and ``PLACEMENT_OPTIONS`` in the body (settings/oauth/simple-way.md,
api-reference/widgets/_includes/widget_data.md). Nothing in it is signed, so nothing is believed: the portal is the
one we were installed on (by ``member_id``, and the domain and application token must agree), and the person is
whoever that portal says owns the token (``user.current``, user-current.md: "by making a REST request to the DOMAIN
domain ... adding AUTH_ID ... you can determine which user opened the page"), asked at the address we stored at
install, never one the request names. Then the person gets a session made for a frame of another site.
"""

from __future__ import annotations

import hmac
import html
import json
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Literal

import structlog
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.auth import service as auth_service
from internhub.auth.router import set_session_cookies
from internhub.bitrix24.client import (
    AuthorizationError,
    Bitrix24Client,
    Bitrix24Error,
    ExpiredToken,
    PortalUnavailable,
    QueryLimitExceeded,
    UserAuth,
)
from internhub.bitrix24.phpquery import parse_query
from internhub.bitrix24.portals import PortalClients
from internhub.db import SessionDep
from internhub.errors import BadRequest, Conflict, Forbidden, Problem, Unauthorized
from internhub.models import AuthMode, Portal, PortalNewUsers, Role, User

log = structlog.get_logger(__name__)
router = APIRouter(prefix="/bitrix24", tags=["bitrix24"])

APP_PATH = "/api/v1/bitrix24/app"
# Where each placement opens in the web app; ``{id}`` is the CRM record's id (crm/detail-tab.md: PLACEMENT_OPTIONS ID).
PAGES = {
    "DEFAULT": "/frame",
    "CRM_DEAL_DETAIL_TAB": "/frame/deal/{id}",
    "CRM_CONTACT_DETAIL_TAB": "/frame/contact/{id}",
    "CRM_COMPANY_DETAIL_TAB": "/frame/company/{id}",
}
_RECORD_ID = re.compile(r"[1-9][0-9]{0,17}")


class PortalUnreachable(Problem):
    status = 502
    title = "Bad Gateway"


class FrameLaunch(BaseModel):
    """What the portal's POST claims, before anything of it is believed."""

    domain: str
    member_id: str
    auth_id: str
    application_token: str | None
    placement: str
    record_id: int | None
    lang: Literal["ru", "en"]

    @property
    def page(self) -> str:
        path = PAGES.get(self.placement, PAGES["DEFAULT"])
        return f"{path.format(id=self.record_id)}?lang={self.lang}"


class PortalPerson(BaseModel):
    """The person the portal vouches for."""

    id: int
    email: str
    name: str
    admin: bool


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def language(query: dict[str, str]) -> Literal["ru", "en"]:
    """Our language for the portal's ``LANG`` (the person's interface language): Russian, or else English."""
    return "ru" if query.get("LANG", "ru") == "ru" else "en"


def read_launch(query: dict[str, str], form: dict[str, object]) -> FrameLaunch:
    auth_id, member_id = _text(form.get("AUTH_ID")), _text(form.get("member_id"))
    if not auth_id or not member_id:
        raise Unauthorized("Bitrix24 did not say who opened the app.", code="portal_auth_missing")
    placement = _text(form.get("PLACEMENT")).upper() or "DEFAULT"
    record_id = None
    if "{id}" in PAGES.get(placement, ""):
        try:
            options = json.loads(_text(form.get("PLACEMENT_OPTIONS")) or "{}")
        except (ValueError, RecursionError):
            options = None
        raw = options.get("ID") if isinstance(options, dict) else None
        if not isinstance(raw, str | int) or isinstance(raw, bool) or not _RECORD_ID.fullmatch(str(raw)):
            raise BadRequest("The widget's context names no CRM record.", code="frame_context_invalid")
        record_id = int(raw)
    return FrameLaunch(
        domain=query.get("DOMAIN", "").strip().lower(),
        member_id=member_id,
        auth_id=auth_id,
        application_token=_text(form.get("APPLICATION_TOKEN")) or None,
        placement=placement,
        record_id=record_id,
        lang=language(query),
    )


async def installed_portal(
    session: AsyncSession, launch: FrameLaunch, box_open: Callable[[str | None], str | None]
) -> Portal:
    """The portal we were installed on that the launch names, if everything it claims agrees with what we stored."""
    portal = await session.scalar(select(Portal).where(Portal.member_id == launch.member_id))
    if portal is None or not portal.is_active or portal.auth_mode != AuthMode.oauth:
        raise Forbidden("InternHub is not installed on this Bitrix24 portal.", code="portal_not_installed")
    stored_token = box_open(portal.application_token_enc) if portal.application_token_enc else None
    token_differs = (
        launch.application_token is not None
        and stored_token is not None
        and not hmac.compare_digest(stored_token.encode(), launch.application_token.encode())
    )
    if (launch.domain and launch.domain != portal.domain.lower()) or token_differs:
        raise Forbidden("This sign-in belongs to another Bitrix24 portal.", code="portal_mismatch")
    return portal


async def person_of(clients: PortalClients, portal: Portal, launch: FrameLaunch) -> PortalPerson:
    """Ask the portal who owns the token (user.current) and whether they administer it (user-admin.md), in one
    request of the portal's budget."""
    ours = clients.client_for(portal)
    client = Bitrix24Client(UserAuth(portal.client_endpoint, launch.auth_id), http=ours.http, throttle=ours.throttle)
    client.retries = 1
    try:
        answer = await client.batch({"user": "user.current", "admin": "user.admin"})
        user, admin = answer.results.get("user"), answer.results.get("admin")
        if not isinstance(user, dict) or answer.errors:
            raise AuthorizationError("user.current", "no user in the answer")
        name = " ".join(part for part in (_text(user.get("NAME")), _text(user.get("LAST_NAME"))) if part)
        return PortalPerson(id=int(user["ID"]), email=_text(user.get("EMAIL")).lower(), name=name, admin=admin is True)
    except ExpiredToken as exc:
        raise Unauthorized("The sign-in from Bitrix24 has expired.", code="portal_auth_expired") from exc
    except (PortalUnavailable, QueryLimitExceeded) as exc:
        raise PortalUnreachable("The Bitrix24 portal did not answer.", code="portal_unreachable") from exc
    except (Bitrix24Error, KeyError, TypeError, ValueError) as exc:
        log.info("bitrix24_frame_refused", portal=portal.domain, error=str(exc)[:200])
        raise Unauthorized("The Bitrix24 portal did not confirm this sign-in.", code="portal_auth_rejected") from exc


async def user_for(session: AsyncSession, portal: Portal, person: PortalPerson) -> User:
    """The user here linked to the portal's person; made on the first visit as the portal's policy says."""
    user = await session.scalar(
        select(User).where(User.workspace_id == portal.workspace_id, User.bitrix24_user_id == person.id)
    )
    if user is None:
        email = person.email or f"bitrix24-user-{person.id}@{portal.domain.split(':')[0]}"
        taken = await session.scalar(
            select(User.id).where(User.workspace_id == portal.workspace_id, User.email == email)
        )
        if taken is not None:
            # Bitrix24 does not vouch for e-mail addresses: an account here is linked by an admin, never taken over.
            raise Conflict(
                "An account with your e-mail exists here but is not linked to your Bitrix24 user.",
                code="portal_user_email_taken",
            )
        policy = portal.new_users
        role = Role.admin if person.admin and policy == PortalNewUsers.by_portal_role else Role.manager
        user = User(
            workspace_id=portal.workspace_id,
            email=email,
            full_name=person.name[:200],
            password_hash="!",  # no password: this person signs in through the portal
            role=role,
            bitrix24_user_id=person.id,
            is_active=policy != PortalNewUsers.ask_admin,
        )
        session.add(user)
        await session.flush()
        if not user.is_active:
            # The one commit outside the request's own: the refusal below would roll the waiting account back.
            await session.commit()  # the waiting account is kept for an admin to turn on, whatever is answered
            raise Forbidden("An administrator of InternHub has to let you in first.", code="portal_user_pending")
    if not user.is_active:
        raise Forbidden("Your InternHub account is turned off.", code="portal_user_inactive")
    return user


# The refusal page: what each refusal tells a person in the portal's frame, in their language.
REFUSALS: dict[str, dict[str, str]] = {
    "portal_auth_missing": {
        "ru": "Битрикс24 не сообщил, кто открыл приложение. Откройте InternHub из своего портала.",
        "en": "Bitrix24 did not say who opened the app. Open InternHub from your portal.",
    },
    "portal_not_installed": {
        "ru": "InternHub не установлен на этом портале Битрикс24.",
        "en": "InternHub is not installed on this Bitrix24 portal.",
    },
    "portal_mismatch": {
        "ru": "Этот вход относится к другому порталу Битрикс24.",
        "en": "This sign-in belongs to another Bitrix24 portal.",
    },
    "portal_auth_rejected": {
        "ru": "Портал Битрикс24 не подтвердил этот вход.",
        "en": "The Bitrix24 portal did not confirm this sign-in.",
    },
    "portal_auth_expired": {
        "ru": "Срок входа истёк: обновите страницу в Битрикс24.",
        "en": "The sign-in has expired: reload the page in Bitrix24.",
    },
    "portal_unreachable": {
        "ru": "Портал Битрикс24 не ответил. Попробуйте через минуту.",
        "en": "The Bitrix24 portal did not answer. Try again in a minute.",
    },
    "portal_user_pending": {
        "ru": "Администратор InternHub должен сначала открыть вам доступ.",
        "en": "An administrator of InternHub has to let you in first.",
    },
    "portal_user_inactive": {
        "ru": "Ваша учётная запись в InternHub отключена.",
        "en": "Your InternHub account is turned off.",
    },
    "portal_user_email_taken": {
        "ru": "Учётная запись с вашей почтой уже есть, но не связана с вашим пользователем Битрикс24: "
        "попросите администратора связать их.",
        "en": "An account with your e-mail exists but is not linked to your Bitrix24 user: ask an administrator "
        "to link them.",
    },
    "frame_context_invalid": {
        "ru": "Виджет открыт без записи CRM.",
        "en": "The widget was opened without a CRM record.",
    },
}
_TITLE = {"ru": "Вход не выполнен", "en": "Not signed in"}


def refusal_page(problem: Problem, lang: str) -> HTMLResponse:
    code = str(problem.extensions.get("code") or "unauthorized")
    message = REFUSALS.get(code, {}).get(lang) or problem.detail
    body = (
        f"<!doctype html><html lang='{lang}'><meta charset='utf-8'><title>InternHub</title>"
        "<body style='font-family:system-ui,sans-serif;margin:2rem'>"
        f"<main role='alert' data-code=\"{html.escape(code)}\"><h1>{_TITLE[lang]}</h1><p>{html.escape(message)}</p>"
        "</main></body></html>"
    )
    return HTMLResponse(body, status_code=problem.status)


def _wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


@router.post("/app", operation_id="bitrix24-app-open", response_class=HTMLResponse, status_code=303)
async def open_app(request: Request, session: SessionDep) -> Response:
    """Bitrix24 opens the app or one of its widgets: the person is checked with their portal and signed in."""
    query = dict(request.query_params)
    clients: PortalClients = request.app.state.bitrix24_clients
    try:
        launch = read_launch(query, parse_query((await request.body()).decode("utf-8", errors="replace")))
        portal = await installed_portal(session, launch, clients.box.open)
        person = await person_of(clients, portal, launch)
        user = await user_for(session, portal, person)
    except Problem as problem:
        if _wants_html(request):
            return refusal_page(problem, language(query))
        raise
    settings = request.app.state.settings
    ttl = timedelta(hours=settings.session_ttl_hours)
    token, _ = await auth_service.start_session(session, user, ttl)
    response = RedirectResponse(launch.page, status_code=303)
    set_session_cookies(response, settings, token, ttl, embedded=True)
    log.info("bitrix24_frame_signed_in", portal=portal.domain, user=user.id, placement=launch.placement)
    return response
