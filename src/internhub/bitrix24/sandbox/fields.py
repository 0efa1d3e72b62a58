"""Field catalogs of deals, contacts and companies and how their values travel.

``crm.deal.*`` answers every scalar as a string (``"ID":"410"``, ``"OPPORTUNITY":"0.00"``);
``crm.item.*`` answers camelCase keys with typed values (``crm-deal-get.md``, ``crm-item-get.md``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from .errors import bad_request

MULTIFIELDS = ("PHONE", "EMAIL", "WEB", "IM")
_ID_TYPES = {"integer", "user", "crm_company", "crm_contact", "crm_category", "crm_lead", "crm_quote"}
_DATE_TYPES = {"date", "datetime"}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    title: str
    read_only: bool = False
    immutable: bool = False
    multiple: bool = False
    # Part of the answer when ``select`` is omitted (``crm-deal-list.md``).
    default_select: bool = True


@dataclass(frozen=True)
class EntityKind:
    name: str
    entity_type_id: int
    uf_entity_id: str
    fields: tuple[FieldSpec, ...]

    @property
    def event_prefix(self) -> str:
        return f"ONCRM{self.name.upper()}"

    @property
    def has_multifields(self) -> bool:
        return any(spec.type == "crm_multifield" for spec in self.fields)

    def spec(self, name: str) -> FieldSpec | None:
        return _SPEC_INDEX[self.name].get(name)


def _f(name: str, type_: str, title: str, **kw: Any) -> FieldSpec:
    return FieldSpec(name, type_, title, **kw)


_COMMON_TAIL = (
    _f("ASSIGNED_BY_ID", "user", "Responsible person"),
    _f("CREATED_BY_ID", "user", "Created by", read_only=True),
    _f("MODIFY_BY_ID", "user", "Modified by", read_only=True),
    _f("DATE_CREATE", "datetime", "Created on", read_only=True),
    _f("DATE_MODIFY", "datetime", "Modified on", read_only=True),
    _f("OPENED", "char", "Available to everyone"),
    _f("COMMENTS", "string", "Comment"),
    _f("SOURCE_ID", "crm_status", "Source"),
    _f("SOURCE_DESCRIPTION", "string", "Source information"),
    _f("ORIGINATOR_ID", "string", "External source"),
    _f("ORIGIN_ID", "string", "Item ID in data source"),
    _f("UTM_SOURCE", "string", "Ad system"),
    _f("UTM_MEDIUM", "string", "Medium"),
    _f("UTM_CAMPAIGN", "string", "Ad campaign UTM"),
    _f("UTM_CONTENT", "string", "Campaign contents"),
    _f("UTM_TERM", "string", "Campaign search term"),
)

_MULTI = tuple(
    _f(name, "crm_multifield", title, multiple=True, default_select=False)
    for name, title in (("PHONE", "Phone"), ("EMAIL", "E-mail"), ("WEB", "Website"), ("IM", "Messenger"))
)

DEAL = EntityKind(
    "deal",
    2,
    "CRM_DEAL",
    (
        _f("ID", "integer", "ID", read_only=True),
        _f("TITLE", "string", "Name"),
        _f("TYPE_ID", "crm_status", "Type"),
        _f("CATEGORY_ID", "crm_category", "Pipeline", immutable=True),
        _f("STAGE_ID", "crm_status", "Deal stage"),
        _f("STAGE_SEMANTIC_ID", "string", "Stage group", read_only=True),
        _f("IS_NEW", "char", "New deal", read_only=True),
        _f("IS_RECURRING", "char", "Recurring deal"),
        _f("IS_RETURN_CUSTOMER", "char", "Repeat deal"),
        _f("IS_REPEATED_APPROACH", "char", "Repeat inquiry"),
        _f("PROBABILITY", "integer", "Probability"),
        _f("CURRENCY_ID", "crm_currency", "Currency"),
        _f("OPPORTUNITY", "double", "Amount"),
        _f("IS_MANUAL_OPPORTUNITY", "char", "Manual calculation mode"),
        _f("TAX_VALUE", "double", "Tax rate"),
        _f("COMPANY_ID", "crm_company", "Company"),
        _f("CONTACT_ID", "crm_contact", "Contact"),
        _f("CONTACT_IDS", "crm_contact", "Contacts", multiple=True, default_select=False),
        _f("QUOTE_ID", "crm_quote", "Quote", read_only=True),
        _f("LEAD_ID", "crm_lead", "Lead", read_only=True),
        _f("BEGINDATE", "date", "Start date"),
        _f("CLOSEDATE", "date", "End date"),
        _f("CLOSED", "char", "Closed"),
        _f("ADDITIONAL_INFO", "string", "Additional information"),
        _f("MOVED_BY_ID", "user", "Moved by", read_only=True),
        _f("MOVED_TIME", "datetime", "Moved on", read_only=True),
        *_COMMON_TAIL,
    ),
)

CONTACT = EntityKind(
    "contact",
    3,
    "CRM_CONTACT",
    (
        _f("ID", "integer", "ID", read_only=True),
        _f("HONORIFIC", "crm_status", "Salutation"),
        _f("NAME", "string", "First name"),
        _f("SECOND_NAME", "string", "Second name"),
        _f("LAST_NAME", "string", "Last name"),
        _f("POST", "string", "Position"),
        _f("TYPE_ID", "crm_status", "Contact type"),
        _f("BIRTHDATE", "date", "Date of birth"),
        _f("COMPANY_ID", "crm_company", "Company"),
        _f("COMPANY_IDS", "crm_company", "Companies", multiple=True, default_select=False),
        _f("EXPORT", "char", "Included in export"),
        _f("HAS_PHONE", "char", "Has phone", read_only=True),
        _f("HAS_EMAIL", "char", "Has e-mail", read_only=True),
        _f("HAS_IMOL", "char", "Has Open Channel", read_only=True),
        *_COMMON_TAIL,
        *_MULTI,
    ),
)

COMPANY = EntityKind(
    "company",
    4,
    "CRM_COMPANY",
    (
        _f("ID", "integer", "ID", read_only=True),
        _f("TITLE", "string", "Company name"),
        _f("COMPANY_TYPE", "crm_status", "Company type"),
        _f("INDUSTRY", "crm_status", "Industry"),
        _f("EMPLOYEES", "crm_status", "Employees"),
        _f("CURRENCY_ID", "crm_currency", "Currency"),
        _f("REVENUE", "double", "Annual revenue"),
        _f("HAS_PHONE", "char", "Has phone", read_only=True),
        _f("HAS_EMAIL", "char", "Has e-mail", read_only=True),
        _f("HAS_IMOL", "char", "Has Open Channel", read_only=True),
        *_COMMON_TAIL,
        *_MULTI,
    ),
)

KINDS: dict[str, EntityKind] = {kind.name: kind for kind in (DEAL, CONTACT, COMPANY)}
KINDS_BY_TYPE_ID: dict[int, EntityKind] = {kind.entity_type_id: kind for kind in KINDS.values()}
_SPEC_INDEX = {kind.name: {spec.name: spec for spec in kind.fields} for kind in KINDS.values()}

# crm.item names that do not follow the plain snake -> camel rule (crm-item-fields.md).
_CAMEL_EXCEPTIONS = {
    "DATE_CREATE": "createdTime",
    "DATE_MODIFY": "updatedTime",
    "CREATED_BY_ID": "createdBy",
    "MODIFY_BY_ID": "updatedBy",
    "MOVED_BY_ID": "movedBy",
    "COMPANY_TYPE": "typeId",
    "BEGINDATE": "begindate",
    "CLOSEDATE": "closedate",
}


def camel_name(name: str) -> str:
    if name in _CAMEL_EXCEPTIONS:
        return _CAMEL_EXCEPTIONS[name]
    head, *rest = name.lower().split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def upper_name(kind: EntityKind, name: str, uf_names: list[str]) -> str:
    """Map a crm.item field name (camelCase or original) back to the catalog name."""
    for spec in kind.fields:
        if name in (spec.name, camel_name(spec.name)):
            return spec.name
    for uf in uf_names:
        if name in (uf, camel_name(uf)):
            return uf
    return name


# --- value conversion -------------------------------------------------------------------


def parse_datetime(value: Any, tz: Any) -> float | None:
    """Accept ISO 8601 with or without offset, ``YYYY-MM-DD`` and ``DD.MM.YYYY[ hh:mm:ss]``."""
    if value in (None, "", False):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    for pattern in ("%d.%m.%Y %H:%M:%S", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).replace(tzinfo=tz).timestamp()
        except ValueError:
            pass
    try:
        moment = datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text else text)
    except ValueError as exc:
        raise bad_request(f"Invalid date value: {text}") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return moment.timestamp()


def midnight(timestamp: float, tz: Any) -> float:
    day: date = datetime.fromtimestamp(timestamp, tz=tz).date()
    return datetime.combine(day, time(), tzinfo=tz).timestamp()


def to_char(value: Any) -> str:
    if isinstance(value, bool):
        return "Y" if value else "N"
    return "Y" if str(value).upper() in ("Y", "1", "TRUE") else "N"


def to_int(value: Any, name: str) -> int | None:
    if value in (None, "", False):
        return None
    try:
        return int(str(value).strip())
    except ValueError as exc:
        raise bad_request(f"Invalid value for field {name}") from exc


def to_float(value: Any, name: str) -> float:
    if value in (None, ""):
        return 0.0
    try:
        return float(str(value).replace(",", "."))
    except ValueError as exc:
        raise bad_request(f"Invalid value for field {name}") from exc


def as_list(value: Any) -> list[Any]:
    if value in (None, ""):
        return []
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


def coerce(spec: FieldSpec, value: Any, tz: Any) -> Any:
    """Turn an incoming value (JSON or form string) into the stored Python value."""
    if spec.multiple and spec.type in _ID_TYPES | {"crm_contact", "crm_company"}:
        return [i for i in (to_int(v, spec.name) for v in as_list(value)) if i]
    if spec.type in _ID_TYPES:
        return to_int(value, spec.name)
    if spec.type == "double":
        return to_float(value, spec.name)
    if spec.type == "char":
        return to_char(value)
    if spec.type == "date":
        parsed = parse_datetime(value, tz)
        return None if parsed is None else midnight(parsed, tz)
    if spec.type == "datetime":
        return parse_datetime(value, tz)
    return None if value is None else str(value)


def render_legacy(spec: FieldSpec | None, value: Any, fmt_dt: Callable[[float], str]) -> Any:
    """The ``crm.deal.*`` style: strings everywhere, lists for multiple fields."""
    if spec is None:  # user fields are stored as given
        return value
    if spec.type == "crm_multifield":
        return [
            {"ID": str(e["ID"]), "VALUE_TYPE": e["VALUE_TYPE"], "VALUE": e["VALUE"], "TYPE_ID": spec.name}
            for e in value or []
        ]
    if spec.multiple:
        return list(value or [])
    if value is None:
        return "" if spec.type in _DATE_TYPES else None
    if spec.type in _DATE_TYPES:
        return fmt_dt(value)
    if spec.type == "double":
        return f"{value:.2f}"
    return str(value)


def render_typed(spec: FieldSpec | None, value: Any, fmt_dt: Callable[[float], str]) -> Any:
    """The ``crm.item.*`` style: integers as numbers, money as floats, dates as ISO strings."""
    if spec is None:
        return value
    if spec.type == "crm_multifield":
        return [
            {"id": int(e["ID"]), "valueType": e["VALUE_TYPE"], "value": e["VALUE"], "typeId": spec.name}
            for e in value or []
        ]
    if spec.multiple:
        return list(value or [])
    if value is None:
        return None
    if spec.type in _DATE_TYPES:
        return fmt_dt(value)
    return value


UF_NAME_RE = re.compile(r"^UF_CRM_[A-Z0-9_]+$")
