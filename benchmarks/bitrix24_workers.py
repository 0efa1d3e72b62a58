"""Event → local update with 1, 2 and 4 sync worker processes over several portals, on PostgreSQL.

    uv run python benchmarks/bitrix24_workers.py --portals 4 --deals 1000 --workers 1,2,4 --rounds 2

Every portal is a process of its own (``bitrix24_portal_server.py``, HTTP on loopback, the standard limit of
2 requests/s with a bucket of 50) whose outgoing webhooks point at one API process; each is connected to a
workspace of its own and its ``--deals`` openings imported first (not measured). Then, for each worker count,
that many ``internhub worker`` processes start and share the portals (each holds its fair part) and are paused
(SIGSTOP); a person retitles every deal of every portal at once and the events are stored by the API (the
ingest, measured on its own by ``bitrix24_ingest.py``); the clock starts when the workers go on (SIGCONT) and
stops when every opening here carries its new title. The workers are stopped (they hand their portals back)
before the next count.

Both sides start at the sustained rate, as a portal that has been busy: the portal's bucket nearly full and our
client's burst 5, so each portal allows 2 requests/s. A portal's budget is its own: one worker serving four
portals goes over them one after another, four workers serve them side by side. The ceiling is ``portals × 100``
entities/s (50 records a ``batch`` call, 2 calls/s each); the baseline is one worker, in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import create_async_engine

from bitrix24_common import HERE, database, free_port, median, server, server_env
from bitrix24_import import PortalProcess, connected
from internhub.bitrix24.importer import import_portal
from internhub.bitrix24.sync import PortalSync
from internhub.models import Opening, Portal

PER_PORTAL = 100.0  # entities/s one portal allows: 50 records a batch call, 2 calls/s
BURST, OUR_BURST = 50, 5


async def connect_and_import(url: str, portal: PortalProcess, slug: str) -> int:
    """Connect the portal to a workspace of its own and import what it holds, as an administrator would."""
    async with connected(url, portal, "sandbox-application-token", slug) as (sessionmaker, clients, portal_id):
        async with sessionmaker() as session:
            row = await session.get_one(Portal, portal_id)
            client = clients.client_for(row)
            row.last_reconciled_at = func.now()  # just imported: no reconciliation due during the rounds
            await session.commit()
        await import_portal(sessionmaker, PortalSync(sessionmaker, portal_id, client))
        return portal_id


async def scalar(url: str, statement: Any) -> Any:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.scalar(statement)
    finally:
        await engine.dispose()


def retitled(url: str, marker: str) -> int:
    return int(
        asyncio.run(scalar(url, select(func.count()).select_from(Opening).where(Opening.title.startswith(marker))))
    )


def owners(url: str) -> int:
    statement = select(func.count(func.distinct(Portal.lease_owner))).where(
        Portal.lease_owner.is_not(None), Portal.lease_until > func.now()
    )
    return int(asyncio.run(scalar(url, statement)))


def start_workers(count: int, env: dict[str, str]) -> list[subprocess.Popen]:
    command = [sys.executable, "-m", "internhub", "worker"]
    return [
        subprocess.Popen(command, env={**os.environ, **env}, cwd=HERE.parent, start_new_session=True)
        for _ in range(count)
    ]


def stop_workers(workers: list[subprocess.Popen]) -> None:
    for worker in workers:
        os.killpg(worker.pid, signal.SIGTERM)
    for worker in workers:
        worker.wait(timeout=30)


def measure(url: str, portals: list[PortalProcess], workers: int, marker: str, env: dict[str, str]) -> dict:
    total = sum(int(p.ready["seeded"]["openings"]) for p in portals)
    running = start_workers(workers, env)
    try:
        deadline = time.monotonic() + 60
        while owners(url) < min(workers, len(portals)):  # each worker holds its part before the clock starts
            if time.monotonic() > deadline:
                raise RuntimeError("the workers did not share the portals")
            time.sleep(0.2)
        for worker in running:
            os.killpg(worker.pid, signal.SIGSTOP)
        with ThreadPoolExecutor(len(portals)) as pool:  # every portal's mass edit at the same moment
            list(pool.map(lambda portal: portal.ask(f"touch {marker}"), portals))
        for portal in portals:
            portal.ask(f"reset {BURST - OUR_BURST}")
        started = time.perf_counter()
        for worker in running:
            os.killpg(worker.pid, signal.SIGCONT)
        while (done := retitled(url, marker)) < total:
            if time.perf_counter() - started > 600:
                raise RuntimeError(f"only {done} of {total} applied")
            time.sleep(0.1)
        seconds = time.perf_counter() - started
    finally:
        for worker in running:
            os.killpg(worker.pid, signal.SIGCONT)
        stop_workers(running)
    stats = [portal.ask("stats") for portal in portals]
    return {
        "workers": workers,
        "entities": total,
        "seconds": seconds,
        "rate": total / seconds,
        "requests": sum(s["requests"] for s in stats),
        "refused": sum(sum(s["refused"].values()) for s in stats),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portals", type=int, default=4)
    parser.add_argument("--deals", type=int, default=1000, help="openings per portal")
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    counts = [int(n) for n in args.workers.split(",")]

    with database("postgresql") as url, ExitStack() as stack:
        api_port = free_port()
        events = f"http://127.0.0.1:{api_port}/api/v1/bitrix24/events"
        portals = []
        for _ in range(args.portals):
            portal = PortalProcess(args.deals, 0, ["--events-to", events])
            stack.callback(portal.close)
            portals.append(portal)
        for n, portal in enumerate(portals):
            asyncio.run(connect_and_import(url, portal, f"portal-{n}"))
        env = {
            **server_env(url),
            "INTERNHUB_BITRIX24_RECONCILE_SECONDS": "3600",
            "INTERNHUB_BITRIX24_BURST": str(OUR_BURST),
        }
        api = [sys.executable, "-m", "internhub", "serve", "--host", "127.0.0.1", "--port", str(api_port)]
        stack.enter_context(server(api, env, api_port, health="/healthz"))
        results: dict[int, list[dict]] = {n: [] for n in counts}
        for round_number in range(args.rounds):
            for workers in counts:  # interleaved, so a slow spell of the machine hits every count alike
                result = measure(url, portals, workers, f"r{round_number}w{workers}", env)
                print(json.dumps(result), flush=True)
                results[workers].append(result)
        baseline = median([r["rate"] for r in results[counts[0]]])
        ceiling = args.portals * PER_PORTAL
        print(f"\n{args.portals} portals × {args.deals} openings, medians of {args.rounds} rounds\n")
        columns = ["worker processes", "entities/s", "seconds", "REST requests"]
        columns += ["refused", "ratio to 1", "share of ceiling"]
        print("| " + " | ".join(columns) + " |")
        print("|" + " ---: |" * len(columns))
        for workers in counts:
            rows = results[workers]
            rate = median([r["rate"] for r in rows])
            print(
                f"| {workers} | {rate:,.1f} | {median([r['seconds'] for r in rows]):.1f} "
                f"| {median([r['requests'] for r in rows]):,.0f} | {median([r['refused'] for r in rows]):.0f} "
                f"| {rate / baseline:.2f}× | {rate / ceiling:.0%} |"
            )


if __name__ == "__main__":
    main()
