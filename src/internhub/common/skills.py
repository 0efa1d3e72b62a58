"""Skills live in a table of their own (a row per skill): "has all these skills" is then an index lookup."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists
from sqlalchemy.orm import InstrumentedAttribute


def having_all(owner_id: InstrumentedAttribute, skill_column: InstrumentedAttribute, key, skills: list[str]):
    """The owner has every one of ``skills``: one ``EXISTS`` per skill, each answered by the (owner, skill)
    primary key. (A GROUP BY … HAVING count subquery cannot be estimated by the planner and was slower.)"""
    conditions: list[ColumnElement[bool]] = [exists().where(key == owner_id, skill_column == skill) for skill in skills]
    return and_(*conditions)


def replace_skills(entity, row_type, skills: list[str]) -> None:
    """Set the entity's skills to exactly ``skills``, keeping rows that stay."""
    keep = {row.skill: row for row in entity.skill_rows if row.skill in skills}
    entity.skill_rows = [keep.get(skill) or row_type(skill=skill) for skill in skills]
