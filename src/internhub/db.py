"""Engine and sessions. The request's session dependency owns the transaction; services only flush."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any, cast

from fastapi import Depends, Request
from sqlalchemy import CursorResult, Engine, Executable, event, make_url
from sqlalchemy import create_engine as create_blocking_engine
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session

from internhub.config import Settings


def create_engine(settings: Settings) -> AsyncEngine:
    url = settings.effective_database_url
    if settings.is_sqlite:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": 30})
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    return create_async_engine(
        url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        # No pre-ping (a round trip per request); connections are recycled instead, and a dead one fails
        # one request that the client can repeat.
        pool_recycle=1800,
        connect_args={"server_settings": {"application_name": "internhub"}},
    )


def create_file_engine(settings: Settings) -> Engine | None:
    """A blocking engine on the SQLite file, for writes short enough to run in the event loop itself.

    Through aiosqlite every statement is a hop to its thread and back, and when the loop is busy with a
    thousand requests each hop waits behind all of them; a small write to a local file takes a millisecond
    or two done directly. None on PostgreSQL, where the async driver's waits are real network waits.
    """
    if not settings.is_sqlite:
        return None
    url = make_url(settings.effective_database_url).set(drivername="sqlite+pysqlite")
    engine = create_blocking_engine(url, connect_args={"timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # SQLite's own lower() folds ASCII only, so "казань" would not find "Казань". ILIKE compiles to
    # lower(x) LIKE lower(y) there, so a Unicode-aware lower() makes search case-insensitive in Russian too.
    dbapi_connection.create_function("lower", 1, _lower, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


class AppSession(Session):
    """The application's sessions. The rules that run inside a flush or at a commit (``internhub.listeners``) are
    registered for this class, not for every SQLAlchemy session in the process."""

    listeners_installed = False


def create_sessionmaker(engine: AsyncEngine, reads_only: bool = False) -> async_sessionmaker[AsyncSession]:
    """Sessions for writes (one transaction, committed by the request), or for reads in autocommit mode:
    at READ COMMITTED every statement sees fresh data anyway, and a read skips the BEGIN and COMMIT round
    trips that would double the cost of a lookup by id.

    SQLite's driver reads in autocommit mode as it is (it begins a transaction only before a write), so there
    reads keep the engine's own level: switching it costs a PRAGMA on every checkout and another on every
    return, each a hop to aiosqlite's thread and back."""
    if not AppSession.listeners_installed:
        # Without them a write would skip its audit entry, its outbox row, its mails and its rollups.
        raise RuntimeError("internhub.listeners.install() must run before sessions are made")
    autocommit = reads_only and engine.dialect.name != "sqlite"
    bind = engine.execution_options(isolation_level="AUTOCOMMIT") if autocommit else engine
    return async_sessionmaker(bind, expire_on_commit=False, autoflush=False, sync_session_class=AppSession)


def after_commit(session: AsyncSession | Session, callback: Callable[[], None]) -> None:
    """Run ``callback`` once the session's transaction has committed; never when it rolls back.

    Used to wake workers: a job hears about a change only when the change is there to be read.
    """
    sync_session = session.sync_session if isinstance(session, AsyncSession) else session
    if not sync_session.in_transaction():
        sync_session.begin()  # no I/O: it makes a later rollback an event that clears the callbacks
    callbacks: list[Callable[[], None]] = session.info.setdefault("after_commit", [])
    if callback not in callbacks:
        callbacks.append(callback)


def run_after_commit(session: Session) -> None:
    for callback in session.info.pop("after_commit", []):
        callback()


def forget_after_commit(session: Session, previous_transaction) -> None:
    # Any rollback of the outermost transaction, even one that never touched the database.
    if previous_transaction is None or previous_transaction.parent is None:
        session.info.pop("after_commit", None)


READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def changed_rows(session: AsyncSession, statement: Executable) -> int:
    """Run an INSERT ... SELECT, UPDATE or DELETE; how many rows it changed (0 when the driver cannot tell)."""
    result = cast(CursorResult[Any], await session.execute(statement))
    return result.rowcount or 0


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    state = request.app.state
    sessionmaker = state.readmaker if request.method in READ_METHODS else state.sessionmaker
    async with sessionmaker() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise


# scope="function": commit before the response is sent, so a failed commit is never reported as success.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
