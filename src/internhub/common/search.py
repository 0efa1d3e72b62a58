"""Text search that an index can serve: a trigram GIN index on PostgreSQL, a LIKE scan on SQLite."""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_
from sqlalchemy.orm import InstrumentedAttribute


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(text: str, *columns: InstrumentedAttribute) -> ColumnElement[bool]:
    """Case-insensitive substring match of ``text`` in any of ``columns``."""
    pattern = f"%{_escape_like(text)}%"
    return or_(*(column.ilike(pattern, escape="\\") for column in columns))
