"""The ``bitrix24`` command group as the main CLI mounts it."""

from __future__ import annotations

import gc

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

    async def work(settings, sessionmaker, clients) -> int:
        return gc.get_freeze_count()

    try:
        assert _run(work) > 10_000
    finally:
        gc.unfreeze()
        get_settings.cache_clear()
