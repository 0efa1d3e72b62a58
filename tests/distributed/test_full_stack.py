"""Production on many processes, proven with real servers: PostgreSQL, Redis, RabbitMQ, a portal over HTTP sending
its events to two API processes, and two workers. A worker is killed mid-batch, Redis is away for a while and
RabbitMQ restarts; afterwards every edit on either side has arrived on the other once, every scheduled report is
made once, and the metrics say so."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from internhub.migrate import upgrade
from internhub.testing.postgres import TemporaryPostgres, free_port
from tests.distributed.test_processes import portal_env, spawn, stop_all, synced, wait_for
from tests.servers import RabbitMQ, Redis

PASSWORD = "distributed-123"
UNIVERSITIES = 16


def sql(url: str, statement: str, **params) -> None:
    async def run() -> None:
        engine = create_async_engine(url)
        try:
            async with engine.begin() as connection:
                await connection.execute(text(statement), params)
        finally:
            await engine.dispose()

    asyncio.run(run())


def metric(port: int, name: str, **labels: str) -> float:
    """The sum of a metric's samples on a process's metrics port (those with every label given)."""
    samples = [
        float(line.rsplit(" ", 1)[1])
        for line in httpx.get(f"http://127.0.0.1:{port}/metrics").text.splitlines()
        if line.split("{", 1)[0].split(" ", 1)[0] == name and all(f'{k}="{v}"' in line for k, v in labels.items())
    ]
    assert samples, f"no {name} {labels} on :{port}"
    return sum(samples)


def sign_in(base: str) -> httpx.Client:
    token = httpx.post(f"{base}/api/v1/auth/login", json={"email": "ops@example.com", "password": PASSWORD})
    assert token.status_code == 200, token.text
    return httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token.json()['access_token']}"})


def universities_in_portal(portal: httpx.Client) -> list[dict]:
    answer = portal.post(
        "crm.company.list.json",
        json={"filter": {"COMPANY_TYPE": "UNIVERSITY"}, "select": ["ID", "TITLE", "UF_CRM_IH_CITY"]},
    )
    return answer.json()["result"]


def test_every_change_arrives_once_through_a_killed_worker_a_redis_outage_and_a_broker_restart(
    postgres: TemporaryPostgres, rabbitmq: RabbitMQ, redis: Redis, tmp_path: Path
) -> None:
    url = postgres.create_database(f"full_{tmp_path.name[-12:].replace('-', '_').lower()}")
    upgrade(url)
    sandbox_port = free_port()
    ports = {name: free_port() for name in ("api-1", "api-2")}
    metrics_ports = {name: free_port() for name in ("api-1", "api-2", "worker-1", "worker-2")}
    bases = [f"http://127.0.0.1:{port}" for port in ports.values()]
    env = {
        **portal_env(url, tmp_path / "data", sandbox_port),
        "INTERNHUB_REDIS_URL": redis.url,
        "INTERNHUB_RABBITMQ_URL": rabbitmq.url,
    }
    # The portal's outgoing webhooks spread its events over both API processes (one handler per event).
    events_to = [arg for base in bases for arg in ("--events-to", f"{base}/api/v1/bitrix24/events")]
    sandbox = ["bitrix24", "sandbox", "--port", str(sandbox_port), "--rate", "50", "--burst", "500", *events_to]
    processes = {"sandbox": spawn(sandbox, env, tmp_path / "sandbox.log")}
    subprocess.run(
        [sys.executable, "-m", "internhub", "create-admin", "--email", "ops@example.com", "--password", PASSWORD],
        env={**os.environ, **env},
        check=True,
        capture_output=True,
    )
    apis: list[httpx.Client] = []
    portal = httpx.Client(base_url=f"http://127.0.0.1:{sandbox_port}/rest/1/sandboxwebhookcode/")
    try:
        for name, port in ports.items():
            api_env = {**env, "INTERNHUB_BITRIX24_WORKERS": "false", "INTERNHUB_METRICS_PORT": str(metrics_ports[name])}
            processes[name] = spawn(["serve", "--port", str(port)], api_env, tmp_path / f"{name}.log")
        for base in bases:
            wait_for(lambda base=base: httpx.get(f"{base}/readyz").status_code == 200, what=base)
            apis.append(sign_in(base))
        for name in ("worker-1", "worker-2"):
            worker_env = {**env, "INTERNHUB_METRICS_PORT": str(metrics_ports[name])}
            processes[name] = spawn(["worker"], worker_env, tmp_path / f"{name}.log")
        wait_for(lambda: (apis[0].get("/api/v1/bitrix24/connection").json() or {}).get("status") == "done", 60)

        schedules = []
        for n in range(3):
            made = apis[n % 2].post(
                "/api/v1/report-schedules",
                json={
                    "name": f"Hourly {n}",
                    "kind": "overall",
                    "format": "xlsx",
                    "cadence": "cron",
                    "cron": "0 * * * *",
                    "deliver_email": False,
                    "deliver_bitrix24": False,
                },
            )
            assert made.status_code == 201, made.text
            schedules.append(made.json()["id"])

        # Local edits through both APIs; one worker is killed as soon as the first of them reach the portal.
        created = []
        for n in range(UNIVERSITIES):
            made = apis[n % 2].post("/api/v1/universities", json={"name": f"Университет {n}", "city": "Томск"})
            assert made.status_code == 201, made.text
            created.append(made.json()["id"])
        wait_for(lambda: universities_in_portal(portal), what="the first push")
        os.killpg(processes["worker-1"].pid, signal.SIGKILL)
        processes["worker-1"].wait()
        remote = {
            u["id"]: u["bitrix24_company_id"]
            for u in (wait_for(lambda i=i: synced(apis[0], f"/api/v1/universities/{i}"), 60) for i in created)
        }

        # Redis goes away: requests, events and the sync go on with local limits, caches and buckets.
        redis.stop()
        # Every schedule falls due at once: both API processes see it, one of them runs it.
        sql(url, "UPDATE report_schedules SET next_run_at = now() - interval '1 second'")
        renamed, moved = created[: UNIVERSITIES // 2], created[UNIVERSITIES // 2 :]
        for n, university in enumerate(renamed):
            answer = portal.post(
                "crm.company.update.json", json={"id": remote[university], "fields": {"TITLE": f"НИУ {n}"}}
            )
            assert answer.status_code == 200, answer.text
        for n, university in enumerate(moved):
            patched = apis[n % 2].patch(f"/api/v1/universities/{university}", json={"city": "Новосибирск"})
            assert patched.status_code == 200, patched.text
        assert sign_in(bases[1]).get("/api/v1/auth/me").status_code == 200  # sign-in counts locally meanwhile

        # RabbitMQ restarts while a report is ordered; Redis comes back.
        rabbitmq.stop()
        ordered = apis[1].post("/api/v1/reports", json={"kind": "overall", "format": "xlsx"})
        assert ordered.status_code == 202, ordered.text
        rabbitmq.start()
        redis.start()

        def arrived() -> bool:
            names = {
                u["id"]: u["name"] for u in apis[0].get("/api/v1/universities", params={"limit": 100}).json()["items"]
            }
            cities = {int(c["ID"]): c["UF_CRM_IH_CITY"] for c in universities_in_portal(portal)}
            return all(names[u] == f"НИУ {n}" for n, u in enumerate(renamed)) and all(
                cities[remote[u]] == "Новосибирск" for u in moved
            )

        wait_for(arrived, timeout=90, what="every edit on the other side")
        in_portal = universities_in_portal(portal)
        assert len(in_portal) == UNIVERSITIES  # each pushed once, whichever worker did it
        assert sorted(int(c["ID"]) for c in in_portal) == sorted(remote.values())

        def reports() -> list[dict]:
            return apis[0].get("/api/v1/reports", params={"limit": 200}).json()["items"]

        wait_for(lambda: len([r for r in reports() if r["status"] == "done"]) == 4, timeout=90, what="the reports")
        made = reports()
        assert sorted(r["schedule_id"] for r in made if r["schedule_id"]) == sorted(schedules)  # once each
        assert [r["id"] for r in made if not r["schedule_id"]] == [ordered.json()["id"]]

        # The metrics tell the same story: events reached both APIs, the survivor made reports, nothing waits.
        received = [metric(metrics_ports[name], "internhub_bitrix24_events_received_total") for name in ports]
        assert all(count > 0 for count in received) and sum(received) >= len(renamed), received
        assert metric(metrics_ports["worker-2"], "internhub_job_runs_total", job="generate_report", outcome="ok") >= 1
        wait_for(lambda: metric(metrics_ports["worker-2"], "internhub_jobs_queued") == 0, what="an empty queue")
        wait_for(
            lambda: metric(metrics_ports["api-1"], "internhub_bitrix24_pending_changes") == 0,
            timeout=30,
            what="no change waiting",
        )
    finally:
        for client in apis:
            client.close()
        portal.close()
        stop_all(processes.values(), timeout=15)
