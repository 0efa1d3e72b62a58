"""Routing rules and teams (staff edit them), and routing an application: rule, assignee, pipeline, tags."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.auth.principal import Principal
from internhub.common.crud import one_or_404
from internhub.common.upsert import insert_for
from internhub.errors import Conflict, Unprocessable
from internhub.models import (
    Application,
    ApplicationRoute,
    ApplicationStatus,
    Opening,
    RoutingRule,
    Student,
    Team,
    TeamMember,
    TeamStrategy,
    User,
    utcnow,
)
from internhub.routing import engine, pipelines
from internhub.routing.engine import CompiledRule, Facts
from internhub.routing.schemas import Actions, Explanation, RuleIn, RulePatch, TeamIn, TeamPatch

DEFAULT_POSITION = 1_000_000_000
OPEN = ("new", "screening", "interview", "offer")
# A rule may start an application further along the pipeline, never at an end of it.
START_STATUSES = {ApplicationStatus.new, ApplicationStatus.screening, ApplicationStatus.interview}


# --- rules ----------------------------------------------------------------------------------------


async def ensure_default(session: AsyncSession, workspace_id: int) -> None:
    """Every workspace has a default rule; the first routing or listing creates it (once, even when two
    requests race: the partial unique index and ON CONFLICT DO NOTHING settle it without an error)."""
    stmt = select(RoutingRule.id).where(RoutingRule.workspace_id == workspace_id, RoutingRule.is_default)
    if await session.scalar(stmt) is not None:
        return
    now = utcnow()
    await session.execute(
        insert_for(session.get_bind().dialect.name, RoutingRule.__table__)
        .values(
            workspace_id=workspace_id,
            name="По умолчанию",
            position=DEFAULT_POSITION,
            is_default=True,
            enabled=True,
            conditions={},
            actions={},
            created_at=now,
            updated_at=now,
        )
        .on_conflict_do_nothing(index_elements=["workspace_id"], index_where=RoutingRule.is_default)
    )


def _rules(workspace_id: int):
    return select(RoutingRule).where(RoutingRule.workspace_id == workspace_id)


async def list_rules(session: AsyncSession, workspace_id: int) -> list[RoutingRule]:
    await ensure_default(session, workspace_id)
    rows = await session.scalars(
        _rules(workspace_id).order_by(RoutingRule.is_default, RoutingRule.position, RoutingRule.id)
    )
    return list(rows)


async def compiled_rules(session: AsyncSession, workspace_id: int) -> list[CompiledRule]:
    """The rules, ready to decide with: plain rows (no ORM objects to track), compiled once per routing."""
    await ensure_default(session, workspace_id)
    columns = [getattr(RoutingRule, name) for name in ("id", "name", "position", "enabled", "is_default")]
    rows = await session.execute(
        select(*columns, RoutingRule.conditions, RoutingRule.actions).where(RoutingRule.workspace_id == workspace_id)
    )
    return engine.ordered(CompiledRule.of(row) for row in rows)


async def get_rule(session: AsyncSession, principal: Principal, rule_id: int) -> RoutingRule:
    stmt = _rules(principal.workspace_id).where(RoutingRule.id == rule_id)
    return await one_or_404(session, stmt, "Routing rule")


async def _check_users(session: AsyncSession, workspace_id: int, user_ids: set[int], what: str) -> None:
    if not user_ids:
        return
    found = set(
        await session.scalars(
            select(User.id).where(User.id.in_(user_ids), User.workspace_id == workspace_id, User.is_active)
        )
    )
    if missing := sorted(user_ids - found):
        raise Unprocessable(
            f"The {what} must be active users of this workspace.", unknown_ids=missing, code="users_unknown"
        )


async def _check_actions(session: AsyncSession, workspace_id: int, actions: Actions) -> None:
    assignee = set() if actions.assignee_id is None else {actions.assignee_id}
    await _check_users(session, workspace_id, assignee, "assignee")
    await _check_users(session, workspace_id, set(actions.notify_user_ids), "users to notify")
    if actions.team_id is not None:
        team = await session.scalar(
            select(Team.id).where(Team.id == actions.team_id, Team.workspace_id == workspace_id)
        )
        if team is None:
            raise Unprocessable("The team is not a team of this workspace.", code="team_unknown")
    if actions.bitrix24_category_id is None and actions.bitrix24_stage_id is None:
        return
    mapping = await pipelines.of_workspace(session, workspace_id)
    if mapping is None:
        raise Conflict(
            "Connect a Bitrix24 portal before routing to its pipelines or stages.", code="portal_not_connected"
        )
    pipeline = mapping.application_pipeline(actions.bitrix24_category_id)
    if pipeline is None:
        known = mapping.application_pipeline_ids()
        raise Unprocessable(
            f"Pipeline {actions.bitrix24_category_id} is not an applications pipeline of the Bitrix24 mapping.",
            allowed=known,
            code="pipeline_unknown",
        )
    if actions.bitrix24_stage_id is not None:
        status = pipelines.status_of_stage(pipeline, actions.bitrix24_stage_id)
        if status not in START_STATUSES:
            allowed = [stage for status, stage in pipeline.stages.items() if status in START_STATUSES]
            raise Unprocessable(
                f"Stage {actions.bitrix24_stage_id} is not a starting stage of pipeline {pipeline.category_id}.",
                allowed=allowed,
                code="stage_unknown",
            )


async def _make_room(session: AsyncSession, workspace_id: int, position: int, exclude: int | None = None) -> None:
    """Shift the rules at ``position`` and after down by one, so a rule can be put exactly there."""
    stmt = (
        update(RoutingRule)
        .where(RoutingRule.workspace_id == workspace_id, RoutingRule.position >= position, ~RoutingRule.is_default)
        .values(position=RoutingRule.position + 1)
        .execution_options(synchronize_session=False)
    )
    if exclude is not None:
        stmt = stmt.where(RoutingRule.id != exclude)
    await session.execute(stmt)


async def _next_position(session: AsyncSession, workspace_id: int) -> int:
    last = await session.scalar(
        select(func.max(RoutingRule.position)).where(RoutingRule.workspace_id == workspace_id, ~RoutingRule.is_default)
    )
    return (last or 0) + 1


async def create_rule(session: AsyncSession, principal: Principal, body: RuleIn) -> RoutingRule:
    values = body.model_dump(mode="json")
    workspace_id = principal.workspace_id
    await ensure_default(session, workspace_id)
    await _check_actions(session, workspace_id, Actions.model_validate(values["actions"]))
    position = values.pop("position") or await _next_position(session, workspace_id)
    await _make_room(session, workspace_id, position)
    rule = RoutingRule(workspace_id=workspace_id, position=position, is_default=False, **values)
    session.add(rule)
    await session.flush()
    await session.refresh(rule)
    return rule


async def update_rule(session: AsyncSession, principal: Principal, rule_id: int, patch: RulePatch) -> RoutingRule:
    values = patch.model_dump(mode="json", exclude_unset=True)
    rule = await get_rule(session, principal, rule_id)
    if rule.is_default and ({"position", "conditions"} & values.keys() or values.get("enabled") is False):
        raise Conflict(
            "The default rule always applies last and without conditions; change its actions or name.",
            code="default_rule_fixed",
        )
    if "actions" in values:
        await _check_actions(session, principal.workspace_id, Actions.model_validate(values["actions"]))
    if "position" in values and values["position"] != rule.position:
        await _make_room(session, principal.workspace_id, values["position"], exclude=rule.id)
    for name, value in values.items():
        setattr(rule, name, value)
    await session.flush()
    await session.refresh(rule)
    return rule


async def delete_rule(session: AsyncSession, principal: Principal, rule_id: int) -> None:
    rule = await get_rule(session, principal, rule_id)
    if rule.is_default:
        raise Conflict("The default rule cannot be removed; change its actions instead.", code="default_rule_kept")
    await session.delete(rule)
    await session.flush()


# --- teams ----------------------------------------------------------------------------------------


def _teams(workspace_id: int):
    return select(Team).where(Team.workspace_id == workspace_id)


async def list_teams(session: AsyncSession, principal: Principal) -> list[Team]:
    return list(await session.scalars(_teams(principal.workspace_id).order_by(Team.name)))


async def get_team(session: AsyncSession, principal: Principal, team_id: int) -> Team:
    return await one_or_404(session, _teams(principal.workspace_id).where(Team.id == team_id), "Team")


async def _check_team_name(session: AsyncSession, workspace_id: int, name: str, exclude: int | None) -> None:
    stmt = select(Team.id).where(Team.workspace_id == workspace_id, Team.name == name)
    if exclude is not None:
        stmt = stmt.where(Team.id != exclude)
    if (existing := await session.scalar(stmt)) is not None:
        raise Conflict(f"A team named {name} already exists.", existing_id=existing, code="team_name_taken")


async def create_team(session: AsyncSession, principal: Principal, body: TeamIn) -> Team:
    values = body.model_dump()
    members = sorted(set(values.pop("member_ids")))
    await _check_users(session, principal.workspace_id, set(members), "team members")
    await _check_team_name(session, principal.workspace_id, values["name"], None)
    team = Team(workspace_id=principal.workspace_id, member_rows=[TeamMember(user_id=u) for u in members], **values)
    session.add(team)
    await session.flush()
    return team


async def update_team(session: AsyncSession, principal: Principal, team_id: int, patch: TeamPatch) -> Team:
    values = patch.model_dump(exclude_unset=True)
    team = await get_team(session, principal, team_id)
    if "name" in values:
        await _check_team_name(session, principal.workspace_id, values["name"], team.id)
    if (members := values.pop("member_ids", None)) is not None:
        members = sorted(set(members))
        await _check_users(session, principal.workspace_id, set(members), "team members")
        keep = {row.user_id: row for row in team.member_rows}
        team.member_rows = [keep.get(u) or TeamMember(user_id=u) for u in members]
    for name, value in values.items():
        setattr(team, name, value)
    await session.flush()
    return team


async def delete_team(session: AsyncSession, principal: Principal, team_id: int) -> None:
    team = await get_team(session, principal, team_id)
    rules = await session.scalars(_rules(principal.workspace_id))
    in_use = next((rule.name for rule in rules if (rule.actions or {}).get("team_id") == team.id), None)
    if in_use is not None:
        raise Conflict(f"The team is used by the routing rule {in_use!r}.", code="team_in_use")
    await session.delete(team)
    await session.flush()


async def _open_load(session: AsyncSession, user_ids: list[int]) -> dict[int, int]:
    rows = await session.execute(
        select(Application.assignee_id, func.count())
        .where(Application.assignee_id.in_(user_ids), Application.status.in_(OPEN), Application.deleted_at.is_(None))
        .group_by(Application.assignee_id)
    )
    return {user_id: count for user_id, count in rows if user_id is not None}


async def _active_members(session: AsyncSession, team: Team) -> list[int]:
    if not team.member_ids:
        return []
    active = await session.scalars(select(User.id).where(User.id.in_(team.member_ids), User.is_active))
    return sorted(active)


async def pick_member(session: AsyncSession, team_id: int, advance: bool) -> int | None:
    """Who in the team gets the next application. ``advance`` moves the round-robin turn (routing does;
    an explanation only looks)."""
    stmt = select(Team).where(Team.id == team_id)
    if advance:
        # Concurrent applications must not get the same turn: the team row is the turn's lock.
        stmt = stmt.with_for_update(of=Team)
    team = await session.scalar(stmt)
    if team is None:
        return None
    members = await _active_members(session, team)
    if not members:
        return None
    if team.strategy == TeamStrategy.least_loaded:
        load = await _open_load(session, members)
        chosen = min(members, key=lambda user_id: (load.get(user_id, 0), user_id))
    else:
        later = [user_id for user_id in members if team.last_user_id is None or user_id > team.last_user_id]
        chosen = later[0] if later else members[0]
    if advance:
        team.last_user_id = chosen
    return chosen


# --- routing an application -------------------------------------------------------------------------


async def facts_for(session: AsyncSession, application: Application) -> Facts:
    opening = await session.get_one(Opening, application.opening_id)
    student = await session.get_one(Student, application.student_id)
    return Facts(
        opening_kind=str(opening.kind),
        company_id=opening.company_id,
        university_id=student.university_id,
        course=student.course,
        specialty=student.specialty,
        skills=frozenset(student.skills),
        city=opening.city,
        format=str(opening.format),
        source=str(application.source),
    )


async def route(
    session: AsyncSession, application: Application, keep_assignee: bool = False, category_id: int | None = None
) -> tuple[ApplicationRoute, ApplicationStatus | None]:
    """Decide and record where ``application`` goes. Sets its assignee (unless ``keep_assignee`` and it has
    one); returns the route and the status a rule's starting stage asks for (None: leave it).

    ``category_id`` pins the pipeline: a deal made in Bitrix24 stays in the pipeline it was made in."""
    rules = await compiled_rules(session, application.workspace_id)
    facts = await facts_for(session, application)
    rule = engine.decide(rules, facts)
    actions = rule.actions if rule is not None else {}
    if not (keep_assignee and application.assignee_id is not None):
        if actions.get("team_id") is not None:
            application.assignee_id = await pick_member(session, actions["team_id"], advance=True)
        elif actions.get("assignee_id") is not None:
            application.assignee_id = actions["assignee_id"]
    start = None
    pinned = category_id is not None
    category = category_id if pinned else actions.get("bitrix24_category_id")
    if not pinned and actions.get("bitrix24_stage_id"):
        mapping = await pipelines.of_workspace(session, application.workspace_id)
        pipeline = mapping.application_pipeline(category) if mapping else None
        found = pipelines.status_of_stage(pipeline, actions["bitrix24_stage_id"]) if pipeline else None
        start = ApplicationStatus(found) if found in START_STATUSES else None
    values = {
        "rule_id": rule.id if rule else None,
        "rule_name": rule.name if rule else "",
        "team_id": actions.get("team_id"),
        "bitrix24_category_id": category,
        "tags": list(actions.get("tags") or []),
        "routed_at": utcnow(),
    }
    existing = await session.get(ApplicationRoute, application.id)
    if existing is None:
        existing = ApplicationRoute(application_id=application.id, workspace_id=application.workspace_id, **values)
        session.add(existing)
    else:
        for name, value in values.items():
            setattr(existing, name, value)
    return existing, start


def notify_list(route: ApplicationRoute, rules_actions: dict[str, Any], assignee_id: int | None) -> list[int]:
    """Who hears about a routed application in Bitrix24: the assignee and the rule's extra people."""
    people = [assignee_id] if assignee_id is not None else []
    people += [u for u in rules_actions.get("notify_user_ids") or [] if u not in people]
    return people


