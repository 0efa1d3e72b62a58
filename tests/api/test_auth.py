"""Signing in and out, sessions, users and university API keys."""

import hashlib

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from internhub.models import ApiKey, AuthToken, User
from tests.factories import PASSWORD, Tenant, client_for, error_fields, problem, unique


async def new_user(tenant: Tenant, role: str = "manager", **scope: int) -> dict:
    return await tenant.create("/users", email=f"{unique(role)}@example.ru", password=PASSWORD, role=role, **scope)


async def login(tenant: Tenant, email: str, password: str = PASSWORD):
    async with client_for(tenant.app) as anonymous:
        return await anonymous.post("/api/v1/auth/login", json={"email": email, "password": password})


async def test_login_sets_an_httponly_session_cookie_and_returns_a_bearer_token(tenant: Tenant) -> None:
    user = await new_user(tenant, full_name="Анна Менеджер")

    response = await login(tenant, user["email"])

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer" and len(body["access_token"]) >= 32
    assert body["user"] == user
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"internhub_session={body['access_token']};")
    flags = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
    assert {"httponly", "path", "max-age", "samesite"} <= flags
    assert "samesite=lax" in cookie.lower()
    assert "secure" not in flags  # plain HTTP in tests; Secure is set in production
    async with client_for(tenant.app, body["access_token"]) as bearer:
        me = (await bearer.get("/api/v1/auth/me")).json()
    assert me["user_id"] == user["id"] and me["role"] == "manager" and me["workspace_id"] == tenant.workspace_id


async def test_the_session_cookie_alone_authenticates(tenant: Tenant) -> None:
    user = await new_user(tenant)
    async with client_for(tenant.app) as browser:
        signed_in = await browser.post("/api/v1/auth/login", json={"email": user["email"], "password": PASSWORD})
        assert signed_in.status_code == 200
        assert "authorization" not in browser.headers

        response = await browser.get("/api/v1/auth/me")

    assert response.status_code == 200
    assert response.json()["user_id"] == user["id"]


async def test_logout_revokes_the_token_at_once(tenant: Tenant) -> None:
    user = await new_user(tenant)
    token = (await login(tenant, user["email"])).json()["access_token"]
    async with client_for(tenant.app, token) as client:
        assert (await client.get("/api/v1/universities")).status_code == 200  # now cached as valid

        response = await client.post("/api/v1/auth/logout")

        assert response.status_code == 204
        assert 'internhub_session=""' in response.headers["set-cookie"]
        assert "max-age=0" in response.headers["set-cookie"].lower()
        problem(await client.get("/api/v1/universities"), 401)
    async with client_for(tenant.app, internhub_session=token) as cookie_only:
        cookie_only.cookies.set("internhub_session", token)
        problem(await cookie_only.get("/api/v1/auth/me"), 401)
    async with tenant.app.state.sessionmaker() as session:
        row = await session.scalar(
            select(AuthToken).where(AuthToken.token_hash == hashlib.sha256(token.encode()).hexdigest())
        )
    assert row is not None and row.revoked_at is not None


async def test_logout_by_cookie_ends_the_browser_session(tenant: Tenant) -> None:
    user = await new_user(tenant)
    async with client_for(tenant.app) as browser:
        await browser.post("/api/v1/auth/login", json={"email": user["email"], "password": PASSWORD})
        token = browser.cookies["internhub_session"]
        assert (await browser.post("/api/v1/auth/logout")).status_code == 204
        problem(await browser.get("/api/v1/auth/me"), 401)
    async with client_for(tenant.app, token) as replay:
        problem(await replay.get("/api/v1/auth/me"), 401)


