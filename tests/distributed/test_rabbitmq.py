"""Jobs on RabbitMQ, proven with real servers: two API processes publish, two workers consume; a worker killed
mid-batch loses nothing (a job is acknowledged only once done, so RabbitMQ hands it to the other), and jobs
ordered while RabbitMQ restarts wait in their API process until it is back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from internhub.migrate import upgrade
from internhub.testing.postgres import TemporaryPostgres, free_port
from tests.distributed.test_processes import spawn, stop_all, wait_for
from tests.servers import RabbitMQ

PASSWORD = "distributed-123"


def reports(api: httpx.Client) -> list[dict]:
    return api.get("/api/v1/reports", params={"limit": 200}).json()["items"]


def order(apis: list[httpx.Client], count: int) -> list[int]:
    ids = []
    for n in range(count):
        made = apis[n % len(apis)].post("/api/v1/reports", json={"kind": "overall", "format": "xlsx"})
        assert made.status_code == 202, made.text
        ids.append(made.json()["id"])
    return ids


def all_done(api: httpx.Client, ids: list[int]) -> bool:
    statuses = {r["id"]: r["status"] for r in reports(api)}
    assert not [i for i in ids if statuses.get(i) == "failed"], statuses
    return all(statuses.get(i) == "done" for i in ids)


def test_jobs_survive_a_killed_worker_and_a_restarted_broker(
    postgres: TemporaryPostgres, rabbitmq: RabbitMQ, tmp_path: Path
) -> None:
    url = postgres.create_database(f"rabbit_{tmp_path.name[-12:].replace('-', '_').lower()}")
    upgrade(url)
    env = {
        "INTERNHUB_ENV": "test",
        "INTERNHUB_DATABASE_URL": url,
        "INTERNHUB_DATA_DIR": str(tmp_path / "data"),
        "INTERNHUB_RABBITMQ_URL": rabbitmq.url,
        "INTERNHUB_BITRIX24_SANDBOX": "false",
        "INTERNHUB_LOG_LEVEL": "INFO",
    }
    subprocess.run(
        [sys.executable, "-m", "internhub", "create-admin", "--email", "ops@example.com", "--password", PASSWORD],
        env={**os.environ, **env},
        check=True,
        capture_output=True,
    )
    processes: dict[str, subprocess.Popen] = {}
    apis: list[httpx.Client] = []
    metrics_ports = {}
    try:
        for name in ("api-1", "api-2"):
            port = free_port()
            processes[name] = spawn(
                ["serve", "--port", str(port)],
                {**env, "INTERNHUB_BITRIX24_WORKERS": "false", "INTERNHUB_REPORT_SCHEDULES": "false"},
                tmp_path / f"{name}.log",
            )
            base = f"http://127.0.0.1:{port}"
            wait_for(lambda base=base: httpx.get(f"{base}/readyz").status_code == 200, what=name)
            token = httpx.post(f"{base}/api/v1/auth/login", json={"email": "ops@example.com", "password": PASSWORD})
            apis.append(
                httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token.json()['access_token']}"})
            )
        for name in ("worker-1", "worker-2"):
            metrics_ports[name] = free_port()
            processes[name] = spawn(
                ["worker"], {**env, "INTERNHUB_METRICS_PORT": str(metrics_ports[name])}, tmp_path / f"{name}.log"
            )

        # A batch of reports from both APIs; one worker is killed as soon as the work has begun.
        first = order(apis, 30)
        wait_for(lambda: any(r["status"] != "queued" for r in reports(apis[0])), what="the first job")
        os.killpg(processes["worker-1"].pid, signal.SIGKILL)
        processes["worker-1"].wait()
        wait_for(lambda: all_done(apis[0], first), timeout=120, what="every report of the first batch")

        # RabbitMQ restarts: jobs ordered meanwhile wait in their API process, and everyone reconnects.
        rabbitmq.stop()
        second = order(apis, 10)
        rabbitmq.start()
        wait_for(lambda: all_done(apis[1], second), timeout=120, what="every report of the second batch")

        made = reports(apis[0])
        assert sorted(r["id"] for r in made) == sorted(first + second)  # each made once, none lost
        page = httpx.get(f"http://127.0.0.1:{metrics_ports['worker-2']}/metrics").text
        runs = sum(
            float(line.rsplit(" ", 1)[1])
            for line in page.splitlines()
            if line.startswith('internhub_job_runs_total{job="generate_report",outcome="ok"}')
        )
        assert runs >= 10  # the survivor made the second batch at least, and says so
    finally:
        for client in apis:
            client.close()
        stop_all(processes.values(), timeout=15)
