"""The CRM pipelines routing sends applications to, as routing sees them.

Routing decides an application's pipeline and starting stage, but the pipelines are the CRM's: the integration
that knows them (Bitrix24's mapping of a workspace) provides the directory, registered by
``internhub.listeners.install``. Without one (no integration installed) no workspace has pipelines.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession


class Pipeline(Protocol):
    @property
    def category_id(self) -> int: ...

    @property
    def stages(self) -> dict[str, str]: ...  # our status -> the CRM's stage id


class Pipelines(Protocol):
    """A workspace's applications pipelines."""

    def application_pipeline(self, category_id: int | None) -> Pipeline | None: ...

    def application_pipeline_ids(self) -> list[int]: ...


Directory = Callable[[AsyncSession, int], Awaitable[Pipelines | None]]
_directory: list[Directory] = []


def provide(directory: Directory) -> None:
    """The integration's lookup of a workspace's pipelines (None: the workspace has no CRM connected)."""
    _directory[:] = [directory]


async def of_workspace(session: AsyncSession, workspace_id: int) -> Pipelines | None:
    return await _directory[0](session, workspace_id) if _directory else None


def status_of_stage(pipeline: Pipeline, stage_id: str) -> str | None:
    """Our status of one of the pipeline's stages, if it is one of ours."""
    return next((status for status, stage in pipeline.stages.items() if stage == stage_id), None)
