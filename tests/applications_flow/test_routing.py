"""Routing rules: every condition and action, the order they are checked in, the default, explain, re-routing."""

from __future__ import annotations

import pytest

from tests.applications_flow.conftest import public_apply, world
from tests.factories import Tenant, problem


async def user(tenant: Tenant, role: str = "manager") -> int:
    from tests.factories import PASSWORD, unique

    return (await tenant.create("/users", email=f"{unique(role)}@example.ru", password=PASSWORD, role=role))["id"]


async def rule(tenant: Tenant, name: str, conditions: dict, actions: dict, **extra) -> dict:
    return await tenant.create("/routing/rules", name=name, conditions=conditions, actions=actions, **extra)


async def routed(tenant: Tenant, application_id: int) -> dict:
    response = await tenant.client.post("/api/v1/routing/explain", json={"application_id": application_id})
    assert response.status_code == 200, response.text
    return response.json()


async def apply(tenant: Tenant, opening_id: int, student_id: int) -> dict:
    return await tenant.application(opening_id, student_id)


CONDITIONS = [
    ("opening_kinds", ["vacancy"], ["internship"]),
    ("company_ids", "other-company", "company"),
    ("university_ids", "other-university", "university"),
    ("course_min", 4, 3),
    ("course_max", 2, 3),
    ("specialties", ["Физика"], ["прикладная  ИНФОРМАТИКА"]),
    ("skills", ["go", "rust"], ["python", "go"]),
    ("cities", ["Москва"], ["казань"]),
    ("formats", ["remote"], ["office"]),
    ("sources", ["import"], ["portal"]),
]


@pytest.mark.parametrize(("condition", "miss", "hit"), CONDITIONS, ids=[c[0] for c in CONDITIONS])
async def test_each_condition_decides_whether_a_rule_matches(tenant: Tenant, condition, miss, hit) -> None:
    w = await world(tenant, city="Казань", format="office")
    other_company, other_university = await tenant.company(), await tenant.university()
    names = {
        "company": [w["company"]["id"]],
        "other-company": [other_company["id"]],
        "university": [w["university"]["id"]],
        "other-university": [other_university["id"]],
    }
    student = await tenant.student(w["university"]["id"], course=3, specialty="Прикладная информатика")
    manager = await user(tenant)
    value = lambda v: names[v] if isinstance(v, str) else v  # noqa: E731
    missing = await rule(tenant, "не подходит", {condition: value(miss)}, {"assignee_id": manager})
    matching = await rule(tenant, "подходит", {condition: value(hit)}, {"assignee_id": manager})

    application = await apply(tenant, w["opening"]["id"], student["id"])
    explained = await routed(tenant, application["id"])

    assert application["assignee_id"] == manager
    assert explained["matched_rule_id"] == matching["id"]
    first = next(s for s in explained["steps"] if s["rule_id"] == missing["id"])
    assert not first["matched"] and len(first["reasons"]) == len(first["causes"]) == 1
    codes = {"course_min": "course_below", "course_max": "course_above", "skills": "skills_short"}
    assert first["causes"][0]["code"] == codes.get(condition, "not_listed")
    singular = {"company_ids": "company", "university_ids": "university", "specialties": "specialty", "cities": "city"}
    if condition not in codes:  # the condition it names: opening_kinds -> opening_kind
        assert first["causes"][0]["values"]["condition"] == singular.get(condition, condition.removesuffix("s"))
    assert [s["chosen"] for s in explained["steps"]] == [False, True, False]


