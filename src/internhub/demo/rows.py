"""Row generation: plain tuples in the column order of ``COLUMNS``, streamed in chunks.

Everything here is driven by one seeded ``random.Random`` and runs in a fixed order, so the same seed and
the same starting ids give the same rows. Faker is used once, to take its Russian name lists; each row is
then a handful of ``random`` calls, which is what makes millions of rows take seconds rather than minutes.
"""

from __future__ import annotations

import bisect
import itertools
import random
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from faker.providers.person.ru_RU import Provider as RussianNames

from internhub.companies.inn import make_inn
from internhub.demo import vocabulary as v
from internhub.models.openings import city_key_of
from internhub.openings import search

DAY = 86_400
CHUNK = 20_000

# Columns left out (deleted_at, bitrix24 ids, assignee, changed_by) stay NULL.
COLUMNS: dict[str, tuple[str, ...]] = {
    "universities": (
        "id", "workspace_id", "name", "short_name", "city", "contact_email", "created_at", "updated_at",
    ),
    "companies": (
        "id", "workspace_id", "name", "inn", "industry", "city", "website", "contact_name", "contact_email",
        "contact_phone", "created_at", "updated_at",
    ),
    "partnerships": (
        "id", "workspace_id", "university_id", "company_id", "agreement_number", "valid_from", "valid_to",
        "created_at", "updated_at",
    ),
    "students": (
        "id", "workspace_id", "university_id", "full_name", "email", "phone", "course", "specialty",
        "consent_version", "consent_at", "created_at", "updated_at",
    ),
    "student_skills": ("student_id", "skill"),
    "openings": (
        "id", "workspace_id", "company_id", "kind", "title", "description", "city", "format", "starts_on",
        "ends_on", "slots", "status", "created_at", "updated_at", "search_text", "city_key",
    ),
    "opening_skills": ("opening_id", "skill"),
    "applications": (
        "id", "workspace_id", "opening_id", "student_id", "status", "source", "cover_letter",
        "rejection_reason", "applied_at", "created_at", "updated_at",
    ),
    "application_status_history": (
        "id", "application_id", "from_status", "to_status", "actor", "source", "reason", "changed_at",
    ),
}  # fmt: skip
ID_TABLES = (
    "universities",
    "companies",
    "partnerships",
    "students",
    "openings",
    "applications",
    "application_status_history",
)

Rows = list[tuple[Any, ...]]
Batch = dict[str, Rows]  # table → rows; parents come before their children


@dataclass(frozen=True, slots=True)
class Encoding:
    """How a backend wants timestamps and dates: objects for asyncpg, SQLAlchemy's text format for SQLite."""

    timestamp: Callable[[int], Any]  # seconds since the epoch, UTC
    day: Callable[[date], Any]


