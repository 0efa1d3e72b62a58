"""portal new users: what a person of the portal becomes on first opening the app inside Bitrix24

Revision ID: c4d8e2a6b1f9
Revises: c4d8e2a6b1f3
Create Date: 2026-12-05 18:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c4d8e2a6b1f9"
down_revision = "c4d8e2a6b1f3"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bitrix24_portals") as batch:
        batch.add_column(sa.Column("new_users", sa.String(length=16), server_default="by_portal_role", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("bitrix24_portals") as batch:
        batch.drop_column("new_users")
