"""Our records ↔ Bitrix24 CRM records.

| ours        | Bitrix24                                                        |
| ----------- | --------------------------------------------------------------- |
| university  | company with COMPANY_TYPE = mapping.university_type             |
| company     | company with COMPANY_TYPE = mapping.employer_type               |
| student     | contact linked (COMPANY_ID) to the university's company         |
| opening     | deal in the internships or vacancies pipeline, stage = status   |
| application | deal in the applications pipeline, stage = status               |

Both directions go through a *projection*: the synced fields of a record in our own terms. The last
projection both sides agreed on is kept (``SyncState.base``), so a push sends only what changed here
and a pull applies only what changed there: a three-way merge, field by field.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from internhub.models import (
    Application,
    ApplicationStatus,
    Company,
    Opening,
    OpeningKind,
    OpeningStatus,
    Portal,
    Student,
    University,
    WorkFormat,
)
from internhub.routing import pipelines

KINDS = ("university", "company", "student", "opening", "application")
# The models a portal's records are synced to: all kept per workspace, soft-deleted, with a sync state.
Synced = University | Company | Student | Opening | Application
MODEL_OF: dict[str, type[Synced]] = {
    "university": University,
    "company": Company,
    "student": Student,
    "opening": Opening,
    "application": Application,
}
REMOTE_OF = {
    "university": "company",
    "company": "company",
    "student": "contact",
    "opening": "deal",
    "application": "deal",
}
REMOTE_ID_COLUMN = {
    "university": "bitrix24_company_id",
    "company": "bitrix24_company_id",
    "student": "bitrix24_contact_id",
    "opening": "bitrix24_deal_id",
    "application": "bitrix24_deal_id",
}
# Parents first: a contact needs its university's company id, an application its student's contact id.
PUSH_ORDER = {kind: position for position, kind in enumerate(KINDS)}

UF = {
    "short_name": "UF_CRM_IH_SHORT_NAME",
    "inn": "UF_CRM_IH_INN",
    "course": "UF_CRM_IH_COURSE",
    "specialty": "UF_CRM_IH_SPECIALTY",
    "slots": "UF_CRM_IH_SLOTS",
    "city": "UF_CRM_IH_CITY",
    "format": "UF_CRM_IH_FORMAT",
    "skills": "UF_CRM_IH_SKILLS",
    "opening": "UF_CRM_IH_OPENING",
    "key": "UF_CRM_IH_KEY",
}
# (entity, field name, type, label) for `internhub bitrix24 setup`.
USER_FIELDS = [
    *((entity, UF["key"], "string", "Ключ InternHub") for entity in ("company", "contact", "deal")),
    ("company", UF["short_name"], "string", "Краткое название"),
    ("company", UF["inn"], "string", "ИНН"),
    ("company", UF["city"], "string", "Город"),
    ("contact", UF["course"], "integer", "Курс"),
    ("contact", UF["specialty"], "string", "Специальность"),
    ("deal", UF["slots"], "integer", "Мест"),
    ("deal", UF["city"], "string", "Город"),
    ("deal", UF["format"], "string", "Формат"),
    ("deal", UF["skills"], "string", "Навыки"),
    ("deal", UF["opening"], "integer", "Сделка вакансии"),
]

OPENING_STAGES = {"draft": "NEW", "active": "UC_ACTIVE", "closed": "UC_CLOSED", "completed": "WON"}
APPLICATION_STAGES = {
    "new": "NEW",
    "screening": "UC_SCREENING",
    "interview": "UC_INTERVIEW",
    "offer": "UC_OFFER",
    "hired": "WON",
    "rejected": "LOSE",
    "withdrawn": "UC_WITHDRAWN",
}
STAGE_NAMES = {
    "NEW": "Новая",
    "UC_ACTIVE": "Опубликована",
    "UC_CLOSED": "Набор закрыт",
    "WON": "Завершена",
    "UC_SCREENING": "Отбор",
    "UC_INTERVIEW": "Собеседование",
    "UC_OFFER": "Предложение",
    "LOSE": "Отказ",
    "UC_WITHDRAWN": "Отозвана",
}
# The stage group of each of our stages (crm-status-add.md, SEMANTICS): "S" success, "F" failure, else in
# progress. A pipeline orders them: in progress, then success, then failure.
STAGE_SEMANTICS = {"WON": "S", "LOSE": "F", "UC_WITHDRAWN": "F"}


class PipelineMapping(BaseModel):
    category_id: int = Field(ge=0)
    stages: dict[str, str] = Field(description="Our status → the stage id in this pipeline (e.g. C7:UC_ACTIVE)")


class Mapping(BaseModel):
    """Per workspace, stored with the portal and editable through the API."""

    university_type: str = "UNIVERSITY"
    employer_type: str = "EMPLOYER"
    internships: PipelineMapping | None = None
    vacancies: PipelineMapping | None = None
    applications: PipelineMapping | None = None
    application_pipelines: list[PipelineMapping] = Field(
        default_factory=list, description="More applications pipelines that routing rules may send applications to"
    )

    def application_pipeline(self, category_id: int | None) -> PipelineMapping | None:
        """The applications pipeline with this id; None means the default one."""
        if category_id is None:
            return self.applications
        for pipeline in (self.applications, *self.application_pipelines):
            if pipeline is not None and pipeline.category_id == category_id:
                return pipeline
        return None

    def application_pipeline_ids(self) -> list[int]:
        return sorted(p.category_id for p in (self.applications, *self.application_pipelines) if p)

    def pipeline_for_opening(self, kind: str) -> PipelineMapping | None:
        return self.internships if kind == OpeningKind.internship else self.vacancies

    def classify_deal(self, category_id: int) -> tuple[str, OpeningKind | None] | None:
        """(our kind, opening kind) of a deal in ``category_id``, or None when the pipeline is not ours."""
        for name, kind, opening_kind in (
            ("internships", "opening", OpeningKind.internship),
            ("vacancies", "opening", OpeningKind.vacancy),
            ("applications", "application", None),
        ):
            pipeline: PipelineMapping | None = getattr(self, name)
            if pipeline is not None and pipeline.category_id == category_id:
                return kind, opening_kind
        if any(pipeline.category_id == category_id for pipeline in self.application_pipelines):
            return "application", None
        return None

    @property
    def complete(self) -> bool:
        return None not in (self.internships, self.vacancies, self.applications)


def status_of_stage(pipeline: PipelineMapping | None, stage_id: str) -> str | None:
    return None if pipeline is None else pipelines.status_of_stage(pipeline, stage_id)


# --- projections in our terms -------------------------------------------------------------------

SYNCED_FIELDS = {
    "university": ("name", "short_name", "city", "contact_email"),
    "company": ("name", "inn", "city", "website", "contact_email", "contact_phone"),
    "student": ("full_name", "email", "phone", "course", "specialty", "university_id"),
    "opening": (
        "title",
        "kind",
        "status",
        "company_id",
        "starts_on",
        "ends_on",
        "description",
        "slots",
        "city",
        "format",
        "skills",
    ),
    "application": ("status", "opening_id", "student_id", "assignee_id"),
}
# An application's projection also carries ``category_id``, the pipeline its deal belongs in: the sync adds
# it from the route (Bitrix24 moves a deal between pipelines only through crm.item.update).


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return sorted(value)
    if hasattr(value, "value"):  # enums
        return value.value
    return value


def project(kind: str, entity: Any) -> dict[str, Any]:
    """The synced fields of one of our records, as plain JSON values."""
    return {name: _plain(getattr(entity, name)) for name in SYNCED_FIELDS[kind]}


# --- ours → Bitrix24 ----------------------------------------------------------------------------

RemoteIdOf = Callable[[str, int | None], Awaitable[int | None]]
"""(our kind, our id) → the Bitrix24 id of that record, or None when it has none yet."""


class MissingParent(Exception):
    """A record references one that Bitrix24 does not know yet; push the parent first."""

    def __init__(self, kind: str, entity_id: int) -> None:
        super().__init__(f"{kind} {entity_id} is not in Bitrix24 yet")
        self.kind = kind
        self.entity_id = entity_id


# Our fields kept in a Bitrix24 multiple field (EMAIL, PHONE, WEB): one entry of it is ours.
MULTIFIELDS: dict[str, dict[str, str]] = {
    "university": {"contact_email": "EMAIL"},
    "company": {"contact_email": "EMAIL", "contact_phone": "PHONE", "website": "WEB"},
    "student": {"email": "EMAIL", "phone": "PHONE"},
}


def multifield_update(value: str | None, entry_id: str | None) -> list[dict[str, str]]:
    """Our value for a multiple field: Bitrix24 *adds* an entry sent without an ``ID`` and keeps the old one,
    so a change names the entry it replaces, and an empty VALUE deletes that entry (crm-contact-update.md,
    "Working with Multiple Fields")."""
    if entry_id is not None:
        return [{"ID": entry_id, "VALUE": value or ""}]
    return [{"VALUE": value, "VALUE_TYPE": "WORK"}] if value else []


def split_name(full_name: str) -> tuple[str, str, str]:
    """Russian order: Фамилия Имя Отчество → (LAST_NAME, NAME, SECOND_NAME)."""
    parts = full_name.split()
    if len(parts) == 1:
        return "", parts[0], ""
    return parts[0], parts[1] if len(parts) > 1 else "", " ".join(parts[2:])


async def _parent(remote_id_of: RemoteIdOf, kind: str, entity_id: int | None) -> int | None:
    if entity_id is None:
        return None
    remote = await remote_id_of(kind, entity_id)
    if remote is None:
        raise MissingParent(kind, entity_id)
    return remote


async def to_remote(
    kind: str,
    values: dict[str, Any],
    mapping: Mapping,
    remote_id_of: RemoteIdOf,
    assignee_remote: int | None = None,
    pipeline: PipelineMapping | None = None,
    entries: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Bitrix24 ``fields`` for the changed projection ``values`` (keys from SYNCED_FIELDS); ``pipeline`` is the
    applications pipeline an application was routed to (the default one when not given); ``entries`` the ids
    of the multiple-field entries that hold our values (``SyncState.remote_entries``)."""
    out: dict[str, Any] = {}
    for ours, theirs in MULTIFIELDS.get(kind, {}).items():
        if ours in values:
            update = multifield_update(values[ours], (entries or {}).get(theirs))
            if update:
                out[theirs] = update
    if kind in ("university", "company"):
        out["COMPANY_TYPE"] = mapping.university_type if kind == "university" else mapping.employer_type
        simple = {"name": "TITLE", "short_name": UF["short_name"], "inn": UF["inn"], "city": UF["city"]}
        for ours, theirs in simple.items():
            if ours in values:
                out[theirs] = values[ours] or ""
    elif kind == "student":
        if "full_name" in values:
            out["LAST_NAME"], out["NAME"], out["SECOND_NAME"] = split_name(values["full_name"])
        if "course" in values:
            out[UF["course"]] = values["course"]
        if "specialty" in values:
            out[UF["specialty"]] = values["specialty"] or ""
        if "university_id" in values:
            out["COMPANY_ID"] = await _parent(remote_id_of, "university", values["university_id"])
    elif kind == "opening":
        pipeline = mapping.pipeline_for_opening(values.get("kind", OpeningKind.internship))
        if pipeline is None:
            raise MissingParent("pipeline", 0)
        simple = {
            "title": "TITLE",
            "description": "COMMENTS",
            "slots": UF["slots"],
            "city": UF["city"],
            "format": UF["format"],
            "starts_on": "BEGINDATE",
            "ends_on": "CLOSEDATE",
        }
        for ours, theirs in simple.items():
            if ours in values:
                out[theirs] = "" if values[ours] is None else values[ours]
        if "skills" in values:
            out[UF["skills"]] = ", ".join(values["skills"])
        if "status" in values:
            out["STAGE_ID"] = pipeline.stages[values["status"]]
        if "kind" in values:
            out["CATEGORY_ID"] = pipeline.category_id
        if "company_id" in values:
            out["COMPANY_ID"] = await _parent(remote_id_of, "company", values["company_id"])
    elif kind == "application":
        pipeline = pipeline or mapping.applications
        if pipeline is None:
            raise MissingParent("pipeline", 0)
        if "status" in values:
            out["STAGE_ID"] = pipeline.stages[values["status"]]
        if "student_id" in values:
            out["CONTACT_ID"] = await _parent(remote_id_of, "student", values["student_id"])
        if "opening_id" in values:
            out[UF["opening"]] = await _parent(remote_id_of, "opening", values["opening_id"])
            out["CATEGORY_ID"] = pipeline.category_id
        if "assignee_id" in values and assignee_remote is not None:
            out["ASSIGNED_BY_ID"] = assignee_remote
    return out


