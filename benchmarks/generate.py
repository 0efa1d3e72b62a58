"""Generate benchmark data at scale S, M or L into a throwaway PostgreSQL server or a SQLite file.

    uv run python benchmarks/generate.py --scale L --database postgresql
    uv run python benchmarks/generate.py --scale L --database sqlite --sqlite-path var/bench-L.db

Prints the time of every phase. The PostgreSQL server is removed when the script ends; ``load.py`` uses the
same functions to set up the database it measures.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from pathlib import Path

from internhub.demo import DemoSummary, generate
from internhub.migrate import upgrade
from internhub.testing.postgres import TemporaryPostgres

SCALES: dict[str, dict[str, int]] = {
    "S": {"universities": 20, "companies": 200, "students": 10_000, "openings": 1_000, "applications": 40_000},
    "M": {"universities": 100, "companies": 1_000, "students": 50_000, "openings": 5_000, "applications": 200_000},
    "L": {
        "universities": 1_000,
        "companies": 10_000,
        "students": 500_000,
        "openings": 50_000,
        "applications": 2_000_000,
    },
}
WORKSPACE = "demo"

# A server sized for the benchmark: the L data set (~3 GB with indexes) mostly fits in shared buffers.
POSTGRES_SETTINGS = {
    "shared_buffers": "1GB",
    "effective_cache_size": "4GB",
    "work_mem": "16MB",
    "maintenance_work_mem": "512MB",
    "max_wal_size": "8GB",
    "checkpoint_timeout": "30min",
    "random_page_cost": "1.1",
}


def start_postgres() -> tuple[TemporaryPostgres, str]:
    server = TemporaryPostgres(settings=POSTGRES_SETTINGS).start()
    return server, server.create_database("internhub_bench")


class PhaseClock:
    """Prints each phase's progress now and then, and its duration when the next one starts."""

    def __init__(self) -> None:
        self.phase: str | None = None
        self.started = self.shown = time.perf_counter()

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if phase != self.phase:
            self.close(now)
            self.phase, self.started = phase, now
        if now - self.shown > 5 or done == total:
            self.shown = now
            print(f"  {phase:<13} {done:>10,} / {total:,}", flush=True)

    def close(self, now: float | None = None) -> None:
        if self.phase is not None:
            print(f"  {self.phase:<13} done in {(now or time.perf_counter()) - self.started:6.1f} s", flush=True)
            self.phase = None


def fill(url: str, scale: str, seed: int = 42) -> DemoSummary:
    started = time.perf_counter()
    upgrade(url)
    print(f"migrated in {time.perf_counter() - started:.1f} s; generating scale {scale}: {SCALES[scale]}")
    clock = PhaseClock()
    summary = asyncio.run(generate(url, **SCALES[scale], seed=seed, workspace_slug=WORKSPACE, progress=clock))
    clock.close()
    print(f"generated in {summary.seconds:.1f} s: {summary}")
    return summary


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path.resolve()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="S")
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--sqlite-path", type=Path, default=Path("var/bench.db"))
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    if args.database == "sqlite":
        if args.sqlite_path.exists():
            parser.error(f"{args.sqlite_path} exists; remove it first, the benchmark wants a fresh database")
        args.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        fill(sqlite_url(args.sqlite_path), args.scale, args.seed)
        return
    server, url = start_postgres()
    try:
        fill(url, args.scale, args.seed)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
