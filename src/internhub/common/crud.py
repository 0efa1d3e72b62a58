"""Small helpers every service uses: fetch-or-404 within scope, apply a patch, soft delete.

A PATCH is applied with only the fields the client sent, ``patch.model_dump(exclude_unset=True)``: ``null``
clears a field and an absent one stays."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.errors import NotFound
from internhub.models import utcnow

M = TypeVar("M")


async def one_or_404(session: AsyncSession, stmt: Select, what: str) -> Any:
    """The single row ``stmt`` finds, or a 404 that says the same whether it is missing or out of scope."""
    found = (await session.scalars(stmt.limit(1))).first()
    if found is None:
        raise NotFound(f"{what} not found.")
    return found


def apply(entity: M, values: dict[str, Any]) -> M:
    for name, value in values.items():
        setattr(entity, name, value)
    return entity


async def saved(session: AsyncSession, entity: M) -> M:
    """Flush, then read back what the flush changed beside the record itself (its Bitrix24 sync state)."""
    await session.flush()
    await session.refresh(entity, ["sync_state"])
    return entity


def soft_delete(entity: Any) -> None:
    entity.deleted_at = utcnow()
