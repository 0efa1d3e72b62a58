"""Routing: per-workspace rules that send an application to a person or team and a Bitrix24 pipeline."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from internhub.models.base import Base, BigId, IdPk, JsonDoc, Timestamped, unique_where, utcnow, workspace_fk


class TeamStrategy(StrEnum):
    round_robin = "round_robin"
    least_loaded = "least_loaded"


class Team(Timestamped, Base):
    """Managers who share incoming applications, in turn or by who has the fewest open ones."""

    __tablename__ = "teams"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)

    id: Mapped[IdPk]
    workspace_id: Mapped[int] = workspace_fk()
    name: Mapped[str] = mapped_column(String(100))
    strategy: Mapped[TeamStrategy] = mapped_column(String(16), default=TeamStrategy.round_robin)
    # Round robin: whoever got the last application; the next member in id order gets the next one.
    last_user_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("users.id", ondelete="SET NULL"))

    member_rows: Mapped[list[TeamMember]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="TeamMember.user_id"
    )

    @property
    def member_ids(self) -> list[int]:
        return [row.user_id for row in self.member_rows]


class TeamMember(Base):
    __tablename__ = "team_members"

    team_id: Mapped[int] = mapped_column(BigId, ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(BigId, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)


class RoutingRule(Timestamped, Base):
    """Conditions and actions as JSON documents (validated by the routing schemas); first match wins."""

    __tablename__ = "routing_rules"
    __table_args__ = (
        Index("ix_routing_rules_workspace_position", "workspace_id", "position"),
        unique_where("uq_routing_rules_default", "workspace_id", where="is_default"),
    )

    id: Mapped[IdPk]
    workspace_id: Mapped[int] = workspace_fk()
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)
    enabled: Mapped[bool] = mapped_column(default=True)
    # The fallback every workspace has exactly one of: always last, no conditions, cannot be removed.
    is_default: Mapped[bool] = mapped_column(default=False)
    conditions: Mapped[dict] = mapped_column(JsonDoc, default=dict)
    actions: Mapped[dict] = mapped_column(JsonDoc, default=dict)


class ApplicationRoute(Base):
    """Where routing sent an application: the rule, the team, the Bitrix24 pipeline, the tags."""

    __tablename__ = "application_routes"
    __table_args__ = (Index("ix_application_routes_rule", "rule_id"),)

    application_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    workspace_id: Mapped[int] = workspace_fk()
    rule_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("routing_rules.id", ondelete="SET NULL"))
    rule_name: Mapped[str] = mapped_column(String(200))
    team_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("teams.id", ondelete="SET NULL"))
    # None: the workspace's default applications pipeline.
    bitrix24_category_id: Mapped[int | None] = mapped_column(Integer)
    tags: Mapped[list] = mapped_column(JsonDoc, default=list)
    routed_at: Mapped[datetime] = mapped_column(default=utcnow)
