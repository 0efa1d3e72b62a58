"""Shared pieces of the Bitrix24 benchmarks: throwaway databases, a workspace with its portal, servers."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from internhub import listeners
from internhub.bitrix24.crypto import SecretBox
from internhub.bitrix24.portals import connect_webhook
from internhub.config import Settings
from internhub.db import create_engine, create_sessionmaker
from internhub.migrate import upgrade_async
from internhub.models import Workspace
from internhub.testing.postgres import TemporaryPostgres, free_port  # noqa: F401 - shared by the scripts

HERE = Path(__file__).resolve().parent
SECRET = "benchmark-secret-key-0123456789abcdef"


@contextmanager
def database(kind: str) -> Iterator[str]:
    """A fresh, empty database URL: a SQLite file in a temporary folder, or a throwaway PostgreSQL server."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="internhub-b24-") as folder:
            yield f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        return
    if kind != "postgresql":
        raise ValueError(f"unknown database {kind!r}")
    with TemporaryPostgres() as server:
        yield server.create_database(f"bench_{uuid.uuid4().hex[:8]}")


def settings_for(url: str, **overrides: object) -> Settings:
    data_dir = Path(tempfile.mkdtemp(prefix="internhub-b24-var-"))
    values: dict[str, object] = {
        "env": "development",
        "database_url": url,
        "data_dir": data_dir,
        "secret_key": SECRET,
        "log_level": "WARNING",
        "bitrix24_workers": False,
        "bitrix24_sandbox": False,
        "migrate_on_start": False,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def server_env(url: str) -> dict[str, str]:
    """The API's environment in a subprocess: ingest only, no sync worker, no built-in sandbox portal."""
    return {
        "INTERNHUB_DATABASE_URL": url,
        "INTERNHUB_SECRET_KEY": SECRET,
        "INTERNHUB_LOG_LEVEL": "WARNING",
        "INTERNHUB_BITRIX24_WORKERS": "false",
        "INTERNHUB_BITRIX24_SANDBOX": "false",
        "INTERNHUB_MIGRATE_ON_START": "false",
        "INTERNHUB_DATA_DIR": tempfile.mkdtemp(prefix="internhub-b24-var-"),
    }


async def prepare_portal(url: str, webhook_url: str, application_token: str, slug: str = "bench") -> tuple[int, int]:
    """Migrate the database, add a workspace and connect its portal as an administrator would.

    Returns (workspace id, portal id)."""
    await upgrade_async(url)
    settings = settings_for(url)
    engine = create_engine(settings)
    try:
        listeners.install()
        async with create_sessionmaker(engine)() as session:
            workspace = Workspace(name="Benchmark", slug=slug)
            session.add(workspace)
            await session.flush()
            box = SecretBox(SECRET)
            portal = await connect_webhook(session, box, workspace.id, webhook_url, application_token)
            await session.commit()
            return workspace.id, portal.id
    finally:
        await engine.dispose()


def uvicorn_command(app: list[str], port: int) -> list[str]:
    # One worker process, uvicorn's defaults (uvloop and httptools when installed) for every server measured.
    options = ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"]
    return [sys.executable, "-m", "uvicorn", *app, *options]


@contextmanager
def server(
    command: list[str], env: dict[str, str], port: int, health: str = "/health", timeout: float = 60
) -> Iterator[int]:
    """Start a server subprocess, wait until it answers ``health``, stop it on exit. Yields its pid."""
    process = subprocess.Popen(command, env={**os.environ, **env}, cwd=HERE.parent)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server exited with {process.returncode}: {' '.join(command)}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}{health}", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not become healthy in time")
            time.sleep(0.2)
        yield process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
