"""openings: one search text (title, city, company, skills) with a trigram index

Revision ID: d2f7a9c3e5b1
Revises: c4a8e2f6d1b9
Create Date: 2026-12-05 21:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "d2f7a9c3e5b1"
down_revision = "c4a8e2f6d1b9"
branch_labels = None
depends_on = None

SEPARATOR = "\n"  # internhub.openings.search.SEPARATOR


def upgrade() -> None:
    with op.batch_alter_table("openings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), server_default="", nullable=False))
    openings = sa.table(
        "openings",
        sa.column("id", sa.BigInteger),
        sa.column("company_id", sa.BigInteger),
        sa.column("title", sa.String),
        sa.column("city", sa.String),
        sa.column("search_text", sa.Text),
    )
    companies = sa.table("companies", sa.column("id", sa.BigInteger), sa.column("name", sa.String))
    skills = sa.table("opening_skills", sa.column("opening_id", sa.BigInteger), sa.column("skill", sa.String))
    company = sa.select(companies.c.name).where(companies.c.id == openings.c.company_id).scalar_subquery()
    skill_list = (
        sa.select(sa.func.aggregate_strings(skills.c.skill, SEPARATOR))
        .where(skills.c.opening_id == openings.c.id)
        .scalar_subquery()
    )
    op.execute(
        openings.update().values(
            search_text=openings.c.title
            + SEPARATOR
            + sa.func.coalesce(openings.c.city, "")
            + SEPARATOR
            + sa.func.coalesce(company, "")
            + SEPARATOR
            + sa.func.coalesce(skill_list, "")
        )
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_openings_search_text_trgm ON openings USING gin (search_text gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_openings_search_text_trgm")
    with op.batch_alter_table("openings", schema=None) as batch_op:
        batch_op.drop_column("search_text")
