"""A first connection at scale S: a workspace full of records meets a portal that holds half of them already.

    uv run python benchmarks/first_connection.py                     # the standard limit: 2 requests/s, 50 burst
    uv run python benchmarks/first_connection.py --rate 20           # ten times faster, the same bucket shape

The workspace is the demo data of scale S (20 universities, 200 employers, 10,000 students, 1,000 openings,
40,000 applications). The sandbox portal (in this process, its bucket and operating-time ledger as documented)
holds half of the employers (50 found by INN, a requisite, under another title; 50 by their exact name) and half
of the students as contacts (4,000 by e-mail written in capitals, 1,000 by phone written as ``8 (9xx) …``).

The clock runs from connecting the webhook to the connection's ``done``: the plan (reading the portal), its
acceptance, and the export driven by the sync worker as the server runs it (with the client's throttle at the
portal's rate). Reported: REST requests (HTTP calls; a batch is one) by phase against the floor (a list of 50
per page to read, a batch of 50 writes per request), the time the requests take at 2 per second
(``(requests - 50) / 2``: the first 50 fit the bucket), the wall time, the requests the portal refused
(``QUERY_LIMIT_EXCEEDED``, ``OPERATION_TIME_LIMIT``), and duplicates in the portal: our keys or e-mails twice.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import time
from collections import Counter
from typing import Any

import httpx
from sqlalchemy import func, select

from bitrix24_common import database, settings_for
from generate import SCALES as STANDARD_SCALES
from internhub import jobs, listeners
from internhub.bitrix24 import connection as connections
from internhub.bitrix24.embedded import connect_configured_webhook
from internhub.bitrix24.portals import PortalClients
from internhub.bitrix24.sandbox import SandboxConfig, SandboxPortal, create_app
from internhub.bitrix24.worker import SyncWorker
from internhub.db import create_engine, create_sessionmaker
from internhub.demo import generate
from internhub.migrate import upgrade_async
from internhub.models import Company, ConnectionStatus, Portal, Student, Workspace
from internhub.students.service import normalise_phone

# XS: a tenth of S, to try the script in a minute.
SCALES = STANDARD_SCALES | {
    "XS": {"universities": 2, "companies": 20, "students": 1_000, "openings": 100, "applications": 4_000}
}


def fill_portal(sandbox: SandboxPortal, companies: list[Any], students: list[Any]) -> dict[str, int]:
    """Half of our employers and half of our students, as the portal's own records (its types, its spelling)."""
    person = sandbox.person
    half = companies[: len(companies) // 2]
    for n, company in enumerate(half):
        if n % 2 == 0 and company.inn:
            remote = person.add_company({"TITLE": f"{company.name} (клиент)", "COMPANY_TYPE": "CUSTOMER"})
            person.add_requisite(remote, {"RQ_INN": company.inn})
        else:
            person.add_company({"TITLE": company.name, "COMPANY_TYPE": "CUSTOMER"})
    by_phone = 0
    for n, student in enumerate(students[: len(students) // 2]):
        name, _, last = student.full_name.partition(" ")
        fields: dict[str, Any] = {"NAME": last or name, "LAST_NAME": name}
        phone = normalise_phone(student.phone) if student.phone else None
        if n % 5 == 4 and phone and phone.startswith("+7"):
            digits = phone[2:]
            fields["PHONE"] = [{"VALUE": f"8 ({digits[:3]}) {digits[3:6]}-{digits[6:8]}-{digits[8:]}"}]
            by_phone += 1
        else:
            fields["EMAIL"] = [{"VALUE": student.email.upper()}]
        person.add_contact(fields)
    return {"companies": len(half), "contacts": len(students) // 2, "contacts_by_phone": by_phone}


def requests_of(sandbox: SandboxPortal, start: int) -> Counter:
    return Counter(c.method for c in sandbox.calls[start:] if not c.in_batch)


async def run(url: str, args: argparse.Namespace) -> dict[str, Any]:
    await upgrade_async(url)
    scale = SCALES[args.scale]
    started = time.perf_counter()
    await generate(url, **scale, seed=42, workspace_slug="demo")
    generated = time.perf_counter() - started
    settings = settings_for(url, bitrix24_rate=args.rate, bitrix24_burst=50)
    engine = create_engine(settings)
    listeners.install()
    sessionmaker = create_sessionmaker(engine)
    config = SandboxConfig(domain="portal.bitrix24.test", rate=args.rate, burst=50, seed=3)
    sandbox = SandboxPortal(config)
    refused: Counter = Counter()
    admit = sandbox.admit

    def counted_admit() -> None:
        try:
            admit()
        except Exception as exc:
            refused[getattr(exc, "error", type(exc).__name__)] += 1
            raise

    sandbox.admit = counted_admit  # type: ignore[method-assign]
    await jobs.start(settings, sessionmaker)  # the jobs writes start (skill counts) run as in the server
    clients = PortalClients(settings, sessionmaker)
    clients.transports[config.domain] = httpx.ASGITransport(app=create_app(sandbox))
    try:
        async with sessionmaker() as session:
            workspace_id = await session.scalar(select(Workspace.id).where(Workspace.slug == "demo"))
            ours = list(await session.execute(select(Company.name, Company.inn).order_by(Company.id)))
            students = list(await session.execute(select(Student.full_name, Student.email, Student.phone)))
        seeded = fill_portal(sandbox, ours, students)
        sandbox.calls.clear()
        print(f"generated scale {args.scale} in {generated:.1f} s; the portal holds {seeded}", flush=True)

        clock = time.perf_counter()
        async with sessionmaker() as session:
            portal = await connect_configured_webhook(
                session, clients, workspace_id, config.webhook_url, config.application_token, settings
            )
            portal_id = portal.id
            await session.commit()
        worker = SyncWorker(settings, sessionmaker, clients)
        phases: dict[str, Counter] = {}
        mark, last_print, plan_seconds = 0, 0.0, 0.0
        while True:
            async with sessionmaker() as session:
                connection = await connections.latest(session, portal_id)
                assert connection is not None
                status = connection.status
                if status == ConnectionStatus.planned:
                    phases["plan"], mark = requests_of(sandbox, mark), len(sandbox.calls)
                    plan_seconds = time.perf_counter() - clock
                    print(f"planned in {plan_seconds:.1f} s: {json.dumps(connection.counts)}", flush=True)
                    await connections.accept(session, connection, None)
                    await session.commit()
                    continue
                if status in (ConnectionStatus.done, ConnectionStatus.failed):
                    break
                pending = await connections.pending_pushes(session, workspace_id)
                error = (await session.get_one(Portal, portal_id)).sync_error
            if time.perf_counter() - last_print > 15:
                last_print = time.perf_counter()
                print(
                    f"  {time.perf_counter() - clock:7.1f} s  {status}: {pending:,} to send  {error or ''}", flush=True
                )
            if not await worker.tick():
                await asyncio.sleep(0.2)
        seconds = time.perf_counter() - clock
        phases["export"] = requests_of(sandbox, mark)
        await worker.release_leases()

        records = {kind: sandbox.crm.records[kind] for kind in ("company", "contact", "deal")}
        keys = Counter(
            r.get("UF_CRM_IH_KEY") for rows in records.values() for r in rows.values() if r.get("UF_CRM_IH_KEY")
        )
        emails = Counter(e["VALUE"].lower() for r in records["contact"].values() for e in r.get("EMAIL") or [])
        async with sessionmaker() as session:
            unlinked = {
                model.__name__: await session.scalar(
                    select(func.count()).select_from(model).where(column.is_(None), model.deleted_at.is_(None))
                )
                for model, column in ((Company, Company.bitrix24_company_id), (Student, Student.bitrix24_contact_id))
            }
        total = sum(sum(c.values()) for c in phases.values())
        inner = Counter(c.method for c in sandbox.calls if c.in_batch)
        to_write = sum(scale.values())  # every record of ours is created there or linked and brought in step
        reads = seeded["companies"] + seeded["contacts"]
        floor = math.ceil(to_write / 50) + math.ceil(reads / 50) + math.ceil(seeded["companies"] / 2 / 50)
        return {
            "scale": args.scale,
            "rate": args.rate,
            "status": str(status),
            "counts": connection.counts,
            "progress": connection.progress,
            "requests": total,
            "requests_by_phase": {name: dict(c.most_common()) for name, c in phases.items()},
            "floor": floor,
            "ratio_to_floor": round(total / floor, 3),
            "seconds_at_2_per_s": round(max(total - 50, 0) / 2, 1),
            "plan_seconds": round(plan_seconds, 1),
            "wall_seconds": round(seconds, 1),
            "commands_in_batches": dict(inner.most_common()),
            "refused": dict(refused),
            "errors": dict(Counter(c.error for c in sandbox.calls if c.error)),
            "portal_records": {kind: len(rows) for kind, rows in records.items()},
            "duplicate_keys": sum(n - 1 for n in keys.values() if n > 1),
            "duplicate_emails": sum(n - 1 for n in emails.values() if n > 1),
            "unlinked_here": unlinked,
        }
    finally:
        await jobs.stop()
        await clients.aclose()
        await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="S")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--rate", type=float, default=2.0, help="The portal's (and the client's) requests per second.")
    parser.add_argument("--output", help="Write the result as JSON here too.")
    args = parser.parse_args()
    with database(args.database) as url:
        result = asyncio.run(run(url, args))
    result["database"] = args.database
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if args.output:
        with open(args.output, "w") as out:
            json.dump(result, out, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    main()
