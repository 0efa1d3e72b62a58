"""Webhook ingest: events/s and latency of ``POST /api/v1/bitrix24/events`` next to a bare endpoint.

    uv run python benchmarks/bitrix24_ingest.py --databases sqlite,postgresql --rounds 3
    uv run python benchmarks/bitrix24_ingest.py --databases postgresql --processes 1,2,4   # how it scales

For each database: migrate a fresh one, add a workspace and connect its portal (``connect_webhook``, the
application token stored sealed, as in production), start the real API under uvicorn (one worker, sync
workers off so only ingest is measured) and the bare endpoint under the same settings, then run the load
generator (a separate process, 100 senders on keep-alive connections) against each in turn, alternating,
for ``--rounds`` rounds. Bodies are what a portal's outgoing webhook sends for ONCRMDEALUPDATE, built by
the sandbox portal's own event code: form-encoded, bracketed keys, ``auth[application_token]``; the deal
ids repeat, so both first marks and re-marks of a dirty record are in the mix.

Prints a JSON line per round and a Markdown table of medians; the ratio is API / bare.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import create_async_engine

from bitrix24_common import HERE, database, free_port, median, prepare_portal, server, server_env, uvicorn_command
from internhub.bitrix24.phpquery import flatten
from internhub.bitrix24.sandbox import SandboxConfig, SandboxPortal
from internhub.models import DirtyEntity, PortalEvent

PATH = "/api/v1/bitrix24/events"
TARGET_RATE = 2_000.0
TARGET_P99_MS = 50.0


def event_bodies(count: int, deals: int, seed: int = 7) -> tuple[SandboxPortal, list[str]]:
    """``count`` ONCRMDEALUPDATE bodies for deals 1..``deals``, exactly as the portal's webhook posts them."""
    portal = SandboxPortal(SandboxConfig(domain="bench.bitrix24.test", seed=seed))
    binding = portal.add_outgoing_webhook("ONCRMDEALUPDATE", f"http://127.0.0.1{PATH}")
    rng = random.Random(seed)
    auth = portal.events.public_auth()
    bodies = []
    for _ in range(count):
        payload = portal.events.payload("ONCRMDEALUPDATE", binding.id, {"FIELDS": {"ID": rng.randint(1, deals)}}, auth)
        bodies.append(urlencode(flatten(payload)))
    return portal, bodies


