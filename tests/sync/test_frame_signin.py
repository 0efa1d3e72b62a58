"""Signing in from the portal: Bitrix24 opens the app (its page and every widget) with a POST carrying the user's
tokens (settings/oauth/simple-way.md, widgets/_includes/widget_data.md). We check them with the portal we were
installed on, then start a session that works inside the portal's frame; anything else is refused."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, update

from internhub.bitrix24.sandbox import SandboxPortal
from internhub.bitrix24.sandbox.apps import FrameRequest
from internhub.models import Portal, Role, User
from tests.factories import client_for, problem
from tests.sync.test_oauth_app import HANDLER, app_portal, expire_tokens, installed_portal  # noqa: F401

APP = "http://test/api/v1/bitrix24/app"


@pytest.fixture
async def installed(app: FastAPI, app_portal: SandboxPortal) -> SandboxPortal:  # noqa: F811
    app_portal.install_app(handler_url=HANDLER, app_url=APP)
    await app_portal.drain_events()
    assert (await installed_portal(app, app_portal)) is not None
    # The app's tab in the deal card, as the install binds it.
    app_portal.apps.placements.clear()
    from internhub.bitrix24.sandbox.apps import PlacementBinding

    app_portal.apps.placements.append(PlacementBinding("CRM_DEAL_DETAIL_TAB", APP, "InternHub", "", {}))
    return app_portal


async def open_frame(app: FastAPI, request: FrameRequest, html: bool = False, **changes: str) -> httpx.Response:
    form = {**request.form, **changes}
    headers = {"accept": "text/html,application/xhtml+xml"} if html else {}
    async with client_for(app, **headers) as client:
        # Bitrix24 posts from the portal's page: another site.
        return await client.post(request.url, data=form, headers={"sec-fetch-site": "cross-site"})


def session_cookie(response: httpx.Response) -> str | None:
    for header in response.headers.get_list("set-cookie"):
        if header.startswith("internhub_session="):
            return header
    return None


async def me(app: FastAPI, response: httpx.Response) -> dict:
    token = response.cookies["internhub_session"]
    async with client_for(app) as client:
        client.cookies.set("internhub_session", token)
        answer = await client.get("/api/v1/auth/me")
    assert answer.status_code == 200, answer.text
    return answer.json()


async def test_a_portal_user_opening_a_deal_tab_gets_a_session_for_the_frame(
    app: FastAPI, installed: SandboxPortal
) -> None:
    (request,) = installed.open_placement("CRM_DEAL_DETAIL_TAB", {"ID": "8061"}, user_id=2, lang="en")
    response = await open_frame(app, request)
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "/frame/deal/8061?lang=en"
    cookie = session_cookie(response) or ""
    for attribute in ("HttpOnly", "SameSite=none", "Secure", "Partitioned"):
        assert attribute.lower() in cookie.lower(), cookie
    who = await me(app, response)
    assert who["role"] == "manager"  # user 2 is no administrator of the portal
    portal = await installed_portal(app, installed)
    async with app.state.sessionmaker() as session:
        user = await session.scalar(
            select(User).where(User.workspace_id == portal.workspace_id, User.bitrix24_user_id == 2)
        )
    assert user is not None and user.email == "partners@sandbox.test" and user.full_name == "Павел Орлов"
    # The second visit finds the same person.
    again = await open_frame(app, installed.open_placement("CRM_DEAL_DETAIL_TAB", {"ID": "1"}, user_id=2)[0])
    assert (await me(app, again))["user_id"] == who["user_id"]


async def test_the_portals_administrator_becomes_an_admin_and_the_app_page_shows_the_board(
    app: FastAPI, installed: SandboxPortal
) -> None:
    response = await open_frame(app, installed.open_app(user_id=1))
    assert response.status_code == 303 and response.headers["location"] == "/frame?lang=ru"
    assert (await me(app, response))["role"] == "admin"
    # Our pages may be framed by the portal (its origin is in frame-ancestors).
    assert installed.config.base_url in response.headers["content-security-policy"]


@pytest.mark.parametrize(
    ("changes", "status", "code"),
    [
        ({"AUTH_ID": "forged-token"}, 401, "portal_auth_rejected"),
        ({"AUTH_ID": ""}, 401, "portal_auth_missing"),
        ({"member_id": "0" * 32}, 403, "portal_not_installed"),
        ({"APPLICATION_TOKEN": "not-the-apps"}, 403, "portal_mismatch"),
        ({"PLACEMENT_OPTIONS": "{not json"}, 400, "frame_context_invalid"),
        ({"PLACEMENT_OPTIONS": '{"ID": "-1"}'}, 400, "frame_context_invalid"),
    ],
)
async def test_a_forged_or_foreign_sign_in_is_refused_without_a_session(
    app: FastAPI, installed: SandboxPortal, changes: dict[str, str], status: int, code: str
) -> None:
    (request,) = installed.open_placement("CRM_DEAL_DETAIL_TAB", {"ID": "5"}, user_id=2)
    response = await open_frame(app, request, **changes)
    assert problem(response, status)["code"] == code
    assert session_cookie(response) is None


async def test_another_portals_domain_is_refused(app: FastAPI, installed: SandboxPortal) -> None:
    (request,) = installed.open_placement("CRM_DEAL_DETAIL_TAB", {"ID": "5"}, user_id=2)
    url = request.url.replace(f"DOMAIN={installed.config.domain}", "DOMAIN=evil.bitrix24.test")
    response = await open_frame(app, FrameRequest(url, request.form))
    assert problem(response, 403)["code"] == "portal_mismatch" and session_cookie(response) is None


async def test_an_expired_token_gets_a_refusal_page(app: FastAPI, installed: SandboxPortal) -> None:
    (request,) = installed.open_placement("CRM_DEAL_DETAIL_TAB", {"ID": "5"}, user_id=2, lang="en")
    expire_tokens(installed)
    page = await open_frame(app, request, html=True)
    assert page.status_code == 401 and page.headers["content-type"].startswith("text/html")
    assert 'data-code="portal_auth_expired"' in page.text and "expired" in page.text
    assert session_cookie(page) is None


async def test_a_removed_app_signs_no_one_in(app: FastAPI, installed: SandboxPortal) -> None:
    (request,) = installed.open_placement("CRM_DEAL_DETAIL_TAB", {"ID": "5"}, user_id=1)
    installed.uninstall_app()
    await installed.drain_events()
    page = await open_frame(app, request, html=True)
    assert page.status_code == 403 and 'data-code="portal_not_installed"' in page.text
    assert "не установлен" in page.text  # LANG=ru
    assert session_cookie(page) is None


async def test_with_ask_admin_a_new_person_waits_for_an_admin(app: FastAPI, installed: SandboxPortal) -> None:
    portal = await installed_portal(app, installed)
    async with app.state.sessionmaker() as session:
        await session.execute(update(Portal).where(Portal.id == portal.id).values(new_users="ask_admin"))
        await session.commit()
    response = await open_frame(app, installed.open_placement("CRM_DEAL_DETAIL_TAB", {"ID": "5"}, user_id=2)[0])
    assert problem(response, 403)["code"] == "portal_user_pending" and session_cookie(response) is None
    async with app.state.sessionmaker() as session:
        waiting = await session.scalar(
            select(User).where(User.workspace_id == portal.workspace_id, User.bitrix24_user_id == 2)
        )
        assert waiting is not None and not waiting.is_active and waiting.role == Role.manager
        waiting.is_active = True
        await session.commit()
    let_in = await open_frame(app, installed.open_placement("CRM_DEAL_DETAIL_TAB", {"ID": "5"}, user_id=2)[0])
    assert let_in.status_code == 303


async def test_an_unlinked_account_with_the_same_email_is_not_taken_over(
    app: FastAPI, installed: SandboxPortal
) -> None:
    portal = await installed_portal(app, installed)
    async with app.state.sessionmaker() as session:
        session.add(
            User(
                workspace_id=portal.workspace_id,
                email="partners@sandbox.test",
                password_hash="!",
                role=Role.admin,
            )
        )
        await session.commit()
    response = await open_frame(app, installed.open_placement("CRM_DEAL_DETAIL_TAB", {"ID": "5"}, user_id=2)[0])
    assert problem(response, 409)["code"] == "portal_user_email_taken" and session_cookie(response) is None


async def test_an_admin_chooses_who_new_portal_people_become(app: FastAPI, installed: SandboxPortal) -> None:
    response = await open_frame(app, installed.open_app(user_id=1))
    token = response.cookies["internhub_session"]
    async with client_for(app) as client:
        client.cookies.set("internhub_session", token)
        assert (await client.get("/api/v1/bitrix24/portal")).json()["new_users"] == "by_portal_role"
        changed = await client.patch("/api/v1/bitrix24/portal", json={"new_users": "managers"})
        assert changed.status_code == 200 and changed.json()["new_users"] == "managers"
        assert problem(await client.patch("/api/v1/bitrix24/portal", json={"new_users": "everyone"}), 422)
    # Opening the app again from the portal (another site, with the frame's cookie) is not a cross-site change.
    async with client_for(app) as client:
        client.cookies.set("internhub_session", token)
        request = installed.open_app(user_id=1)
        again = await client.post(request.url, data=request.form, headers={"sec-fetch-site": "cross-site"})
    assert again.status_code == 303