def item_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """``crm.deal.*`` fields as ``crm.item.*`` takes them: camelCase names, ``UF_CRM_`` ones kept as they are
    (call it with ``useOriginalUfNames=Y``)."""
    out = {}
    for name, value in fields.items():
        if not name.startswith("UF_"):
            head, *rest = name.lower().split("_")
            name = head + "".join(part.capitalize() for part in rest)
        out[name] = value
    return out


def record_key(workspace_id: int, kind: str, entity_id: int) -> str:
    """Our identity of a record, written into Bitrix24 with it, so an interrupted add is found, not redone."""
    return f"{workspace_id}:{kind}:{entity_id}"


# --- Bitrix24 → ours ----------------------------------------------------------------------------

LocalIdOf = Callable[[str, int], Awaitable[int | None]]
"""(our kind, Bitrix24 id) → our id, or None when we do not have that record."""


def pick_entry(multifield: Any, entry_id: str | None, agreed: Any) -> tuple[str | None, str | None]:
    """(value, entry id) of the entry that is ours among a record's multiple-field entries: the one with our
    entry id; else the one holding the value both sides last agreed on (a portal where an older version of
    us added values beside the old ones); else the first. (None, None) when the field is empty."""
    entries = [
        (str(entry["VALUE"]), str(entry.get("ID") or "") or None)
        for entry in (multifield if isinstance(multifield, list) else [])
        if isinstance(entry, dict) and entry.get("VALUE")
    ]
    if not entries:
        return None, None
    agreed_text = str(agreed).casefold() if agreed else None
    for wanted in (lambda e: entry_id is not None and e[1] == entry_id, lambda e: e[0].casefold() == agreed_text):
        for entry in entries:
            if wanted(entry):
                return entry
    return entries[0]