@dataclass
class World:
    """What later phases need to know about the rows earlier phases made (indexes, not ids)."""

    rng: random.Random
    workspace_id: int
    now: int
    first_id: dict[str, int]
    encoding: Encoding
    taken_university_names: set[str] = field(default_factory=set)
    taken_inns: set[str] = field(default_factory=set)
    taken_emails: set[str] = field(default_factory=set)
    university_city: list[int] = field(default_factory=list)
    university_short: list[str] = field(default_factory=list)
    company_city: list[int] = field(default_factory=list)
    company_industry: list[int] = field(default_factory=list)
    company_name: list[str] = field(default_factory=list)
    company_contact: list[str] = field(default_factory=list)
    student_university: array = field(default_factory=lambda: array("i"))
    student_created: array = field(default_factory=lambda: array("q"))
    student_name: list[str] = field(default_factory=list)
    opening_created: array = field(default_factory=lambda: array("q"))
    opening_company: array = field(default_factory=lambda: array("i"))
    opening_slots: array = field(default_factory=lambda: array("i"))
    opening_open: list[bool] = field(default_factory=list)  # active, so still hiring
    opening_accepts: list[int] = field(default_factory=list)  # indexes of non-draft openings
    partnerships: int = 0
    student_skills: int = 0
    opening_skills: int = 0
    status_changes: int = 0

    def stamp(self, seconds: int) -> Any:
        return self.encoding.timestamp(seconds)

    def day(self, seconds: int) -> Any:
        return self.encoding.day(date.fromordinal(EPOCH_ORDINAL + seconds // DAY))


EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def _year(seconds: int) -> int:
    return date.fromordinal(EPOCH_ORDINAL + seconds // DAY).year


def _cumulative(weights: list[float] | tuple[float, ...]) -> list[float]:
    return list(itertools.accumulate(weights))


def _pick(rng: random.Random, cum_weights: list[float]) -> int:
    """Index of a weighted choice; ``random.choices`` without its per-call set-up."""
    # min(): rounding can make random() * total land exactly on the total.
    return min(bisect.bisect(cum_weights, rng.random() * cum_weights[-1]), len(cum_weights) - 1)


class NamePool:
    """Russian full names (Фамилия Имя Отчество) with both genders, from Faker's ru_RU lists."""

    def __init__(self) -> None:
        self.male = (RussianNames.last_names_male, RussianNames.first_names_male, RussianNames.middle_names_male)
        self.female = (
            RussianNames.last_names_female,
            RussianNames.first_names_female,
            RussianNames.middle_names_female,
        )
        self.latin = {name: v.translit(name) for names in (*self.male, *self.female) for name in names}

    def person(self, rng: random.Random) -> tuple[str, str, str]:
        last, first, middle = self.female if rng.random() < 0.52 else self.male
        return rng.choice(last), rng.choice(first), rng.choice(middle)


NAMES = NamePool()


def _phone(rng: random.Random) -> str:
    digits = f"{rng.randrange(10**9):09d}"
    return f"+7 9{digits[:2]} {digits[2:5]}-{digits[5:7]}-{digits[7:]}"


# --- universities -------------------------------------------------------------------------------


def _university_names(rng: random.Random) -> list[tuple[str, int]]:
    """Every name the patterns can make, in a random order that favours big cities (weighted shuffle)."""
    names = []
    for index, city in enumerate(v.CITIES):
        for pattern in v.UNIVERSITY_SINGLE_PATTERNS:
            names.append((pattern.format(city=city.adjective), index))
        for pattern in v.UNIVERSITY_PATTERNS:
            for subject in v.UNIVERSITY_FIELDS:
                names.append((pattern.format(city=city.adjective, field=subject), index))
    # Efraimidis–Spirakis: sorting by u^(1/w) is a weighted random permutation.
    keyed = [(rng.random() ** (1 / (v.CITIES[city].weight + 2)), name, city) for name, city in names]
    keyed.sort(reverse=True)
    return [(name, city) for _, name, city in keyed]


def universities(world: World, count: int) -> Iterator[tuple[Batch, int]]:
    rng, ws, first = world.rng, world.workspace_id, world.first_id["universities"]
    candidates = _university_names(rng)
    chosen: list[tuple[str, int]] = []
    for branch in itertools.count(1):
        for name, city in candidates:
            if len(chosen) == count:
                break
            full = name if branch == 1 else f"{name}, филиал № {branch}"
            if full not in world.taken_university_names:
                world.taken_university_names.add(full)
                chosen.append((full, city))
        if len(chosen) == count:
            break
    rows: Rows = []
    for offset, (name, city) in enumerate(chosen):
        short = v.abbreviation(name)
        created = world.now - rng.randrange(400 * DAY, 1000 * DAY)
        updated = created + rng.randrange(0, 300 * DAY)
        email = f"career@{v.translit(short)}.ru"
        stamp = world.stamp
        rows.append((first + offset, ws, name, short, v.CITIES[city].name, email, stamp(created), stamp(updated)))
        world.university_city.append(city)
        world.university_short.append(short)
        if len(rows) == CHUNK:
            yield {"universities": rows}, offset + 1
            rows = []
    yield {"universities": rows}, count


# --- companies and partnerships -----------------------------------------------------------------


def _company_name(rng: random.Random, industry: v.Industry) -> tuple[str, str]:
    """A legal name like 'ООО «ВолгаСофт Групп»' and the word the website is made from."""
    legal_forms, weights = zip(*v.LEGAL_FORMS, strict=True)
    form = rng.choices(legal_forms, weights)[0]
    style = rng.random()
    if style < 0.35:
        core = rng.choice(RussianNames.last_names_male)
        name = core if rng.random() < 0.6 else f"{core} и партнёры"
    elif style < 0.7:
        core = rng.choice(industry.name_roots) + rng.choice(v.COMPANY_NAME_ENDINGS).lower()
        name = f"{core} {rng.choice(v.COMPANY_NAME_ENDINGS)}" if rng.random() < 0.3 else core
    else:
        core = rng.choice(v.REGIONAL_PREFIXES) + rng.choice(industry.name_roots).lower()
        name = core
    return f"{form} «{name}»", v.translit(core)


def _inn(rng: random.Random, city: v.City, taken: set[str]) -> str:
    while True:
        inn = make_inn(f"{city.inn_region}{rng.randrange(1, 52):02d}{rng.randrange(100_000):05d}")
        if inn not in taken:
            taken.add(inn)
            return inn


def companies(world: World, count: int) -> Iterator[tuple[Batch, int]]:
    rng, ws, first, stamp = world.rng, world.workspace_id, world.first_id["companies"], world.stamp
    city_weights = _cumulative([city.weight for city in v.CITIES])
    industry_weights = _cumulative([industry.weight for industry in v.INDUSTRIES])
    rows: Rows = []
    for offset in range(count):
        city_index, industry_index = _pick(rng, city_weights), _pick(rng, industry_weights)
        city, industry = v.CITIES[city_index], v.INDUSTRIES[industry_index]
        name, latin = _company_name(rng, industry)
        domain = f"{latin}.{rng.choice(v.WEBSITE_ZONES)}"
        last, first_name, middle = NAMES.person(rng)
        contact = f"{last} {first_name} {middle}"
        created = world.now - rng.randrange(200 * DAY, 900 * DAY)
        updated = created + rng.randrange(0, 150 * DAY)
        rows.append(
            (
                first + offset,
                ws,
                name,
                _inn(rng, city, world.taken_inns),
                industry.name,
                city.name,
                f"https://{domain}",
                contact,
                f"hr@{domain}",
                _phone(rng),
                stamp(created),
                stamp(updated),
            )
        )
        world.company_city.append(city_index)
        world.company_industry.append(industry_index)
        world.company_name.append(name)
        world.company_contact.append(contact)
        if len(rows) == CHUNK:
            yield {"companies": rows}, offset + 1
            rows = []
    yield {"companies": rows}, count


def partnerships(world: World) -> Iterator[tuple[Batch, int]]:
    """Each company works with 0–3 universities, mostly from its own city."""
    rng, ws, first, stamp = world.rng, world.workspace_id, world.first_id["partnerships"], world.stamp
    universities_count = len(world.university_city)
    companies_count = len(world.company_city)
    if universities_count == 0:
        yield {"partnerships": []}, companies_count
        return
    by_city: dict[int, list[int]] = {}
    for index, city in enumerate(world.university_city):
        by_city.setdefault(city, []).append(index)
    rows: Rows = []
    for company in range(companies_count):
        wanted = min(rng.choices((0, 1, 2, 3), (25, 40, 23, 12))[0], universities_count)
        local = by_city.get(world.company_city[company], [])
        partners: set[int] = set()
        while len(partners) < wanted:
            pool = local if local and rng.random() < 0.7 else None
            partners.add(rng.choice(pool) if pool else rng.randrange(universities_count))
        for university in sorted(partners):
            identifier = first + world.partnerships
            world.partnerships += 1
            starts = world.now - rng.randrange(30 * DAY, 900 * DAY)
            ends = None if rng.random() < 0.2 else starts + rng.randrange(1, 6) * 365 * DAY
            rows.append(
                (
                    identifier,
                    ws,
                    world.first_id["universities"] + university,
                    world.first_id["companies"] + company,
                    f"ДС-{_year(starts)}/{identifier:06d}",
                    world.day(starts),
                    None if ends is None else world.day(ends),
                    stamp(starts),
                    stamp(starts + rng.randrange(0, 30 * DAY)),
                )
            )
        if len(rows) >= CHUNK:
            yield {"partnerships": rows}, company + 1
            rows = []
    yield {"partnerships": rows}, companies_count


# --- students -----------------------------------------------------------------------------------


def students(world: World, count: int) -> Iterator[tuple[Batch, int]]:
    rng, ws, first, stamp = world.rng, world.workspace_id, world.first_id["students"], world.stamp
    universities_count = len(world.university_city)
    if count == 0 or universities_count == 0:
        yield {"students": [], "student_skills": []}, count
        return
    # A few big universities and many small ones, as in life.
    university_weights = _cumulative([rng.paretovariate(1.2) for _ in range(universities_count)])
    specialties = list(v.SPECIALTIES)
    specialty_weights = _cumulative(v.SPECIALTY_WEIGHTS)
    skill_pools = [
        sorted({skill for group in v.SPECIALTIES[name] for skill in v.SKILL_GROUPS[group]}) for name in specialties
    ]
    course_weights = _cumulative((20, 21, 22, 21, 10, 6))
    used_local_parts: dict[str, int] = {}
    rows: Rows = []
    skill_rows: Rows = []
    for offset in range(count):
        identifier = first + offset
        university = _pick(rng, university_weights)
        last, first_name, middle = NAMES.person(rng)
        full_name = f"{last} {first_name} {middle}"
        email = _student_email(rng, last, first_name, used_local_parts, world.taken_emails)
        specialty = _pick(rng, specialty_weights)
        created = world.now - rng.randrange(20 * DAY, 730 * DAY)
        updated = created + rng.randrange(0, 60 * DAY)
        consent = rng.random() < 0.93
        rows.append(
            (
                identifier,
                ws,
                world.first_id["universities"] + university,
                full_name,
                email,
                _phone(rng) if rng.random() < 0.85 else None,
                _pick(rng, course_weights) + 1,
                specialties[specialty],
                "2024-1" if consent else None,
                stamp(created) if consent else None,
                stamp(created),
                stamp(min(updated, world.now)),
            )
        )
        pool = skill_pools[specialty]
        skills = rng.sample(pool, min(len(pool), rng.randrange(2, 6)))
        if rng.random() < 0.45:
            skills.append(v.LANGUAGES[0] if rng.random() < 0.85 else rng.choice(v.LANGUAGES[1:]))
        skill_rows.extend((identifier, skill) for skill in dict.fromkeys(skills))
        world.student_university.append(university)
        world.student_created.append(created)
        world.student_name.append(full_name)
        if len(rows) == CHUNK:
            world.student_skills += len(skill_rows)
            yield {"students": rows, "student_skills": skill_rows}, offset + 1
            rows, skill_rows = [], []
    world.student_skills += len(skill_rows)
    yield {"students": rows, "student_skills": skill_rows}, count


def _student_email(rng: random.Random, last: str, first: str, used: dict[str, int], taken: set[str]) -> str:
    """ivan.petrov@mail.ru, then ivan.petrov2@…: unique in the workspace without random retries."""
    domain = rng.choice(v.FREE_EMAIL_DOMAINS)
    base = f"{NAMES.latin[first]}.{NAMES.latin[last]}@{domain}"
    while True:
        seen = used.get(base, 0) + 1
        used[base] = seen
        local, _, host = base.partition("@")
        email = base if seen == 1 else f"{local}{seen}@{host}"
        if email not in taken:
            return email


# --- openings -----------------------------------------------------------------------------------

KIND_WEIGHTS = _cumulative((65, 35))
FORMATS = ("office", "hybrid", "remote")
FORMAT_WEIGHTS = _cumulative((55, 30, 15))
INTERNSHIP_SLOTS = (1, 2, 3, 5, 10)
INTERNSHIP_SLOT_WEIGHTS = _cumulative((25, 30, 25, 15, 5))
VACANCY_SLOTS = (1, 1, 1, 2, 3)


def _opening_status(rng: random.Random, age_days: float) -> str:
    if age_days > 180:
        return rng.choices(("completed", "closed", "active", "draft"), (45, 35, 17, 3))[0]
    if age_days > 60:
        return rng.choices(("active", "closed", "completed", "draft"), (60, 20, 12, 8))[0]
    return rng.choices(("active", "draft", "closed"), (80, 15, 5))[0]


def _description(rng: random.Random, company: str, who: str, city: str, role: v.Role, skills: list[str]) -> str:
    intro = rng.choice(v.DESCRIPTION_INTROS).format(company=company, who=who[0].lower() + who[1:])
    tasks = ", ".join(rng.sample(v.DESCRIPTION_TASKS[role.group], 2))
    offers = ", ".join(rng.sample(v.DESCRIPTION_OFFERS, 3))
    return (
        f"{intro} Город: {city}.\n\nЗадачи: {tasks}.\n\nОжидаем: {', '.join(skills)}; "
        f"желание учиться и работать в команде.\n\nПредлагаем: {offers}."
    )


def openings(world: World, count: int) -> Iterator[tuple[Batch, int]]:
    rng, ws, first, stamp = world.rng, world.workspace_id, world.first_id["openings"], world.stamp
    companies_count = len(world.company_city)
    if count == 0 or companies_count == 0:
        yield {"openings": [], "opening_skills": []}, count
        return
    company_weights = _cumulative([rng.paretovariate(1.1) for _ in range(companies_count)])
    rows: Rows = []
    skill_rows: Rows = []
    for offset in range(count):
        identifier = first + offset
        company = _pick(rng, company_weights)
        industry = v.INDUSTRIES[world.company_industry[company]]
        role = v.ROLES[rng.choice(industry.roles)]
        internship = _pick(rng, KIND_WEIGHTS) == 0
        title = role.internship if internship else role.vacancy
        city = v.CITIES[world.company_city[company]].name
        age = rng.randrange(1 * DAY, 365 * DAY)
        created = world.now - age
        status = _opening_status(rng, age / DAY)
        if offset == 0 and status == "draft":
            status = "active"  # so that even the smallest demo has an opening to apply to
        starts = created + rng.randrange(14, 60) * DAY
        ends = starts + rng.randrange(60, 180) * DAY if internship else None
        slots = INTERNSHIP_SLOTS[_pick(rng, INTERNSHIP_SLOT_WEIGHTS)] if internship else rng.choice(VACANCY_SLOTS)
        extra = [rng.choice(v.SKILL_GROUPS[role.group])] if rng.random() < 0.5 else []
        skills = list(dict.fromkeys([*role.skills, *extra]))
        description = _description(rng, world.company_name[company], title, city, role, skills)
        rows.append(
            (
                identifier,
                ws,
                world.first_id["companies"] + company,
                "internship" if internship else "vacancy",
                title,
                description,
                city,
                FORMATS[_pick(rng, FORMAT_WEIGHTS)],
                world.day(starts),
                None if ends is None else world.day(ends),
                slots,
                status,
                stamp(created),
                stamp(min(world.now, created + rng.randrange(0, 30 * DAY))),
                search.joined(title, city, world.company_name[company], skills),
                city_key_of(city),
            )
        )
        skill_rows.extend((identifier, skill) for skill in skills)
        world.opening_created.append(created)
        world.opening_company.append(company)
        world.opening_slots.append(slots)
        world.opening_open.append(status == "active")
        if status != "draft":
            world.opening_accepts.append(offset)
        if len(rows) == CHUNK:
            world.opening_skills += len(skill_rows)
            yield {"openings": rows, "opening_skills": skill_rows}, offset + 1
            rows, skill_rows = [], []
    world.opening_skills += len(skill_rows)
    yield {"openings": rows, "opening_skills": skill_rows}, count


# --- applications and their status history ------------------------------------------------------

SOURCES = ("portal", "university", "bitrix24", "import")
SOURCE_WEIGHTS = _cumulative((60, 25, 10, 5))
PIPELINE = ("new", "screening", "interview", "offer", "hired")
FINAL = frozenset(("hired", "rejected", "withdrawn"))
# At each stage: the chance to move on, to be rejected, to withdraw; the rest stay where they are.
MOVE_ON = (0.72, 0.45, 0.40, 0.75)
REJECT = (0.16, 0.40, 0.45, 0.05)
WITHDRAW = (0.04, 0.06, 0.07, 0.12)


def max_applications(world: World) -> int:
    return len(world.opening_accepts) * len(world.student_name)


def _plan_applications(world: World, count: int) -> tuple[array, array, array]:
    """Who applies where and when, sorted by time so that ids grow with applied_at as in real life.

    Popular openings draw many applicants; each opening's applicants are a sample without replacement,
    so (opening, student) pairs are unique by construction rather than by a set of millions of pairs.
    """
    rng = world.rng
    accepting = world.opening_accepts
    students_count = len(world.student_name)
    weights = [rng.paretovariate(1.3) for _ in accepting]
    total = sum(weights)
    per_opening = [min(students_count, int(count * weight / total)) for weight in weights]
    missing = count - sum(per_opening)
    while missing > 0:  # rounding and capping left some over: hand them out one by one
        slot = rng.randrange(len(accepting))
        if per_opening[slot] < students_count:
            per_opening[slot] += 1
            missing -= 1
    opening_of = array("i")
    student_of = array("i")
    applied_at = array("q")
    now = world.now
    for slot, how_many in enumerate(per_opening):
        opening = accepting[slot]
        opened = world.opening_created[opening]
        for student in rng.sample(range(students_count), how_many):
            start = max(opened, world.student_created[student])
            # Most people apply in the first weeks after an opening is published.
            delay = int(rng.expovariate(1 / (12 * DAY)))
            if start + delay >= now:
                delay = int(rng.random() * (now - start))
            opening_of.append(opening)
            student_of.append(student)
            applied_at.append(start + delay)
    order = sorted(range(len(applied_at)), key=applied_at.__getitem__)
    return (
        array("i", (opening_of[i] for i in order)),
        array("i", (student_of[i] for i in order)),
        array("q", (applied_at[i] for i in order)),
    )


def applications(world: World, count: int) -> Iterator[tuple[Batch, int]]:
    rng, ws, stamp, now = world.rng, world.workspace_id, world.stamp, world.now
    count = min(count, max_applications(world))
    if count == 0:
        yield {"applications": [], "application_status_history": []}, 0
        return
    opening_of, student_of, applied_at = _plan_applications(world, count)
    first_application = world.first_id["applications"]
    next_change = world.first_id["application_status_history"]
    first_opening, first_student = world.first_id["openings"], world.first_id["students"]
    hired = [0] * len(world.opening_slots)
    rows: Rows = []
    history: Rows = []
    for index in range(count):
        identifier = first_application + index
        opening, student, applied = opening_of[index], student_of[index], applied_at[index]
        source = SOURCES[_pick(rng, SOURCE_WEIGHTS)]
        if source == "university":
            first_actor = f"Центр карьеры {world.university_short[world.student_university[student]]}"
        elif source == "portal":
            first_actor = world.student_name[student]
        else:
            first_actor = "Bitrix24" if source == "bitrix24" else "Импорт из CSV"
        recruiter = world.company_contact[world.opening_company[opening]]
        later_source = "bitrix24" if source == "bitrix24" else "portal"
        history.append((next_change, identifier, None, "new", first_actor, source, None, stamp(applied)))
        next_change += 1
        stage, status, reason, moment = 0, "new", None, applied
        while stage < 4:
            step = moment + int(rng.expovariate(1 / (4 * DAY))) + 3600
            if step >= now:
                break
            moment, roll = step, rng.random()
            if roll < MOVE_ON[stage]:
                stage += 1
                status = PIPELINE[stage]
                if status == "hired":
                    if hired[opening] >= world.opening_slots[opening]:
                        status, reason = "rejected", v.NO_PLACES_LEFT
                    else:
                        hired[opening] += 1
            elif roll < MOVE_ON[stage] + REJECT[stage]:
                status, reason = "rejected", rng.choice(v.REJECTION_REASONS)
            elif roll < MOVE_ON[stage] + REJECT[stage] + WITHDRAW[stage]:
                status = "withdrawn"
            else:
                break
            actor = world.student_name[student] if status == "withdrawn" else recruiter
            change_source = "portal" if status == "withdrawn" else later_source
            history.append(
                (next_change, identifier, history[-1][3], status, actor, change_source, reason, stamp(moment))
            )
            next_change += 1
            if status in FINAL:
                break
        if status not in FINAL and not world.opening_open[opening] and rng.random() < 0.75:
            # The opening was closed: most of those still in the pipeline hear "no" when hiring ends.
            closing = moment + int(rng.expovariate(1 / (10 * DAY))) + 3600
            moment = closing if closing < now else moment + (now - moment) // 2
            reason = v.HIRING_CLOSED
            history.append(
                (next_change, identifier, status, "rejected", recruiter, later_source, reason, stamp(moment))
            )
            next_change += 1
            status = "rejected"
        cover = rng.choice(v.COVER_LETTERS) if rng.random() < 0.3 else None
        rows.append(
            (
                identifier,
                ws,
                first_opening + opening,
                first_student + student,
                status,
                source,
                cover,
                reason if status == "rejected" else None,
                stamp(applied),
                stamp(applied),
                stamp(moment),
            )
        )
        if len(rows) == CHUNK:
            world.status_changes += len(history)
            yield {"applications": rows, "application_status_history": history}, index + 1
            rows, history = [], []
    world.status_changes += len(history)
    yield {"applications": rows, "application_status_history": history}, count
