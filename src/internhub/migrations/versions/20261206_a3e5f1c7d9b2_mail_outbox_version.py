"""mail_outbox: a version counter, so a delivery cannot write back an address that an erasure removed meanwhile

Delivery reads the student's address, sends, then writes the message (address, text, status) back. An erasure that
committed in between was undone by that write, and the student's address came back. Every write now bumps
``version_id`` and checks it (SQLAlchemy's ``version_id_col``); a delivery that finds the message changed keeps the
erasure and records only that the mail went.

Revision ID: a3e5f1c7d9b2
Revises: f7c2d9e4b8a1
Create Date: 2026-12-06 08:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "a3e5f1c7d9b2"
down_revision = "f7c2d9e4b8a1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mail_outbox") as table:
        table.add_column(sa.Column("version_id", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("mail_outbox") as table:
        table.drop_column("version_id")
