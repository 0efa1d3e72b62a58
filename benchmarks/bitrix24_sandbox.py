"""Sandbox-portal helpers shared by the pull and import benchmarks: seeding our pipelines, counting refusals."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from internhub.bitrix24.mapping import UF, Mapping
from internhub.bitrix24.sandbox import SandboxPortal
from internhub.bitrix24.sandbox.errors import RestError
from internhub.bitrix24.sandbox.limits import LeakyBucket

SKILLS = ("python", "sql", "excel", "figma", "java", "go", "1c", "english")
CITIES = ("Москва", "Казань", "Новосибирск", "Екатеринбург", "Томск")


@dataclass
class Refusals:
    """Requests the portal refused at its door. They never reach ``portal.calls`` (only admitted calls are
    logged there), so the door itself is counted."""

    counts: dict[str, int] = field(default_factory=dict)

    @property
    def query_limit_exceeded(self) -> int:
        return self.counts.get("QUERY_LIMIT_EXCEEDED", 0)


def count_refusals(portal: SandboxPortal) -> Refusals:
    refusals = Refusals()
    admit = portal.admit

    def counted_admit() -> None:
        try:
            admit()
        except RestError as exc:
            refusals.counts[exc.error] = refusals.counts.get(exc.error, 0) + 1
            raise

    portal.admit = counted_admit  # type: ignore[method-assign]
    return refusals


def unlimited(portal: SandboxPortal) -> None:
    """Lift the request limit while seeding; ``standard_limit`` puts the plan's bucket back."""
    portal.bucket = LeakyBucket(1e9, 10**9, portal.config.clock)


def standard_limit(portal: SandboxPortal, level: float = 0.0) -> None:
    """The plan's bucket (config rate and burst), holding ``level`` requests already."""
    portal.bucket = LeakyBucket(portal.config.rate, portal.config.burst, portal.config.clock)
    portal.bucket.level = level


def seed_openings(
    portal: SandboxPortal, mapping: Mapping, openings: int, applications: int = 0, seed: int = 5
) -> dict[str, int]:
    """Employers, universities with students, and deals in our pipelines, written as portal users would.

    Openings alternate between the internships and vacancies pipelines; every application is a distinct
    (student, opening) pair, as our data requires. Returns how many of each were made.
    """
    assert mapping.internships and mapping.vacancies and mapping.applications
    rng = random.Random(seed)
    person = portal.robot  # robot writes: no user tokens in events, and no HTTP or limits involved
    employers = [
        person.add_company({"TITLE": f"Employer {i}", "COMPANY_TYPE": mapping.employer_type, UF["inn"]: f"77{i:08d}"})
        for i in range(max(1, openings // 200))
    ]
    students: list[int] = []
    if applications:
        universities = [
            person.add_company({"TITLE": f"University {i}", "COMPANY_TYPE": mapping.university_type}) for i in range(10)
        ]
        for i in range(max(1, applications // 20)):
            students.append(
                person.add_contact(
                    {
                        "NAME": f"Student{i}",
                        "LAST_NAME": "Benchmark",
                        "COMPANY_ID": universities[i % len(universities)],
                        "EMAIL": [{"VALUE": f"student{i}@bench.example", "VALUE_TYPE": "WORK"}],
                        UF["course"]: 1 + i % 5,
                    }
                )
            )
    opening_ids: list[int] = []
    for i in range(openings):
        pipeline = mapping.internships if i % 2 == 0 else mapping.vacancies
        opening_ids.append(
            person.add_deal(
                {
                    "TITLE": f"Opening {i}",
                    "CATEGORY_ID": pipeline.category_id,
                    "STAGE_ID": pipeline.stages["active"],
                    "COMPANY_ID": rng.choice(employers),
                    "COMMENTS": "Benchmark opening",
                    UF["slots"]: 1 + i % 5,
                    UF["city"]: rng.choice(CITIES),
                    UF["format"]: "office",
                    UF["skills"]: ", ".join(rng.sample(SKILLS, 3)),
                }
            )
        )
    made = 0
    statuses = list(mapping.applications.stages.values())
    while made < applications:
        # Student s applies to openings s, s+k, s+2k...: pairs never repeat while made < students × openings.
        student = students[made % len(students)]
        opening = opening_ids[(made // len(students) + made % len(students)) % len(opening_ids)]
        person.add_deal(
            {
                "TITLE": f"Application {made}",
                "CATEGORY_ID": mapping.applications.category_id,
                "STAGE_ID": statuses[made % len(statuses)],
                "CONTACT_ID": student,
                UF["opening"]: opening,
            }
        )
        made += 1
    return {"employers": len(employers), "students": len(students), "openings": openings, "applications": made}
