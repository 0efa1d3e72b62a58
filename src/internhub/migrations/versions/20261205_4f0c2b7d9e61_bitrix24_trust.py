"""bitrix24: one local record per Bitrix24 id, conflicts, the worker's pause, multiple-field entries

Revision ID: 4f0c2b7d9e61
Revises: e2a9c6f41b83
Create Date: 2026-12-05 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "4f0c2b7d9e61"
down_revision = "e2a9c6f41b83"
branch_labels = None
depends_on = None

LINKED = {
    "universities": "bitrix24_company_id",
    "companies": "bitrix24_company_id",
    "students": "bitrix24_contact_id",
    "openings": "bitrix24_deal_id",
    "applications": "bitrix24_deal_id",
}
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    for table, column in LINKED.items():
        # Two records claiming one Bitrix24 record: the oldest keeps the link, the others lose it (their next
        # push creates their own record there, or an administrator merges them).
        op.execute(
            sa.text(
                f"UPDATE {table} SET {column} = NULL WHERE {column} IS NOT NULL AND id > ("
                f"SELECT MIN(o.id) FROM {table} o WHERE o.workspace_id = {table}.workspace_id "
                f"AND o.{column} = {table}.{column})"
            )
        )
        condition = sa.text(f"{column} IS NOT NULL")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"ix_{table}_bitrix24")
            batch_op.create_index(
                f"uq_{table}_bitrix24",
                ["workspace_id", column],
                unique=True,
                sqlite_where=condition,
                postgresql_where=condition,
            )

    with op.batch_alter_table("bitrix24_portals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sync_error", sa.String(length=1000), nullable=True))
        batch_op.add_column(sa.Column("sync_error_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("sync_failures", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("resting_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("deletion_hold", JSON, nullable=True))
    with op.batch_alter_table("bitrix24_dirty", schema=None) as batch_op:
        batch_op.add_column(sa.Column("conflict", sa.String(length=40), nullable=True))
    with op.batch_alter_table("bitrix24_sync_state", schema=None) as batch_op:
        batch_op.add_column(sa.Column("remote_entries", JSON, server_default=sa.text("'{}'"), nullable=False))
        batch_op.add_column(sa.Column("remote_modified", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("remote_deleted_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("conflict", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bitrix24_sync_state", schema=None) as batch_op:
        batch_op.drop_column("conflict")
        batch_op.drop_column("remote_deleted_at")
        batch_op.drop_column("remote_modified")
        batch_op.drop_column("remote_entries")
    with op.batch_alter_table("bitrix24_dirty", schema=None) as batch_op:
        batch_op.drop_column("conflict")
    with op.batch_alter_table("bitrix24_portals", schema=None) as batch_op:
        batch_op.drop_column("deletion_hold")
        batch_op.drop_column("resting_until")
        batch_op.drop_column("sync_failures")
        batch_op.drop_column("sync_error_at")
        batch_op.drop_column("sync_error")
    for table, column in LINKED.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"uq_{table}_bitrix24")
            batch_op.create_index(f"ix_{table}_bitrix24", ["workspace_id", column], unique=False)
