"""The first import of a portal's CRM: companies, then contacts, then deals, page by page.

Resumable: after every page the last imported ID is stored with the portal, and a new run continues
after it. Records that point at something not imported yet are left dirty for the worker to finish.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from internhub.bitrix24.mapping import Mapping
from internhub.bitrix24.outbox import from_bitrix24
from internhub.bitrix24.sync import REMOTE_TYPES, PortalSync, Unresolved, mark_dirty
from internhub.models import Portal

SELECT = {
    "company": ["*", "UF_*", "EMAIL", "PHONE", "WEB"],
    "contact": ["*", "UF_*", "EMAIL", "PHONE"],
    "deal": ["*", "UF_*"],
}

Progress = Callable[[str, int, int | None], None]


@dataclass
class ImportSummary:
    seen: dict[str, int] = field(default_factory=dict)
    created: int = 0
    updated: int = 0
    waiting: int = 0
    requests: int = 0


async def import_portal(
    sessionmaker: async_sessionmaker[AsyncSession], sync: PortalSync, progress: Progress | None = None
) -> ImportSummary:
    summary = ImportSummary()
    client = sync.client
    before = client.requests
    for remote_type in REMOTE_TYPES:
        async with sessionmaker() as session:
            portal = await session.get_one(Portal, sync.portal_id)
            after_id = int((portal.watermarks or {}).get(f"import:{remote_type}", 0))
        total = (await client.call(f"crm.{remote_type}.list", {"select": ["ID"], "filter": {">ID": after_id}})).total
        summary.seen[remote_type] = 0

        async def on_page(rows: list[dict], remote_type: str = remote_type, total: int | None = total) -> None:
            async with sessionmaker() as session:
                from_bitrix24(session)
                portal = await session.get_one(Portal, sync.portal_id)
                mapping = Mapping.model_validate(portal.mapping or {})
                for record in rows:
                    try:
                        outcome = await sync.apply_record(session, portal, mapping, remote_type, record)
                    except Unresolved as unresolved:
                        for ref_type, ref_id in unresolved.references:
                            await mark_dirty(session, portal.id, ref_type, ref_id)
                        await mark_dirty(session, portal.id, remote_type, int(record["ID"]))
                        summary.waiting += 1
                        continue
                    summary.created += outcome == "created"
                    summary.updated += outcome == "updated"
                portal.watermarks = {**(portal.watermarks or {}), f"import:{remote_type}": int(rows[-1]["ID"])}
                await session.commit()
            summary.seen[remote_type] += len(rows)
            if progress is not None:
                progress(remote_type, summary.seen[remote_type], total)

        await client.list_all(f"crm.{remote_type}.list", select=SELECT[remote_type], after_id=after_id, on_page=on_page)
        if progress is not None:
            progress(remote_type, summary.seen[remote_type], summary.seen[remote_type])
    summary.requests = client.requests - before
    return summary
