"""Routing decision time with 200 rules.

    uv run python benchmarks/routing_decision.py [--rules 200] [--decisions 20000]

* **engine**: ``engine.decide`` over 200 compiled rules for varied applications, in a worst case for
  first-match: the only matching rule is the default one, so every rule is checked.
* **with database**: ``routing.compiled_rules`` (load the 200 rules from SQLite and compile them) plus the
  decision: what routing one application costs end to end, minus the writes.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from pathlib import Path

from internhub import listeners
from internhub.config import Settings
from internhub.db import create_engine, create_sessionmaker
from internhub.migrate import upgrade_async
from internhub.models import RoutingRule, Workspace
from internhub.routing import engine, service
from internhub.routing.engine import Facts

SKILLS = ["python", "sql", "go", "java", "rust", "excel", "figma", "react", "ml", "1c"]
CITIES = ["Москва", "Казань", "Самара", "Томск", "Пермь", "Уфа"]


def conditions(rng: random.Random) -> dict:
    """A rule a real workspace might have, built never to match the facts below (courses 7+ do not exist)."""
    c: dict = {"course_min": 6, "course_max": 6}
    for name, values in (
        ("opening_kinds", ["internship", "vacancy"]),
        ("cities", CITIES),
        ("formats", ["office", "remote", "hybrid"]),
        ("sources", ["portal", "university", "import"]),
    ):
        if rng.random() < 0.5:
            c[name] = rng.sample(values, k=rng.randint(1, len(values)))
    if rng.random() < 0.5:
        c["skills"], c["skills_min_overlap"] = rng.sample(SKILLS, k=3), rng.randint(1, 3)
    if rng.random() < 0.3:
        c["company_ids"] = rng.sample(range(1, 500), k=5)
    return c


def facts(rng: random.Random) -> Facts:
    return Facts(
        opening_kind=rng.choice(["internship", "vacancy"]),
        company_id=rng.randint(1, 500),
        university_id=rng.randint(1, 50),
        course=rng.randint(1, 5),
        specialty=None,
        skills=frozenset(rng.sample(SKILLS, k=3)),
        city=rng.choice(CITIES),
        format=rng.choice(["office", "remote", "hybrid"]),
        source=rng.choice(["portal", "university", "import"]),
    )


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def main(rule_count: int, decisions: int) -> None:
    rng = random.Random(42)
    folder = Path(tempfile.mkdtemp(prefix="internhub-routing-"))
    settings = Settings(env="test", data_dir=folder, database_url=f"sqlite+aiosqlite:///{folder / 'r.db'}")
    await upgrade_async(settings.effective_database_url)
    db = create_engine(settings)
    listeners.install()
    sessionmaker = create_sessionmaker(db)
    async with sessionmaker() as session:
        workspace = Workspace(slug="bench", name="bench")
        session.add(workspace)
        await session.flush()
        for position in range(1, rule_count + 1):
            rule = RoutingRule(
                workspace_id=workspace.id,
                name=f"rule {position}",
                position=position,
                conditions=conditions(rng),
                actions={"tags": [f"t{position}"]},
            )
            session.add(rule)
        await session.commit()
        rules = await service.compiled_rules(session, workspace.id)
        await session.commit()
    assert len(rules) == rule_count + 1

    cases = [facts(rng) for _ in range(decisions)]
    timings = []
    for case in cases:
        started = time.perf_counter()
        chosen = engine.decide(rules, case)
        timings.append((time.perf_counter() - started) * 1e6)
        assert chosen is not None and chosen.is_default
    print(f"engine, {rule_count} rules, {decisions} decisions (every rule checked):")
    print(f"  median {statistics.median(timings):.1f} µs, p99 {percentile(timings, 0.99):.1f} µs")

    loaded = []
    for case in cases[:1000]:
        started = time.perf_counter()
        async with sessionmaker() as session:
            compiled = await service.compiled_rules(session, workspace.id)
            engine.decide(compiled, case)
        loaded.append((time.perf_counter() - started) * 1e3)
    print(f"with database (load + compile {rule_count} rules, decide), 1000 times, SQLite:")
    print(f"  median {statistics.median(loaded):.2f} ms, p99 {percentile(loaded, 0.99):.2f} ms")
    explained = []
    for case in cases[:1000]:
        started = time.perf_counter()
        engine.explain(rules, case)
        explained.append((time.perf_counter() - started) * 1e6)
    print(f"explain (every rule, every reason): median {statistics.median(explained):.0f} µs")
    await db.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rules", type=int, default=200)
    parser.add_argument("--decisions", type=int, default=20_000)
    args = parser.parse_args()
    asyncio.run(main(args.rules, args.decisions))
