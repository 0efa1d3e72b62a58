"""The production shape, started as real processes: an API server, two sync workers, a PostgreSQL server
and a portal over HTTP. Two workers never both spend the portal's budget; when the owner dies, the other
takes over."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import create_async_engine

from internhub.migrate import upgrade
from internhub.models import Portal
from internhub.testing.postgres import TemporaryPostgres, free_port

APP_TOKEN = "sandbox-application-token"


def spawn(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "internhub", *args],
        env={**os.environ, **env},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop_all(processes: Iterable[subprocess.Popen], timeout: float = 10) -> None:
    """Ask every process still running to stop, then kill those that have not within ``timeout``."""
    processes = list(processes)
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def wait_for(predicate, timeout: float = 30.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except httpx.HTTPError:
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def portal_env(url: str, data_dir: Path, sandbox_port: int) -> dict[str, str]:
    """What every process of the stack is started with: the database, and the sandbox portal over HTTP at a
    generous limit (50/s), with a 3 s lease so a takeover is quick."""
    return {
        "INTERNHUB_ENV": "test",
        "INTERNHUB_DATABASE_URL": url,
        "INTERNHUB_DATA_DIR": str(data_dir),
        "INTERNHUB_BITRIX24_WEBHOOK_URL": f"http://127.0.0.1:{sandbox_port}/rest/1/sandboxwebhookcode/",
        "INTERNHUB_BITRIX24_APPLICATION_TOKEN": APP_TOKEN,
        "INTERNHUB_BITRIX24_RATE": "50",
        "INTERNHUB_BITRIX24_BURST": "500",
        "INTERNHUB_BITRIX24_LEASE_SECONDS": "3",
        "INTERNHUB_BITRIX24_RECONCILE_SECONDS": "3600",
        "INTERNHUB_LOG_LEVEL": "INFO",
    }


@pytest.fixture
def stack(postgres: TemporaryPostgres, tmp_path: Path) -> Iterator[dict]:
    url = postgres.create_database(f"stack_{tmp_path.name[-12:].replace('-', '_').lower()}")
    upgrade(url)
    sandbox_port, api_port = free_port(), free_port()
    api = f"http://127.0.0.1:{api_port}"
    env = portal_env(url, tmp_path, sandbox_port)
    processes = {
        "sandbox": spawn(
            [
                "bitrix24",
                "sandbox",
                "--port",
                str(sandbox_port),
                "--rate",
                "50",
                "--burst",
                "500",
                "--events-to",
                f"{api}/api/v1/bitrix24/events",
            ],
            env,
            tmp_path / "sandbox.log",
        ),
        "api": spawn(
            ["serve", "--port", str(api_port)], {**env, "INTERNHUB_BITRIX24_WORKERS": "false"}, tmp_path / "api.log"
        ),
    }
    subprocess.run(
        [
            sys.executable,
            "-m",
            "internhub",
            "create-admin",
            "--email",
            "ops@example.com",
            "--password",
            "distributed-123",
        ],
        env={**os.environ, **env},
        check=True,
        capture_output=True,
    )
    wait_for(lambda: httpx.get(f"{api}/readyz").status_code == 200, what="the API")
    wait_for(
        lambda: httpx.post(f"http://127.0.0.1:{sandbox_port}/rest/1/sandboxwebhookcode/profile").status_code == 200,
        what="the sandbox",
    )
    for name in ("worker-1", "worker-2"):
        processes[name] = spawn(["worker"], env, tmp_path / f"{name}.log")
    token = httpx.post(f"{api}/api/v1/auth/login", json={"email": "ops@example.com", "password": "distributed-123"})
    client = httpx.Client(base_url=api, headers={"Authorization": f"Bearer {token.json()['access_token']}"})
    portal = httpx.Client(base_url=f"http://127.0.0.1:{sandbox_port}/rest/1/sandboxwebhookcode/")
    # The portal is new to the (empty) workspace: its connection is planned and, with nothing to decide, done.
    wait_for(lambda: (client.get("/api/v1/bitrix24/connection").json() or {}).get("status") == "done", what="connect")
    try:
        yield {"api": client, "portal": portal, "processes": processes, "url": url}
    finally:
        client.close()
        portal.close()
        stop_all(processes.values())


def synced(api: httpx.Client, path: str) -> dict | None:
    body = api.get(path).json()
    return body if body.get("sync") and body["sync"]["status"] == "synced" else None


def companies(portal: httpx.Client) -> list[dict]:
    return portal.post("crm.company.list.json", json={"select": ["ID", "TITLE", "COMPANY_TYPE"]}).json()["result"]


def lease_owner(url: str) -> str:
    async def read() -> str:
        engine = create_async_engine(url)
        try:
            async with engine.connect() as connection:
                return await connection.scalar(select(Portal.lease_owner))
        finally:
            await engine.dispose()

    return asyncio.run(read())


def test_two_workers_one_owner_and_a_takeover(stack: dict) -> None:
    api, portal, processes = stack["api"], stack["portal"], stack["processes"]
    created = api.post("/api/v1/universities", json={"name": "Новосибирский государственный университет"})
    assert created.status_code == 201
    university = wait_for(lambda: synced(api, f"/api/v1/universities/{created.json()['id']}"), what="the push")
    remote_id = university["bitrix24_company_id"]
    assert [c["TITLE"] for c in companies(portal) if c["COMPANY_TYPE"] == "UNIVERSITY"] == [
        "Новосибирский государственный университет"
    ]

    # A person edits the company in the portal: the event reaches the API, a worker pulls the change.
    portal.post("crm.company.update.json", json={"id": remote_id, "fields": {"TITLE": "НГУ"}})
    wait_for(lambda: api.get(f"/api/v1/universities/{university['id']}").json()["name"] == "НГУ", what="the pull")

    # One worker owns the portal; kill it and the other takes over once the lease lapses (3 s here).
    owner_pid = int(lease_owner(stack["url"]).split(":")[1])
    owner = next(name for name, p in processes.items() if p.pid == owner_pid)
    survivor = "worker-2" if owner == "worker-1" else "worker-1"
    os.killpg(processes[owner].pid, signal.SIGKILL)
    processes[owner].wait()
    api.patch(f"/api/v1/universities/{university['id']}", json={"city": "Академгородок"})
    wait_for(lambda: synced(api, f"/api/v1/universities/{university['id']}"), timeout=30, what="the takeover")
    remote = portal.post("crm.company.get.json", json={"id": remote_id}).json()["result"]
    assert remote["UF_CRM_IH_CITY"] == "Академгородок"
    assert int(lease_owner(stack["url"]).split(":")[1]) == processes[survivor].pid
    assert len([c for c in companies(portal) if c["COMPANY_TYPE"] == "UNIVERSITY"]) == 1
