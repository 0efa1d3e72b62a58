"""openings: the city as matched (trimmed, lower-cased) stored beside it, one index of live openings for it

Revision ID: e6b1c8d4a2f7
Revises: d2f7a9c3e5b1
Create Date: 2026-12-05 21:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "e6b1c8d4a2f7"
down_revision = "d2f7a9c3e5b1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("openings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("city_key", sa.String(length=100), nullable=True))
    # Lower-cased in Python, as the model does (SQLite's own lower() folds ASCII only); one statement per spelling.
    openings = sa.table("openings", sa.column("city", sa.String), sa.column("city_key", sa.String))
    for (city,) in bind.execute(sa.select(openings.c.city).where(openings.c.city.is_not(None)).distinct()).all():
        key = city.strip().lower() or None
        bind.execute(openings.update().where(openings.c.city == city).values(city_key=key))
    if bind.dialect.name == "postgresql":
        op.drop_index("ix_openings_workspace_city_lower", table_name="openings")
    else:
        with op.batch_alter_table("openings", schema=None) as batch_op:
            batch_op.drop_index("ix_openings_workspace_status_city")
    live = sa.text("deleted_at IS NULL")
    with op.batch_alter_table("openings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_openings_workspace_city_key",
            ["workspace_id", "city_key", "status", "id"],
            postgresql_where=live,
            sqlite_where=live,
        )


def downgrade() -> None:
    with op.batch_alter_table("openings", schema=None) as batch_op:
        batch_op.drop_index("ix_openings_workspace_city_key")
    if op.get_bind().dialect.name == "postgresql":
        op.create_index(
            "ix_openings_workspace_city_lower", "openings", ["workspace_id", sa.text("lower(city)"), "status", "id"]
        )
    else:
        with op.batch_alter_table("openings", schema=None) as batch_op:
            batch_op.create_index(
                "ix_openings_workspace_status_city", ["workspace_id", "status", "city", "deleted_at", "id"]
            )
    with op.batch_alter_table("openings", schema=None) as batch_op:
        batch_op.drop_column("city_key")