async def test_skills_overlap_counts_and_the_first_match_wins(tenant: Tenant) -> None:
    w = await world(tenant)
    student = await tenant.student(w["university"]["id"], skills=["python", "sql"])
    first, second = await user(tenant), await user(tenant)
    strict = await rule(tenant, "строгое", {"skills": ["python", "sql", "go"], "skills_min_overlap": 3}, {})
    broad = await rule(
        tenant, "широкое", {"skills": ["python", "sql", "go"], "skills_min_overlap": 2}, {"assignee_id": first}
    )
    later = await rule(tenant, "позже", {}, {"assignee_id": second})

    application = await apply(tenant, w["opening"]["id"], student["id"])
    explained = await routed(tenant, application["id"])

    steps = {s["rule_id"]: s for s in explained["steps"]}
    assert explained["matched_rule_id"] == broad["id"] and application["assignee_id"] == first
    assert "has 2 of the skills" in steps[strict["id"]]["reasons"][0]
    assert steps[strict["id"]]["causes"] == [
        {"code": "skills_short", "values": {"overlap": 2, "skills": ["go", "python", "sql"], "needed": 3}}
    ]
    assert steps[later["id"]]["matched"] and steps[later["id"]]["reasons"] == ["an earlier rule matched first: широкое"]
    assert steps[later["id"]]["causes"] == [{"code": "earlier_match", "values": {"rule": "широкое"}}]


async def test_the_default_rule_always_applies_last_and_cannot_be_removed(tenant: Tenant) -> None:
    w = await world(tenant)
    student = await tenant.student(w["university"]["id"])
    rules = (await tenant.client.get("/api/v1/routing/rules")).json()
    assert [(r["name"], r["is_default"]) for r in rules] == [("По умолчанию", True)]
    default = rules[0]
    manager = await user(tenant)
    await tenant.client.patch(
        f"/api/v1/routing/rules/{default['id']}", json={"actions": {"assignee_id": manager, "tags": ["общий"]}}
    )
    never = await rule(tenant, "никогда", {"course_min": 6}, {}, enabled=True)
    off = await rule(tenant, "выключено", {}, {"assignee_id": manager}, enabled=False)

    application = await apply(tenant, w["opening"]["id"], student["id"])
    explained = await routed(tenant, application["id"])

    assert explained["matched_rule_id"] == default["id"] and application["assignee_id"] == manager
    assert explained["current"]["tags"] == ["общий"] and explained["current"]["rule_name"] == "По умолчанию"
    assert next(s for s in explained["steps"] if s["rule_id"] == off["id"])["reasons"][0] == "the rule is disabled"
    assert next(s for s in explained["steps"] if s["rule_id"] == off["id"])["causes"][0]["code"] == "disabled"
    course = {"code": "course_below", "values": {"course": 3, "min": 6}}
    assert next(s for s in explained["steps"] if s["rule_id"] == never["id"])["causes"] == [course]
    assert explained["steps"][-1]["rule_id"] == default["id"] and never["id"] in [
        s["rule_id"] for s in explained["steps"]
    ]
    problem(await tenant.client.delete(f"/api/v1/routing/rules/{default['id']}"), 409)
    problem(
        await tenant.client.patch(f"/api/v1/routing/rules/{default['id']}", json={"conditions": {"course_min": 2}}), 409
    )
    problem(await tenant.client.patch(f"/api/v1/routing/rules/{default['id']}", json={"enabled": False}), 409)


async def test_rules_are_ordered_by_position_and_can_be_moved(tenant: Tenant) -> None:
    a = await rule(tenant, "A", {}, {})
    b = await rule(tenant, "B", {}, {})
    c = await rule(tenant, "C", {}, {}, position=1)
    names = lambda rules: [r["name"] for r in rules]  # noqa: E731
    assert names((await tenant.client.get("/api/v1/routing/rules")).json()) == ["C", "A", "B", "По умолчанию"]
    await tenant.client.patch(f"/api/v1/routing/rules/{b['id']}", json={"position": 1})
    assert names((await tenant.client.get("/api/v1/routing/rules")).json()) == ["B", "C", "A", "По умолчанию"]
    assert (await tenant.client.delete(f"/api/v1/routing/rules/{a['id']}")).status_code == 204
    assert c["id"] in [r["id"] for r in (await tenant.client.get("/api/v1/routing/rules")).json()]