def _text(value: Any) -> str | None:
    text = "" if value is None else str(value).strip()
    return text or None


def _int(value: Any) -> int | None:
    try:
        return int(str(value)) if value not in (None, "") else None
    except ValueError:
        return None


def _date(value: Any) -> str | None:
    # Date-only fields come back as midnight in the portal's zone: the date part is the date.
    text = _text(value)
    return text[:10] if text else None


@dataclass
class Incoming:
    """A Bitrix24 record in our terms: the projection, plus what a pull needs to decide."""

    kind: str
    values: dict[str, Any] = field(default_factory=dict)
    unresolved: list[str] = field(default_factory=list)
    category_id: int | None = None  # a deal's pipeline
    entries: dict[str, str] = field(default_factory=dict)  # the multiple-field entries that hold our values

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


async def _local(local_id_of: LocalIdOf, kind: str, remote: Any, incoming: Incoming, name: str) -> None:
    remote_id = _int(remote)
    if not remote_id:  # Bitrix24 writes "0" for "no link"
        return
    local_id = await local_id_of(kind, remote_id)
    if local_id is None:
        incoming.unresolved.append(f"{name}:{remote_id}")
    else:
        incoming.values[name] = local_id


def read_multifields(incoming: Incoming, record: dict[str, Any], entries: dict[str, str], agreed: dict[str, Any]):
    for ours, theirs in MULTIFIELDS[incoming.kind].items():
        value, entry_id = pick_entry(record.get(theirs), entries.get(theirs), agreed.get(ours))
        incoming.values[ours] = value
        if entry_id is not None:
            incoming.entries[theirs] = entry_id


