"""Fixtures: the app on SQLite and on a real PostgreSQL server, and a fresh workspace per test."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI

from internhub import security
from internhub.app import create_app
from internhub.config import Settings
from internhub.testing.postgres import TemporaryPostgres
from tests.factories import Tenant, new_tenant
from tests.servers import Redis

DATABASES = os.environ.get("INTERNHUB_TEST_DATABASES", "sqlite,postgresql").split(",")


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing() -> Iterator[None]:
    # Production cost is ~0.1 s per hash and per check; every tenant and every sign-in pays both.
    # Hashes carry their own parameters, so verification still works for any hash made either way.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(security, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
        yield


@pytest.fixture(scope="session")
def postgres() -> Iterator[TemporaryPostgres]:
    with TemporaryPostgres() as server:
        yield server


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Redis server on loopback for the test session (Debian's redis-server), keeping nothing on disk."""
    server = Redis(tmp_path_factory.mktemp("redis"))
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


def database_url(kind: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if kind == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('sqlite') / 'test.db'}"
    server: TemporaryPostgres = request.getfixturevalue("postgres")
    return server.create_database(f"test_{uuid.uuid4().hex[:12]}")


@pytest.fixture(scope="session", params=DATABASES)
async def app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[FastAPI]:
    """The whole application, its schema built by running the migrations, once per database kind."""
    url = database_url(request.param, request, tmp_path_factory)
    settings = Settings(
        env="test",
        database_url=url,
        data_dir=tmp_path_factory.mktemp("var"),
        log_level="WARNING",
        bitrix24_workers=False,
        # The suite signs in and posts forms from one address all day; tests/api/test_rate_limits.py puts the
        # shipped limits back on.
        **dict.fromkeys(
            (
                "rate_limit_signin_per_address",
                "rate_limit_signin_per_account",
                "rate_limit_public_form",
                "rate_limit_events_refused",
            ),
            "100000/minute",
        ),
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def tenant(app: FastAPI) -> AsyncIterator[Tenant]:
    """A new workspace with an admin signed in; tests never see each other's data."""
    async with new_tenant(app) as fresh:
        yield fresh


@pytest.fixture
async def other_tenant(app: FastAPI) -> AsyncIterator[Tenant]:
    async with new_tenant(app) as fresh:
        yield fresh
