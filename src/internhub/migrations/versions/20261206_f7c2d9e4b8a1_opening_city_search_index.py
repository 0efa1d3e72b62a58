"""openings: one GIN index answers a catalogue search's city and words together (PostgreSQL)

The trigram index on the search text alone found the openings with the words in every city (1,448 candidates for
three common words at scale L), and the planner, which cannot estimate a LIKE pattern's rows, could then read all of
them from the table to keep the 187 of one city. With the city key as a column of the same GIN index (btree_gin),
the index intersects the city's entries with the words' trigrams and the table is read for those rows only. A
multicolumn GIN index serves a condition on any of its columns, so a search without a city still uses it.

Revision ID: f7c2d9e4b8a1
Revises: e6b1c8d4a2f7
Create Date: 2026-12-06 00:10:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "f7c2d9e4b8a1"
down_revision = "e6b1c8d4a2f7"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    op.execute(
        "CREATE INDEX ix_openings_city_search_trgm ON openings "
        "USING gin (city_key, search_text gin_trgm_ops) WHERE deleted_at IS NULL"
    )
    op.execute("DROP INDEX ix_openings_search_text_trgm")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE INDEX ix_openings_search_text_trgm ON openings USING gin (search_text gin_trgm_ops)")
    op.execute("DROP INDEX ix_openings_city_search_trgm")
