"""The compose file and the Dockerfile can't be run here, so they are checked against the code."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from internhub.config import Settings

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = yaml.safe_load((ROOT / "deploy" / "docker-compose.yml").read_text())


def _environment(service: dict) -> dict[str, str]:
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return env


def test_every_internhub_variable_in_compose_is_a_real_setting() -> None:
    settings = {f"INTERNHUB_{name.upper()}" for name in Settings.model_fields}
    used = {name for service in COMPOSE["services"].values() for name in _environment(service)}
    ours = {name for name in used if name.startswith("INTERNHUB_")}
    assert ours, "the compose file configures the app through INTERNHUB_ variables"
    assert ours <= settings, f"not settings: {sorted(ours - settings)}"


def test_compose_database_url_uses_the_async_driver_and_the_compose_database() -> None:
    api = _environment(COMPOSE["services"]["api"])
    postgres = _environment(COMPOSE["services"]["postgres"])
    url = api["INTERNHUB_DATABASE_URL"]
    assert url.startswith("postgresql+asyncpg://")
    assert url.rsplit("/", 1)[1] == postgres["POSTGRES_DB"]
    assert f"//{postgres['POSTGRES_USER']}:" in url


def test_dockerfile_starts_the_cli_command_that_exists() -> None:
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text()
    command = re.search(r'CMD \["internhub", "(\w+)"', dockerfile)
    assert command is not None
    from internhub.cli import app

    names = {cmd.name or cmd.callback.__name__ for cmd in app.registered_commands}
    assert command.group(1) in names
    for setting in re.findall(r"(INTERNHUB_\w+)=", dockerfile):
        assert setting.removeprefix("INTERNHUB_").lower() in Settings.model_fields