async def rule_actions(session: AsyncSession, route: ApplicationRoute) -> dict[str, Any]:
    if route.rule_id is None:
        return {}
    return dict(await session.scalar(select(RoutingRule.actions).where(RoutingRule.id == route.rule_id)) or {})


async def explain(session: AsyncSession, principal: Principal, application: Application) -> Explanation:
    rules = await compiled_rules(session, principal.workspace_id)
    facts = await facts_for(session, application)
    chosen, steps = engine.explain(rules, facts)
    actions = chosen.actions if chosen else {}
    if actions.get("team_id") is not None:
        assignee = await pick_member(session, actions["team_id"], advance=False)
    else:
        assignee = actions.get("assignee_id")
    return Explanation.model_validate(
        {
            "application_id": application.id,
            "matched_rule_id": chosen.id if chosen else None,
            "steps": [
                {
                    "rule_id": step.rule.id,
                    "name": step.rule.name,
                    "position": step.rule.position,
                    "enabled": step.rule.enabled,
                    "matched": step.matched,
                    "chosen": step.chosen,
                    "reasons": [reason.text for reason in step.reasons],
                    "causes": [{"code": reason.code, "values": reason.plain_values()} for reason in step.reasons],
                }
                for step in steps
            ],
            "result": {
                "rule_id": chosen.id if chosen else None,
                "rule_name": chosen.name if chosen else "",
                "assignee_id": assignee,
                "team_id": actions.get("team_id"),
                "bitrix24_category_id": actions.get("bitrix24_category_id"),
                "bitrix24_stage_id": actions.get("bitrix24_stage_id"),
                "tags": list(actions.get("tags") or []),
                "notify_user_ids": list(actions.get("notify_user_ids") or []),
            },
            "current": await session.get(ApplicationRoute, application.id),
        }
    )
