"""A burst of public applications, then every one of them a deal in a portal at the standard limit.

    uv run python benchmarks/routing_burst.py --databases sqlite --applications 10000 --concurrency 50

In one process, linked as ``tests/sync/conftest.py`` links them: the real app (lifespan, database, job
queue, events endpoint) and a sandbox portal allowing 2 requests/s with a bucket of 50, with its outgoing
webhooks pointed at us (so our own writes echo back as events, as they do in production).

Set-up (not measured): the portal's pipelines, a university, a company and 20 active internships, synced.

Measured: ``--applications`` POSTs to ``/api/v1/public/applications`` (multipart, a 1 KB PDF each), each
from a new person, ``--concurrency`` at a time, while the sync worker pushes in the background. Reported:
accepted (201) and lost (201 but no row), latency percentiles, and the time from the first request until
every application has its Bitrix24 deal (and every student a contact) in the portal.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
import uuid

import httpx
from sqlalchemy import func, select

from bitrix24_common import database, settings_for
from bitrix24_sandbox import standard_limit, unlimited
from internhub import jobs
from internhub.app import create_app
from internhub.auth import service as auth
from internhub.auth.schemas import UserIn
from internhub.bitrix24.events import ENTITY_EVENTS
from internhub.bitrix24.portals import PortalClients, connect_webhook
from internhub.bitrix24.sandbox import SandboxConfig, SandboxPortal
from internhub.bitrix24.sandbox import create_app as create_portal_app
from internhub.bitrix24.setup import ensure_setup
from internhub.bitrix24.worker import SyncWorker, run_until_idle
from internhub.migrate import upgrade_async
from internhub.models import Application, MailMessage, Role
from internhub.workspaces import get_or_create

PDF = b"%PDF-1.7\n" + b"0" * 1000 + b"\n%%EOF\n"
PASSWORD = "benchmark-password"


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def deals(app, workspace_id: int) -> int:
    async with app.state.sessionmaker() as session:
        return await session.scalar(
            select(func.count()).where(
                Application.workspace_id == workspace_id, Application.bitrix24_deal_id.is_not(None)
            )
        )


async def run(kind: str, applications: int, concurrency: int) -> dict:
    with database(kind) as url:
        await upgrade_async(url)
        app = create_app(settings_for(url))
        async with app.router.lifespan_context(app):
            portal = SandboxPortal(SandboxConfig(domain=f"b{uuid.uuid4().hex[:8]}.bitrix24.test", rate=2.0, burst=50))
            unlimited(portal)
            clients: PortalClients = app.state.bitrix24_clients
            clients.transports[portal.config.domain] = httpx.ASGITransport(app=create_portal_app(portal))
            portal.set_transport(httpx.ASGITransport(app=app))
            for event in ENTITY_EVENTS:
                portal.add_outgoing_webhook(event, "http://bench/api/v1/bitrix24/events")
            api = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench", timeout=600)
            async with app.state.sessionmaker() as session:
                workspace = await get_or_create(session, "bench", "Benchmark")
                await auth.create_user(
                    session, workspace.id, UserIn(email="a@bench.ru", password=PASSWORD, role=Role.admin)
                )
                linked = await connect_webhook(
                    session, clients.box, workspace.id, portal.config.webhook_url, portal.config.application_token
                )
                await ensure_setup(session, linked, clients.client_for(linked))
                await session.commit()
                workspace_id, portal_id = workspace.id, linked.id
            token = (await api.post("/api/v1/auth/login", json={"email": "a@bench.ru", "password": PASSWORD})).json()
            api.headers["Authorization"] = f"Bearer {token['access_token']}"
            university = (await api.post("/api/v1/universities", json={"name": "Бенчмарк-университет"})).json()
            company = (await api.post("/api/v1/companies", json={"name": "Бенчмарк-работодатель"})).json()
            openings = [
                (
                    await api.post(
                        "/api/v1/openings",
                        json={
                            "company_id": company["id"],
                            "kind": "internship",
                            "title": f"Стажировка {i}",
                            "status": "active",
                            "slots": 1000,
                        },
                    )
                ).json()["id"]
                for i in range(20)
            ]
            worker = SyncWorker(app.state.settings, app.state.sessionmaker, clients)
            await portal.drain_events()
            await run_until_idle(worker, portal_id, rounds=10_000)
            await portal.drain_events()
            await run_until_idle(worker, portal_id, rounds=10_000)
            standard_limit(portal)

            latencies: list[float] = []
            codes: dict[int, int] = {}
            queue: asyncio.Queue[int] = asyncio.Queue()
            for i in range(applications):
                queue.put_nowait(i)

            async def sender() -> None:
                public = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench", timeout=600)
                while not queue.empty():
                    i = queue.get_nowait()
                    data = {
                        "opening_id": str(openings[i % len(openings)]),
                        "full_name": f"Студентов Студент {i}",
                        "email": f"s{i}@bench.example",
                        "university_id": str(university["id"]),
                        "course": str(1 + i % 5),
                        "consent": "true",
                    }
                    started = time.perf_counter()
                    response = await public.post(
                        "/api/v1/public/applications", data=data, files={"cv": ("cv.pdf", PDF, "application/pdf")}
                    )
                    latencies.append(time.perf_counter() - started)
                    codes[response.status_code] = codes.get(response.status_code, 0) + 1
                await public.aclose()

            done = asyncio.Event()

            async def syncing() -> None:
                while not done.is_set():
                    await portal.drain_events()
                    await run_until_idle(worker, portal_id, rounds=100_000)
                    if await deals(app, workspace_id) >= applications and queue.empty():
                        done.set()
                        return
                    await asyncio.sleep(0.2)

            began = time.perf_counter()
            sync_task = asyncio.create_task(syncing())
            await asyncio.gather(*(sender() for _ in range(concurrency)))
            burst_seconds = time.perf_counter() - began
            async with app.state.sessionmaker() as session:
                stored = await session.scalar(select(func.count()).where(Application.workspace_id == workspace_id))
            await sync_task
            all_deals_seconds = time.perf_counter() - began
            await jobs.drain()
            async with app.state.sessionmaker() as session:
                mailed = await session.scalar(
                    select(func.count()).where(MailMessage.workspace_id == workspace_id, MailMessage.status == "sent")
                )
            portal_deals = sum(1 for _ in portal.crm.records["deal"])
            await api.aclose()
    return {
        "database": kind,
        "applications": applications,
        "concurrency": concurrency,
        "accepted": codes.get(201, 0),
        "other_answers": {k: v for k, v in codes.items() if k != 201},
        "stored": stored,
        "lost": codes.get(201, 0) - stored,
        "burst_seconds": round(burst_seconds, 1),
        "throughput_per_s": round(applications / burst_seconds, 1),
        "latency_ms": {
            "median": round(statistics.median(latencies) * 1000, 1),
            "p95": round(percentile(latencies, 0.95) * 1000, 1),
            "p99": round(percentile(latencies, 0.99) * 1000, 1),
        },
        "seconds_until_every_application_is_a_deal": round(all_deals_seconds, 1),
        "deals_in_portal": portal_deals,
        "receipts_mailed": mailed,
    }


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--databases", default="sqlite")
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=50)
    args = parser.parse_args()
    for kind in args.databases.split(","):
        print(json.dumps(await run(kind, args.applications, args.concurrency), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
