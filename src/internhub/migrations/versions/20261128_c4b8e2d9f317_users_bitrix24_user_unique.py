"""users: one user per Bitrix24 user in a workspace

Revision ID: c4b8e2d9f317
Revises: a7f3e0c5d218
Create Date: 2026-11-28 13:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c4b8e2d9f317"
down_revision = "a7f3e0c5d218"
branch_labels = None
depends_on = None

LINKED = sa.text("bitrix24_user_id IS NOT NULL")


def upgrade() -> None:
    op.create_index(
        "uq_users_workspace_bitrix24_user",
        "users",
        ["workspace_id", "bitrix24_user_id"],
        unique=True,
        sqlite_where=LINKED,
        postgresql_where=LINKED,
    )


def downgrade() -> None:
    op.drop_index("uq_users_workspace_bitrix24_user", table_name="users")
