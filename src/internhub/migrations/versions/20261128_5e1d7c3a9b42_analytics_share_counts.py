"""analytics share counts

Revision ID: 5e1d7c3a9b42
Revises: 38c03d9ed9ff
Create Date: 2026-11-28 04:50:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "5e1d7c3a9b42"
down_revision = "38c03d9ed9ff"
branch_labels = None
depends_on = None

WORKSPACE_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
KEY = ("scope", "scope_id", "grain", "period", "kind", "stage", "university_id", "city", "format")


def upgrade() -> None:
    name = "analytics_share_counts"
    op.create_table(
        name,
        sa.Column("workspace_id", WORKSPACE_ID, nullable=False),
        sa.Column("scope", sa.String(length=1), nullable=False),
        sa.Column("scope_id", sa.BigInteger(), nullable=False),
        sa.Column("grain", sa.String(length=1), nullable=False),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("university_id", sa.BigInteger(), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f(f"fk_{name}_workspace_id_workspaces"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("workspace_id", *KEY, name=op.f(f"pk_{name}")),
    )
    # Existing data: count its events into the new table (the other rollups are already current).
    from internhub.analytics.rollups import rebuild
    from internhub.models.analytics import ShareCount

    connection = op.get_bind()
    for (workspace_id,) in connection.execute(sa.text("SELECT id FROM workspaces")).all():
        rebuild(connection, workspace_id, only=(ShareCount,))


def downgrade() -> None:
    op.drop_table("analytics_share_counts")
