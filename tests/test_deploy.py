"""The compose file and the Dockerfile can't be run here, so they are checked against the code."""

from __future__ import annotations

import json
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


SERVICES = COMPOSE["services"]
ALWAYS_ON = {name: service for name, service in SERVICES.items() if not service.get("profiles")}


def test_the_stack_has_every_part_of_production() -> None:
    assert {"api", "worker", "proxy", "postgres", "redis", "rabbitmq", "prometheus", "grafana"} <= set(ALWAYS_ON)
    assert SERVICES["api"]["deploy"]["replicas"] >= 2 and SERVICES["worker"]["deploy"]["replicas"] >= 2
    api = _environment(SERVICES["api"])
    assert api["INTERNHUB_REDIS_URL"].startswith("redis://redis:")
    assert api["INTERNHUB_RABBITMQ_URL"].startswith("amqp://") and "@rabbitmq:" in api["INTERNHUB_RABBITMQ_URL"]


def test_every_service_is_checked_restarted_and_keeps_its_data_in_volumes() -> None:
    for name, service in ALWAYS_ON.items():
        assert "healthcheck" in service, name
        assert service.get("restart") == "unless-stopped", name
    named = {
        volume.split(":", 1)[0]
        for service in SERVICES.values()
        for volume in service.get("volumes", [])
        if not volume.startswith(("./", "/"))
    }
    assert named == set(COMPOSE["volumes"])
    for service in SERVICES.values():  # the files a service mounts are in deploy/
        for volume in service.get("volumes", []):
            if volume.startswith("./"):
                assert (ROOT / "deploy" / volume.split(":", 1)[0]).exists(), volume


def test_prometheus_scrapes_every_api_replica_and_worker_on_their_metrics_port() -> None:
    config = yaml.safe_load((ROOT / "deploy" / "prometheus.yml").read_text())
    jobs = {job["job_name"]: job["dns_sd_configs"][0] for job in config["scrape_configs"]}
    for service in ("api", "worker"):
        port = int(_environment(SERVICES[service])["INTERNHUB_METRICS_PORT"])
        assert _environment(SERVICES[service])["INTERNHUB_METRICS_HOST"] == "0.0.0.0"
        found = jobs[f"internhub-{service}"]
        assert found["names"] == [service] and found["port"] == port


def test_the_dashboard_shows_only_metrics_the_code_exports() -> None:
    from internhub import metrics

    exported = set()
    for family in metrics.REGISTRY.collect():
        exported |= {family.name, f"{family.name}_total", f"{family.name}_bucket", f"{family.name}_count"}
    dashboard = json.loads((ROOT / "deploy" / "grafana" / "dashboards" / "internhub.json").read_text())
    used = {
        name
        for panel in dashboard["panels"]
        for target in panel["targets"]
        for name in re.findall(r"internhub_\w+", target["expr"])
    }
    assert used and used <= exported, sorted(used - exported)
    provisioned = yaml.safe_load(
        (ROOT / "deploy" / "grafana" / "provisioning" / "dashboards" / "internhub.yml").read_text()
    )
    mounts = dict(volume.split(":")[:2] for volume in SERVICES["grafana"]["volumes"] if volume.startswith("./"))
    assert mounts["./grafana/dashboards"] == provisioned["providers"][0]["options"]["path"]


def test_the_proxy_spreads_requests_over_the_api_and_logs_ship_from_api_and_worker() -> None:
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "server api:8000;" in nginx and SERVICES["proxy"]["ports"] == ["8000:8000"]
    assert "ports" not in SERVICES["api"]  # only through the proxy
    vector = (ROOT / "deploy" / "vector.toml").read_text()
    assert f'include_containers = ["{COMPOSE["name"]}-api", "{COMPOSE["name"]}-worker"]' in vector
    assert _environment(SERVICES["api"])["INTERNHUB_LOG_JSON"] == "true"
