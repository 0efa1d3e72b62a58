"""`internhub bitrix24 setup`: the pipelines, stages, company types and user fields our mapping needs.

Idempotent: what exists is found and reused, what is missing is created, and the resulting mapping
(pipeline ids, full stage ids) is stored with the portal. A portal an administrator has edited is adopted as
it is: our pipelines are found by their id, or by the origin we gave them (``originatorId``/``originId``,
crm-category-fields.md) when they were renamed, or by their name when they carry no origin (and are given ours);
one pipeline is never taken for two of ours. Our stages are found by their STATUS_ID whatever their names,
order or the stages added beside them, and nothing of the administrator's is renamed or moved. A stage of ours
that is missing is added where Bitrix24 accepts it (crm-status-add.md, "Restrictions for SORT": in-progress
stages, then the success stage, then failure stages).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from internhub.bitrix24.client import Bitrix24Client
from internhub.bitrix24.mapping import (
    APPLICATION_STAGES,
    OPENING_STAGES,
    STAGE_NAMES,
    STAGE_SEMANTICS,
    USER_FIELDS,
    Mapping,
    PipelineMapping,
)
from internhub.models import Portal

ORIGINATOR = "internhub"
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


def _ours(
    categories: list[dict[str, Any]], key: str | None, name: str, known: int | None, taken: set[int]
) -> dict[str, Any] | None:
    """Our pipeline among the portal's: the one we stored, else the one with our origin, else one of that name that
    carries no origin (made by hand, or by a setup from before origins). Never one already taken for another of ours,
    nor the default pipeline."""
    for matches in (
        lambda c: known is not None and int(c["id"]) == known,
        lambda c: key is not None and c.get("originatorId") == ORIGINATOR and c.get("originId") == key,
        lambda c: c.get("name") == name and not c.get("originatorId"),
    ):
        found = next((c for c in categories if int(c["id"]) not in taken | {0} and matches(c)), None)
        if found is not None:
            return found
    return None


# crm-status-add.md, "Restrictions for SORT": in-progress stages, then the success stage, then failure stages.
_GROUP_RANK = {"": 0, "S": 1, "F": 2}


def _sort_for(code: str, codes: list[str], listed: dict[str, dict[str, Any]], prefix: str) -> int:
    """Where a missing stage of ours goes, whatever an administrator has done to the order around it.

    A failure stage goes after every stage. Any other goes right before the first stage it must precede (the next
    stage of ours in its group that the pipeline still has, else the first stage of a later group, such as the
    success stage) and after every stage of its group or an earlier one below that: on a fresh pipeline our
    in-progress stages follow the portal's own, together and in our order. Stages of ours missing together share
    that gap evenly; where no room is left one shares the place of the stage below rather than pass the one above.
    """
    sorts = {status_id: int(row.get("SORT") or 0) for status_id, row in listed.items()}
    rank = {status_id: _GROUP_RANK.get(row.get("SEMANTICS") or "", 0) for status_id, row in listed.items()}
    group = _GROUP_RANK[STAGE_SEMANTICS.get(code, "")]
    if group == _GROUP_RANK["F"]:
        return max(sorts.values(), default=0) + 10
    later = [c for c in codes[codes.index(code) + 1 :] if _GROUP_RANK[STAGE_SEMANTICS.get(c, "")] == group]
    kept = next((position for position, c in enumerate(later) if prefix + c in sorts), None)
    above = [sort for status_id, sort in sorts.items() if rank[status_id] > group]
    if kept is not None:
        above.append(sorts[prefix + later[kept]])
    high = min(above, default=None)
    low = max(
        (sort for status_id, sort in sorts.items() if rank[status_id] <= group and (high is None or sort < high)),
        default=0,
    )
    if high is None:
        return low + 10
    missing_with_it = 1 + (len(later) if kept is None else kept)
    return low + (high - low) // (missing_with_it + 1)


async def _ensure_pipeline(
    client: Bitrix24Client,
    name: str,
    stages: dict[str, str],
    key: str | None = None,
    known: int | None = None,
    taken: set[int] | None = None,
) -> PipelineMapping:
    """Our pipeline ``key`` (None: one without an origin of ours, such as a further applications pipeline)."""
    categories = (await client.call("crm.category.list", {"entityTypeId": 2})).result["categories"]
    category = _ours(categories, key, name, known, taken or set())
    origin = {"originatorId": ORIGINATOR, "originId": key} if key else {}
    if category is None:
        added = (await client.call("crm.category.add", {"entityTypeId": 2, "fields": {"name": name, **origin}})).result
        category_id = int(added["category"]["id"])
    else:
        category_id = int(category["id"])
        if origin and not category.get("originatorId"):
            # Found by id or by name only: give it our origin (crm-category-fields.md, writable), so it is found
            # again once renamed, even after a reinstall forgets the stored mapping.
            await client.call("crm.category.update", {"entityTypeId": 2, "id": category_id, "fields": origin})
    entity_id = f"DEAL_STAGE_{category_id}"
    prefix = f"C{category_id}:"
    rows = (await client.call("crm.status.list", {"filter": {"ENTITY_ID": entity_id}})).result
    listed = {row["STATUS_ID"]: row for row in rows}
    codes = list(stages.values())
    for code in codes:
        if prefix + code in listed:
            continue
        fields = {
            "ENTITY_ID": entity_id,
            "STATUS_ID": code,
            "NAME": STAGE_NAMES.get(code, code),
            "SORT": _sort_for(code, codes, listed, prefix),
            "SEMANTICS": STAGE_SEMANTICS.get(code, ""),
            # Set once, when the stage is made (crm-status-fields.md: CATEGORY_ID writable and immutable): name the
            # pipeline rather than leave the portal to work it out from ENTITY_ID.
            "CATEGORY_ID": category_id,
        }
        await client.call("crm.status.add", {"fields": fields})
        listed[prefix + code] = {**fields, "STATUS_ID": prefix + code}
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


async def setup(client: Bitrix24Client, previous: Mapping | None = None) -> Mapping:
    """Make (or find) everything the mapping needs; ``previous`` is the mapping stored before, if any."""
    types = await _ensure_company_types(client)
    pipelines: dict[str, PipelineMapping] = {}
    for key, (name, stages) in PIPELINES.items():
        stored: PipelineMapping | None = getattr(previous, key, None) if previous is not None else None
        known = stored.category_id if stored is not None else None
        taken = {pipeline.category_id for pipeline in pipelines.values()}
        pipelines[key] = await _ensure_pipeline(client, name, stages, key, known, taken)
    await _ensure_user_fields(client)
    extra = previous.application_pipelines if previous is not None else []
    return Mapping.model_validate({**types, **pipelines, "application_pipelines": extra})


async def ensure_setup(session: AsyncSession, portal: Portal, client: Bitrix24Client) -> Mapping:
    previous = Mapping.model_validate(portal.mapping) if portal.mapping else None
    mapping = await setup(client, previous)
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


# Our pages inside the portal (api-reference/widgets/crm/detail-tab.md); the app's own page (DEFAULT) is set in the
# app's settings, not bound.
PLACEMENT_TITLES = {"ru": "InternHub", "en": "InternHub"}
PLACEMENTS = ("CRM_DEAL_DETAIL_TAB", "CRM_CONTACT_DETAIL_TAB", "CRM_COMPANY_DETAIL_TAB")


async def bind_placements(client: Bitrix24Client, handler_url: str) -> int:
    """Our tabs in the deal, contact and company cards, bound once each to ``handler_url``; a tab of ours bound to
    another address (the app moved) is unbound. Bitrix24 removes them itself when the app is removed
    (widgets/index.md, "Handler Lifecycle"), when API access is already gone."""
    bound = {(row["placement"], row["handler"]) for row in (await client.call("placement.get")).result}
    added = 0
    for placement in PLACEMENTS:
        for stale in sorted(handler for code, handler in bound if code == placement and handler != handler_url):
            await client.call("placement.unbind", {"PLACEMENT": placement, "HANDLER": stale})
        if (placement, handler_url) not in bound:
            titles = {lang: {"TITLE": title} for lang, title in PLACEMENT_TITLES.items()}
            await client.call(
                "placement.bind",
                {"PLACEMENT": placement, "HANDLER": handler_url, "TITLE": "InternHub", "LANG_ALL": titles},
            )
            added += 1
    return added


DEAL_DOCUMENT = ["crm", "CCrmDocumentDeal", "DEAL"]
ROBOT_RESULT = {"Name": {"ru": "Результат", "en": "Result"}, "Type": "string"}
# Automation rules an administrator puts on deal stages (api-reference/bizproc/bizproc-robot/bizproc-robot-add.md).
ROBOTS: dict[str, dict[str, Any]] = {
    "internhub_route": {
        "NAME": {"ru": "InternHub: распределить отклик", "en": "InternHub: route the application"},
        "DESCRIPTION": {
            "ru": "Назначает отклик по правилам маршрутизации InternHub",
            "en": "Assigns the application by InternHub's routing rules",
        },
        "RETURN_PROPERTIES": {
            "result": ROBOT_RESULT,
            "rule": {"Name": {"ru": "Правило", "en": "Rule"}, "Type": "string"},
        },
    },
    "internhub_status_mail": {
        "NAME": {"ru": "InternHub: письмо кандидату о статусе", "en": "InternHub: e-mail the candidate their status"},
        "DESCRIPTION": {
            "ru": "Отправляет кандидату письмо InternHub о текущем статусе отклика",
            "en": "Sends the candidate InternHub's e-mail about the application's current status",
        },
        "RETURN_PROPERTIES": {"result": ROBOT_RESULT},
    },
}


async def add_robots(client: Bitrix24Client, handler_url: str) -> int:
    """Register our automation rules for deals (once each; the portal removes them with the app). They wait for
    our answer (USE_SUBSCRIPTION Y), which we send with bizproc.event.send."""
    have = set((await client.call("bizproc.robot.list")).result or [])
    added = 0
    for code, spec in ROBOTS.items():
        if code in have:
            continue
        fields = {
            "CODE": code,
            "HANDLER": handler_url,
            "USE_SUBSCRIPTION": "Y",
            "DOCUMENT_TYPE": DEAL_DOCUMENT,
            "FILTER": {"INCLUDE": [DEAL_DOCUMENT[:2]]},
            **spec,
        }
        await client.call("bizproc.robot.add", fields)
        added += 1
    return added
