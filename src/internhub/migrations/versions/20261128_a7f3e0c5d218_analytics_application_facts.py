"""analytics application facts

Revision ID: a7f3e0c5d218
Revises: 5e1d7c3a9b42
Create Date: 2026-11-28 05:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "a7f3e0c5d218"
down_revision = "5e1d7c3a9b42"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    name = "analytics_application_facts"
    op.create_table(
        name,
        sa.Column("application_id", ID, nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("workspace_id", ID, nullable=False),
        sa.Column("university_id", sa.BigInteger(), nullable=False),
        sa.Column("student_id", sa.BigInteger(), nullable=False),
        sa.Column("company_id", sa.BigInteger(), nullable=False),
        sa.Column("opening_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f(f"fk_{name}_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f(f"fk_{name}_workspace_id_workspaces"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("application_id", "stage", name=op.f(f"pk_{name}")),
    )
    op.create_index(
        "ix_analytics_application_facts_university", name, ["workspace_id", "university_id", "stage", "day"]
    )
    op.create_index("ix_analytics_application_facts_opening", name, ["opening_id"])
    op.create_index("ix_analytics_application_facts_student", name, ["student_id"])
    # Existing data: one row per live application's applying and hire.
    from internhub.analytics.rollups import rebuild
    from internhub.models.analytics import ApplicationFact

    connection = op.get_bind()
    for (workspace_id,) in connection.execute(sa.text("SELECT id FROM workspaces")).all():
        rebuild(connection, workspace_id, only=(ApplicationFact,))


def downgrade() -> None:
    op.drop_table("analytics_application_facts")
