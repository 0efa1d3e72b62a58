"""analytics stage counts: the period index leads with the stage

Revision ID: e2a9c6f41b83
Revises: c4b8e2d9f317
Create Date: 2026-11-28 14:00:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "e2a9c6f41b83"
down_revision = "c4b8e2d9f317"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every university's rows (the distribution by university) want two of seven stages: with the stage in
    # the index they are read without the other five.
    with op.batch_alter_table("analytics_stage_counts", schema=None) as batch_op:
        batch_op.drop_index("ix_analytics_stage_counts_period")
        batch_op.create_index(
            "ix_analytics_stage_counts_stage_period", ["workspace_id", "scope", "grain", "stage", "period"]
        )


def downgrade() -> None:
    with op.batch_alter_table("analytics_stage_counts", schema=None) as batch_op:
        batch_op.drop_index("ix_analytics_stage_counts_stage_period")
        batch_op.create_index("ix_analytics_stage_counts_period", ["workspace_id", "scope", "grain", "period"])
