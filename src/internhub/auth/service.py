"""Signing in and out, users, and university API keys."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.auth.principal import Principal
from internhub.auth.schemas import AssigneeOut, UserIn, UserPatch
from internhub.common.crud import one_or_404
from internhub.errors import Conflict, Unauthorized, Unprocessable
from internhub.models import ApiKey, AuthToken, Company, Role, Student, University, User, Workspace, utcnow
from internhub.security import API_KEY_PREFIX, hash_password, new_token, token_digest, verify_password

SCOPE_OF_ROLE = {Role.university: "university_id", Role.recruiter: "company_id", Role.student: "student_id"}
SCOPE_MODEL: dict[str, type[University] | type[Company] | type[Student]] = {
    "university_id": University,
    "company_id": Company,
    "student_id": Student,
}


async def login(
    session: AsyncSession, email: str, password: str, ttl: timedelta, workspace: str | None = None
) -> tuple[str, AuthToken, User]:
    """The account the password opens. An e-mail may have an account in several workspaces, each with its own
    password; ``workspace`` (a slug) picks one when a password opens more than one."""
    stmt = select(User).where(User.email == email.lower(), User.is_active.is_(True)).order_by(User.id)
    if workspace:
        stmt = stmt.join(Workspace, Workspace.id == User.workspace_id).where(Workspace.slug == workspace)
    candidates = list(await session.scalars(stmt.limit(10)))
    # Argon2 spends tens of milliseconds of CPU by design: in a thread (it releases the GIL), never on the loop.
    valid = [user for user in candidates if await asyncio.to_thread(verify_password, user.password_hash, password)]
    if not candidates:
        await asyncio.to_thread(verify_password, None, password)  # an unknown e-mail costs one check too
    if not valid:
        raise Unauthorized("Wrong e-mail or password.", code="wrong_credentials")
    if len(valid) > 1:
        raise Conflict(
            "This e-mail and password open accounts in several workspaces: name the workspace.",
            code="workspace_required",
        )
    token, row = await start_session(session, valid[0], ttl)
    return token, row, valid[0]


async def start_session(session: AsyncSession, user: User, ttl: timedelta) -> tuple[str, AuthToken]:
    """A new session of ``user``: the token (shown once) and its stored row."""
    token = new_token()
    now = utcnow()
    row = AuthToken(user_id=user.id, token_hash=token_digest(token), created_at=now, expires_at=now + ttl)
    session.add(row)
    await session.flush()
    return token, row


async def logout(session: AsyncSession, token: str) -> None:
    await session.execute(
        update(AuthToken).where(AuthToken.token_hash == token_digest(token)).values(revoked_at=utcnow())
    )


async def _check_scope(session: AsyncSession, workspace_id: int, values: dict) -> None:
    role = values["role"]
    needed = SCOPE_OF_ROLE.get(role)
    for field in SCOPE_MODEL:
        if field != needed and values.get(field) is not None:
            raise Unprocessable(f"A {role} user has no {field}.", code="role_field_not_allowed")
    if needed is None:
        return
    if values.get(needed) is None:
        raise Unprocessable(f"A {role} user needs {needed}.", code="role_field_required")
    model = SCOPE_MODEL[needed]
    found = await session.scalar(
        select(model.id).where(
            model.id == values[needed], model.workspace_id == workspace_id, model.deleted_at.is_(None)
        )
    )
    if found is None:
        raise Unprocessable(f"{needed} does not name a record of this workspace.", code="role_record_unknown")


async def _check_bitrix24_user(
    session: AsyncSession, workspace_id: int, bitrix24_user_id: int | None, user_id: int | None = None
) -> None:
    """One user here per Bitrix24 user: a deal's ASSIGNED_BY_ID must name one person on both sides."""
    if bitrix24_user_id is None:
        return
    stmt = select(User.id).where(User.workspace_id == workspace_id, User.bitrix24_user_id == bitrix24_user_id)
    if user_id is not None:
        stmt = stmt.where(User.id != user_id)
    if (existing := await session.scalar(stmt)) is not None:
        raise Conflict(
            f"Bitrix24 user {bitrix24_user_id} is already linked to another user.",
            existing_id=existing,
            code="bitrix24_user_linked",
        )


