"""Skills live in a table of their own (a row per skill): "has all these skills" is then an index lookup."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute


def having_all(owner_id: InstrumentedAttribute, skill_column: InstrumentedAttribute, key, skills: list[str]):
    """``owner.id IN (owners that have every skill)``."""
    matching = select(key).where(skill_column.in_(skills)).group_by(key).having(func.count() == len(skills))
    return owner_id.in_(matching)


def replace_skills(entity, row_type, skills: list[str]) -> None:
    """Set the entity's skills to exactly ``skills``, keeping rows that stay."""
    keep = {row.skill: row for row in entity.skill_rows if row.skill in skills}
    entity.skill_rows = [keep.get(skill) or row_type(skill=skill) for skill in skills]
