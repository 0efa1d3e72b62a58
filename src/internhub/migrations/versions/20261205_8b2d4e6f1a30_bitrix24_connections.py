"""bitrix24: the first connection of a portal, planned and accepted before anything is written

Revision ID: 8b2d4e6f1a30
Revises: 4f0c2b7d9e61
Create Date: 2026-12-05 12:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "8b2d4e6f1a30"
down_revision = "4f0c2b7d9e61"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "bitrix24_connections",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("portal_id", ID, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("counts", JSON, nullable=False),
        sa.Column("progress", JSON, nullable=False),
        sa.Column("error", sa.String(length=1000), nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("planned_at", WHEN, nullable=True),
        sa.Column("accepted_at", WHEN, nullable=True),
        sa.Column("accepted_by_id", ID, nullable=True),
        sa.Column("finished_at", WHEN, nullable=True),
        sa.ForeignKeyConstraint(
            ["portal_id"],
            ["bitrix24_portals.id"],
            name=op.f("fk_bitrix24_connections_portal_id_bitrix24_portals"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["accepted_by_id"],
            ["users.id"],
            name=op.f("fk_bitrix24_connections_accepted_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bitrix24_connections")),
    )
    op.create_index("ix_bitrix24_connections_portal", "bitrix24_connections", ["portal_id", "id"])
    op.create_table(
        "bitrix24_connection_items",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("connection_id", ID, nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("entity_id", sa.BigInteger(), nullable=True),
        sa.Column("remote_type", sa.String(length=16), nullable=False),
        sa.Column("remote_id", sa.BigInteger(), nullable=True),
        sa.Column("matched_by", sa.String(length=16), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("remote", JSON, nullable=True),
        sa.ForeignKeyConstraint(
            ["connection_id"],
            ["bitrix24_connections.id"],
            name=op.f("fk_bitrix24_connection_items_connection_id_bitrix24_connections"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bitrix24_connection_items")),
    )
    op.create_index(
        "ix_bitrix24_connection_items_action", "bitrix24_connection_items", ["connection_id", "action", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_bitrix24_connection_items_action", table_name="bitrix24_connection_items")
    op.drop_table("bitrix24_connection_items")
    op.drop_index("ix_bitrix24_connections_portal", table_name="bitrix24_connections")
    op.drop_table("bitrix24_connections")
