"""sync worker beats: the live sync workers, so they share the portals fairly

Revision ID: c4d8e2a6b1f3
Revises: b7e3c1d9f2a4
Create Date: 2026-12-05 17:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c4d8e2a6b1f3"
down_revision = "b7e3c1d9f2a4"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bitrix24_workers",
        sa.Column("owner", sa.String(length=100), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("owner", name=op.f("pk_bitrix24_workers")),
    )


def downgrade() -> None:
    op.drop_table("bitrix24_workers")
