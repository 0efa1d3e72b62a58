"""Prometheus metrics: off without a token, counted by route template, and the sync and jobs as they happen."""

from __future__ import annotations

import asyncio
import logging
import re

import pytest
import structlog
from pydantic import SecretStr

from internhub import jobs, metrics, middleware
from internhub.bitrix24.worker import SyncWorker
from tests.sync.conftest import Linked

TOKEN = "metrics-token-for-tests"


def value(text: str, name: str, **labels: str) -> float:
    """The sample of ``name`` with exactly these labels in a Prometheus text page (0 when absent)."""
    for line in text.splitlines():
        if not line.startswith(name + "{") and line.split(" ")[0] != name:
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line.split(" ")[0]))
        if found == labels:
            return float(line.rsplit(" ", 1)[1])
    return 0.0


@pytest.fixture
def token(linked: Linked, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(linked.app.state.settings, "metrics_token", SecretStr(TOKEN))
    return TOKEN


async def scrape(linked: Linked) -> str:
    response = await linked.api.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return response.text


async def test_metrics_are_off_without_a_token_and_refused_without_the_right_one(
    linked: Linked, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linked.app.state.settings, "metrics_token", None)
    assert (await linked.api.get("/metrics")).status_code == 404
    monkeypatch.setattr(linked.app.state.settings, "metrics_token", SecretStr(TOKEN))
    refused = await linked.api.get("/metrics", headers={"Authorization": "Bearer wrong"})
    assert refused.status_code == 401 and refused.json()["code"] == "metrics_token_required"


async def test_requests_are_counted_by_their_route_template(linked: Linked, token: str) -> None:
    university = await linked.tenant.university(name="Уральский федеральный университет")
    before = value(
        await scrape(linked),
        "internhub_http_requests_total",
        method="GET",
        route="/api/v1/universities/{university_id}",
        status="200",
    )
    for _ in range(3):
        assert (await linked.api.get(f"/api/v1/universities/{university['id']}")).status_code == 200
    await asyncio.sleep(0.3)  # one turn of the loop's watch at least
    page = await scrape(linked)
    after = value(
        page, "internhub_http_requests_total", method="GET", route="/api/v1/universities/{university_id}", status="200"
    )
    assert after - before == 3
    assert f'/api/v1/universities/{university["id"]}"' not in page  # no metric per record
    assert value(page, "internhub_event_loop_lag_seconds_count") > 0


async def test_the_sync_shows_its_lag_calls_events_and_conflicts_per_portal(linked: Linked, token: str) -> None:
    domain = linked.sandbox.config.domain
    await linked.tenant.university(name="Казанский федеральный университет")
    await metrics.sample_sync(linked.app.state.sessionmaker)
    page = await scrape(linked)
    assert value(page, "internhub_bitrix24_pending_changes", portal=domain) >= 1
    assert value(page, "internhub_bitrix24_push_lag_seconds", portal=domain) >= 0
    calls = value(page, "internhub_bitrix24_rest_calls_total", portal=domain, outcome="ok")

    await linked.settle()
    await metrics.sample_sync(linked.app.state.sessionmaker)
    page = await scrape(linked)
    assert value(page, "internhub_bitrix24_pending_changes", portal=domain) == 0
    assert value(page, "internhub_bitrix24_push_lag_seconds", portal=domain) == 0
    assert value(page, "internhub_bitrix24_rest_calls_total", portal=domain, outcome="ok") > calls
    # The portal's own answer to our add came back as an event.
    assert value(page, "internhub_bitrix24_events_received_total", portal=domain) >= 1
    assert value(page, "internhub_bitrix24_conflicts", portal=domain) == 0


@jobs.job
async def counted(label: str) -> None:
    structlog.get_logger("test").info("counted_job_ran", label=label)


async def test_job_runs_are_counted_by_job_and_outcome(linked: Linked, token: str) -> None:
    before = value(await scrape(linked), "internhub_job_runs_total", job="counted", outcome="ok")
    async with linked.app.state.sessionmaker() as session:
        jobs.enqueue(session, counted, "once")
        await session.commit()
    await jobs.drain()
    await asyncio.sleep(0)
    assert value(await scrape(linked), "internhub_job_runs_total", job="counted", outcome="ok") == before + 1


async def test_log_lines_name_their_request_workspace_job_and_portal(
    linked: Linked, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The lines as the configured processors would get them (request, job and portal come from the context).
    before = structlog.get_config()
    captured = structlog.testing.LogCapture()
    structlog.configure(
        processors=[structlog.contextvars.merge_contextvars, captured],
        wrapper_class=structlog.make_filtering_bound_logger(logging.INFO),
        cache_logger_on_first_use=False,
    )
    # Loggers made before keep the suite's level; these are made afresh under the one above.
    monkeypatch.setattr(middleware, "log", structlog.get_logger("internhub.access"))
    real_work_on = SyncWorker.work_on

    async def work_on(self: SyncWorker, portal_id: int) -> bool:
        structlog.get_logger("probe").info("sync_round_probe")
        return await real_work_on(self, portal_id)

    monkeypatch.setattr(SyncWorker, "work_on", work_on)
    try:
        assert (await linked.api.get("/api/v1/universities")).status_code == 200
        async with linked.app.state.sessionmaker() as session:
            jobs.enqueue(session, counted, "logged")
            await session.commit()
        await jobs.drain()
        await linked.worker.tick()
    finally:
        structlog.configure(**before)
    lines = captured.entries
    request = next(line for line in lines if line.get("event") == "request" and line["path"] == "/api/v1/universities")
    assert request["request_id"] and request["workspace"] == linked.tenant.workspace_id
    job = next(line for line in lines if line.get("event") == "counted_job_ran")
    assert job["job"].endswith(":counted") and job["job_id"]
    rounds = [line for line in lines if line.get("event") == "sync_round_probe"]
    assert rounds and linked.portal_id in {line.get("portal") for line in rounds}
