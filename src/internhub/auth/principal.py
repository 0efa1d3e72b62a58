"""Who is calling: a signed-in user (cookie or bearer token) or a university's API key."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated

import structlog
from cachetools import TTLCache
from fastapi import Depends, Request
from sqlalchemy import func, select, update

from internhub.common.actor import Actor, act_as
from internhub.db import SessionDep
from internhub.errors import Forbidden, Unauthorized
from internhub.models import ActorKind, ApiKey, AuthToken, Role, University, User
from internhub.security import API_KEY_PREFIX, token_digest


@dataclass(frozen=True, slots=True)
class Principal:
    workspace_id: int
    role: Role
    name: str
    user_id: int | None = None
    api_key_id: int | None = None
    university_id: int | None = None
    company_id: int | None = None
    student_id: int | None = None

    @property
    def is_staff(self) -> bool:
        """Admins and managers of the operating organisation see the whole workspace."""
        return self.role in (Role.admin, Role.manager)


class PrincipalCache:
    """Verified tokens, kept briefly so that each request does not pay a lookup.

    A revocation in this process takes effect at once; in the others at once with Redis (``revocations``),
    else within ``ttl`` seconds.
    """

    def __init__(self, ttl: float, size: int = 10_000) -> None:
        self._entries: TTLCache[str, Principal] | None = TTLCache(size, ttl) if ttl > 0 else None
        self.publish: Callable[[str | None], Awaitable[None]] | None = None  # tells the other processes

    def get(self, digest: str) -> Principal | None:
        return self._entries.get(digest) if self._entries is not None else None

    def put(self, digest: str, principal: Principal) -> None:
        if self._entries is not None:
            self._entries[digest] = principal

    async def revoke(self, digest: str | None = None) -> None:
        """Forget a token (None: every token) here and, when they can be told, in every other process."""
        self.forget(digest)
        if self.publish is not None:
            await self.publish(digest)

    def forget(self, digest: str | None = None) -> None:
        if self._entries is None:
            return
        if digest is None:
            self._entries.clear()
        else:
            self._entries.pop(digest, None)


def presented_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    if api_key := request.headers.get("x-api-key"):
        return api_key.strip()
    return request.cookies.get(request.app.state.settings.session_cookie_name)


async def _principal_for_user_token(session, digest: str, idle: timedelta) -> Principal | None:
    now = datetime.now(UTC)
    found = (
        await session.execute(
            select(User, AuthToken.id, func.coalesce(AuthToken.last_used_at, AuthToken.created_at))
            .join(AuthToken, AuthToken.user_id == User.id)
            .where(AuthToken.token_hash == digest, AuthToken.revoked_at.is_(None), AuthToken.expires_at > now)
        )
    ).one_or_none()
    if found is None:
        return None
    row, token_id, last_used = found
    if last_used.tzinfo is None:  # SQLite gives naive datetimes back
        last_used = last_used.replace(tzinfo=UTC)
    if not row.is_active or now - last_used > idle:
        return None
    if now - last_used > timedelta(minutes=1):
        await session.execute(update(AuthToken).where(AuthToken.id == token_id).values(last_used_at=now))
    return Principal(
        workspace_id=row.workspace_id,
        role=Role(row.role),
        name=row.full_name or row.email,
        user_id=row.id,
        university_id=row.university_id,
        company_id=row.company_id,
        student_id=row.student_id,
    )


async def _principal_for_api_key(session, digest: str) -> Principal | None:
    row = (
        await session.execute(
            select(ApiKey, University.name)
            .join(University, University.id == ApiKey.university_id)
            .where(ApiKey.key_hash == digest, ApiKey.revoked_at.is_(None), University.deleted_at.is_(None))
        )
    ).one_or_none()
    if row is None:
        return None
    key, university_name = row
    now = datetime.now(UTC)
    if key.last_used_at is None or now - key.last_used_at > timedelta(minutes=1):
        await session.execute(update(ApiKey).where(ApiKey.id == key.id).values(last_used_at=now))
    return Principal(
        workspace_id=key.workspace_id,
        role=Role.university,
        name=f"API key {key.prefix}… ({university_name})",
        api_key_id=key.id,
        university_id=key.university_id,
    )


async def optional_principal(request: Request, session: SessionDep) -> Principal | None:
    token = presented_token(request)
    if not token:
        return None
    digest = token_digest(token)
    cache: PrincipalCache = request.app.state.principal_cache
    if (cached := cache.get(digest)) is not None:
        return _audited(cached)
    if token.startswith(API_KEY_PREFIX):
        principal = await _principal_for_api_key(session, digest)
    else:
        idle = timedelta(minutes=request.app.state.settings.session_idle_minutes)
        principal = await _principal_for_user_token(session, digest, idle)
    if principal is None:
        raise Unauthorized("The session or key is invalid, expired or revoked. Sign in again.", code="session_expired")
    cache.put(digest, principal)
    return _audited(principal)


def _audited(principal: Principal) -> Principal:
    """The request writes as this principal (the audit log names it), and its log lines name the workspace."""
    structlog.contextvars.bind_contextvars(workspace=principal.workspace_id)
    kind = ActorKind.api_key if principal.api_key_id is not None else ActorKind.user
    act_as(Actor(kind, principal.api_key_id or principal.user_id, principal.name))
    return principal


async def current_principal(principal: Annotated[Principal | None, Depends(optional_principal)]) -> Principal:
    if principal is None:
        raise Unauthorized("Sign in, or send a bearer token or an API key.", code="sign_in_required")
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]
OptionalPrincipal = Annotated[Principal | None, Depends(optional_principal)]


def require_roles(*roles: Role):
    """A dependency that lets only the given roles through (403 for the others)."""

    async def check(principal: CurrentPrincipal) -> Principal:
        if principal.role not in roles:
            raise Forbidden("Your role does not allow this action.")
        return principal

    return Depends(check)


Staff = Annotated[Principal, require_roles(Role.admin, Role.manager)]
Admin = Annotated[Principal, require_roles(Role.admin)]
