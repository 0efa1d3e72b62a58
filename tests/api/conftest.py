"""API-suite settings: cheap password hashing, so that signing users in does not dominate the run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher

from internhub import security


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing() -> Iterator[None]:
    # Production cost is ~0.1 s per hash and per check; every tenant and every sign-in pays both.
    # Hashes carry their own parameters, so verification still works for any hash made either way.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(security, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
        yield
