"""Declarative base, naming convention and the column types every model shares."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    TypeDecorator,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only auto-increments a column declared exactly INTEGER PRIMARY KEY.
BigId = BigInteger().with_variant(Integer(), "sqlite")
JsonDoc = JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that is always timezone-aware UTC, also on SQLite (which stores naive text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    @property
    def python_type(self) -> type:
        return datetime

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime()}  # noqa: RUF012
    if TYPE_CHECKING:
        # Every model here is mapped to one table (no mapping to a join or a select), so its ``__table__`` is a
        # ``Table`` with ``insert()``, ``update()`` and ``delete()``, not the general ``FromClause`` declared above.
        __table__: ClassVar[Table]


IdPk = Annotated[int, mapped_column(BigId, primary_key=True, autoincrement=True)]


LIVE = "deleted_at IS NULL"  # the rows not soft-deleted


def index_where(name: str, *columns: str, where: str, unique: bool = False) -> Index:
    """An index over the rows ``where`` picks: a partial index, on SQLite and PostgreSQL alike."""
    condition = text(where)
    return Index(name, *columns, unique=unique, sqlite_where=condition, postgresql_where=condition)


def unique_where(name: str, *columns: str, where: str) -> Index:
    """A unique index over the rows ``where`` picks."""
    return index_where(name, *columns, where=where, unique=True)


def only_on(dialect: str, index: Index) -> Index:
    """``index`` on one database only (an expression the other could not keep, or a plan only it needs);
    autogenerate does not expect it on the other (``internhub.migrate.include_object``)."""
    index.info["only_on"] = dialect
    return index.ddl_if(dialect=dialect)


def unique_link(table: str, column: str) -> Index:
    """At most one record of a workspace per Bitrix24 record (``column`` holds the Bitrix24 id)."""
    return unique_where(f"uq_{table}_bitrix24", "workspace_id", column, where=f"{column} IS NOT NULL")


def workspace_fk() -> Mapped[int]:
    return mapped_column(BigId, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False)


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, server_default=func.now())


class SoftDeleted:
    deleted_at: Mapped[datetime | None] = mapped_column(default=None)