async def from_remote(
    remote_type: str,
    record: dict[str, Any],
    mapping: Mapping,
    local_id_of: LocalIdOf,
    entries: dict[str, str] | None = None,
    agreed: dict[str, Any] | None = None,
) -> Incoming | None:
    """Our projection of a Bitrix24 record, or None when the record is not one of ours (another type or
    pipeline). ``entries`` and ``agreed`` (the record's ``SyncState``: our multiple-field entry ids and the
    values last agreed) tell which entry of a multiple field is ours."""
    entries, agreed = entries or {}, agreed or {}
    if remote_type == "company":
        company_type = record.get("COMPANY_TYPE")
        if company_type == mapping.university_type:
            incoming = Incoming("university")
            incoming.values["short_name"] = _text(record.get(UF["short_name"]))
        elif company_type == mapping.employer_type:
            incoming = Incoming("company")
            incoming.values["inn"] = _text(record.get(UF["inn"]))
        else:
            return None
        incoming.values["name"] = _text(record.get("TITLE")) or ""
        incoming.values["city"] = _text(record.get(UF["city"]))
        read_multifields(incoming, record, entries, agreed)
        return incoming
    if remote_type == "contact":
        incoming = Incoming("student")
        name = " ".join(p for p in (record.get("LAST_NAME"), record.get("NAME"), record.get("SECOND_NAME")) if p)
        incoming.values["full_name"] = name.strip()
        read_multifields(incoming, record, entries, agreed)
        if incoming.values["email"]:
            incoming.values["email"] = incoming.values["email"].lower()
        incoming.values["course"] = _int(record.get(UF["course"]))
        incoming.values["specialty"] = _text(record.get(UF["specialty"]))
        await _local(local_id_of, "university", record.get("COMPANY_ID"), incoming, "university_id")
        if "university_id" not in incoming.values and not incoming.unresolved:
            return None  # a contact that is no university's student is not ours
        return incoming
    if remote_type == "deal":
        classified = mapping.classify_deal(_int(record.get("CATEGORY_ID")) or 0)
        if classified is None:
            return None
        kind, opening_kind = classified
        incoming = Incoming(kind, category_id=_int(record.get("CATEGORY_ID")) or 0)
        if opening_kind is not None:
            pipeline = mapping.pipeline_for_opening(opening_kind)
        else:
            pipeline = mapping.application_pipeline(_int(record.get("CATEGORY_ID")) or 0) or mapping.applications
        status = status_of_stage(pipeline, str(record.get("STAGE_ID") or ""))
        if status is not None:
            incoming.values["status"] = status
        if opening_kind is not None:
            incoming.values.update(
                title=_text(record.get("TITLE")) or "",
                kind=opening_kind.value,
                description=str(record.get("COMMENTS") or ""),
                slots=_int(record.get(UF["slots"])) or 0,
                city=_text(record.get(UF["city"])),
                format=_text(record.get(UF["format"])) or WorkFormat.office.value,
                starts_on=_date(record.get("BEGINDATE")),
                ends_on=_date(record.get("CLOSEDATE")),
                skills=sorted({s.strip().lower() for s in str(record.get(UF["skills"]) or "").split(",") if s.strip()}),
            )
            await _local(local_id_of, "company", record.get("COMPANY_ID"), incoming, "company_id")
        else:
            incoming.values["category_id"] = incoming.category_id
            await _local(local_id_of, "student", record.get("CONTACT_ID"), incoming, "student_id")
            await _local(local_id_of, "opening", record.get(UF["opening"]), incoming, "opening_id")
        return incoming
    return None


def valid_status(kind: str, value: str) -> bool:
    enum = OpeningStatus if kind == "opening" else ApplicationStatus
    return value in enum.__members__


async def workspace_mapping(session: AsyncSession, workspace_id: int) -> Mapping | None:
    """The mapping of the workspace's connected portal; None when no portal is connected."""
    stored = await session.scalar(select(Portal.mapping).where(Portal.workspace_id == workspace_id))
    return None if stored is None else Mapping.model_validate(stored or {})
