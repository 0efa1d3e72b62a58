"""Many new rows into one table at the driver's own bulk speed: ``COPY`` on PostgreSQL, ``executemany`` on
SQLite.

For the bulk loads that already bypass the ORM (the Bitrix24 import). A multi-row INSERT through SQLAlchemy
spends most of its time building and type-processing parameters row by row; here every value goes through
its column's own bind processor once (the same conversion SQLAlchemy would apply: JSON to text, UTC
timestamps), and the driver gets plain tuples. Runs in the session's transaction.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import asyncpg
from sqlalchemy import Table, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession


def defaults(table: Table) -> dict[str, Any]:
    """What a flush writes for a column a row leaves out: its Python default (a callable one called once for
    the whole batch, as the same statement would), NULL where it has neither that nor a server default."""
    found: dict[str, Any] = {}
    for column in table.columns:
        if column.primary_key:
            continue
        default: Any = column.default  # a scalar or a callable default: ``arg`` is the value or the function
        if default is None:
            if column.server_default is None:
                found[column.key] = None
        elif default.is_scalar:
            found[column.key] = default.arg
        elif default.is_callable:
            found[column.key] = default.arg(None)  # SQLAlchemy wraps it to take an execution context
    return found


def _processed(values: list[Any], process: Any) -> list[Any]:
    """``process`` applied to each value; a run of the same object (a default) is processed once."""
    out: list[Any] = []
    last: Any = None
    converted: Any = None
    for value in values:
        if value is None:
            out.append(None)
            continue
        if value is not last:
            last, converted = value, process(value)
        out.append(converted)
    return out


def _records(table: Table, rows: list[dict[str, Any]], dialect: Any) -> tuple[list[str], list[tuple[Any, ...]]]:
    fallback = defaults(table)
    given = {name for row in rows for name in row}
    columns = [column.key for column in table.columns if column.key in given or column.key in fallback]
    by_column = []
    for name in columns:
        default = fallback.get(name)
        values = [row.get(name, default) for row in rows]
        process = table.c[name].type._cached_bind_processor(dialect)
        by_column.append(values if process is None else _processed(values, process))
    return columns, list(zip(*by_column, strict=True))


async def insert_rows(session: AsyncSession, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` into ``table`` in the session's transaction; columns a row leaves out get their defaults."""
    if not rows:
        return
    connection = await session.connection()
    dialect = connection.dialect
    columns, records = _records(table, rows, dialect)
    raw = await connection.get_raw_connection()
    driver: Any = raw.driver_connection  # asyncpg's or aiosqlite's own connection
    try:
        if dialect.name == "postgresql":
            if not driver.is_in_transaction():
                # The adapter opens its transaction with the first statement; COPY must not run outside it.
                await connection.execute(select(1))
            await driver.copy_records_to_table(table.name, records=records, columns=columns)
            return
        quote = dialect.identifier_preparer.quote
        names = ", ".join(quote(name) for name in columns)
        placeholders = ", ".join("?" for _ in columns)
        await driver.executemany(f"INSERT INTO {quote(table.name)} ({names}) VALUES ({placeholders})", records)
    except (sqlite3.IntegrityError, asyncpg.IntegrityConstraintViolationError) as exc:
        # The driver's own error, past SQLAlchemy: raised as SQLAlchemy raises it, so callers catch one kind.
        raise IntegrityError(f"bulk insert into {table.name}", None, exc) from exc
