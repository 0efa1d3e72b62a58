"""search indexes: openings by city in any case, skills and students' e-mails by any part

Revision ID: c4a8e2f6d1b9
Revises: c4d8e2a6b1f9
Create Date: 2026-12-05 18:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c4a8e2f6d1b9"
down_revision = "c4d8e2a6b1f9"
branch_labels = None
depends_on = None

# Substring searches (ILIKE '%word%') that a trigram index answers: the catalogue's words in skills, a student's
# e-mail beside the name (an OR of two columns uses an index only when each side has one).
TRIGRAM_INDEXES = {"opening_skills": "skill", "students": "email"}


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.create_index(
            "ix_openings_workspace_city_lower", "openings", ["workspace_id", sa.text("lower(city)"), "status", "id"]
        )
        for table, column in TRIGRAM_INDEXES.items():
            op.execute(f"CREATE INDEX ix_{table}_{column}_trgm ON {table} USING gin ({column} gin_trgm_ops)")
    else:
        with op.batch_alter_table("openings", schema=None) as batch_op:
            batch_op.create_index(
                "ix_openings_workspace_status_city", ["workspace_id", "status", "city", "deleted_at", "id"]
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, column in TRIGRAM_INDEXES.items():
            op.execute(f"DROP INDEX ix_{table}_{column}_trgm")
        op.drop_index("ix_openings_workspace_city_lower", table_name="openings")
    else:
        with op.batch_alter_table("openings", schema=None) as batch_op:
            batch_op.drop_index("ix_openings_workspace_status_city")
