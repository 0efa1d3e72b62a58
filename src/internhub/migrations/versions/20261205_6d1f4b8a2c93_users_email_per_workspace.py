"""users: an e-mail is unique within a workspace, not across them (one person may work with two organisations,
and creating an account must not tell an admin of another workspace's)

Revision ID: 6d1f4b8a2c93
Revises: 3c7e9a1b5d20
Create Date: 2026-12-05 14:00:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "6d1f4b8a2c93"
down_revision = "3c7e9a1b5d20"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint("uq_users_email", type_="unique")
        batch.create_unique_constraint("uq_users_workspace_email", ["workspace_id", "email"])
    op.create_index("ix_users_email", "users", ["email"])


def downgrade() -> None:
    op.drop_index("ix_users_email", table_name="users")
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint("uq_users_workspace_email", type_="unique")
        batch.create_unique_constraint("uq_users_email", ["email"])
