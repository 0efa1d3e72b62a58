"""Offline events: for installed apps with an administrator's rights the portal keeps a queue of changes
that we read when we like, so nothing depends on an HTTP delivery arriving (``event.offline.get``).

The queue keeps the latest state per record, not a history, which is all a dirty mark needs.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from internhub.bitrix24.client import Bitrix24Client
from internhub.bitrix24.events import ENTITY_EVENTS
from internhub.bitrix24.sync import StepResult, mark_dirty

PAGE = 50


async def bind_offline(client: Bitrix24Client) -> None:
    bound = {row["event"].upper() for row in (await client.call("event.get")).result if int(row.get("offline", 0))}
    for event in ENTITY_EVENTS:
        if event not in bound:
            await client.call("event.bind", {"event": event, "event_type": "offline"})


async def drain_offline(
    sessionmaker: async_sessionmaker[AsyncSession], portal_id: int, client: Bitrix24Client
) -> StepResult:
    """Take up to 50 queued events, mark their records dirty, commit, then clear them from the queue.

    A crash between the commit and the clear only means the same records are marked again next time."""
    result = StepResult()
    answer = (await client.call("event.offline.get", {"limit": PAGE, "clear": 0})).result
    result.requests += 1
    events = answer.get("events") or []
    if not events:
        return result
    async with sessionmaker() as session:
        for row in events:
            known = ENTITY_EVENTS.get(str(row.get("EVENT_NAME", "")).upper())
            fields = (row.get("EVENT_DATA") or {}).get("FIELDS") or {}
            if known is None or not str(fields.get("ID", "")).isdigit():
                continue
            entity_type, action = known
            await mark_dirty(session, portal_id, entity_type, int(fields["ID"]), deleted=action == "DELETE")
            result.done += 1
        await session.commit()
    await client.call("event.offline.clear", {"process_id": answer["process_id"], "id": [row["ID"] for row in events]})
    result.requests += 1
    return result
