"""Load benchmark: the real API and a bare FastAPI endpoint, side by side, under 50 concurrent clients.

    uv run python benchmarks/load.py --database postgresql --scale L
    uv run python benchmarks/load.py --database sqlite --sqlite-path var/bench-L.db   # generated first if missing
    uv run python benchmarks/load.py --postgres-url URL --baseline-src ../previous   # this code against that one

Each scenario runs ``--rounds`` times (default 3), API and bare interleaved, every round after its own
warm-up, each bounded by a request count and ``--duration`` seconds. The load generator is a separate
process (``loadgen.py``) using the same method for every target, so the API/bare ratio is fair even though,
with only two cores, the load generator, the server and the database share the CPU. Results are medians
over the rounds; the raw rounds go to ``--output`` as JSON.

``--baseline-src`` names another checkout of the project (the commit before a change, say): its API is started on
the same database, without migrating it, and every API scenario runs against both, interleaved, so a change is
measured against what it replaces in the same run. The database must be at this code's schema, which the older
code has to tolerate (migrations that add columns and indexes); where this code's migrations replace indexes the
older code relies on, give the baseline its own copy taken before them with ``--baseline-database``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from bitrix24_common import server, uvicorn_command
from generate import WORKSPACE, fill, sqlite_url, start_postgres
from internhub.auth import service as auth
from internhub.auth.schemas import UserIn
from internhub.models import Role
from internhub.testing.postgres import free_port
from internhub.workspaces import get_or_create

HERE = Path(__file__).resolve().parent
LOADGEN = HERE / "loadgen.py"

Request = tuple[str, str, Any]  # method, path with query, JSON body or None


@dataclass
class Samples:
    """Realistic parameter values, read from the generated data."""

    workspace_id: int
    application_ids: tuple[int, int]
    student_ids: tuple[int, int]
    company_ids: list[int]
    university_ids: list[int]
    cities: list[str]
    skills: list[str]
    surnames: list[str]
    active_openings: list[int]
    title_words: list[str]  # the commonest words of active openings' titles, as a visitor would type them


@dataclass
class Scenario:
    name: str
    target: str  # "api" or "bare"
    kind: str  # "list", "get" or "create"
    make: Callable[[random.Random, Samples, int], list[Request]]
    limit: int  # requests per round at most
    p95_target_ms: float | None = None


def _api(path: str, **query: Any) -> str:
    return f"/api/v1{path}?{urlencode(query)}" if query else f"/api/v1{path}"


def applications_by_status_and_company(rng: random.Random, s: Samples, n: int) -> list[Request]:
    statuses = ("new", "screening", "interview", "rejected", "hired")
    return [
        (
            "GET",
            _api("/applications", status=rng.choice(statuses), company_id=rng.choice(s.company_ids), limit=50),
            None,
        )
        for _ in range(n)
    ]


def applications_by_status(rng: random.Random, s: Samples, n: int) -> list[Request]:
    return [("GET", _api("/applications", status=rng.choice(("new", "screening")), limit=50), None) for _ in range(n)]


def openings_active_city_skills(rng: random.Random, s: Samples, n: int) -> list[Request]:
    requests = []
    for _ in range(n):
        skills = ",".join(rng.sample(s.skills[:6], 1) if rng.random() < 0.6 else rng.sample(s.skills, 2))
        query = {"status": "active", "city": rng.choice(s.cities), "skills": skills, "limit": 50}
        requests.append(("GET", _api("/openings", **query), None))
    return requests


def students_by_university_and_name(rng: random.Random, s: Samples, n: int) -> list[Request]:
    return [
        ("GET", _api("/students", university_id=rng.choice(s.university_ids), q=rng.choice(s.surnames), limit=50), None)
        for _ in range(n)
    ]


def catalogue_two_words_and_city(rng: random.Random, s: Samples, n: int) -> list[Request]:
    """The public catalogue as a visitor searches it: a word of a title and a skill ("стажёр python"), in a city,
    a page of 12 as the web catalogue shows it."""
    requests = []
    for _ in range(n):
        words = f"{rng.choice(s.title_words)} {rng.choice(s.skills[:8])}"
        query = {"q": words, "city": rng.choice(s.cities), "workspace": WORKSPACE, "limit": 12}
        requests.append(("GET", _api("/public/openings", **query), None))
    return requests


def get_application(rng: random.Random, s: Samples, n: int) -> list[Request]:
    low, high = s.application_ids
    return [("GET", _api(f"/applications/{rng.randint(low, high)}"), None) for _ in range(n)]


def get_application_bare(rng: random.Random, s: Samples, n: int) -> list[Request]:
    low, high = s.application_ids
    return [("GET", f"/applications/{rng.randint(low, high)}", None) for _ in range(n)]


def get_student(rng: random.Random, s: Samples, n: int) -> list[Request]:
    low, high = s.student_ids
    return [("GET", _api(f"/students/{rng.randint(low, high)}"), None) for _ in range(n)]


def create_student(rng: random.Random, s: Samples, n: int) -> list[Request]:
    run = secrets.token_hex(4)
    requests = []
    for index in range(n):
        body = {
            "university_id": rng.choice(s.university_ids),
            "full_name": f"{rng.choice(s.surnames)} Тест Нагрузкович",
            "email": f"bench-{run}-{index}@example.ru",
            "course": rng.randint(1, 6),
            "skills": rng.sample(s.skills, 2),
        }
        requests.append(("POST", _api("/students"), body))
    return requests


def create_application(rng: random.Random, s: Samples, n: int) -> list[Request]:
    low, high = s.student_ids
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < n:
        pairs.add((rng.choice(s.active_openings), rng.randint(low, high)))
    return [("POST", _api("/applications"), {"opening_id": o, "student_id": st}) for o, st in sorted(pairs)]


SCENARIOS = [
    Scenario("applications: status + company", "api", "list", applications_by_status_and_company, 20_000, 50),
    Scenario("applications: status only", "api", "list", applications_by_status, 20_000, 50),
    Scenario("openings: active + city + skills", "api", "list", openings_active_city_skills, 20_000, 50),
    Scenario("students: university + q", "api", "list", students_by_university_and_name, 20_000, 50),
    Scenario("catalogue: two words + city", "api", "list", catalogue_two_words_and_city, 20_000, 50),
    Scenario("application by id", "api", "get", get_application, 40_000, 20),
    Scenario("application by id (bare)", "bare", "get", get_application_bare, 40_000, 20),
    Scenario("student by id", "api", "get", get_student, 40_000, 20),
    Scenario("create student", "api", "create", create_student, 10_000),
    Scenario("create application", "api", "create", create_application, 10_000),
]


# --- set-up -------------------------------------------------------------------------------------


async def _prepare(url: str, email: str, password: str) -> Samples:
    """Create the benchmark's admin (as the CLI's create-admin does) and read realistic parameter values."""
    engine = create_async_engine(url)
    try:
        async with AsyncSession(engine) as session:
            workspace_id = (await get_or_create(session, WORKSPACE, "Demo")).id
            await auth.create_user(session, workspace_id, UserIn(email=email, password=password, role=Role.admin))
            await session.commit()
        async with engine.connect() as connection:

            async def values(sql: str) -> list[Any]:
                return [row[0] for row in await connection.execute(text(sql), {"ws": workspace_id})]

            async def bounds(table: str) -> tuple[int, int]:
                sql = f"SELECT min(id), max(id) FROM {table} WHERE workspace_id = :ws"
                low, high = (await connection.execute(text(sql), {"ws": workspace_id})).one()
                return int(low), int(high)

            names = await values("SELECT full_name FROM students WHERE workspace_id = :ws ORDER BY id LIMIT 2000")
            titles = await values("SELECT title FROM openings WHERE workspace_id = :ws AND status = 'active'")
            words = Counter(word.lower() for title in titles for word in title.split() if len(word) > 3)
            return Samples(
                workspace_id=workspace_id,
                application_ids=await bounds("applications"),
                student_ids=await bounds("students"),
                company_ids=await values("SELECT DISTINCT company_id FROM openings WHERE workspace_id = :ws"),
                university_ids=await values("SELECT id FROM universities WHERE workspace_id = :ws"),
                cities=await values(
                    "SELECT city FROM openings WHERE workspace_id = :ws AND status = 'active' "
                    "GROUP BY city ORDER BY count(*) DESC LIMIT 12"
                ),
                skills=await values("SELECT skill FROM opening_skills GROUP BY skill ORDER BY count(*) DESC LIMIT 12"),
                surnames=sorted({name.split()[0] for name in names}),
                active_openings=await values(
                    "SELECT id FROM openings WHERE workspace_id = :ws AND status = 'active' ORDER BY id"
                ),
                title_words=[word for word, _ in words.most_common(12)],
            )
    finally:
        await engine.dispose()


@contextmanager
def profiler(pid: int, output: Path | None) -> Iterator[None]:
    """Sample a running process with py-spy (attached by pid, so the server is started the same way)."""
    if output is None:
        yield
        return
    spy = shutil.which("py-spy") or "py-spy"
    command = [spy, "record", "--pid", str(pid), "--rate", "200", "--format", "raw", "--nonblocking"]
    process = subprocess.Popen([*command, "-o", str(output)])
    try:
        yield
    finally:
        process.send_signal(signal.SIGINT)  # py-spy writes its file on SIGINT
        process.wait(timeout=60)


# --- measuring ----------------------------------------------------------------------------------


BASELINE = " (baseline)"


def targets(
    chosen: list[Scenario], api_port: int, bare_port: int, baseline_port: int, baseline: Path | None
) -> Iterator[tuple[Scenario, str, int]]:
    """Each scenario with the name its results go under and the server it runs against; with a baseline, each API
    scenario right after on the baseline's API (same requests, same seed)."""
    for scenario in chosen:
        yield scenario, scenario.name, api_port if scenario.target == "api" else bare_port
        if baseline and scenario.target == "api":
            yield scenario, scenario.name + BASELINE, baseline_port