async def create_user(session: AsyncSession, workspace_id: int, body: UserIn) -> User:
    values = body.model_dump()
    values = {**values, "email": values["email"].lower()}
    await _check_scope(session, workspace_id, values)
    await _check_bitrix24_user(session, workspace_id, values.get("bitrix24_user_id"))
    taken = select(User.id).where(User.workspace_id == workspace_id, User.email == values["email"])
    if await session.scalar(taken) is not None:
        raise Conflict("A user with this e-mail already exists.", code="email_taken")
    password = values.pop("password")
    user = User(workspace_id=workspace_id, password_hash=await asyncio.to_thread(hash_password, password), **values)
    session.add(user)
    await session.flush()
    return user


async def get_user(session: AsyncSession, principal: Principal, user_id: int) -> User:
    stmt = select(User).where(User.id == user_id, User.workspace_id == principal.workspace_id)
    return await one_or_404(session, stmt, "User")


async def update_user(session: AsyncSession, principal: Principal, user_id: int, patch: UserPatch) -> User:
    values = patch.model_dump(exclude_unset=True)
    user = await get_user(session, principal, user_id)
    scope_given = {field: values.pop(field) for field in SCOPE_MODEL if field in values}
    if "role" in values:
        # A new role comes with the one record it needs and drops any other.
        values.update({field: scope_given.get(field) for field in SCOPE_MODEL})
        await _check_scope(session, principal.workspace_id, values)
    elif scope_given:
        raise Unprocessable("A university, company or student is changed together with the role.", code="role_required")
    demoted = "role" in values and values["role"] != Role.admin
    if (values.get("is_active") is False or demoted) and user.role == Role.admin and user.is_active:
        others = await session.scalar(
            select(func.count())
            .select_from(User)
            .where(
                User.workspace_id == user.workspace_id,
                User.role == Role.admin,
                User.is_active.is_(True),
                User.id != user.id,
            )
        )
        if not others:
            raise Conflict(
                "The workspace's last active admin must stay an active admin: make another admin first.",
                code="last_admin",
            )
    if "bitrix24_user_id" in values:
        await _check_bitrix24_user(session, principal.workspace_id, values["bitrix24_user_id"], user.id)
    if (password := values.pop("password", None)) is not None:
        user.password_hash = await asyncio.to_thread(hash_password, password)
    for name, value in values.items():
        setattr(user, name, value)
    if password is not None or values.get("is_active") is False or "role" in values:
        # A new password, a deactivation or a new role ends every open session of the user.
        live = (AuthToken.user_id == user.id) & AuthToken.revoked_at.is_(None)
        await session.execute(update(AuthToken).where(live).values(revoked_at=utcnow()))
    await session.flush()
    return user


async def list_users(session: AsyncSession, principal: Principal) -> list[User]:
    return list(
        await session.scalars(select(User).where(User.workspace_id == principal.workspace_id).order_by(User.id))
    )


async def list_assignees(session: AsyncSession, principal: Principal) -> list[AssigneeOut]:
    """Active people who can be given applications (admins, managers, recruiters), by name."""
    rows = await session.execute(
        select(User.id, User.full_name, User.email, User.role).where(
            User.workspace_id == principal.workspace_id,
            User.is_active.is_(True),
            User.role.in_([Role.admin, Role.manager, Role.recruiter]),
        )
    )
    people = [AssigneeOut(id=id_, name=name or email, role=role) for id_, name, email, role in rows.all()]
    return sorted(people, key=lambda person: person.name.lower())


async def create_api_key(
    session: AsyncSession, principal: Principal, university_id: int, name: str
) -> tuple[ApiKey, str]:
    key = new_token(API_KEY_PREFIX)
    row = ApiKey(
        workspace_id=principal.workspace_id,
        university_id=university_id,
        name=name,
        prefix=key[: len(API_KEY_PREFIX) + 6],
        key_hash=token_digest(key),
        created_by_id=principal.user_id,
        created_at=utcnow(),
    )
    session.add(row)
    await session.flush()
    return row, key


async def list_api_keys(session: AsyncSession, principal: Principal, university_id: int) -> list[ApiKey]:
    stmt = select(ApiKey).where(ApiKey.workspace_id == principal.workspace_id, ApiKey.university_id == university_id)
    return list(await session.scalars(stmt.order_by(ApiKey.id)))


async def revoke_api_key(session: AsyncSession, principal: Principal, key_id: int) -> ApiKey:
    stmt = select(ApiKey).where(ApiKey.id == key_id, ApiKey.workspace_id == principal.workspace_id)
    key = await one_or_404(session, stmt, "API key")
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        await session.flush()
    return key
