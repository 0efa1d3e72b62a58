"""An opening's search text: its title, city, company's name and skills in one column, kept by every write.

The catalogue asks for every word somewhere in those four ("python москва"). Spread over three tables, each word
was an OR of a title/city match, a skills subquery and a companies subquery, checked against every opening of the
city. In one column each word is one ``ILIKE`` that the trigram index on it answers (PostgreSQL), and one cheap test
per row on SQLite. Words are split on whitespace and the parts are joined by a line break, so no word can match
across two parts.

The text is stored as written (not lower-cased): ``ILIKE`` folds the case on both databases, Cyrillic included.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, and_, func, inspect, or_, select, update
from sqlalchemy.orm import Session

from internhub.common.search import contains
from internhub.models import Company, Opening, OpeningSkill

SEPARATOR = "\n"


def joined(title: str, city: str | None, company: str | None, skills: Iterable[str]) -> str:
    """The search text of an opening written without the ORM (the demo data's bulk load)."""
    return SEPARATOR.join([title, city or "", company or "", *skills])


def every_word(text: str) -> ColumnElement[bool]:
    """Each word of ``text`` in the title, the city, the company's name or one of the skills."""
    return and_(*(contains(word, Opening.search_text) for word in text.split()))


def _made_in_sql() -> ColumnElement[str]:
    company = select(Company.name).where(Company.id == Opening.company_id).scalar_subquery()
    skills = (
        select(func.aggregate_strings(OpeningSkill.skill, SEPARATOR))
        .where(OpeningSkill.opening_id == Opening.id)
        .scalar_subquery()
    )
    return (
        Opening.title
        + SEPARATOR
        + func.coalesce(Opening.city, "")
        + SEPARATOR
        + func.coalesce(company, "")
        + SEPARATOR
        + func.coalesce(skills, "")
    )


def refresh(session: Session, where: ColumnElement[bool]) -> None:
    """Rewrite the search text of the openings ``where`` selects from what the tables hold now. The opening's
    ``updated_at`` stays: nothing a person or Bitrix24 sees has changed."""
    session.connection().execute(
        update(Opening).where(where).values(search_text=_made_in_sql(), updated_at=Opening.updated_at)
    )


def _changed(obj: Any, *names: str) -> bool:
    state = inspect(obj)
    return state.pending or any(state.attrs[name].history.has_changes() for name in names)


def note_changes(session: Session, _context: object) -> None:
    """Flush listener: the openings whose title, city, company or skills this flush wrote, and those of every
    company renamed, get their search text again, in the same transaction."""
    openings: set[int] = set()
    companies: set[int] = set()
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Opening) and _changed(obj, "title", "city", "company_id", "skill_rows"):
            openings.add(obj.id)
        elif isinstance(obj, Company) and not inspect(obj).pending and _changed(obj, "name"):
            companies.add(obj.id)
    for obj in (*session.new, *session.deleted):
        if isinstance(obj, OpeningSkill):
            openings.add(obj.opening_id)
    if openings or companies:
        refresh(session, or_(Opening.id.in_(openings), Opening.company_id.in_(companies)))
