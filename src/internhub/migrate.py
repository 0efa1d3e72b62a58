"""Run Alembic migrations from code (the app on start, the CLI, the tests)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from internhub.models.base import UTCDateTime

MIGRATIONS = Path(__file__).parent / "migrations"


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Trigram indexes are PostgreSQL-only and written by hand in the migrations: not in the models. An index the
    models declare for one database only (``models.base.only_on``) is compared where the database has it."""
    if type_ != "index":
        return True
    if name and name.endswith("_trgm"):
        return False
    return reflected or compare_to is not None or "only_on" not in obj.info


def render_item(type_, obj, autogen_context):
    """UTCDateTime converts values in Python only; in the schema it is a timestamp with time zone."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.set_main_option("file_template", "%%(year)d%%(month).2d%%(day).2d_%%(rev)s_%%(slug)s")
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


async def upgrade_async(database_url: str) -> None:
    # Alembic's env.py runs its own event loop, so it gets a thread of its own.
    await asyncio.to_thread(upgrade, database_url)


def head_revision() -> str | None:
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def current_revision(sync_connection) -> str | None:
    return MigrationContext.configure(sync_connection).get_current_revision()
