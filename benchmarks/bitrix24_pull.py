"""Event → local update at the standard limit: batched pull (ours) next to one ``crm.deal.get`` per event.

    uv run python benchmarks/bitrix24_pull.py --databases sqlite --deals 2000 --rounds 3

In one process, as ``tests/sync/conftest.py`` links them: the real app (its lifespan, database, events
endpoint) and a sandbox portal talking to each other through ASGI transports, on real time. The portal
allows 2 requests/s with a bucket of 50; our client's ``Throttle`` is 2/s, 50 (it keeps 5 of headroom).

Set-up (not measured): the portal's pipelines (``setup``), ``--deals`` openings made in the portal and
imported, then the portal's outgoing webhooks pointed at our endpoint.

A round: a person updates every deal's title in the portal; each update fires ONCRMDEALUPDATE at our
endpoint (on disk, record marked dirty, 200). The clock runs from the first update until every opening
carries its new title here.

* **batched (ours)**: the production ``SyncWorker`` drains the dirty records, 50 per ``batch`` call; after
  the round a reconciliation lists what changed and the worker settles again: ``fetches per deal`` counts
  every ``crm.deal.get`` the portal ran for the round, events and reconciliation together (1.0 when a
  reconciliation fetches nothing an event already brought);
* **naive**: one ``crm.deal.get`` per event in arrival order through the same client and throttle, then
  the same ``apply_record``; bounded by ``--naive-seconds`` (its rate is known long before it would end).

``--bucket full`` (default) starts both buckets full, the steady state of a portal that has been busy:
the sustained rate, with no burst to spend. ``--bucket empty`` lets the first 45 requests go at once.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import delete, func, select

from bitrix24_common import database, median, settings_for
from bitrix24_sandbox import count_refusals, seed_openings, standard_limit, unlimited
from internhub.app import create_app
from internhub.bitrix24.client import Bitrix24Client, Throttle
from internhub.bitrix24.events import ENTITY_EVENTS
from internhub.bitrix24.importer import import_portal
from internhub.bitrix24.mapping import Mapping
from internhub.bitrix24.outbox import from_bitrix24
from internhub.bitrix24.portals import PortalClients, connect_webhook
from internhub.bitrix24.sandbox import SandboxConfig, SandboxPortal
from internhub.bitrix24.sandbox import create_app as create_portal_app
from internhub.bitrix24.setup import ensure_setup
from internhub.bitrix24.sync import PortalSync
from internhub.bitrix24.worker import SyncWorker, run_until_idle
from internhub.migrate import upgrade_async
from internhub.models import DirtyEntity, Opening, Portal, PortalEvent, Workspace, utcnow

TARGET = 80.0  # entities/s per portal
RATE, BURST = 2.0, 50


@dataclass
class Bench:
    app: Any
    lifespan: AsyncExitStack
    sandbox: SandboxPortal
    client: Bitrix24Client
    portal_id: int
    workspace_id: int
    deal_ids: list[int]


async def set_up(url: str, deals: int) -> Bench:
    settings = settings_for(url, bitrix24_rate=RATE, bitrix24_burst=BURST, bitrix24_reconcile_seconds=86_400)
    await upgrade_async(url)
    app = create_app(settings)
    lifespan = AsyncExitStack()
    await lifespan.enter_async_context(app.router.lifespan_context(app))
    sandbox = SandboxPortal(SandboxConfig(domain="pull.bitrix24.test", rate=RATE, burst=BURST, seed=3))
    clients: PortalClients = app.state.bitrix24_clients
    clients.transports[sandbox.config.domain] = httpx.ASGITransport(app=create_portal_app(sandbox))
    sandbox.set_transport(httpx.ASGITransport(app=app))
    unlimited(sandbox)
    async with app.state.sessionmaker() as session:
        workspace = Workspace(name="Pull benchmark", slug="pull-bench")
        session.add(workspace)
        await session.flush()
        portal = await connect_webhook(
            session, clients.box, workspace.id, sandbox.config.webhook_url, sandbox.config.application_token
        )
        client = clients.client_for(portal)
        client.throttle = Throttle(rate=1e6, burst=10**9)
        mapping = await ensure_setup(session, portal, client)
        await session.commit()
        portal_id, workspace_id = portal.id, workspace.id
    before = set(sandbox.crm.records["deal"])
    seed_openings(sandbox, mapping, deals)
    deal_ids = sorted(set(sandbox.crm.records["deal"]) - before)
    sessionmaker = app.state.sessionmaker
    await import_portal(sessionmaker, PortalSync(sessionmaker, portal_id, client))
    async with sessionmaker() as session:
        imported = await session.scalar(
            select(func.count()).select_from(Opening).where(Opening.workspace_id == workspace_id)
        )
        portal = await session.get_one(Portal, portal_id)
        portal.last_reconciled_at = utcnow()  # a round measures events, not a reconciliation pass
        await session.commit()
    if imported != deals:
        raise RuntimeError(f"set-up imported {imported} openings of {deals}")
    for event in ENTITY_EVENTS:
        sandbox.add_outgoing_webhook(event, "http://internhub.test/api/v1/bitrix24/events")
    return Bench(app, lifespan, sandbox, client, portal_id, workspace_id, deal_ids)


def start_limits(bench: Bench, bucket: str) -> None:
    """Both buckets in the same state: empty, or full as after a busy stretch (the sustained case)."""
    bench.client.throttle = Throttle(rate=RATE, burst=BURST)
    level = float(bench.client.throttle.capacity) if bucket == "full" else 0.0
    bench.client.throttle.level = level
    standard_limit(bench.sandbox, level)


async def stored_events(bench: Bench, after: int) -> int:
    async with bench.app.state.sessionmaker() as session:
        return int(
            await session.scalar(
                select(func.count())
                .select_from(PortalEvent)
                .where(PortalEvent.portal_id == bench.portal_id, PortalEvent.id > after)
            )
            or 0
        )


async def last_event_id(bench: Bench) -> int:
    async with bench.app.state.sessionmaker() as session:
        return int(await session.scalar(select(func.max(PortalEvent.id))) or 0)


async def applied(bench: Bench, marker: str) -> int:
    async with bench.app.state.sessionmaker() as session:
        return int(
            await session.scalar(
                select(func.count())
                .select_from(Opening)
                .where(Opening.workspace_id == bench.workspace_id, Opening.title.startswith(marker))
            )
            or 0
        )


def update_every_deal(bench: Bench, marker: str) -> None:
    """A mass update in the portal's UI: one ONCRMDEALUPDATE per deal, sent at once."""
    for deal_id in bench.deal_ids:
        bench.sandbox.person.update_deal(deal_id, {"TITLE": f"{marker} opening {deal_id}"})


