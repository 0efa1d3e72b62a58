"""Import of 100,000 deals at the standard limit: ``import_portal`` next to fast-bitrix24's ``get_all``.

    uv run python benchmarks/bitrix24_import.py --databases sqlite,postgresql --rounds 3

The portal (``bitrix24_portal_server.py``, a process of its own, served over HTTP on loopback at 2/s with a
bucket of 50) holds our pipelines with ``--openings`` openings and ``--applications`` applications, plus
the employers, universities and students they point at. Each round, alternating the order:

* **InternHub**: a fresh database, the portal connected (``connect_webhook``) and set up (``setup`` finds
  the pipelines), then the clock runs over ``import_portal`` — what ``internhub bitrix24 import`` runs:
  companies, contacts and deals listed and written to the database;
* **fast-bitrix24**: ``get_all`` of the same three lists with the same ``select`` — reading only, into
  memory, with its own throttle at its defaults for a standard plan (a pool of 50, 2/s).

Before each run the portal's bucket is emptied and its call log cleared; afterwards the portal reports
the requests it executed and the ones it refused (QUERY_LIMIT_EXCEEDED is counted at the door, where the
portal refuses them). The ratio is InternHub time / fast-bitrix24 time (target ≤ 1.0). Each run also reports
the CPU seconds spent by the measuring process (every thread, SQLite's work included; a PostgreSQL server's
is not) and by the portal process: on a machine with few cores they show which of them bounds the time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import time
import uuid
import warnings
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager, suppress
from pathlib import Path
from typing import Any

from fast_bitrix24 import BitrixAsync
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bitrix24_common import HERE, median, prepare_portal, settings_for
from internhub import listeners
from internhub.bitrix24.importer import SELECT, import_portal
from internhub.bitrix24.portals import PortalClients
from internhub.bitrix24.setup import ensure_setup
from internhub.bitrix24.sync import PortalSync
from internhub.common.heap import freeze_long_lived
from internhub.db import create_engine, create_sessionmaker
from internhub.models import Application, Opening, Portal
from internhub.testing.postgres import TemporaryPostgres

TARGET_RATIO = 1.0
COUNTING = {"scan": "every record (sandbox)", "free": "free (no real portal)"}


class PortalProcess:
    def __init__(self, openings: int, applications: int, options: Sequence[str] = ()) -> None:
        command = [
            sys.executable,
            str(HERE / "bitrix24_portal_server.py"),
            "--openings",
            str(openings),
            "--applications",
            str(applications),
            *options,
        ]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.ready: dict[str, Any] = self._answer()
        self.webhook_url: str = self.ready["webhook_url"]

    def _answer(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the portal process ended with {self.process.wait()}")
        return json.loads(line)

    def ask(self, command: str) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self._answer()

    def close(self) -> None:
        with suppress(BrokenPipeError, RuntimeError, ValueError):
            self.ask("quit")
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


@contextmanager
def databases(kind: str) -> Iterator[Any]:
    """A factory of fresh, empty database URLs of one kind (one throwaway server for PostgreSQL)."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="internhub-b24-") as folder:
            yield lambda: f"sqlite+aiosqlite:///{Path(folder) / uuid.uuid4().hex[:8]}.db"
        return
    with TemporaryPostgres() as server:
        yield lambda: server.create_database(f"import_{uuid.uuid4().hex[:8]}")


@asynccontextmanager
async def connected(
    url: str, portal: PortalProcess, application_token: str, slug: str = "bench"
) -> AsyncIterator[tuple[async_sessionmaker[AsyncSession], PortalClients, int]]:
    """The portal connected to a workspace of its own and set up (``ensure_setup`` finds the pipelines seeded in):
    the app's sessions, its portal clients and the portal's id, closed on leaving."""
    _, portal_id = await prepare_portal(url, portal.webhook_url, application_token, slug=slug)
    settings = settings_for(url)
    engine = create_engine(settings)
    listeners.install()
    sessionmaker = create_sessionmaker(engine)
    clients = PortalClients(settings, sessionmaker)
    try:
        async with sessionmaker() as session:
            row = await session.get_one(Portal, portal_id)
            await ensure_setup(session, row, clients.client_for(row))
            await session.commit()
        yield sessionmaker, clients, portal_id
    finally:
        await clients.aclose()
        await engine.dispose()


async def internhub_import(url: str, portal: PortalProcess) -> dict[str, Any]:
    async with connected(url, portal, "import-benchmark-token") as (sessionmaker, clients, portal_id):
        clients._clients.clear()  # a client with a fresh throttle, as a new `internhub bitrix24 import` has
        async with sessionmaker() as session:
            client = clients.client_for(await session.get_one(Portal, portal_id))
        freeze_long_lived()  # as `internhub bitrix24 import` does once it has connected
        portal.ask("reset")
        started, cpu = time.perf_counter(), time.process_time()
        summary = await import_portal(sessionmaker, PortalSync(sessionmaker, portal_id, client))
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        async with sessionmaker() as session:
            openings = await session.scalar(select(func.count()).select_from(Opening))
            applications = await session.scalar(select(func.count()).select_from(Application))
        return {
            "seconds": seconds,
            "client_cpu_seconds": cpu,
            "deals": summary.seen.get("deal", 0),
            "records": sum(summary.seen.values()),
            "created": summary.created,
            "waiting": summary.waiting,
            "openings": openings,
            "applications": applications,
            "requests": summary.requests,
        }


