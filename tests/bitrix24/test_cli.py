"""The ``bitrix24`` command group as the main CLI mounts it."""

from __future__ import annotations

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
