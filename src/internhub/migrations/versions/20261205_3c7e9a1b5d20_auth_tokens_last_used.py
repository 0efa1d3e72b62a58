"""auth tokens: when each was last used, so that a session idle too long ends

Revision ID: 3c7e9a1b5d20
Revises: 8b2d4e6f1a30
Create Date: 2026-12-05 13:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "3c7e9a1b5d20"
down_revision = "8b2d4e6f1a30"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("auth_tokens") as batch:
        batch.add_column(sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("auth_tokens") as batch:
        batch.drop_column("last_used_at")