async def test_rule_input_is_checked(tenant: Tenant, other_tenant: Tenant) -> None:
    stranger = await user(other_tenant)
    bad = [
        ({"name": "x", "actions": {"assignee_id": stranger}}, 422),
        ({"name": "x", "actions": {"assignee_id": 1, "team_id": 1}}, 422),
        ({"name": "x", "actions": {"team_id": 999999}}, 422),
        ({"name": "x", "conditions": {"course_min": 5, "course_max": 2}}, 422),
        ({"name": "x", "conditions": {"colour": ["red"]}}, 422),
        ({"name": "x", "actions": {"bitrix24_category_id": 7}}, 409),  # no portal connected
    ]
    for body, status in bad:
        problem(await tenant.client.post("/api/v1/routing/rules", json=body), status)
    recruiter = await tenant.sign_in_as("recruiter", company_id=(await tenant.company())["id"])
    problem(await recruiter.get("/api/v1/routing/rules"), 403)
    problem(await tenant.client.get("/api/v1/routing/rules/999999"), 404)


async def test_a_team_shares_applications_round_robin_or_by_load(tenant: Tenant) -> None:
    w = await world(tenant, slots=20)
    members = sorted([await user(tenant), await user(tenant), await user(tenant)])
    team = await tenant.create("/routing/teams", name="Отбор", strategy="round_robin", member_ids=members)
    await rule(tenant, "команда", {}, {"team_id": team["id"]})
    students = [await tenant.student(w["university"]["id"]) for _ in range(4)]

    turns = [(await apply(tenant, w["opening"]["id"], s["id"]))["assignee_id"] for s in students]
    assert turns == [*members, members[0]]
    problem(await tenant.client.delete(f"/api/v1/routing/teams/{team['id']}"), 409)

    await tenant.client.patch(f"/api/v1/routing/teams/{team['id']}", json={"strategy": "least_loaded"})
    other = await tenant.opening(w["company"]["id"], slots=20)
    # members[0] holds two open applications, the others one each: the next two go to members[1] and [2].
    nxt = [(await apply(tenant, other["id"], s["id"]))["assignee_id"] for s in students[:2]]
    assert nxt == [members[1], members[2]]
    explained = await routed(tenant, (await apply(tenant, other["id"], students[2]["id"]))["id"])
    assert explained["result"]["team_id"] == team["id"] and explained["result"]["assignee_id"] in members


async def test_changing_the_opening_routes_again(tenant: Tenant) -> None:
    w = await world(tenant)
    vacancy = await tenant.opening(w["company"]["id"], kind="vacancy")
    interns, hires = await user(tenant), await user(tenant)
    await rule(tenant, "стажировки", {"opening_kinds": ["internship"]}, {"assignee_id": interns, "tags": ["intern"]})
    await rule(tenant, "вакансии", {"opening_kinds": ["vacancy"]}, {"assignee_id": hires, "tags": ["hire"]})
    student = await tenant.student(w["university"]["id"])
    application = await apply(tenant, w["opening"]["id"], student["id"])
    assert application["assignee_id"] == interns

    moved = await tenant.client.patch(f"/api/v1/applications/{application['id']}", json={"opening_id": vacancy["id"]})

    assert moved.status_code == 200 and moved.json()["assignee_id"] == hires
    assert (await routed(tenant, application["id"]))["current"]["tags"] == ["hire"]


async def test_public_applications_are_routed_by_source(tenant: Tenant) -> None:
    w = await world(tenant)
    manager = await user(tenant)
    await rule(tenant, "с сайта", {"sources": ["portal"]}, {"assignee_id": manager})
    created = await public_apply(tenant, w["opening"]["id"], university_id=w["university"]["id"])
    application = (await tenant.client.get(f"/api/v1/applications/{created.json()['id']}")).json()
    assert application["assignee_id"] == manager
