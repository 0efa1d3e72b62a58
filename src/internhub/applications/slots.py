"""An opening's places: how many are taken (its hired applications) and how many are left. One rule, read by the
service's moves, the intake's checks and the public catalogue."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Subquery, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.models import Application, ApplicationStatus, Opening


def _taking_a_place() -> list[ColumnElement[bool]]:
    return [Application.status == ApplicationStatus.hired, Application.deleted_at.is_(None)]


async def hired_count(session: AsyncSession, opening_id: int) -> int:
    stmt = select(func.count()).where(Application.opening_id == opening_id, *_taking_a_place())
    return (await session.scalar(stmt)) or 0


async def hired_by_opening(session: AsyncSession, opening_ids: list[int]) -> dict[int, int]:
    """Places taken for each of these openings (absent: none), in one query."""
    rows = await session.execute(
        select(Application.opening_id, func.count())
        .where(Application.opening_id.in_(opening_ids), *_taking_a_place())
        .group_by(Application.opening_id)
    )
    return {opening_id: count for opening_id, count in rows.all()}


def taken_by_opening() -> Subquery:
    """Places taken per opening (``opening_id``, ``n``), for joining into a larger query."""
    return (
        select(Application.opening_id, func.count().label("n"))
        .where(*_taking_a_place())
        .group_by(Application.opening_id)
        .subquery()
    )


async def free_places(session: AsyncSession, opening: Opening) -> int:
    return opening.slots - await hired_count(session, opening.id)
