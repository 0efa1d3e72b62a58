"""The ``bitrix24`` command group as the main CLI mounts it."""

from __future__ import annotations

from typer.testing import CliRunner

from internhub.bitrix24.cli import app


def test_sandbox_command_offers_its_options() -> None:
    result = CliRunner().invoke(app, ["sandbox", "--help"])
    assert result.exit_code == 0
    options = ("--port", "--host", "--tls-cert", "--tls-key", "--rate", "--burst", "--token-lifetime")
    for option in (*options, "--drop-events", "--seed-demo"):
        assert option in result.output


def test_tls_options_go_together() -> None:
    result = CliRunner().invoke(app, ["sandbox", "--tls-cert", "cert.pem"])
    assert result.exit_code != 0
