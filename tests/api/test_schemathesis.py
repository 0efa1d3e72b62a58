"""Schemathesis against the API as it runs (a real server on loopback): for every operation of the OpenAPI
document, generated requests as an administrator, as a student and anonymously. Whatever they hold, no answer is
a server error and every answer matches what the document declares for it.

A bounded number of examples per operation keeps this inside CI's time; a longer run is the same test with more:
`INTERNHUB_FUZZ_EXAMPLES=100 uv run pytest tests/api/test_schemathesis.py` (figures in the README).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from internhub.testing.postgres import free_port

EXAMPLES = int(os.environ.get("INTERNHUB_FUZZ_EXAMPLES", "6"))
# No 5xx; every status, media type and body as the document declares them.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
PASSWORD = "fuzzing-password-123"
# What would end the run's own sessions or keys; everything else is fair game.
SPARED = {
    ("POST", "/api/v1/auth/logout"),
    ("PATCH", "/api/v1/users/{user_id}"),
    ("DELETE", "/api/v1/api-keys/{key_id}"),
}


@dataclass
class LiveApi:
    base: str
    headers: dict[str, dict[str, str]]


def _wait(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server did not start")
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server did not become ready")


@pytest.fixture(scope="module")
def live_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApi]:
    folder: Path = tmp_path_factory.mktemp("fuzz")
    port = free_port()
    env = {
        **os.environ,
        "INTERNHUB_ENV": "test",
        "INTERNHUB_DATABASE_URL": f"sqlite+aiosqlite:///{folder / 'fuzz.db'}",
        "INTERNHUB_DATA_DIR": str(folder),
        "INTERNHUB_BITRIX24_WORKERS": "false",
        "INTERNHUB_BITRIX24_SANDBOX": "false",
        "INTERNHUB_LOG_LEVEL": "ERROR",
    }
    cli = [sys.executable, "-m", "internhub"]
    subprocess.run([*cli, "migrate"], env=env, check=True, capture_output=True)
    admin = ["create-admin", "--email", "fuzz@example.ru", "--password", PASSWORD]
    subprocess.run([*cli, *admin], env=env, check=True, capture_output=True)
    demo = ["demo-data", "--universities", "2", "--companies", "3", "--students", "20", "--openings", "5"]
    subprocess.run([*cli, *demo, "--applications", "20"], env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [*cli, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base, server)
        with httpx.Client(base_url=f"{base}/api/v1") as client:
            token = client.post("/auth/login", json={"email": "fuzz@example.ru", "password": PASSWORD}).json()
            admin_headers = {"Authorization": f"Bearer {token['access_token']}"}
            student = client.get("/students", params={"limit": 1}, headers=admin_headers).json()["items"][0]
            made = client.post(
                "/users",
                json={
                    "email": "student@example.ru",
                    "password": PASSWORD,
                    "role": "student",
                    "student_id": student["id"],
                },
                headers=admin_headers,
            )
            assert made.status_code == 201, made.text
            token = client.post("/auth/login", json={"email": "student@example.ru", "password": PASSWORD}).json()
            student_headers = {"Authorization": f"Bearer {token['access_token']}"}
        yield LiveApi(base, {"admin": admin_headers, "student": student_headers, "anonymous": {}})
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def test_no_server_error_and_every_answer_as_documented(live_api: LiveApi) -> None:
    schema = schemathesis.openapi.from_url(f"{live_api.base}/openapi.json")
    failures, operations = [], 0
    for found in schema.get_all_operations():
        operation = found.ok()
        if (operation.method.upper(), operation.path) in SPARED:
            continue
        operations += 1

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case) -> None:
            for headers in live_api.headers.values():  # as an administrator, as a student, and anonymously
                response = case.call(headers={**(case.headers or {}), **headers}, timeout=30)
                case.validate_response(response, checks=CHECKS)

        try:
            run()
        except (Exception, BaseExceptionGroup) as failure:  # Hypothesis groups what it found
            failures.append(f"{operation.method.upper()} {operation.path}: {str(failure)[:600]}")
    assert operations > 50
    assert failures == [], "\n\n".join(failures)