def deal_fetches(bench: Bench, since: int) -> int:
    return sum(1 for call in bench.sandbox.calls[since:] if call.method == "crm.deal.get" and call.status == 200)


async def reconcile_and_settle(bench: Bench, worker: SyncWorker) -> None:
    sync = await worker.portal_sync(bench.portal_id)
    await sync.reconcile()
    await run_until_idle(worker, bench.portal_id)


async def batched_round(bench: Bench, marker: str, limit_seconds: float) -> tuple[int, float, float | None, int]:
    """Returns (applied, seconds until all were applied, seconds until all events were on disk here, and the
    crm.deal.get the portal ran for the round, a reconciliation after it included)."""
    settings = bench.app.state.settings
    worker = SyncWorker(settings, bench.app.state.sessionmaker, bench.app.state.bitrix24_clients)
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    events_before = await last_event_id(bench)
    calls_before = len(bench.sandbox.calls)
    started = time.perf_counter()
    update_every_deal(bench, marker)
    done, ingested = 0, None
    try:
        while time.perf_counter() - started < limit_seconds:
            if ingested is None and await stored_events(bench, events_before) >= len(bench.deal_ids):
                ingested = time.perf_counter() - started
            done = await applied(bench, marker)
            if done == len(bench.deal_ids):
                break
            await asyncio.sleep(0.1)
        elapsed = time.perf_counter() - started
    finally:
        stop.set()
        await task
    start_limits(bench, "empty")  # the reconciliation is not what the round measures: no waiting for the bucket
    await reconcile_and_settle(bench, worker)
    return done, elapsed, ingested, deal_fetches(bench, calls_before)


async def naive_round(bench: Bench, marker: str, limit_seconds: float) -> tuple[int, float]:
    sessionmaker = bench.app.state.sessionmaker
    sync = PortalSync(sessionmaker, bench.portal_id, bench.client)
    async with sessionmaker() as session:
        last_event = int(await session.scalar(select(func.max(PortalEvent.id))) or 0)
    started = time.perf_counter()
    update_every_deal(bench, marker)
    done = 0
    while time.perf_counter() - started < limit_seconds and done < len(bench.deal_ids):
        async with sessionmaker() as session:
            events = list(
                await session.execute(
                    select(PortalEvent.id, PortalEvent.entity_id)
                    .where(PortalEvent.portal_id == bench.portal_id, PortalEvent.id > last_event)
                    .order_by(PortalEvent.id)
                    .limit(50)
                )
            )
        if not events:
            await asyncio.sleep(0.01)
            continue
        for event_id, deal_id in events:
            if time.perf_counter() - started >= limit_seconds:
                break
            record = (await bench.client.call("crm.deal.get", {"id": deal_id})).result
            async with sessionmaker() as session:
                from_bitrix24(session)
                portal = await session.get_one(Portal, bench.portal_id)
                mapping = Mapping.model_validate(portal.mapping or {})
                await sync.apply_record(session, portal, mapping, "deal", record)
                await session.commit()
            last_event = event_id
            done += 1
    elapsed = time.perf_counter() - started
    await bench.sandbox.drain_events(timeout_seconds=120)
    async with sessionmaker() as session:  # the naive path leaves the dirty marks; the next round starts clean
        await session.execute(delete(DirtyEntity).where(DirtyEntity.portal_id == bench.portal_id))
        await session.commit()
    return done, elapsed


