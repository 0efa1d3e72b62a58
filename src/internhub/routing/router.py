from __future__ import annotations

from fastapi import APIRouter, status

from internhub.applications import service as applications
from internhub.auth.principal import Staff
from internhub.common.schemas import Id
from internhub.db import SessionDep
from internhub.models import RoutingRule, Team
from internhub.routing import service
from internhub.routing.schemas import (
    ExplainIn,
    Explanation,
    RuleIn,
    RuleOut,
    RulePatch,
    TeamIn,
    TeamOut,
    TeamPatch,
)

router = APIRouter(prefix="/routing", tags=["routing"])


@router.get("/rules", operation_id="routing-rules-list", response_model=list[RuleOut])
async def list_rules(principal: Staff, session: SessionDep) -> list[RoutingRule]:
    """The workspace's routing rules in the order they are checked; the default rule is last."""
    return await service.list_rules(session, principal.workspace_id)


@router.post("/rules", status_code=status.HTTP_201_CREATED, operation_id="routing-rules-create", response_model=RuleOut)
async def create_rule(body: RuleIn, principal: Staff, session: SessionDep) -> RoutingRule:
    """Add a rule at a position (rules from there on move down one), or before the default rule."""
    return await service.create_rule(session, principal, body)


@router.get("/rules/{rule_id}", operation_id="routing-rules-get", response_model=RuleOut)
async def get_rule(rule_id: Id, principal: Staff, session: SessionDep) -> RoutingRule:
    """One routing rule."""
    return await service.get_rule(session, principal, rule_id)


@router.patch("/rules/{rule_id}", operation_id="routing-rules-update", response_model=RuleOut)
async def update_rule(rule_id: Id, body: RulePatch, principal: Staff, session: SessionDep) -> RoutingRule:
    """Change a rule: its name, position, conditions, actions, or switch it off."""
    return await service.update_rule(session, principal, rule_id, body)


@router.delete("/rules/{rule_id}", status_code=status.HTTP_204_NO_CONTENT, operation_id="routing-rules-delete")
async def delete_rule(rule_id: Id, principal: Staff, session: SessionDep) -> None:
    """Remove a rule (not the default one)."""
    await service.delete_rule(session, principal, rule_id)


@router.post("/explain", operation_id="routing-explain")
async def explain(body: ExplainIn, principal: Staff, session: SessionDep) -> Explanation:
    """Which rule an application matches, what it would do, and why every other rule did not decide."""
    application = await applications.get(session, principal, body.application_id)
    return await service.explain(session, principal, application)


@router.get("/teams", operation_id="routing-teams-list", response_model=list[TeamOut])
async def list_teams(principal: Staff, session: SessionDep) -> list[Team]:
    """Teams that share applications (round robin or least loaded)."""
    return await service.list_teams(session, principal)


@router.post("/teams", status_code=status.HTTP_201_CREATED, operation_id="routing-teams-create", response_model=TeamOut)
async def create_team(body: TeamIn, principal: Staff, session: SessionDep) -> Team:
    """Create a team of users."""
    return await service.create_team(session, principal, body)


@router.patch("/teams/{team_id}", operation_id="routing-teams-update", response_model=TeamOut)
async def update_team(team_id: Id, body: TeamPatch, principal: Staff, session: SessionDep) -> Team:
    """Rename a team, change its strategy or its members."""
    return await service.update_team(session, principal, team_id, body)


@router.delete("/teams/{team_id}", status_code=status.HTTP_204_NO_CONTENT, operation_id="routing-teams-delete")
async def delete_team(team_id: Id, principal: Staff, session: SessionDep) -> None:
    """Remove a team no rule uses."""
    await service.delete_team(session, principal, team_id)
