from __future__ import annotations

from datetime import datetime

from pydantic import Field

from internhub.common.schemas import OutputModel
from internhub.models import SyncStatus


class SyncOut(OutputModel):
    status: SyncStatus = Field(description="pending: waiting to reach Bitrix24; synced; failed: see error")
    error: str | None
    synced_at: datetime | None


class Synced(OutputModel):
    """Output of a record kept in step with Bitrix24."""

    sync: SyncOut | None = Field(
        default=None, validation_alias="sync_state", description="Bitrix24 sync state; null when never synced"
    )
