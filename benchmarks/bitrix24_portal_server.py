"""A seeded sandbox portal served over HTTP on loopback, in a process of its own (a portal is another machine).

    uv run python benchmarks/bitrix24_portal_server.py --openings 20000 --applications 80000

Sets up our pipelines and user fields (``internhub.bitrix24.setup``), seeds deals in them through the
portal's robot helpers, then serves the portal with ``SandboxServer`` at the standard limit (2/s, 50).
Prints one JSON line when ready; then answers commands on stdin, one JSON line each:

* ``reset`` — an empty bucket and a clean call log (before each measured run);
* ``stats`` — calls the portal executed, requests it refused at the door (by error code), and the CPU
  seconds the portal process spent since the reset;
* ``quit``.

The sandbox keeps records in a dict and answers every list page by scanning and sorting all of them (about
1 s a page at 100,000 deals, 2,000 pages to an import), so a 100,000-deal benchmark would measure the
sandbox. ``index_lists`` answers the two list shapes bulk readers use — ``>ID`` with ``start=-1``, and
``start`` offsets, both ordered by ID — from the ordered ids, after checking it returns exactly what the
full scan returns. Both clients measured get the same speed-up.
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
from internhub.bitrix24.sandbox import SandboxConfig, SandboxPortal, SandboxServer, create_app
from internhub.bitrix24.sandbox.crm import CrmStore
from internhub.bitrix24.sandbox.fields import KINDS
from internhub.bitrix24.sandbox.query import PAGE_SIZE, Page, parse_filter, parse_order
from internhub.bitrix24.setup import setup


def index_lists(portal: SandboxPortal) -> None:
    """Answer ID-ordered list pages by bisecting the ids instead of scanning every record."""
    store = portal.crm
    full_scan = store.list

    def indexed(kind_name: str, filter_: Any, order: Any, start: int, rename: Any = lambda name: name) -> Page:
        conditions = parse_filter(filter_, rename)
        ordering = parse_order(order, rename)
        simple_filter = all(c.field == "ID" and c.operator == ">" for c in conditions) and len(conditions) <= 1
        if not simple_filter or ordering not in ([], [("ID", False)]):
            return full_scan(kind_name, filter_, order, start, rename)
        records = store.records[kind_name]
        ids = list(records)  # insertion order is ID order: ids only grow and are never reused
        first = 0
        if conditions:
            # As the full scan compares: an empty bound (a ``$result`` past the last page) counts as 0.
            bound = store.comparable(KINDS[kind_name], "ID", conditions[0].value)
            first = bisect.bisect_right(ids, bound or 0)
        if start < 0:
            return Page([records[i] for i in ids[first : first + PAGE_SIZE]], None, None)
        offset = first + (start // PAGE_SIZE) * PAGE_SIZE
        following = offset + PAGE_SIZE
        total = len(ids) - first
        rows = [records[i] for i in ids[offset:following]]
        return Page(rows, total, following - first if following < len(ids) else None)

    checks = [
        ("deal", {">ID": "7"}, {"ID": "ASC"}, -1),
        ("deal", None, {"ID": "ASC"}, 100),
        ("deal", {">ID": 3}, None, 0),
        ("deal", {">ID": ""}, {"ID": "ASC"}, -1),
        ("contact", None, None, 50),
    ]
    for kind_name, filter_, order, start in checks:
        want, got = full_scan(kind_name, filter_, order, start), indexed(kind_name, filter_, order, start)
        if [r["ID"] for r in want.rows] != [r["ID"] for r in got.rows] or (want.total, want.next) != (
            got.total,
            got.next,
        ):
            raise AssertionError(f"indexed list differs from the full scan for {kind_name} {filter_} {start}")
    store.list = indexed  # type: ignore[method-assign]
    assert isinstance(store, CrmStore)


async def set_up_pipelines(portal: SandboxPortal):
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(portal)), base_url=portal.config.base_url)
    client = Bitrix24Client(WebhookAuth(portal.config.webhook_url), http=http, throttle=Throttle(1e6, 10**9))
    try:
        return await setup(client)
    finally:
        await client.aclose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--openings", type=int, default=20_000)
    parser.add_argument("--applications", type=int, default=80_000)
    parser.add_argument("--rate", type=float, default=2.0)
    parser.add_argument("--burst", type=int, default=50)
    args = parser.parse_args()

    portal = SandboxPortal(SandboxConfig(domain="127.0.0.1", scheme="http", rate=args.rate, burst=args.burst, seed=9))
    refusals = count_refusals(portal)
    server = SandboxServer(portal)
    portal.config.domain = f"127.0.0.1:{server.port}"
    started = time.perf_counter()
    unlimited(portal)
    mapping = asyncio.run(set_up_pipelines(portal))
    seeded = seed_openings(portal, mapping, args.openings, args.applications)
    index_lists(portal)
    standard_limit(portal)
    server.start()
    ready = {"webhook_url": portal.config.webhook_url, "seeded": seeded, "seconds": time.perf_counter() - started}
    print(json.dumps(ready), flush=True)
    cpu_at_reset = time.process_time()
    try:
        for line in sys.stdin:
            command = line.strip()
            if command == "reset":
                with portal.lock:
                    standard_limit(portal)
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
            elif command == "quit":
                break
    finally:
        server.stop()


if __name__ == "__main__":
    main()