async def test_wrong_password_unknown_email_and_inactive_user_look_the_same(tenant: Tenant) -> None:
    user = await new_user(tenant)
    inactive = await new_user(tenant)
    await tenant.client.patch(f"/api/v1/users/{inactive['id']}", json={"is_active": False})

    wrong_password = await login(tenant, user["email"], "not the password")
    unknown_email = await login(tenant, "nobody-here@example.ru")
    deactivated = await login(tenant, inactive["email"])

    bodies = [problem(r, 401) for r in (wrong_password, unknown_email, deactivated)]
    assert bodies[0] == bodies[1] == bodies[2]
    assert "set-cookie" not in wrong_password.headers


async def test_login_ignores_the_case_of_the_email(tenant: Tenant) -> None:
    user = await new_user(tenant)
    response = await login(tenant, user["email"].upper())
    assert response.status_code == 200
    assert response.json()["user"]["id"] == user["id"]


async def test_malformed_login_bodies_are_a_422_not_a_401(tenant: Tenant) -> None:
    async with client_for(tenant.app) as anonymous:
        for body in ({"email": "x"}, {"email": "not-an-email", "password": "p"}, {"email": "a@b.ru", "password": ""}):
            problem(await anonymous.post("/api/v1/auth/login", json=body), 422)


async def test_garbage_or_missing_credentials_are_a_401(tenant: Tenant) -> None:
    for headers in (
        {"Authorization": "Bearer not-a-real-token"},
        {"Authorization": "Bearer ihk_not-a-real-key"},
        {"X-API-Key": "ihk_forged"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {},
    ):
        async with client_for(tenant.app, **headers) as client:
            problem(await client.get("/api/v1/students"), 401)


async def test_a_new_password_or_deactivation_ends_open_sessions(tenant: Tenant) -> None:
    user = await new_user(tenant)
    client = await tenant.sign_in(user["email"])
    assert (await client.get("/api/v1/auth/me")).status_code == 200

    changed = await tenant.client.patch(f"/api/v1/users/{user['id']}", json={"password": "a brand new password"})

    assert changed.status_code == 200
    problem(await client.get("/api/v1/auth/me"), 401)
    problem(await login(tenant, user["email"]), 401)
    client = await tenant.sign_in(user["email"], "a brand new password")

    deactivated = await tenant.client.patch(f"/api/v1/users/{user['id']}", json={"is_active": False})

    assert deactivated.json()["is_active"] is False
    problem(await client.get("/api/v1/auth/me"), 401)


async def test_admin_manages_users_of_the_workspace(tenant: Tenant) -> None:
    university = await tenant.university()
    coordinator = await new_user(tenant, "university", university_id=university["id"])
    assert coordinator["university_id"] == university["id"] and coordinator["role"] == "university"

    renamed = await tenant.client.patch(f"/api/v1/users/{coordinator['id']}", json={"full_name": "Ольга"})
    listed = (await tenant.client.get("/api/v1/users")).json()

    assert renamed.json()["full_name"] == "Ольга"
    assert coordinator["id"] in [u["id"] for u in listed]
    assert all("password" not in key for u in listed for key in u)


async def test_admin_links_a_user_to_their_bitrix24_user(tenant: Tenant) -> None:
    linked = await new_user(tenant, bitrix24_user_id=17)
    plain = await new_user(tenant)
    assert linked["bitrix24_user_id"] == 17 and plain["bitrix24_user_id"] is None

    changed = await tenant.client.patch(f"/api/v1/users/{plain['id']}", json={"bitrix24_user_id": 23})
    assert changed.status_code == 200, changed.text
    read = (await tenant.client.get(f"/api/v1/users/{plain['id']}")).json()
    assert read["bitrix24_user_id"] == 23 and read["email"] == plain["email"]
    listed = {u["id"]: u["bitrix24_user_id"] for u in (await tenant.client.get("/api/v1/users")).json()}
    assert listed[linked["id"]] == 17 and listed[plain["id"]] == 23

    unlinked = await tenant.client.patch(f"/api/v1/users/{linked['id']}", json={"bitrix24_user_id": None})
    assert unlinked.json()["bitrix24_user_id"] is None
    relinked = await tenant.client.patch(f"/api/v1/users/{linked['id']}", json={"bitrix24_user_id": 17})
    assert relinked.json()["bitrix24_user_id"] == 17


async def test_a_bitrix24_user_id_is_a_positive_number_of_one_user(tenant: Tenant, other_tenant: Tenant) -> None:
    user = await new_user(tenant, bitrix24_user_id=5)
    other = await new_user(tenant)
    foreign = await new_user(other_tenant, bitrix24_user_id=6)
    before = await tenant.snapshot()

    for bad in (0, -3, "seven", True, 1.5, 2**63):
        body = {"bitrix24_user_id": bad}
        assert "bitrix24_user_id" in error_fields(await tenant.client.patch(f"/api/v1/users/{other['id']}", json=body))
    taken = problem(await tenant.client.patch(f"/api/v1/users/{other['id']}", json={"bitrix24_user_id": 5}), 409)
    assert "Bitrix24 user 5" in taken["detail"]
    duplicate = {"email": f"{unique('m')}@example.ru", "password": PASSWORD, "role": "manager", "bitrix24_user_id": 5}
    problem(await tenant.client.post("/api/v1/users", json=duplicate), 409)
    problem(await tenant.client.get(f"/api/v1/users/{foreign['id']}"), 404)
    problem(await tenant.client.patch(f"/api/v1/users/{foreign['id']}", json={"bitrix24_user_id": 9}), 404)

    assert await tenant.snapshot() == before
    # Another workspace is another portal: the same Bitrix24 user id is free there.
    assert (await new_user(other_tenant, bitrix24_user_id=5))["bitrix24_user_id"] == 5
    assert user["bitrix24_user_id"] == 5 and foreign["bitrix24_user_id"] == 6


async def test_the_database_keeps_one_user_per_bitrix24_user_when_two_writes_race(tenant: Tenant) -> None:
    # Two requests can pass the service's check together; the unique index decides between them.
    first = await new_user(tenant, bitrix24_user_id=41)
    second = await new_user(tenant)
    async with tenant.app.state.sessionmaker() as session:
        user = await session.get(User, second["id"])
        user.bitrix24_user_id = 41
        with pytest.raises(IntegrityError):
            await session.commit()
    read = (await tenant.client.get(f"/api/v1/users/{second['id']}")).json()
    assert read["bitrix24_user_id"] is None and first["bitrix24_user_id"] == 41


async def test_a_user_email_can_be_registered_only_once(tenant: Tenant) -> None:
    user = await new_user(tenant)
    body = {"email": user["email"].upper(), "password": PASSWORD, "role": "manager"}
    problem(await tenant.client.post("/api/v1/users", json=body), 409)
    assert len((await tenant.client.get("/api/v1/users")).json()) == 2


async def test_a_user_role_needs_exactly_its_own_scope(tenant: Tenant, other_tenant: Tenant) -> None:
    university = await tenant.university()
    company = await tenant.company()
    foreign_university = await other_tenant.university()
    before = await tenant.snapshot()

    def body(role: str, **scope: int) -> dict:
        return {"email": f"{unique(role)}@example.ru", "password": PASSWORD, "role": role, **scope}

    for bad in (
        body("recruiter"),
        body("university"),
        body("student"),
        body("recruiter", company_id=company["id"], university_id=university["id"]),
        body("manager", company_id=company["id"]),
        body("admin", university_id=university["id"]),
    ):
        problem(await tenant.client.post("/api/v1/users", json=bad), 422)
    missing = await tenant.client.post("/api/v1/users", json=body("university", university_id=987654321))
    foreign = await tenant.client.post("/api/v1/users", json=body("university", university_id=foreign_university["id"]))
    assert problem(foreign, 422) == problem(missing, 422)
    problem(await tenant.client.post("/api/v1/users", json=body("owner")), 422)
    problem(await tenant.client.post("/api/v1/users", json={**body("manager"), "password": "short"}), 422)

    assert await tenant.snapshot() == before


async def test_an_api_key_is_shown_once_and_stored_only_as_a_hash(tenant: Tenant) -> None:
    university = await tenant.university()

    created = await tenant.create(f"/universities/{university['id']}/api-keys", name="1С:Университет")

    key = created["key"]
    assert key.startswith("ihk_") and len(key) > 40
    assert key.startswith(created["prefix"]) and len(created["prefix"]) < 16
    listed = (await tenant.client.get(f"/api/v1/universities/{university['id']}/api-keys")).json()
    assert [k["id"] for k in listed] == [created["id"]]
    assert "key" not in listed[0] and key not in str(listed)
    async with tenant.app.state.sessionmaker() as session:
        row = await session.get_one(ApiKey, created["id"])
        stored = [str(getattr(row, column.key)) for column in ApiKey.__table__.columns]
    assert not any(key in value for value in stored)
    assert row.key_hash == hashlib.sha256(key.encode()).hexdigest()


async def test_an_api_key_works_as_header_or_bearer_and_stops_at_once_when_revoked(tenant: Tenant) -> None:
    university = await tenant.university()
    created = await tenant.create(f"/universities/{university['id']}/api-keys", name="sync")
    key = created["key"]
    async with client_for(tenant.app, **{"X-API-Key": key}) as by_header, client_for(tenant.app, key) as by_bearer:
        for client in (by_header, by_bearer):
            me = (await client.get("/api/v1/auth/me")).json()
            assert me["role"] == "university" and me["university_id"] == university["id"]
            assert me["user_id"] is None

        revoked = await tenant.client.delete(f"/api/v1/api-keys/{created['id']}")

        assert revoked.status_code == 200 and revoked.json()["revoked_at"] is not None
        for client in (by_header, by_bearer):
            problem(await client.get("/api/v1/auth/me"), 401)
            problem(await client.get(f"/api/v1/universities/{university['id']}/students"), 401)
    listed = (await tenant.client.get(f"/api/v1/universities/{university['id']}/api-keys")).json()
    assert listed[0]["revoked_at"] is not None and listed[0]["last_used_at"] is not None
    again = await tenant.client.delete(f"/api/v1/api-keys/{created['id']}")
    assert again.status_code == 200 and again.json()["revoked_at"] == revoked.json()["revoked_at"]


async def test_an_api_key_of_a_removed_university_stops_working(tenant: Tenant) -> None:
    university = await tenant.university()
    created = await tenant.create(f"/universities/{university['id']}/api-keys", name="sync")
    async with client_for(tenant.app, **{"X-API-Key": created["key"]}) as client:
        assert (await client.get("/api/v1/auth/me")).status_code == 200  # now cached as valid

        assert (await tenant.client.delete(f"/api/v1/universities/{university['id']}")).status_code == 204

        problem(await client.get("/api/v1/auth/me"), 401)


async def test_only_admins_manage_users_and_api_keys(tenant: Tenant) -> None:
    university = await tenant.university()
    key = await tenant.create(f"/universities/{university['id']}/api-keys", name="sync")
    admin_id = (await tenant.client.get("/api/v1/auth/me")).json()["user_id"]
    manager = await tenant.sign_in_as("manager")
    coordinator = await tenant.sign_in_as("university", university_id=university["id"])
    api_key = await tenant.key_client(university["id"])
    before = await tenant.snapshot()

    for client in (manager, coordinator, api_key):
        problem(await client.get("/api/v1/users"), 403)
        problem(
            await client.post("/api/v1/users", json={"email": "x@example.ru", "password": PASSWORD, "role": "admin"}),
            403,
        )
        problem(await client.patch(f"/api/v1/users/{admin_id}", json={"is_active": False}), 403)
        problem(await client.post(f"/api/v1/universities/{university['id']}/api-keys", json={"name": "mine"}), 403)
        problem(await client.get(f"/api/v1/universities/{university['id']}/api-keys"), 403)
        problem(await client.delete(f"/api/v1/api-keys/{key['id']}"), 403)

    after = await tenant.snapshot()
    for rows in (before, after):  # using a key stamps last_used_at; nothing else may change
        for row in rows["api_keys"]:
            row.pop("last_used_at")
    assert after == before


@pytest.mark.parametrize("action", ["sign in", "set a password"])
async def test_hashing_a_password_holds_up_no_other_request(tenant: Tenant, monkeypatch, action: str) -> None:
    # Argon2 takes tens of milliseconds of CPU by design: on the event loop, a hundred sign-ins stall everyone.
    import asyncio
    import threading

    from internhub import security

    user = await new_user(tenant)
    started, answered, waits = threading.Event(), threading.Event(), []
    hasher = security._hasher

    class Held:
        """The hasher, held until another request has been answered: on the loop that never happens (5 s)."""

        def verify(self, *args):
            started.set()
            waits.append(answered.wait(5))
            return hasher.verify(*args)

        def hash(self, *args):
            started.set()
            waits.append(answered.wait(5))
            return hasher.hash(*args)

    monkeypatch.setattr(security, "_hasher", Held())

    async def slow():
        if action == "sign in":
            return await login(tenant, user["email"])
        return await tenant.client.patch(f"/api/v1/users/{user['id']}", json={"password": "a-new-password-1"})

    hashing = asyncio.create_task(slow())
    await asyncio.to_thread(started.wait, 5)
    async with client_for(tenant.app) as anonymous:
        assert (await anonymous.get("/healthz")).status_code == 200
    answered.set()
    assert (await hashing).status_code == 200
    assert waits == [True]  # the other request was answered while the hash was being made


async def test_the_last_active_admin_cannot_be_deactivated(tenant: Tenant) -> None:
    admins = [u for u in (await tenant.client.get("/api/v1/users")).json() if u["role"] == "admin" and u["is_active"]]
    assert len(admins) == 1
    me = admins[0]
    body = problem(await tenant.client.patch(f"/api/v1/users/{me['id']}", json={"is_active": False}), 409)
    assert body["code"] == "last_admin"
    assert (await tenant.client.get("/api/v1/users")).status_code == 200  # still signed in, still an admin

    other = await new_user(tenant, role="admin")
    left = await tenant.client.patch(f"/api/v1/users/{other['id']}", json={"is_active": False})
    assert left.status_code == 200
    again = await new_user(tenant, role="admin")
    assert (await tenant.client.patch(f"/api/v1/users/{me['id']}", json={"is_active": False})).status_code == 200
    assert again["is_active"]


async def test_a_session_unused_for_the_idle_timeout_ends(tenant: Tenant) -> None:
    from datetime import UTC, datetime, timedelta

    user = await new_user(tenant)
    token = (await login(tenant, user["email"])).json()["access_token"]
    digest = hashlib.sha256(token.encode()).hexdigest()
    idle = tenant.app.state.settings.session_idle_minutes

    async def last_used(minutes_ago: int) -> None:
        async with tenant.app.state.sessionmaker() as session:
            row = await session.scalar(select(AuthToken).where(AuthToken.token_hash == digest))
            row.created_at = row.last_used_at = datetime.now(UTC) - timedelta(minutes=minutes_ago)
            await session.commit()
        tenant.app.state.principal_cache.forget()

    async with client_for(tenant.app, token) as client:
        await last_used(idle - 5)
        assert (await client.get("/api/v1/auth/me")).status_code == 200  # in use: the clock starts again
        async with tenant.app.state.sessionmaker() as session:
            row = await session.scalar(select(AuthToken).where(AuthToken.token_hash == digest))
            assert datetime.now(UTC) - row.last_used_at.replace(tzinfo=UTC) < timedelta(minutes=1)
        await last_used(idle + 5)
        problem(await client.get("/api/v1/auth/me"), 401)


async def test_an_admin_learns_nothing_of_other_workspaces_accounts(tenant: Tenant, other_tenant: Tenant) -> None:
    # The same person may work with two organisations: each workspace has its own account for the e-mail, and
    # creating one says nothing of the other.
    email = f"{unique('shared')}@example.ru"
    theirs = await other_tenant.create("/users", email=email, password=PASSWORD, role="manager")
    ours = await tenant.client.post(
        "/api/v1/users", json={"email": email, "password": "another-password-1", "role": "manager"}
    )
    assert ours.status_code == 201, ours.text
    assert problem(
        await tenant.client.post("/api/v1/users", json={"email": email, "password": PASSWORD, "role": "manager"}),
        409,
    )  # twice in one workspace is still a conflict, of this workspace's own

    # Each password opens its own workspace; one password for both asks which workspace is meant.
    assert (await login(tenant, email, PASSWORD)).json()["user"]["id"] == theirs["id"]
    assert (await login(tenant, email, "another-password-1")).json()["user"]["id"] == ours.json()["id"]


async def test_one_password_for_two_workspaces_asks_which_is_meant(tenant: Tenant, other_tenant: Tenant) -> None:
    email = f"{unique('both')}@example.ru"
    await tenant.create("/users", email=email, password=PASSWORD, role="manager")
    await other_tenant.create("/users", email=email, password=PASSWORD, role="manager")
    assert problem(await login(tenant, email), 409)["code"] == "workspace_required"
    slug = (await other_tenant.client.get("/api/v1/workspace")).json()["slug"]
    async with client_for(tenant.app) as anonymous:
        chosen = await anonymous.post(
            "/api/v1/auth/login", json={"email": email, "password": PASSWORD, "workspace": slug}
        )
    assert chosen.status_code == 200, chosen.text
    async with client_for(tenant.app, chosen.json()["access_token"]) as signed_in:
        assert (await signed_in.get("/api/v1/workspace")).json()["slug"] == slug


async def test_an_admin_changes_a_users_role_with_the_record_it_needs(tenant: Tenant) -> None:
    user = await new_user(tenant, role="manager")
    signed_in = await tenant.sign_in(user["email"])
    company = await tenant.company()

    body = problem(await tenant.client.patch(f"/api/v1/users/{user['id']}", json={"role": "recruiter"}), 422)
    assert body["code"] == "role_field_required"
    changed = await tenant.client.patch(
        f"/api/v1/users/{user['id']}", json={"role": "recruiter", "company_id": company["id"]}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["role"] == "recruiter" and changed.json()["company_id"] == company["id"]
    problem(await signed_in.get("/api/v1/applications"), 401)  # the old role's session is over
    back = await tenant.client.patch(f"/api/v1/users/{user['id']}", json={"role": "manager"})
    assert back.json()["role"] == "manager" and back.json()["company_id"] is None
    body = problem(await tenant.client.patch(f"/api/v1/users/{user['id']}", json={"company_id": company["id"]}), 422)
    assert body["code"] == "role_required"

    me = (await tenant.client.get("/api/v1/auth/me")).json()
    body = problem(await tenant.client.patch(f"/api/v1/users/{me['user_id']}", json={"role": "manager"}), 409)
    assert body["code"] == "last_admin"


async def test_a_readable_hint_says_a_session_may_exist_and_goes_on_sign_out(tenant: Tenant) -> None:
    user = await new_user(tenant)
    async with client_for(tenant.app) as browser:
        signed_in = await browser.post("/api/v1/auth/login", json={"email": user["email"], "password": PASSWORD})
        hint = next(c for c in signed_in.headers.get_list("set-cookie") if c.startswith("internhub_signed_in="))
        assert "httponly" not in hint.lower() and browser.cookies["internhub_signed_in"] == "1"
        await browser.post("/api/v1/auth/logout")
        assert "internhub_signed_in" not in browser.cookies and "internhub_session" not in browser.cookies
