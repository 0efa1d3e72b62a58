"""Where generated rows go: binary COPY on PostgreSQL, large ``executemany`` transactions on SQLite.

Both load everything in one transaction, so a failed run leaves no half-written demo behind, and both
keep other writers out while ids are taken after the current maximum (readers are not blocked).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import TracebackType
from typing import Protocol

import aiosqlite
import asyncpg
from sqlalchemy.engine import make_url

from internhub.demo.rows import COLUMNS, ID_TABLES, Encoding, Rows

_UTC_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_NAIVE_EPOCH = datetime(1970, 1, 1)


def _aware(seconds: int) -> datetime:
    return _UTC_EPOCH + timedelta(seconds=seconds)


def _sqlalchemy_text(seconds: int) -> str:
    # Exactly what SQLAlchemy's SQLite DateTime stores, so comparisons on the text keep working.
    return (_NAIVE_EPOCH + timedelta(seconds=seconds)).isoformat(" ", "microseconds")


def _same(day: date) -> date:
    return day


class Sink(Protocol):
    encoding: Encoding

    async def __aenter__(self) -> Sink: ...

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None: ...

    async def first_ids(self) -> dict[str, int]: ...

    async def existing(self, workspace_id: int) -> tuple[set[str], set[str], set[str]]:
        """University names, company INNs and student e-mails the workspace already uses."""
        ...

    async def expect(self, planned: dict[str, int]) -> None:
        """Told how many rows each table is about to get, before the first write."""
        ...

    async def write(self, table: str, rows: Rows) -> None: ...

    async def finish(self) -> None:
        """Commit and refresh the planner's statistics."""
        ...


_EXISTING = (
    "SELECT name FROM universities WHERE workspace_id = {p} AND deleted_at IS NULL",
    "SELECT inn FROM companies WHERE workspace_id = {p} AND deleted_at IS NULL AND inn IS NOT NULL",
    "SELECT email FROM students WHERE workspace_id = {p} AND deleted_at IS NULL",
)


# Past this many new rows a table's secondary indexes are dropped for the load and built afterwards:
# one sorted build is several times faster than millions of single inserts, trigram GIN indexes above all.
DEFER_INDEXES_FROM = 50_000

_SECONDARY_INDEXES = """
SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
FROM pg_index AS i
WHERE i.indrelid = $1::regclass
  AND NOT i.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conindid = i.indexrelid)
ORDER BY 1
"""


class PostgresSink:
    encoding = Encoding(timestamp=_aware, day=_same)

    def __init__(self, database_url: str) -> None:
        url = make_url(database_url).set(drivername="postgresql")
        self._dsn = url.render_as_string(hide_password=False)
        self._connection: asyncpg.Connection | None = None
        self._transaction: asyncpg.transaction.Transaction | None = None
        self._deferred: list[str] = []

    @property
    def connection(self) -> asyncpg.Connection:
        assert self._connection is not None, "use the sink as an async context manager"
        return self._connection

    async def __aenter__(self) -> PostgresSink:
        self._connection = await asyncpg.connect(self._dsn)
        self._transaction = self.connection.transaction()
        await self._transaction.start()
        # The load is redone from scratch if it fails, so the last commit need not wait for the disk.
        await self.connection.execute("SET LOCAL synchronous_commit = off")
        await self.connection.execute("SET LOCAL maintenance_work_mem = '512MB'")
        if await self.connection.fetchval("SELECT current_setting('is_superuser') = 'on'"):
            # What pg_restore --disable-triggers does: skip the per-row foreign-key checks, which cost more
            # than the insert itself. The rows reference only ids made in this same run.
            await self.connection.execute("SET LOCAL session_replication_role = replica")
        tables = ", ".join(COLUMNS)
        await self.connection.execute(f"LOCK TABLE {tables} IN SHARE ROW EXCLUSIVE MODE")
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        try:
            if self._transaction is not None:  # not finished: an error, or a cancelled run
                await self._transaction.rollback()
        finally:
            await self.connection.close()

    async def first_ids(self) -> dict[str, int]:
        ids = {}
        for table in ID_TABLES:
            ids[table] = await self.connection.fetchval(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")
        return ids

    async def existing(self, workspace_id: int) -> tuple[set[str], set[str], set[str]]:
        found = []
        for query in _EXISTING:
            rows = await self.connection.fetch(query.format(p="$1"), workspace_id)
            found.append({row[0] for row in rows})
        return found[0], found[1], found[2]

    async def expect(self, planned: dict[str, int]) -> None:
        for table, count in planned.items():
            if count < DEFER_INDEXES_FROM:
                continue
            for name, definition in await self.connection.fetch(_SECONDARY_INDEXES, table):
                await self.connection.execute(f"DROP INDEX {name}")
                self._deferred.append(definition)

    async def write(self, table: str, rows: Rows) -> None:
        if rows:
            await self.connection.copy_records_to_table(table, records=rows, columns=COLUMNS[table])

    async def finish(self) -> None:
        # The exact definitions read from the catalog, so the schema ends up as the migrations made it.
        for definition in self._deferred:
            await self.connection.execute(definition)
        for table in ID_TABLES:
            # Ids were given explicitly, so the sequences must be moved past them by hand.
            await self.connection.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table} HAVING count(*) > 0"
            )
        assert self._transaction is not None
        await self._transaction.commit()
        self._transaction = None
        await self.connection.execute(f"ANALYZE {', '.join(COLUMNS)}")


