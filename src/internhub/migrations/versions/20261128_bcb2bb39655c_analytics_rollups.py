"""analytics rollups

Revision ID: bcb2bb39655c
Revises: 651443a52d5a
Create Date: 2026-11-28 01:47:33.874392
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "bcb2bb39655c"
down_revision = "651443a52d5a"
branch_labels = None
depends_on = None

WORKSPACE_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _rollup(name: str, *columns: sa.Column) -> None:
    op.create_table(
        name,
        sa.Column("workspace_id", WORKSPACE_ID, nullable=False),
        *columns,
        sa.Column("n", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f(f"fk_{name}_workspace_id_workspaces"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("workspace_id", *(column.name for column in columns), name=op.f(f"pk_{name}")),
    )


def _scoped() -> list[sa.Column]:
    return [
        sa.Column("scope", sa.String(length=1), nullable=False),
        sa.Column("scope_id", sa.BigInteger(), nullable=False),
        sa.Column("grain", sa.String(length=1), nullable=False),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
    ]


def upgrade() -> None:
    _rollup(
        "analytics_opening_counts",
        *_scoped(),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
    )
    _rollup(
        "analytics_stage_counts",
        *_scoped(),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
    )
    with op.batch_alter_table("analytics_stage_counts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_analytics_stage_counts_period", ["workspace_id", "scope", "grain", "period"], unique=False
        )
    _rollup(
        "analytics_stage_durations",
        *_scoped(),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
    )
    _rollup(
        "analytics_student_counts",
        sa.Column("university_id", sa.BigInteger(), nullable=False),
        sa.Column("course", sa.SmallInteger(), nullable=False),
        sa.Column("specialty", sa.String(length=200), nullable=False),
    )
    _rollup(
        "analytics_skill_counts",
        sa.Column("side", sa.String(length=1), nullable=False),
        sa.Column("scope", sa.String(length=1), nullable=False),
        sa.Column("scope_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("skill", sa.String(length=50), nullable=False),
    )
    # Data that is already there gets its rollups now; from here on every write keeps them current.
    # Only the tables made here: rollups added by later migrations do not exist yet.
    from internhub.analytics.rollups import rebuild
    from internhub.models.analytics import OpeningCount, SkillCount, StageCount, StageDuration, StudentCount

    connection = op.get_bind()
    made_here = (StageCount, StageDuration, OpeningCount, StudentCount, SkillCount)
    for (workspace_id,) in connection.execute(sa.text("SELECT id FROM workspaces")).all():
        rebuild(connection, workspace_id, only=made_here)


def downgrade() -> None:
    op.drop_table("analytics_skill_counts")
    op.drop_table("analytics_student_counts")
    op.drop_table("analytics_stage_durations")
    with op.batch_alter_table("analytics_stage_counts", schema=None) as batch_op:
        batch_op.drop_index("ix_analytics_stage_counts_period")
    op.drop_table("analytics_stage_counts")
    op.drop_table("analytics_opening_counts")