async def bench_database(kind: str, args: argparse.Namespace) -> dict[str, Any]:
    with database(kind) as url:
        bench = await set_up(url, args.deals)
        refusals = count_refusals(bench.sandbox)
        rounds: dict[str, list[dict[str, Any]]] = {"batched": [], "naive": []}
        try:
            for number in range(args.rounds):
                order = ["batched", "naive"] if number % 2 == 0 else ["naive", "batched"]
                for name in order:
                    start_limits(bench, args.bucket)
                    requests_before, refused_before = bench.client.requests, refusals.query_limit_exceeded
                    marker = f"R{number + 1}{name[0]}"
                    ingested, fetches = None, None
                    if name == "batched":
                        done, seconds, ingested, fetches = await batched_round(bench, marker, args.limit_seconds)
                    else:
                        done, seconds = await naive_round(bench, marker, args.naive_seconds)
                    await bench.sandbox.drain_events(timeout_seconds=120)
                    result = {
                        "database": kind,
                        "approach": name,
                        "round": number + 1,
                        "applied": done,
                        "of": len(bench.deal_ids),
                        "seconds": round(seconds, 2),
                        "events_stored_after_s": None if ingested is None else round(ingested, 2),
                        "entities_per_s": done / seconds if seconds else 0.0,
                        "requests": bench.client.requests - requests_before,
                        "query_limit_exceeded": refusals.query_limit_exceeded - refused_before,
                        "fetches_per_deal": None if fetches is None else fetches / len(bench.deal_ids),
                    }
                    rounds[name].append(result)
                    print(json.dumps(result), flush=True)
        finally:
            await bench.lifespan.aclose()
    summary: dict[str, Any] = {"database": kind}
    for name, results in rounds.items():
        summary[name] = {
            "entities_per_s": median([r["entities_per_s"] for r in results]),
            "seconds": median([r["seconds"] for r in results]),
            "events_stored_after_s": median([r["events_stored_after_s"] or 0.0 for r in results]),
            "applied": median([r["applied"] for r in results]),
            "requests": median([r["requests"] for r in results]),
            "query_limit_exceeded": sum(r["query_limit_exceeded"] for r in results),
            "fetches_per_deal": median([r["fetches_per_deal"] or 0.0 for r in results]),
        }
    return summary


def markdown(summaries: list[dict[str, Any]], args: argparse.Namespace) -> str:
    lines = [
        f"{args.deals} deals updated at once, bucket starts {args.bucket}, medians of {args.rounds} rounds",
        "",
        "| database | approach | entities/s | applied | seconds | all events stored after, s | REST requests "
        "| QUERY_LIMIT_EXCEEDED | fetches per deal | ratio | target |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for s in summaries:
        naive, ours = s["naive"], s["batched"]
        for name, row in (("naive, 1 `crm.deal.get` per event", naive), ("batched (ours)", ours)):
            ratio = row["entities_per_s"] / naive["entities_per_s"] if naive["entities_per_s"] else float("nan")
            target = ""
            fetches = f"{row['fetches_per_deal']:.2f}" if row is ours else "—"
            if row is ours:
                target = f"{'met' if ours['entities_per_s'] >= TARGET else 'missed'} (≥ {TARGET:.0f}/s)"
            lines.append(
                f"| {s['database']} | {name} | {row['entities_per_s']:.1f} | {row['applied']:.0f} | "
                f"{row['seconds']:.1f} | {row['events_stored_after_s'] or 0:.1f} | {row['requests']:.0f} | "
                f"{row['query_limit_exceeded']} | {fetches} | "
                f"{ratio:.1f}× | {target} |"
            )
    return "\n".join(lines)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--databases", default="sqlite")
    parser.add_argument("--deals", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--bucket", choices=("full", "empty"), default="full")
    parser.add_argument("--limit-seconds", type=float, default=120.0, help="bound on a batched round")
    parser.add_argument("--naive-seconds", type=float, default=30.0, help="bound on a naive round")
    args = parser.parse_args()
    summaries = []
    for kind in args.databases.split(","):
        summary = await bench_database(kind, args)
        print(json.dumps(summary), flush=True)
        summaries.append(summary)
    print(markdown(summaries, args))


if __name__ == "__main__":
    asyncio.run(main())
