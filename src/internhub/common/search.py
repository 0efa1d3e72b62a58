"""Text search that an index can serve: a trigram GIN index on PostgreSQL, a LIKE scan on SQLite."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Engine, event, or_
from sqlalchemy.orm import InstrumentedAttribute


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(text: str, *columns: InstrumentedAttribute) -> ColumnElement[bool]:
    """Case-insensitive substring match of ``text`` in any of ``columns``."""
    pattern = f"%{_escape_like(text)}%"
    return or_(*(column.ilike(pattern, escape="\\") for column in columns))


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


@event.listens_for(Engine, "connect")
def _unicode_lower_on_sqlite(dbapi_connection, _record) -> None:
    # SQLite's own lower() folds ASCII only, so "казань" would not find "Казань". ILIKE compiles to
    # lower(x) LIKE lower(y) there, so a Unicode-aware lower() makes search case-insensitive in Russian too.
    if "sqlite" in type(dbapi_connection).__module__:
        dbapi_connection.create_function("lower", 1, _lower, deterministic=True)
