"""INSERT … ON CONFLICT on either database: SQLAlchemy spells it the same way for both dialects."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite


def insert_for(dialect_name: str, table: Any):
    return (postgresql.insert if dialect_name == "postgresql" else sqlite.insert)(table)
