"""The ``bitrix24`` command group as the main CLI mounts it."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from internhub.bitrix24.cli import app


def test_sandbox_command_offers_its_options() -> None:
    group = typer.main.get_command(app)
    sandbox = group.commands["sandbox"]  # type: ignore[attr-defined]
    offered = {opt for param in sandbox.params for opt in param.opts}
    options = {"--port", "--host", "--tls-cert", "--tls-key", "--rate", "--burst", "--token-lifetime"}
    assert options | {"--drop-events", "--seed-demo"} <= offered


def test_tls_options_go_together() -> None:
    result = CliRunner().invoke(app, ["sandbox", "--tls-cert", "cert.pem"])
    assert result.exit_code == 2  # a usage error, before any server starts


def test_commands_run_with_what_start_up_made_out_of_the_collectors_reach(monkeypatch, tmp_path) -> None:
    # An import's full collections walked every module object again and again (1.7 of its 11 CPU seconds).
    from internhub.bitrix24.cli import _run
    from internhub.config import get_settings

    monkeypatch.setenv("INTERNHUB_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("INTERNHUB_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("INTERNHUB_BITRIX24_WEBHOOK_URL", raising=False)
    get_settings.cache_clear()
    gc.unfreeze()

    async def nothing(*_args) -> None:
        return None

    # This process's job broker belongs to the test session's loop; the command's own runs in the command's process.
    monkeypatch.setattr("internhub.jobs.start", nothing)
    monkeypatch.setattr("internhub.jobs.stop", nothing)

    async def work(settings, sessionmaker, clients) -> int:
        return gc.get_freeze_count()

    try:
        assert _run(work) > 10_000
    finally:
        gc.unfreeze()
        get_settings.cache_clear()


@pytest.fixture
def served_portal():
    """A sandbox portal served over HTTP on loopback, as the CLI reaches a real one."""
    import socket
    import threading
    import time

    import uvicorn

    from internhub.bitrix24.sandbox import SandboxConfig, SandboxPortal, create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sandbox = SandboxPortal(SandboxConfig(domain=f"127.0.0.1:{port}", scheme="http", rate=1000.0, burst=10_000))
    server = uvicorn.Server(uvicorn.Config(create_app(sandbox), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    yield sandbox
    server.should_exit = True
    thread.join(5)


def test_connect_shows_the_plan_and_carries_it_out_when_accepted(served_portal, monkeypatch, tmp_path) -> None:
    import asyncio

    from sqlalchemy import insert

    from internhub.config import get_settings
    from internhub.db import create_engine, create_sessionmaker
    from internhub.migrate import upgrade
    from internhub.models import Company, Student, University
    from internhub.workspaces import get_or_create

    sandbox = served_portal
    url = f"sqlite+aiosqlite:///{tmp_path / 'connect.db'}"
    monkeypatch.setenv("INTERNHUB_DATABASE_URL", url)
    monkeypatch.setenv("INTERNHUB_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("INTERNHUB_BITRIX24_WEBHOOK_URL", sandbox.config.webhook_url)
    monkeypatch.setenv("INTERNHUB_BITRIX24_RATE", "1000")  # the sandbox's bucket, not a portal's 2 a second
    monkeypatch.setenv("INTERNHUB_BITRIX24_BURST", "10000")
    get_settings.cache_clear()
    upgrade(url)

    async def seed() -> None:
        # Rows written as they are, without the ORM's hooks: their jobs would belong to this short-lived loop.
        engine = create_engine(get_settings())
        async with create_sessionmaker(engine)() as session:
            workspace = (await get_or_create(session, "default", "Default")).id
            await session.execute(
                insert(Company),
                [
                    {"workspace_id": workspace, "name": "ООО «Ромашка»", "inn": "7707083893"},
                    {"workspace_id": workspace, "name": "Только у нас"},
                ],
            )
            university = await session.scalar(
                insert(University)
                .values(workspace_id=workspace, name="Томский государственный университет")
                .returning(University.id)
            )
            await session.execute(
                insert(Student).values(
                    workspace_id=workspace, university_id=university, full_name="Анна", email="a@tsu.ru", course=2
                )
            )
            await session.commit()
        await engine.dispose()

    asyncio.run(seed())
    theirs = sandbox.person.add_company({"TITLE": "Ромашка", "COMPANY_TYPE": "CUSTOMER"})
    sandbox.person.add_requisite(theirs, {"RQ_INN": "7707083893"})

    def command(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "internhub", "bitrix24", *args], capture_output=True, text=True, timeout=120
        )

    try:
        # In a process of its own, as a person runs it (its jobs run in that process).
        planned = command("connect")
        assert planned.returncode == 0, planned.stdout + planned.stderr
        assert "Connection plan" in planned.stdout and "Nothing is written yet" in planned.stdout
        assert [r["TITLE"] for r in sandbox.crm.records["company"].values()] == ["Ромашка"]

        done = command("connect", "--accept")
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Connected: 1 linked" in done.stdout
        titles = sorted(r["TITLE"] for r in sandbox.crm.records["company"].values())
        assert titles == ["ООО «Ромашка»", "Только у нас", "Томский государственный университет"]
        # (linked by INN, ours wins; ours created there.) The jobs a write starts ran, as in the server.
        assert "jobs are not started" not in done.stderr + done.stdout
    finally:
        get_settings.cache_clear()
