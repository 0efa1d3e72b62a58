"""`internhub bitrix24 setup`: the pipelines, stages, company types and user fields our mapping needs.

Idempotent: what exists is found and reused, what is missing is created, and the resulting mapping
(pipeline ids, full stage ids) is stored with the portal.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from internhub.bitrix24.client import Bitrix24Client
from internhub.bitrix24.mapping import (
    APPLICATION_STAGES,
    OPENING_STAGES,
    STAGE_NAMES,
    USER_FIELDS,
    Mapping,
    PipelineMapping,
)
from internhub.models import Portal

PIPELINES = {
    "internships": ("InternHub: стажировки", OPENING_STAGES),
    "vacancies": ("InternHub: вакансии", OPENING_STAGES),
    "applications": ("InternHub: отклики", APPLICATION_STAGES),
}
COMPANY_TYPES = {"university_type": ("UNIVERSITY", "Вуз"), "employer_type": ("EMPLOYER", "Работодатель")}


async def _ensure_company_types(client: Bitrix24Client) -> dict[str, str]:
    existing = (await client.call("crm.status.list", {"filter": {"ENTITY_ID": "COMPANY_TYPE"}})).result
    have = {row["STATUS_ID"] for row in existing}
    for status_id, name in COMPANY_TYPES.values():
        if status_id not in have:
            fields = {"ENTITY_ID": "COMPANY_TYPE", "STATUS_ID": status_id, "NAME": name, "SORT": 100}
            await client.call("crm.status.add", {"fields": fields})
    return {key: status_id for key, (status_id, _) in COMPANY_TYPES.items()}


async def _ensure_pipeline(client: Bitrix24Client, name: str, stages: dict[str, str]) -> PipelineMapping:
    categories = (await client.call("crm.category.list", {"entityTypeId": 2})).result["categories"]
    category = next((c for c in categories if c["name"] == name), None)
    if category is None:
        added = (await client.call("crm.category.add", {"entityTypeId": 2, "fields": {"name": name}})).result
        category_id = int(added["category"]["id"])
    else:
        category_id = int(category["id"])
    entity_id = f"DEAL_STAGE_{category_id}"
    prefix = f"C{category_id}:"
    listed = (await client.call("crm.status.list", {"filter": {"ENTITY_ID": entity_id}})).result
    have = {row["STATUS_ID"] for row in listed}
    for sort, code in enumerate(stages.values(), start=1):
        if prefix + code not in have and code in STAGE_NAMES:
            fields = {"ENTITY_ID": entity_id, "STATUS_ID": code, "NAME": STAGE_NAMES[code], "SORT": sort * 10 + 5}
            await client.call("crm.status.add", {"fields": fields})
    return PipelineMapping(category_id=category_id, stages={status: prefix + code for status, code in stages.items()})


async def _ensure_user_fields(client: Bitrix24Client) -> None:
    for entity in ("company", "contact", "deal"):
        listed = (await client.call(f"crm.{entity}.userfield.list")).result
        have = {row["FIELD_NAME"] for row in listed}
        for owner, name, user_type, label in USER_FIELDS:
            if owner == entity and name not in have:
                fields = {
                    "FIELD_NAME": name.removeprefix("UF_CRM_"),
                    "USER_TYPE_ID": user_type,
                    "EDIT_FORM_LABEL": label,
                }
                await client.call(f"crm.{entity}.userfield.add", {"fields": fields})


async def setup(client: Bitrix24Client) -> Mapping:
    types = await _ensure_company_types(client)
    pipelines = {key: await _ensure_pipeline(client, name, stages) for key, (name, stages) in PIPELINES.items()}
    await _ensure_user_fields(client)
    return Mapping(**types, **pipelines)


async def ensure_setup(session: AsyncSession, portal: Portal, client: Bitrix24Client) -> Mapping:
    mapping = await setup(client)
    portal.mapping = mapping.model_dump(mode="json")
    await session.flush()
    return mapping


async def bind_events(client: Bitrix24Client, handler_url: str, events: list[str]) -> int:
    """Bind our handler to every event we need (OAuth apps only; bindings vanish on reinstall)."""
    bound = {(row["event"].upper(), row["handler"]) for row in (await client.call("event.get")).result}
    added = 0
    for event in events:
        if (event, handler_url) not in bound:
            await client.call("event.bind", {"event": event, "handler": handler_url})
            added += 1
    return added
