"""Does anything hold the API's event loop? `make run`'s configuration (SQLite, in-process jobs and sync, the
built-in sandbox portal with demo data) under a light read load, long enough for reconciliations and a report.

    uv run python benchmarks/loop_lag.py --minutes 15 --reconcile-seconds 300

A client asks `/healthz` every 100 ms and notes how long each answer took; at the end the server's own
event-loop lag histogram (`internhub_event_loop_lag_seconds`, sampled every 250 ms) is read from `/metrics`.
A report is ordered halfway. Prints the latency percentiles and the lag histogram's p99 and the largest bucket
reached. Targets: loop lag p99 <= 20 ms and max <= 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bitrix24_common import free_port, server

TOKEN = "loop-lag-benchmark"  # a throwaway token for the server this script starts on loopback
EMAIL, PASSWORD = "admin@example.com", "loop-lag-benchmark"


def internhub(*args: str, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "internhub", *args], env={**os.environ, **env}, check=True, capture_output=True
    )


def lag_histogram(text: str) -> tuple[list[tuple[float, float]], float]:
    buckets = [
        (float("inf") if le == "+Inf" else float(le), float(n))
        for le, n in re.findall(r'internhub_event_loop_lag_seconds_bucket\{le="([^"]+)"\} (\S+)', text)
    ]
    count = float(re.search(r"internhub_event_loop_lag_seconds_count (\S+)", text).group(1))
    return buckets, count


def quantile(buckets: list[tuple[float, float]], count: float, q: float) -> float:
    for le, n in buckets:
        if n >= q * count:
            return le
    return float("inf")


async def main(minutes: float, reconcile_seconds: float) -> None:
    folder = Path(tempfile.mkdtemp(prefix="internhub-loop-lag-"))
    port = free_port()
    env = {
        "INTERNHUB_DATABASE_URL": f"sqlite+aiosqlite:///{folder / 'internhub.db'}",
        "INTERNHUB_DATA_DIR": str(folder / "data"),
        "INTERNHUB_METRICS_TOKEN": TOKEN,
        "INTERNHUB_BITRIX24_RECONCILE_SECONDS": str(reconcile_seconds),
        "INTERNHUB_LOG_LEVEL": "WARNING",
    }
    internhub("migrate", env=env)
    internhub("demo-data", "--if-empty", env=env)
    internhub("create-admin", "--email", EMAIL, "--password", PASSWORD, "--if-missing", env=env)
    latencies: list[float] = []
    serve = [sys.executable, "-m", "internhub", "serve", "--port", str(port)]
    with server(serve, env, port, "/healthz", timeout=120):
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            signed = await client.post("/api/v1/auth/login", json={"email": EMAIL, "password": PASSWORD})
            headers = {"Authorization": f"Bearer {signed.json()['access_token']}"}
            ends = time.monotonic() + minutes * 60
            report_at = time.monotonic() + minutes * 30
            while time.monotonic() < ends:
                started = time.perf_counter()
                await client.get("/healthz")
                latencies.append(time.perf_counter() - started)
                if report_at and time.monotonic() >= report_at:
                    await client.post("/api/v1/reports", json={"kind": "overall", "format": "pdf"}, headers=headers)
                    report_at = 0
                await asyncio.sleep(0.1)
            page = (await client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})).text
    buckets, count = lag_histogram(page)
    latencies.sort()
    top = max((le for le, n in buckets if n < count), default=0.0)  # the largest bucket not holding every sample
    above = next((le for le, n in buckets if n >= count), float("inf"))
    print(f"{minutes:g} min, reconciliation every {reconcile_seconds:g} s, {len(latencies)} /healthz requests")
    print(
        f"/healthz ms: median {statistics.median(latencies) * 1000:.1f}, "
        f"p99 {latencies[int(len(latencies) * 0.99)] * 1000:.1f}, max {latencies[-1] * 1000:.1f}"
    )
    p99 = quantile(buckets, count, 0.99) * 1000
    print(f"loop lag ({count:g} samples): p99 <= {p99:g} ms, max in ({top * 1000:g}, {above * 1000:g}] ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=15)
    parser.add_argument("--reconcile-seconds", type=float, default=300)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.minutes, arguments.reconcile_seconds))
