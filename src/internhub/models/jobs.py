from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from internhub.models.base import Base, IdPk, JsonDoc, utcnow


class DeadJob(Base):
    """A background job that failed every try: kept with its arguments and last error until an operator sends
    it again (``internhub jobs replay``) or lets it go."""

    __tablename__ = "dead_jobs"

    id: Mapped[IdPk]
    job: Mapped[str] = mapped_column(String(200))
    args: Mapped[list] = mapped_column(JsonDoc, default=list)
    kwargs: Mapped[dict] = mapped_column(JsonDoc, default=dict)
    error: Mapped[str] = mapped_column(Text, default="")
    attempts: Mapped[int] = mapped_column(default=0)
    failed_at: Mapped[datetime] = mapped_column(default=utcnow)
    replayed_at: Mapped[datetime | None] = mapped_column(default=None)
