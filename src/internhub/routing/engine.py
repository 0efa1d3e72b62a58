"""The routing decision itself: pure, no database, so it is cheap to run, to explain and to measure.

Rules are checked in position order; the first enabled rule whose every condition holds decides. The
default rule has no conditions and comes last, so there is always a decision.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Facts:
    """What the rules look at, gathered from the application, its opening and its student."""

    opening_kind: str
    company_id: int
    university_id: int
    course: int
    specialty: str | None
    skills: frozenset[str]
    city: str | None
    format: str
    source: str


def _folded(values: Iterable[str]) -> frozenset[str]:
    return frozenset(" ".join(v.lower().split()) for v in values)


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """A rule's conditions as sets, built once per load: checking 200 rules is then a few set lookups each."""

    id: int
    name: str
    position: int
    enabled: bool
    is_default: bool
    actions: dict[str, Any]
    opening_kinds: frozenset[str]
    company_ids: frozenset[int]
    university_ids: frozenset[int]
    course_min: int | None
    course_max: int | None
    specialties: frozenset[str]
    skills: frozenset[str]
    skills_min_overlap: int
    cities: frozenset[str]
    formats: frozenset[str]
    sources: frozenset[str]

    @classmethod
    def of(cls, rule: Any) -> CompiledRule:
        c = rule.conditions or {}
        return cls(
            id=rule.id,
            name=rule.name,
            position=rule.position,
            enabled=rule.enabled,
            is_default=rule.is_default,
            actions=dict(rule.actions or {}),
            opening_kinds=frozenset(c.get("opening_kinds") or ()),
            company_ids=frozenset(c.get("company_ids") or ()),
            university_ids=frozenset(c.get("university_ids") or ()),
            course_min=c.get("course_min"),
            course_max=c.get("course_max"),
            specialties=_folded(c.get("specialties") or ()),
            skills=frozenset(c.get("skills") or ()),
            skills_min_overlap=c.get("skills_min_overlap") or 1,
            cities=_folded(c.get("cities") or ()),
            formats=frozenset(c.get("formats") or ()),
            sources=frozenset(c.get("sources") or ()),
        )

    def failures(self, facts: Facts, first_only: bool = False) -> list[Reason]:
        """Why this rule does not match ``facts`` (empty when it does)."""
        failed: list[Reason] = []

        def fail(reason: Reason) -> bool:
            failed.append(reason)
            return first_only

        def listed(values: frozenset, value: Any, condition: str, shown: Any = None) -> bool:
            if not values or value in values:
                return False
            return fail(Reason("not_listed", {"condition": condition, "value": shown or value, "allowed": values}))

        if listed(self.opening_kinds, facts.opening_kind, "opening_kind"):
            return failed
        if listed(self.company_ids, facts.company_id, "company"):
            return failed
        if listed(self.university_ids, facts.university_id, "university"):
            return failed
        below = self.course_min is not None and facts.course < self.course_min
        if below and fail(Reason("course_below", {"course": facts.course, "min": self.course_min})):
            return failed
        above = self.course_max is not None and facts.course > self.course_max
        if above and fail(Reason("course_above", {"course": facts.course, "max": self.course_max})):
            return failed
        specialty = " ".join((facts.specialty or "").lower().split())
        if listed(self.specialties, specialty, "specialty", facts.specialty):
            return failed
        if self.skills:
            overlap = len(self.skills & facts.skills)
            if overlap < self.skills_min_overlap:
                values = {"overlap": overlap, "skills": self.skills, "needed": self.skills_min_overlap}
                if fail(Reason("skills_short", values)):
                    return failed
        city = " ".join((facts.city or "").lower().split())
        if listed(self.cities, city, "city", facts.city):
            return failed
        if listed(self.formats, facts.format, "format"):
            return failed
        listed(self.sources, facts.source, "source")
        return failed


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a rule does not decide: a code and its values, for a screen to word in its own language, and
    ``text`` in English for everyone else. Worded only when asked: a decision checks rules, it shows none."""

    code: str
    values: dict[str, Any]

    @property
    def text(self) -> str:
        v = self.values
        if self.code == "not_listed":
            shown = "(none)" if v["value"] is None or v["value"] == "" else v["value"]
            return f"{v['condition'].replace('_', ' ')} {shown!s} is not one of {_show(v['allowed'])}"
        if self.code == "course_below":
            return f"course {v['course']} is below {v['min']}"
        if self.code == "course_above":
            return f"course {v['course']} is above {v['max']}"
        if self.code == "skills_short":
            return f"the student has {v['overlap']} of the skills {_show(v['skills'])}, needs {v['needed']}"
        if self.code == "earlier_match":
            return f"an earlier rule matched first: {v['rule']}"
        return "the rule is disabled"

    def plain_values(self) -> dict[str, Any]:
        """The values as JSON has them: sets as sorted lists."""
        return {k: _sorted(v) if isinstance(v, frozenset) else v for k, v in self.values.items()}


def _sorted(values: frozenset) -> list[Any]:
    return sorted(values, key=str)


def _show(values: frozenset) -> str:
    return ", ".join(str(v) for v in _sorted(values))


def ordered(rules: Iterable[CompiledRule]) -> list[CompiledRule]:
    """Position order, the default rule always last."""
    return sorted(rules, key=lambda r: (r.is_default, r.position, r.id))


def decide(rules: Sequence[CompiledRule], facts: Facts) -> CompiledRule | None:
    """The first enabled rule that matches (``rules`` already ``ordered``)."""
    for rule in rules:
        if (rule.enabled or rule.is_default) and not rule.failures(facts, first_only=True):
            return rule
    return None


@dataclass(frozen=True, slots=True)
class StepResult:
    rule: CompiledRule
    matched: bool
    chosen: bool
    reasons: list[Reason]


def explain(rules: Sequence[CompiledRule], facts: Facts) -> tuple[CompiledRule | None, list[StepResult]]:
    """Every rule with its verdict and reasons, and the one that decides."""
    steps: list[StepResult] = []
    chosen: CompiledRule | None = None
    for rule in rules:
        reasons = rule.failures(facts)
        matched = not reasons
        if not (rule.enabled or rule.is_default):
            reasons = [Reason("disabled", {}), *reasons]
            matched = False
        elif matched and chosen is not None:
            reasons = [Reason("earlier_match", {"rule": chosen.name})]
        is_chosen = matched and chosen is None
        if is_chosen:
            chosen = rule
        steps.append(StepResult(rule, matched, is_chosen, reasons))
    return chosen, steps