class SqliteSink:
    encoding = Encoding(timestamp=_sqlalchemy_text, day=date.isoformat)

    def __init__(self, database_url: str) -> None:
        path = make_url(database_url).database
        if not path or path == ":memory:":
            raise ValueError("Demo data needs a SQLite file, not an in-memory database.")
        self._path = path
        self._connection: aiosqlite.Connection | None = None
        self._open = False

    @property
    def connection(self) -> aiosqlite.Connection:
        assert self._connection is not None, "use the sink as an async context manager"
        return self._connection

    async def __aenter__(self) -> SqliteSink:
        self._connection = await aiosqlite.connect(self._path, isolation_level=None, timeout=60)
        for pragma in (
            "PRAGMA synchronous=OFF",  # for the load only: a crash mid-load is answered by reloading
            "PRAGMA cache_size=-512000",  # 500 MB, so index pages stay in memory during the load
            "PRAGMA temp_store=MEMORY",
        ):
            await self.connection.execute(pragma)
        # IMMEDIATE takes the write lock now: nobody else can insert between reading max(id) and our rows.
        await self.connection.execute("BEGIN IMMEDIATE")
        self._open = True
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        try:
            if self._open:
                await self.connection.execute("ROLLBACK")
        finally:
            await self.connection.close()

    async def first_ids(self) -> dict[str, int]:
        ids = {}
        for table in ID_TABLES:
            async with self.connection.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}") as cursor:
                row = await cursor.fetchone()
                ids[table] = row[0] if row else 1
        return ids

    async def existing(self, workspace_id: int) -> tuple[set[str], set[str], set[str]]:
        found = []
        for query in _EXISTING:
            async with self.connection.execute(query.format(p="?"), (workspace_id,)) as cursor:
                found.append({row[0] for row in await cursor.fetchall()})
        return found[0], found[1], found[2]

    async def expect(self, planned: dict[str, int]) -> None:
        # SQLite builds an index from scratch no faster than it fills it row by row in key order.
        return None

    async def write(self, table: str, rows: Rows) -> None:
        if rows:
            columns = COLUMNS[table]
            marks = ", ".join("?" * len(columns))
            await self.connection.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    async def finish(self) -> None:
        await self.connection.execute("COMMIT")
        self._open = False
        # A full ANALYZE, not a sampled one: with analysis_limit the estimates for the leading columns of
        # composite indexes come out near the sample size (1,000 rows per workspace for 2 million), and the
        # planner then walks the wrong index for filtered lists.
        await self.connection.execute("ANALYZE")


def open_sink(database_url: str) -> Sink:
    backend = make_url(database_url).get_backend_name()
    if backend == "postgresql":
        return PostgresSink(database_url)
    if backend == "sqlite":
        return SqliteSink(database_url)
    raise ValueError(f"Demo data can be written to PostgreSQL or SQLite, not {backend}.")
