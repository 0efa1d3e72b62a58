from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request, Response, status

from internhub.auth import service
from internhub.auth.principal import Admin, CurrentPrincipal, PrincipalCache, Staff, presented_token
from internhub.auth.schemas import (
    ApiKeyCreated,
    ApiKeyIn,
    ApiKeyOut,
    AssigneeOut,
    LoginIn,
    LoginOut,
    MeOut,
    UserIn,
    UserOut,
    UserPatch,
)
from internhub.common.ratelimit import address, limiter
from internhub.common.schemas import Id
from internhub.config import Settings
from internhub.db import SessionDep
from internhub.errors import TooManyRequests, Unauthorized
from internhub.models import ApiKey, User
from internhub.security import token_digest
from internhub.universities import service as universities

SIGNED_IN_HINT = "internhub_signed_in"

router = APIRouter(tags=["auth"])


def set_session_cookies(
    response: Response, settings: Settings, token: str, ttl: timedelta, embedded: bool = False
) -> None:
    """The session cookie (HttpOnly) and its readable hint. ``embedded``: for pages shown in a frame of another site
    (a Bitrix24 portal), which a browser sends cookies to only when they are SameSite=None and Secure; Partitioned
    keeps them in a jar of that site's own, so browsers that block third-party cookies keep them too."""
    cookie: dict[str, Any] = {
        "max_age": int(ttl.total_seconds()),
        "samesite": "none" if embedded else "lax",
        "secure": embedded or settings.env == "production",
        "path": "/",
    }
    response.set_cookie(settings.session_cookie_name, token, httponly=True, **cookie)
    # Readable by the web app (unlike the session itself): tells a page there may be a session to ask about, so
    # anonymous visitors' pages do not ask /auth/me and get a 401 on every load. It grants nothing.
    response.set_cookie(SIGNED_IN_HINT, "1", **cookie)
    if embedded:  # Starlette writes the attribute only on Python 3.14 and later
        response.raw_headers = [
            (name, value + b"; Partitioned" if name == b"set-cookie" else value) for name, value in response.raw_headers
        ]


def _cache(request: Request) -> PrincipalCache:
    return request.app.state.principal_cache


@router.post("/auth/login", operation_id="auth-login")
async def login(body: LoginIn, request: Request, response: Response, session: SessionDep) -> LoginOut:
    """Sign in: sets an HttpOnly session cookie for the web UI and returns a bearer token for API clients."""
    settings = request.app.state.settings
    ttl = timedelta(hours=settings.session_ttl_hours)
    limits, account = limiter(request), body.email.lower()
    await limits.check(
        "signin-address", address(request), "Too many sign-ins from this address; try again later.", "signin_throttled"
    )
    # Failures are counted per account, whoever tries: guessing one person's password from many addresses meets
    # ever longer waits. (Unknown e-mails are counted alike, so the answer tells nothing about who has an account.)
    if wait := await limits.wait_needed("signin-account", account):
        raise TooManyRequests("Too many failed sign-ins to this account; try again later.", wait, code="signin_locked")
    try:
        token, row, user = await service.login(session, body.email, body.password, ttl, body.workspace)
    except Unauthorized:
        await limits.hit("signin-account", account)
        raise
    await limits.clear("signin-account", account)
    set_session_cookies(response, settings, token, ttl)
    return LoginOut(access_token=token, expires_at=row.expires_at, user=UserOut.model_validate(user))


@router.post("/auth/logout", status_code=status.HTTP_204_NO_CONTENT, operation_id="auth-logout")
async def logout(request: Request, response: Response, session: SessionDep) -> None:
    """Sign out: the session or bearer token stops working at once."""
    if token := presented_token(request):
        await service.logout(session, token)
        await _cache(request).revoke(token_digest(token))
    response.delete_cookie(request.app.state.settings.session_cookie_name, path="/")
    response.delete_cookie(SIGNED_IN_HINT, path="/")


@router.get("/auth/me", operation_id="auth-me")
async def me(principal: CurrentPrincipal) -> MeOut:
    """Who the caller is: role and scope."""
    return MeOut.model_validate(principal)


@router.get("/users", operation_id="users-list", tags=["users"], response_model=list[UserOut])
async def list_users(principal: Admin, session: SessionDep) -> list[User]:
    """List the workspace's users (admins only)."""
    return await service.list_users(session, principal)


@router.get("/assignees", operation_id="assignees-list", tags=["users"])
async def list_assignees(principal: Staff, session: SessionDep) -> list[AssigneeOut]:
    """Active people applications can be assigned to, by name (for choosing one)."""
    return await service.list_assignees(session, principal)


@router.post(
    "/users", status_code=status.HTTP_201_CREATED, operation_id="users-create", tags=["users"], response_model=UserOut
)
async def create_user(body: UserIn, principal: Admin, session: SessionDep) -> User:
    """Add a user with a role and, where the role needs one, its university, company or student."""
    return await service.create_user(session, principal.workspace_id, body)


@router.get("/users/{user_id}", operation_id="users-get", tags=["users"], response_model=UserOut)
async def get_user(user_id: Id, principal: Admin, session: SessionDep) -> User:
    """Get one user of the workspace, with the Bitrix24 user it is linked to (admins only)."""
    return await service.get_user(session, principal, user_id)


@router.patch("/users/{user_id}", operation_id="users-update", tags=["users"], response_model=UserOut)
async def update_user(user_id: Id, body: UserPatch, request: Request, principal: Admin, session: SessionDep) -> User:
    """Rename, re-password, deactivate or link a user to their Bitrix24 user; the 2nd and 3rd end their sessions."""
    user = await service.update_user(session, principal, user_id, body)
    await _cache(request).revoke()
    return user


@router.post(
    "/universities/{university_id}/api-keys",
    status_code=status.HTTP_201_CREATED,
    operation_id="api-keys-create",
    tags=["api keys"],
)
async def create_api_key(university_id: Id, body: ApiKeyIn, principal: Admin, session: SessionDep) -> ApiKeyCreated:
    """Create an API key that sees only this university's data. The key is shown once."""
    await universities.get(session, principal, university_id)
    row, key = await service.create_api_key(session, principal, university_id, body.name)
    return ApiKeyCreated(**ApiKeyOut.model_validate(row).model_dump(), key=key)


@router.get(
    "/universities/{university_id}/api-keys",
    operation_id="api-keys-list",
    tags=["api keys"],
    response_model=list[ApiKeyOut],
)
async def list_api_keys(university_id: Id, principal: Admin, session: SessionDep) -> list[ApiKey]:
    """List a university's API keys (never the keys themselves)."""
    await universities.get(session, principal, university_id)
    return await service.list_api_keys(session, principal, university_id)


@router.delete("/api-keys/{key_id}", operation_id="api-keys-revoke", tags=["api keys"], response_model=ApiKeyOut)
async def revoke_api_key(key_id: Id, request: Request, principal: Admin, session: SessionDep) -> ApiKey:
    """Revoke an API key; it stops working at once."""
    key = await service.revoke_api_key(session, principal, key_id)
    await _cache(request).revoke(key.key_hash)
    return key