def load(port: int, bodies: list[str], args: argparse.Namespace) -> dict[str, Any]:
    plan = {
        "host": "127.0.0.1",
        "port": port,
        "requests": [["POST", PATH, body] for body in bodies],
        "headers": {"User-Agent": "Bitrix24 Webhook Engine"},
        "concurrency": args.concurrency,
        "duration": args.duration,
        "warmup": args.warmup,
        "warmup_seconds": 10.0,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
        json.dump(plan, file)
    done = subprocess.run(
        [sys.executable, str(HERE / "loadgen.py"), file.name],
        capture_output=True,
        text=True,
        check=True,
        timeout=args.duration + 120,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


async def stored_counts(url: str) -> tuple[int, int]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            events = await connection.scalar(select(func.count()).select_from(PortalEvent))
            dirty = await connection.scalar(select(func.count()).select_from(DirtyEntity))
        return int(events or 0), int(dirty or 0)
    finally:
        await engine.dispose()


@contextmanager
def profiler(pid: int, output: Path) -> Iterator[None]:
    """Sample a server with py-spy (``uv run --with py-spy``), collapsed stacks written to ``output``."""
    output.parent.mkdir(parents=True, exist_ok=True)
    command = ["py-spy", "record", "--pid", str(pid), "--format", "raw", "--rate", "200", "-o", str(output)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


def bench_database(kind: str, args: argparse.Namespace, processes: int = 1) -> dict[str, Any]:
    portal, bodies = event_bodies(args.requests + args.warmup, args.deals)
    with database(kind) as url:
        asyncio.run(prepare_portal(url, portal.config.webhook_url, portal.config.application_token))
        api_port, bare_port = free_port(), free_port()
        # Several processes behind one port (uvicorn's workers): the API and the bare endpoint alike.
        workers = ["--workers", str(processes)] if processes > 1 else []
        api = uvicorn_command(["--factory", "internhub.app:create_app", *workers], api_port)
        bare = uvicorn_command(["--app-dir", str(HERE), "bitrix24_bare_app:app", *workers], bare_port)
        rounds: dict[str, list[dict[str, Any]]] = {"api": [], "bare": []}
        with server(api, server_env(url), api_port, "/healthz") as api_pid, server(bare, {}, bare_port):
            if args.profile:
                # One extra, unmeasured round with py-spy attached to the API process.
                with profiler(api_pid, Path(args.profile) / f"ingest-{kind}.txt"):
                    load(api_port, bodies, args)
            for number in range(args.rounds):
                # Alternate the order so that neither side always runs on a machine warmed by the other.
                order = [("bare", bare_port), ("api", api_port)]
                for name, port in order if number % 2 == 0 else order[::-1]:
                    result = load(port, bodies, args)
                    rounds[name].append(result)
                    print(json.dumps({"database": kind, "target": name, "round": number + 1, **result}), flush=True)
        events, dirty = asyncio.run(stored_counts(url))
    accepted = sum(r["statuses"].get("200", 0) for r in rounds["api"])
    summary = {
        "database": kind,
        "processes": processes,
        "events_stored": events,
        "dirty_rows": dirty,
        "api_200": accepted,
    }
    for name, results in rounds.items():
        summary[name] = {
            "throughput": median([r["throughput"] for r in results]),
            "p50": median([r["p50"] for r in results]),
            "p99": median([r["p99"] for r in results]),
            "non_200": sum(n for s, n in (kv for r in results for kv in r["statuses"].items()) if s != "200"),
        }
    return summary


def markdown(summaries: list[dict[str, Any]], args: argparse.Namespace) -> str:
    lines = [
        f"{args.concurrency} senders, medians of {args.rounds} rounds of up to {args.requests} events "
        f"or {args.duration:.0f} s each",
        "",
        "| database | endpoint | events/s | p50 ms | p99 ms | non-200 | ratio to bare | target met |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for s in summaries:
        api, bare = s["api"], s["bare"]
        met = api["throughput"] >= TARGET_RATE and api["p99"] <= TARGET_P99_MS
        where = f"{s['database']}, {s['processes']} process{'es' if s['processes'] > 1 else ''}"
        lines.append(
            f"| {where} | bare (200 only) | {bare['throughput']:,.0f} | {bare['p50']:.1f} | "
            f"{bare['p99']:.1f} | {bare['non_200']} | 1.00× | |"
        )
        lines.append(
            f"| {where} | InternHub events | {api['throughput']:,.0f} | {api['p50']:.1f} | "
            f"{api['p99']:.1f} | {api['non_200']} | {api['throughput'] / bare['throughput']:.2f}× | "
            f"{'yes' if met else 'no'} (≥ {TARGET_RATE:,.0f}/s, p99 ≤ {TARGET_P99_MS:.0f} ms) |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--requests", type=int, default=30_000, help="events per round, at most")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per round, at most")
    parser.add_argument("--warmup", type=int, default=2_000, help="events sent before each measured round")
    parser.add_argument("--profile", default="", help="folder for a py-spy profile of one extra API round")
    parser.add_argument("--deals", type=int, default=20_000, help="distinct deal ids the events name")
    parser.add_argument("--processes", default="1", help="API processes behind the port, e.g. 1,2,4")
    args = parser.parse_args()
    summaries = []
    for kind in args.databases.split(","):
        for processes in (int(n) for n in args.processes.split(",")):
            summary = bench_database(kind, args, processes)
            print(json.dumps(summary), flush=True)
            summaries.append(summary)
    print(markdown(summaries, args))


if __name__ == "__main__":
    main()
