"""Rate limits on what anyone can call, with the limits InternHub ships: counted here, or shared through Redis."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from fastapi import FastAPI

from internhub.common.ratelimit import Limiter
from internhub.config import Settings
from tests.applications_flow.conftest import public_apply, world
from tests.factories import PASSWORD, Tenant, client_for, problem, unique


@pytest.fixture
async def shipped_limits(tenant: Tenant) -> AsyncIterator[Limiter]:
    state = tenant.app.state
    suite, state.limiter = state.limiter, Limiter(Settings(database_url=state.settings.database_url))
    try:
        yield state.limiter
    finally:
        state.limiter = suite


async def sign_in(app: FastAPI, email: str, password: str):
    async with client_for(app) as anonymous:
        return await anonymous.post("/api/v1/auth/login", json={"email": email, "password": password})


async def test_failed_sign_ins_to_one_account_meet_a_429_with_retry_after(
    tenant: Tenant, shipped_limits: Limiter
) -> None:
    email = f"{unique('locked')}@example.ru"
    await tenant.create("/users", email=email, password=PASSWORD, role="manager")
    for _ in range(5):
        assert (await sign_in(tenant.app, email, "wrong-password")).status_code == 401
    locked = await sign_in(tenant.app, email, PASSWORD)  # even the right password waits now
    body = problem(locked, 429)
    assert body["code"] == "signin_locked" and 0 < int(locked.headers["Retry-After"]) <= 60
    # An unknown e-mail is counted alike: the answers tell nothing about who has an account.
    stranger = f"{unique('nobody')}@example.ru"
    answers = [(await sign_in(tenant.app, stranger, "x")).status_code for _ in range(6)]
    assert answers == [401] * 5 + [429]


async def test_a_successful_sign_in_forgets_earlier_failures(tenant: Tenant, shipped_limits: Limiter) -> None:
    email = f"{unique('typo')}@example.ru"
    await tenant.create("/users", email=email, password=PASSWORD, role="manager")
    for _ in range(3):
        await sign_in(tenant.app, email, "typo")
        assert (await sign_in(tenant.app, email, PASSWORD)).status_code == 200


async def test_sign_ins_from_one_address_are_limited(tenant: Tenant, shipped_limits: Limiter) -> None:
    answers = [(await sign_in(tenant.app, f"{unique('spray')}@example.ru", "x")).status_code for _ in range(31)]
    assert answers == [401] * 30 + [429]


async def test_the_public_form_is_limited_per_address(tenant: Tenant, shipped_limits: Limiter) -> None:
    there = await world(tenant, slots=100)
    statuses = []
    for n in range(11):
        response = await public_apply(
            tenant,
            there["opening"]["id"],
            email=f"{unique('a')}{n}@example.ru",
            university_id=there["university"]["id"],
        )
        statuses.append(response.status_code)
    assert statuses == [201] * 10 + [429]


async def test_refused_bitrix24_events_are_limited_per_address_and_good_ones_never(
    tenant: Tenant, shipped_limits: Limiter
) -> None:
    forged = {"event": "ONCRMDEALUPDATE", "data": {"FIELDS": {"ID": "1"}}, "auth": {"application_token": "forged"}}
    async with client_for(tenant.app) as source:
        answers = [(await source.post("/api/v1/bitrix24/events", json=forged)).status_code for _ in range(31)]
        assert answers == [401] * 30 + [429]
        assert "Retry-After" in (await source.post("/api/v1/bitrix24/events", json=forged)).headers


async def test_limits_are_shared_through_redis_and_counted_here_when_it_is_down(redis_url: str) -> None:
    first = Limiter(Settings(redis_url=redis_url, rate_limit_public_form="3/minute"))
    second = Limiter(Settings(redis_url=redis_url, rate_limit_public_form="3/minute"))
    key = unique("addr")
    for limiter in (first, second, first):
        await limiter.check("public-form", key, "too many", "form_throttled")
    assert await second.wait_needed("public-form", key) > 0  # the other process's hits count here

    down = Limiter(Settings(redis_url="redis://127.0.0.1:9/0", rate_limit_public_form="3/minute"))
    for _ in range(3):
        await down.check("public-form", key, "too many", "form_throttled")  # no error: counted in this process
    assert await down.wait_needed("public-form", key) > 0
