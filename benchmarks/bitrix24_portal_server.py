"""A seeded sandbox portal served over HTTP on loopback, in a process of its own (a portal is another machine).

    uv run python benchmarks/bitrix24_portal_server.py --openings 20000 --applications 80000

Sets up our pipelines and user fields (``internhub.bitrix24.setup``), seeds deals in them through the
portal's robot helpers, then serves the portal with ``SandboxServer`` at the standard limit (2/s, 50).
Prints one JSON line when ready; then answers commands on stdin, one JSON line each:

* ``reset [LEVEL]`` — a bucket holding LEVEL requests (empty by default) and a clean call log (before each
  measured run);
* ``counting scan|free`` — how pages asked with ``start >= 0`` are counted (see ``counting``);
* ``touch MARKER`` — a person retitles every deal (``MARKER opening ID``) at once, as a mass edit in the UI
  does; with ``--events-to``, each update's ONCRMDEALUPDATE is delivered before the answer ``{"touched": n}``;
* ``stats`` — calls the portal executed, requests it refused at the door (by error code), and the CPU
  seconds the portal process spent since the reset;
* ``quit``.

The sandbox answers the list shapes bulk readers use (ID order after an optional ``>ID``) from its ids in
order, as a database answers them from its primary key, and counts what ``start >= 0`` asks it to count.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import json
import sys
import time
from typing import Any

import httpx

from bitrix24_sandbox import count_refusals, seed_openings, standard_limit, unlimited
from internhub.bitrix24.client import Bitrix24Client, Throttle, WebhookAuth
from internhub.bitrix24.events import ENTITY_EVENTS
from internhub.bitrix24.sandbox import SandboxConfig, SandboxPortal, SandboxServer, create_app
from internhub.bitrix24.setup import setup


def counting(portal: SandboxPortal, mode: str) -> None:
    """``scan``: the sandbox as it is — a page asked with ``start >= 0`` counts the records its filter matches
    by checking each one, the query that ``start=-1`` skips on a real portal (``huge-data.md``: 49.9 s
    against 0.097 s at 2.4 million leads). ``free``: that count read off the ordered ids at no cost, which no
    real portal does; the lower bound of what counted pages cost, for comparison."""
    store = portal.crm
    if mode == "scan":
        store.__dict__.pop("count", None)
        return
    if mode != "free":
        raise ValueError(f"unknown counting mode {mode!r}")

    def free(kind: Any, conditions: list[Any]) -> int:
        ids = list(store.records[kind.name])  # only ID-ordered pages after at most ``>ID`` count
        bound = (store.comparable(kind, "ID", conditions[0].value) or 0) if conditions else 0
        return len(ids) - bisect.bisect_right(ids, bound)

    store.count = free  # type: ignore[method-assign]


async def set_up_pipelines(portal: SandboxPortal):
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(portal)), base_url=portal.config.base_url)
    client = Bitrix24Client(WebhookAuth(portal.config.webhook_url), http=http, throttle=Throttle(1e6, 10**9))
    try:
        return await setup(client)
    finally:
        await client.aclose()


async def touch(portal: SandboxPortal, marker: str) -> int:
    """Retitle every deal as a person would; the events go out on this loop and are delivered before returning."""
    deal_ids = list(portal.crm.records["deal"])
    for deal_id in deal_ids:
        portal.person.update_deal(deal_id, {"TITLE": f"{marker} opening {deal_id}"})
    await portal.drain_events(timeout_seconds=120)
    return len(deal_ids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--openings", type=int, default=20_000)
    parser.add_argument("--applications", type=int, default=80_000)
    parser.add_argument("--rate", type=float, default=2.0)
    parser.add_argument("--burst", type=int, default=50)
    parser.add_argument("--events-to", default="", help="Deliver CRM events here (the portal's outgoing webhooks)")
    args = parser.parse_args()

    portal = SandboxPortal(SandboxConfig(domain="127.0.0.1", scheme="http", rate=args.rate, burst=args.burst, seed=9))
    refusals = count_refusals(portal)
    server = SandboxServer(portal)
    portal.config.domain = f"127.0.0.1:{server.port}"
    started = time.perf_counter()
    unlimited(portal)
    mapping = asyncio.run(set_up_pipelines(portal))
    seeded = seed_openings(portal, mapping, args.openings, args.applications)
    standard_limit(portal)
    if args.events_to:
        for event in ENTITY_EVENTS:
            portal.add_outgoing_webhook(event, args.events_to)
    server.start()
    ready = {"webhook_url": portal.config.webhook_url, "seeded": seeded, "seconds": time.perf_counter() - started}
    print(json.dumps(ready), flush=True)
    cpu_at_reset = time.process_time()
    try:
        for line in sys.stdin:
            command = line.strip()
            if command.split()[:1] == ["reset"]:
                with portal.lock:
                    standard_limit(portal, float(command.split()[1]) if " " in command else 0.0)
                    portal.calls.clear()
                    refusals.counts.clear()
                cpu_at_reset = time.process_time()
                print(json.dumps({"ok": True}), flush=True)
            elif command == "stats":
                with portal.lock:
                    errors: dict[str, int] = {}
                    for call in portal.calls:
                        if call.error:
                            errors[call.error] = errors.get(call.error, 0) + 1
                    stats = {
                        "requests": sum(1 for c in portal.calls if not c.in_batch),
                        "commands_in_batches": sum(1 for c in portal.calls if c.in_batch),
                        "errors": errors,
                        "refused": dict(refusals.counts),
                        "cpu_seconds": time.process_time() - cpu_at_reset,
                    }
                print(json.dumps(stats), flush=True)
            elif command.startswith("touch "):
                print(json.dumps({"touched": asyncio.run(touch(portal, command.split()[1]))}), flush=True)
            elif command.startswith("counting "):
                with portal.lock:
                    counting(portal, command.split()[1])
                print(json.dumps({"ok": True}), flush=True)
            elif command == "quit":
                break
    finally:
        server.stop()


if __name__ == "__main__":
    main()