async def fast_bitrix24_read(portal: PortalProcess) -> dict[str, Any]:
    portal.ask("reset")
    bitrix = BitrixAsync(portal.webhook_url, verbose=False)
    # It warns that selecting every field without a filter is slow; that is the job being compared.
    warnings.filterwarnings("ignore", message="You are selecting all fields", category=UserWarning)
    started, cpu = time.perf_counter(), time.process_time()
    seen: dict[str, int] = {}
    for remote_type in ("company", "contact", "deal"):
        rows = await bitrix.get_all(f"crm.{remote_type}.list", {"select": SELECT[remote_type]})
        seen[remote_type] = len(rows)
    return {
        "seconds": time.perf_counter() - started,
        "client_cpu_seconds": time.process_time() - cpu,
        "deals": seen["deal"],
        "records": sum(seen.values()),
    }


def bench_database(kind: str, portal: PortalProcess, args: argparse.Namespace) -> list[dict[str, Any]]:
    summaries = []
    with databases(kind) as fresh_url:
        for counting in args.counting.split(","):
            portal.ask(f"counting {counting}")
            summaries.append(bench_rounds(kind, counting, fresh_url, portal, args))
    return summaries


def bench_rounds(kind: str, counting: str, fresh_url: Any, portal: PortalProcess, args: argparse.Namespace) -> dict:
    rounds: dict[str, list[dict[str, Any]]] = {"internhub": [], "fast_bitrix24": []}
    for number in range(args.rounds):
        order = ["internhub", "fast_bitrix24"] if number % 2 == 0 else ["fast_bitrix24", "internhub"]
        for name in order:
            if name == "internhub":
                result = asyncio.run(internhub_import(fresh_url(), portal))
            else:
                result = asyncio.run(fast_bitrix24_read(portal))
            stats = portal.ask("stats")
            result.update(
                database=kind,
                counting=counting,
                client=name,
                round=number + 1,
                portal_requests=stats["requests"],
                portal_cpu_seconds=stats["cpu_seconds"],
                query_limit_exceeded=stats["refused"].get("QUERY_LIMIT_EXCEEDED", 0),
                errors={**stats["errors"], **stats["refused"]},
            )
            rounds[name].append(result)
            print(json.dumps(result), flush=True)
    summary: dict[str, Any] = {"database": kind, "counting": counting}
    for name, results in rounds.items():
        summary[name] = {
            "seconds": median([r["seconds"] for r in results]),
            "client_cpu_seconds": median([r["client_cpu_seconds"] for r in results]),
            "portal_cpu_seconds": median([r["portal_cpu_seconds"] for r in results]),
            "deals": median([r["deals"] for r in results]),
            "portal_requests": median([r["portal_requests"] for r in results]),
            "query_limit_exceeded": sum(r["query_limit_exceeded"] for r in results),
        }
    return summary


def markdown(summaries: list[dict[str, Any]], portal: PortalProcess, args: argparse.Namespace) -> str:
    seeded = portal.ready["seeded"]
    lines = [
        f"{seeded['openings'] + seeded['applications']:,} deals ({seeded['openings']:,} openings, "
        f"{seeded['applications']:,} applications) + {seeded['employers'] + (10 if seeded['students'] else 0)} "
        f"companies + {seeded['students']:,} contacts; medians of {args.rounds} rounds",
        "",
        "| database | portal counts | client | seconds | client CPU s | portal CPU s | deals | portal requests "
        "| QUERY_LIMIT_EXCEEDED | ratio | target |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for s in summaries:
        theirs, ours = s["fast_bitrix24"], s["internhub"]
        ratio = ours["seconds"] / theirs["seconds"]
        met = ratio <= TARGET_RATIO and ours["query_limit_exceeded"] == 0
        for name, row, cell, target in (
            ("fast-bitrix24 `get_all` (read only)", theirs, "1.00×", ""),
            ("InternHub `import_portal` (read + write)", ours, f"{ratio:.2f}×", "met" if met else "missed"),
        ):
            lines.append(
                f"| {s['database']} | {COUNTING[s['counting']]} | {name} | {row['seconds']:.1f} | "
                f"{row['client_cpu_seconds']:.1f} | {row['portal_cpu_seconds']:.1f} | {row['deals']:,.0f} | "
                f"{row['portal_requests']:.0f} | {row['query_limit_exceeded']} | {cell} | {target} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--counting", default="scan,free", help="how the portal counts pages asked with start >= 0: scan, free"
    )
    parser.add_argument("--openings", type=int, default=20_000)
    parser.add_argument("--applications", type=int, default=80_000)
    args = parser.parse_args()
    portal = PortalProcess(args.openings, args.applications)
    print(json.dumps({"portal": portal.ready}), flush=True)
    try:
        summaries = []
        for kind in args.databases.split(","):
            for summary in bench_database(kind, portal, args):
                print(json.dumps(summary), flush=True)
                summaries.append(summary)
        print(markdown(summaries, portal, args))
    finally:
        portal.close()


if __name__ == "__main__":
    main()