def run_round(
    scenario: Scenario, port: int, token: str, samples: Samples, concurrency: int, duration: float, seed: int
) -> dict:
    rng = random.Random(seed)
    warmup = min(500, scenario.limit // 10)
    requests = scenario.make(rng, samples, warmup + scenario.limit)
    plan = {
        "host": "127.0.0.1",
        "port": port,
        "headers": {"Authorization": f"Bearer {token}"} if scenario.target == "api" else {},
        "requests": requests,
        "concurrency": concurrency,
        "duration": duration,
        "warmup": warmup,
        "warmup_seconds": 2.0,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as file:
        json.dump(plan, file, ensure_ascii=False)
    try:
        done = subprocess.run(
            [sys.executable, str(LOADGEN), file.name], capture_output=True, text=True, check=True, timeout=120
        )
    finally:
        os.unlink(file.name)
    return json.loads(done.stdout)


def median(rounds: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in rounds if r[key] is not None)


def summarise(results: dict[str, dict[int, list[dict]]]) -> list[dict]:
    """One row per scenario: medians over the rounds, at full load and (if measured) at light load."""
    table = []
    for scenario, name in ((s, s.name + suffix) for s in SCENARIOS for suffix in ("", BASELINE)):
        by_concurrency = results.get(name)
        if not by_concurrency:
            continue
        row: dict[str, Any] = {
            "scenario": name,
            "target": scenario.target,
            "p95_target_ms": scenario.p95_target_ms,
        }
        for concurrency, rounds in by_concurrency.items():
            statuses: dict[str, int] = {}
            for r in rounds:
                for code, count in r["statuses"].items():
                    statuses[code] = statuses.get(code, 0) + count
            row[concurrency] = {
                "requests": sum(r["requests"] for r in rounds),
                "throughput": median(rounds, "throughput"),
                **{key: median(rounds, key) for key in ("p50", "p95", "p99")},
                "statuses": statuses,
            }
        table.append(row)
    return table


def markdown(table: list[dict], full: int, light: int, ratio: float | None) -> str:
    light_columns = f" p50 / p95 / p99 ms @{light} |" if light else ""
    lines = [
        f"| scenario | requests @{full} | req/s @{full} | p50 / p95 / p99 ms @{full} |{light_columns} "
        "responses | p95 target |",
        "| --- | ---: | ---: | ---: |" + (" ---: |" if light else "") + " --- | --- |",
    ]
    for row in table:
        loaded = row[full]
        cells = [row["scenario"], f"{loaded['requests']:,}", f"{loaded['throughput']:,.0f}", _latencies(loaded)]
        if light:
            cells.append(_latencies(row[light]) if light in row else "")
        cells.append(", ".join(f"{code}×{count}" for code, count in sorted(loaded["statuses"].items())))
        target = row["p95_target_ms"]
        verdicts = []
        if target is not None:
            for concurrency in (light, full):
                if concurrency and concurrency in row:
                    met = row[concurrency]["p95"] <= target
                    verdicts.append(f"{'met' if met else 'missed'} @{concurrency}")
        cells.append(f"≤ {target:g} ms: {', '.join(verdicts)}" if target is not None else "")
        lines.append("| " + " | ".join(cells) + " |")
    if ratio is not None:
        verdict = "met" if ratio >= 0.5 else "MISSED"
        lines += ["", f"API get-by-id throughput / bare endpoint @{full}: **{ratio:.2f}** (target ≥ 0.5: {verdict})"]
    return "\n".join(lines)


def _latencies(measured: dict) -> str:
    return f"{measured['p50']:.1f} / {measured['p95']:.1f} / {measured['p99']:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--scale", choices=("S", "M", "L"), default="S")
    parser.add_argument("--sqlite-path", type=Path, default=Path("var/bench.db"))
    parser.add_argument(
        "--postgres-url",
        help="measure this PostgreSQL database as it is (generated before, e.g. by an earlier run's server) "
        "instead of generating into a throwaway server",
    )
    parser.add_argument(
        "--baseline-src",
        type=Path,
        help="another checkout of the project whose API is measured beside this one, on the same database",
    )
    parser.add_argument(
        "--baseline-database",
        help="the baseline's own database URL (a copy taken before this code's migrations); default: the same one",
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per measured round, at most")
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--only", help="run only scenarios whose name contains this text (or one of a|b|c)")
    parser.add_argument("--output", type=Path, help="write the rounds and the summary here as JSON")
    parser.add_argument(
        "--latency-concurrency",
        type=int,
        default=4,
        help="also measure each scenario with this many clients, below saturation (0: skip)",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        help="sample the API process with py-spy into this file (collapsed stacks); "
        "run as: uv run --with py-spy python benchmarks/load.py ...",
    )
    args = parser.parse_args()

    postgres = None
    if args.postgres_url:
        url = args.postgres_url
    elif args.database == "postgresql":
        postgres, url = start_postgres()
        fill(url, args.scale)
    else:
        url = sqlite_url(args.sqlite_path)
        if not args.sqlite_path.exists():
            args.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
            fill(url, args.scale)
    try:
        # A fresh admin per run, so that a reused SQLite file needs no password reset.
        email, password = f"bench-{secrets.token_hex(4)}@example.ru", secrets.token_urlsafe(16)
        samples = asyncio.run(_prepare(url, email, password))
        if args.baseline_database:
            asyncio.run(_prepare(args.baseline_database, email, password))  # the same admin in the copy
        api_port, bare_port, baseline_port = free_port(), free_port(), free_port()
        env = {
            "INTERNHUB_DATABASE_URL": url,
            "INTERNHUB_MIGRATE_ON_START": "true",
            "INTERNHUB_LOG_LEVEL": "WARNING",
            "INTERNHUB_ENV": "production",
            "INTERNHUB_SECRET_KEY": secrets.token_urlsafe(32),
            "INTERNHUB_BENCH_WORKSPACE_ID": str(samples.workspace_id),
        }
        api_command = uvicorn_command(["--factory", "internhub.app:create_app"], api_port)
        bare_command = uvicorn_command(["--app-dir", str(HERE), "bare_app:app"], bare_port)
        baseline_env = {
            **env,
            "INTERNHUB_MIGRATE_ON_START": "false",
            "INTERNHUB_DATABASE_URL": args.baseline_database or url,
            "PYTHONPATH": str((args.baseline_src or HERE).resolve() / "src"),
        }
        baseline_command = uvicorn_command(["--factory", "internhub.app:create_app"], baseline_port)
        with (
            server(api_command, env, api_port, "/healthz", timeout=120) as api_pid,
            server(bare_command, env, bare_port, "/health"),
            server(baseline_command, baseline_env, baseline_port, "/healthz") if args.baseline_src else nullcontext(),
            profiler(api_pid, args.profile),
        ):

            def token_of(port: int) -> str:
                login = httpx.post(
                    f"http://127.0.0.1:{port}/api/v1/auth/login",
                    json={"email": email, "password": password},
                    timeout=30,
                )
                login.raise_for_status()
                return login.json()["access_token"]

            tokens = {api_port: token_of(api_port), bare_port: ""}
            if args.baseline_src:
                tokens[baseline_port] = token_of(baseline_port)
            chosen = [s for s in SCENARIOS if not args.only or any(part in s.name for part in args.only.split("|"))]
            levels = [args.concurrency] + ([args.latency_concurrency] if args.latency_concurrency else [])
            results: dict[str, dict[int, list[dict]]] = {}
            for round_number in range(args.rounds):
                for scenario, name, port in targets(chosen, api_port, bare_port, baseline_port, args.baseline_src):
                    for concurrency in levels:
                        seed = 1000 * round_number + concurrency
                        outcome = run_round(scenario, port, tokens[port], samples, concurrency, args.duration, seed)
                        results.setdefault(name, {}).setdefault(concurrency, []).append(outcome)
                        print(
                            f"round {round_number + 1} @{concurrency:<3} {name:<34} "
                            f"{outcome['requests']:>7,} req {outcome['throughput']:>7,.0f} req/s  "
                            f"p50 {outcome['p50']:.1f}  p95 {outcome['p95']:.1f}  p99 {outcome['p99']:.1f} ms  "
                            f"{outcome['statuses']}",
                            flush=True,
                        )
        table = summarise(results)
        by_name = {row["scenario"]: row for row in table}
        ratio = None
        if "application by id" in by_name and "application by id (bare)" in by_name:
            api, bare = by_name["application by id"], by_name["application by id (bare)"]
            ratio = api[args.concurrency]["throughput"] / bare[args.concurrency]["throughput"]
        print()
        print(f"{args.database}, scale {args.scale}, {os.cpu_count()} cores, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
        print(markdown(table, args.concurrency, args.latency_concurrency, ratio))
        if args.output:
            report = {"database": args.database, "scale": args.scale, "rounds": results, "summary": table}
            args.output.write_text(json.dumps({**report, "ratio": ratio}, ensure_ascii=False, indent=1), "utf-8")
    finally:
        if postgres is not None:
            postgres.stop()


if __name__ == "__main__":
    main()
