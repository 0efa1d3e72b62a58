"""Text search that an index can serve: a trigram GIN index on PostgreSQL, a LIKE scan on SQLite.

The pattern is written into the statement, not sent as a parameter. The driver prepares each statement once per
connection, and after five runs PostgreSQL may keep one generic plan made without the parameters' values; for a
pattern on a trigram index that plan looks cheap for any words (estimated at one row) and walks the index first
whatever they are: "стажёр sql" in Москва took 54 ms so where its own plan takes 0.6 (BENCHMARKS.md, "Hot paths").
Written in, each search is planned for its words. The value is quoted by SQLAlchemy's literal rendering.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, String, literal, or_
from sqlalchemy.orm import InstrumentedAttribute


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(text: str, *columns: InstrumentedAttribute) -> ColumnElement[bool]:
    """Case-insensitive substring match of ``text`` in any of ``columns``."""
    pattern = literal(f"%{_escape_like(text)}%", String, literal_execute=True)
    return or_(*(column.ilike(pattern, escape="\\") for column in columns))
