"""Deals, contacts and companies: validation, writes that fire events, rendering, lists."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .catalog import Catalog
from .config import SandboxConfig
from .errors import RestError, access_denied, bad_request, invalid_id, not_found
from .fields import (
    DEAL,
    KINDS,
    MULTIFIELDS,
    EntityKind,
    FieldSpec,
    as_list,
    camel_name,
    coerce,
    midnight,
    parse_datetime,
    render_legacy,
    render_typed,
    to_char,
    to_float,
    to_int,
    upper_name,
)
from .query import PAGE_SIZE, Condition, Page, matches, paginate, parse_filter, parse_order, sort_records


@dataclass(frozen=True)
class Actor:
    """Who made a change: decides the ``auth`` block of the events it fires.

    ``robot`` writes (workflows, automation rules) carry no tokens (``api-reference/events/index.md``).
    ``auth_connector`` keeps the write out of offline queues bound with the same connector.
    """

    user_id: int = 1
    robot: bool = False
    auth_connector: str | None = None
    via: str = "person"


Record = dict[str, Any]
Emit = Callable[[str, dict[str, Any], Actor, str, int], None]

_DAY = 86400

# A record that is not there, as each method's page words it (crm-contact-update.md, crm-contact-delete.md,
# crm-company-update.md, crm-company-delete.md); the deal pages and every .get page say "Not found".
MISSING_ON_UPDATE: dict[str, Callable[[], RestError]] = {
    "contact": lambda: bad_request("Contact is not found"),
    "company": lambda: bad_request("Company is not found"),
}
MISSING_ON_DELETE: dict[str, Callable[[], RestError]] = {
    "contact": lambda: RestError(400, "ERROR_CORE", "Element not found"),
    "company": lambda: bad_request("Company is not found"),
}


def require_id(raw: Any) -> int:
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError) as exc:
        raise invalid_id() from exc
    if value <= 0:
        raise invalid_id()
    return value


class CrmStore:
    def __init__(self, config: SandboxConfig, catalog: Catalog, emit: Emit) -> None:
        self.config = config
        self.catalog = catalog
        self.emit = emit
        self.records: dict[str, dict[int, Record]] = {kind: {} for kind in KINDS}
        # Deleted records wait in the recycle bin, from which a person can restore them with their ids.
        self.recycle_bin: dict[str, dict[int, Record]] = {kind: {} for kind in KINDS}
        # Requisites (crm-requisite-list.md): a company's legal details, its INN among them (RQ_INN); values kept
        # as strings, as the list answers them.
        self.requisites: list[Record] = []
        # CRM permissions per user: "all" (the default), "own" (records the user is responsible for) or
        # "none". Lists leave out what a user may not read; get and writes answer "Access denied"
        # (crm-deal-list.md, crm-deal-get.md, crm-deal-update.md: 400 with an empty error code).
        self.access: dict[int, str] = {}
        self._next_id = dict.fromkeys(KINDS, 1)
        self._next_multifield_id = 1

    # --- writes ---------------------------------------------------------------------------

    def add(self, kind_name: str, fields: Any, actor: Actor) -> int:
        kind = KINDS[kind_name]
        incoming = self._fields_param(fields)
        now = self.config.now()
        entity_id = self._next_id[kind_name]
        record: Record = {spec.name: None for spec in kind.fields}
        record.update(
            ID=entity_id,
            ASSIGNED_BY_ID=actor.user_id,
            CREATED_BY_ID=actor.user_id,
            MODIFY_BY_ID=actor.user_id,
            DATE_CREATE=now,
            DATE_MODIFY=now,
            OPENED="Y",
        )
        for uf in self.catalog.uf_names(kind_name):
            record[uf] = None
        if kind is DEAL:
            today = midnight(now, self.config.tz)
            record.update(
                TITLE=f"Deal #{entity_id}",
                TYPE_ID="SALE",
                CATEGORY_ID=0,
                CURRENCY_ID="RUB",
                OPPORTUNITY=0.0,
                TAX_VALUE=0.0,
                IS_MANUAL_OPPORTUNITY="N",
                IS_NEW="Y",
                IS_RECURRING="N",
                IS_RETURN_CUSTOMER="N",
                IS_REPEATED_APPROACH="N",
                COMPANY_ID=0,
                CONTACT_IDS=[],
                BEGINDATE=today,
                CLOSEDATE=today + 7 * _DAY,
                MOVED_BY_ID=actor.user_id,
                MOVED_TIME=now,
            )
            category_id = to_int(incoming.get("CATEGORY_ID"), "CATEGORY_ID") or 0
            self.catalog.category(category_id)
            record["CATEGORY_ID"] = category_id
            record["STAGE_ID"] = self.catalog.stages(category_id)[0]["STATUS_ID"]
        else:
            record.update(EXPORT="Y", TYPE_ID="CLIENT" if kind_name == "contact" else None)
            if kind_name == "company":
                record.update(COMPANY_TYPE="CUSTOMER", CURRENCY_ID="RUB", REVENUE=0.0, TITLE="")
            else:
                record.update(COMPANY_ID=0, COMPANY_IDS=[])
            for name in MULTIFIELDS:
                record[name] = []
        self._apply(kind, record, incoming, creating=True)
        self._next_id[kind_name] += 1
        self.records[kind_name][entity_id] = record
        self.emit(f"{kind.event_prefix}ADD", {"FIELDS": {"ID": entity_id}}, actor, kind_name, entity_id)
        return entity_id

    def update(self, kind_name: str, raw_id: Any, fields: Any, actor: Actor) -> None:
        kind = KINDS[kind_name]
        record = self.get(kind_name, raw_id, MISSING_ON_UPDATE.get(kind_name))
        incoming = self._fields_param(fields)
        # CATEGORY_ID is not among crm.deal.update's fields and is ignored; a pipeline
        # change goes through crm.item.update (crm-deal-update.md, STAGE_ID).
        incoming.pop("CATEGORY_ID", None)
        self._apply(kind, record, incoming, creating=False)
        record["DATE_MODIFY"] = self.config.now()
        record["MODIFY_BY_ID"] = actor.user_id
        event_fields = {"ID": record["ID"]}
        self.emit(f"{kind.event_prefix}UPDATE", {"FIELDS": event_fields}, actor, kind_name, record["ID"])

    def delete(self, kind_name: str, raw_id: Any, actor: Actor) -> None:
        kind = KINDS[kind_name]
        record = self.get(kind_name, raw_id, MISSING_ON_DELETE.get(kind_name))
        del self.records[kind_name][record["ID"]]
        self.recycle_bin[kind_name][record["ID"]] = record
        self.emit(f"{kind.event_prefix}DELETE", {"FIELDS": {"ID": record["ID"]}}, actor, kind_name, record["ID"])

    def move_deal(self, raw_id: Any, category_id: int, stage_id: str | None, actor: Actor) -> None:
        """Pipeline change: fires ONCRMDEALMOVETOCATEGORY and *not* ONCRMDEALUPDATE
        (``api-reference/crm/deals/events/on-crm-deal-move-to-category.md``)."""
        record = self.get("deal", raw_id)
        self.catalog.category(category_id)
        stage = stage_id or self.catalog.stages(category_id)[0]["STATUS_ID"]
        self._set_stage(record, category_id, stage, actor)
        record["CATEGORY_ID"] = category_id
        record["DATE_MODIFY"] = self.config.now()
        record["MODIFY_BY_ID"] = actor.user_id
        payload = {"FIELDS": {"ID": record["ID"], "CATEGORY_ID": category_id, "STAGE_ID": stage}}
        self.emit("ONCRMDEALMOVETOCATEGORY", payload, actor, "deal", record["ID"])

    @staticmethod
    def _fields_param(fields: Any) -> dict[str, Any]:
        if fields in (None, ""):
            return {}
        if not isinstance(fields, dict):
            raise bad_request("Parameter 'fields' must be array")  # crm-deal-add.md, crm-deal-update.md
        return {str(k).upper(): v for k, v in fields.items()}

    def _apply(self, kind: EntityKind, record: Record, incoming: dict[str, Any], creating: bool) -> None:
        tz = self.config.tz
        uf_defs = self.catalog.userfields[kind.name]
        for name, value in incoming.items():
            spec = kind.spec(name)
            if spec is None:
                if name in uf_defs:
                    record[name] = self._uf_value(uf_defs[name], value)
                continue  # unknown fields are ignored, as the docs say
            if spec.read_only or name == "STAGE_ID" or (spec.immutable and not creating):
                continue
            if spec.type == "crm_multifield":
                record[name] = self._merge_multifield(record.get(name) or [], value)
            else:
                record[name] = coerce(spec, value, tz)
        if kind is DEAL:
            self._sync_contacts(record, incoming)
            stage = incoming.get("STAGE_ID")
            # deals/index.md: on update, a STAGE_ID of another pipeline changes nothing (crm.item.update moves).
            wanted = stage not in (None, "") and (creating or str(stage) != record["STAGE_ID"])
            if wanted and (creating or self.catalog.has_stage(record["CATEGORY_ID"], str(stage))):
                self._set_stage(record, record["CATEGORY_ID"], str(stage), None)
            record["STAGE_SEMANTIC_ID"] = self.catalog.stage_semantic(record["CATEGORY_ID"], record["STAGE_ID"])
            record["CLOSED"] = "N" if record["STAGE_SEMANTIC_ID"] == "P" else "Y"
        elif kind.name == "contact" and "COMPANY_IDS" in incoming:
            record["COMPANY_ID"] = record["COMPANY_IDS"][0] if record["COMPANY_IDS"] else 0
        elif kind.name == "contact" and "COMPANY_ID" in incoming:
            record["COMPANY_IDS"] = [record["COMPANY_ID"]] if record["COMPANY_ID"] else []
        if kind.has_multifields:
            record["HAS_PHONE"] = "Y" if record.get("PHONE") else "N"
            record["HAS_EMAIL"] = "Y" if record.get("EMAIL") else "N"
            record["HAS_IMOL"] = "N"

    def _set_stage(self, record: Record, category_id: int, stage_id: str, actor: Actor | None) -> None:
        semantic = self.catalog.stage_semantic(category_id, stage_id)
        record["STAGE_ID"] = stage_id
        record["STAGE_SEMANTIC_ID"] = semantic
        record["CLOSED"] = "N" if semantic == "P" else "Y"
        record["MOVED_TIME"] = self.config.now()
        if actor is not None:
            record["MOVED_BY_ID"] = actor.user_id

    @staticmethod
    def _sync_contacts(record: Record, incoming: dict[str, Any]) -> None:
        if "CONTACT_IDS" in incoming:
            record["CONTACT_ID"] = record["CONTACT_IDS"][0] if record["CONTACT_IDS"] else None
        elif "CONTACT_ID" in incoming:
            contact = record["CONTACT_ID"]
            others = [c for c in record["CONTACT_IDS"] if c != contact]
            record["CONTACT_IDS"] = ([contact] if contact else []) + others

    def _uf_value(self, definition: dict[str, Any], value: Any) -> Any:
        if definition["MULTIPLE"] == "Y":
            return [str(v) for v in as_list(value)]
        if definition["USER_TYPE_ID"] == "boolean":
            return "1" if to_char(value) == "Y" else "0"
        if definition["USER_TYPE_ID"] == "integer":
            number = to_int(value, definition["FIELD_NAME"])
            return None if number is None else str(number)
        if definition["USER_TYPE_ID"] == "double":
            return None if value in (None, "") else str(to_float(value, definition["FIELD_NAME"]))
        return None if value is None else str(value)

    def _merge_multifield(self, current: list[dict[str, Any]], value: Any) -> list[dict[str, Any]]:
        """Entries with an ``ID`` update that entry (empty VALUE deletes it); others are added."""
        entries = [dict(e) for e in current]
        for item in as_list(value):
            if not isinstance(item, dict):
                item = {"VALUE": item}
            item = {str(k).upper(): v for k, v in item.items()}
            entry_id = to_int(item.get("ID"), "ID")
            text = "" if item.get("VALUE") is None else str(item.get("VALUE")).strip()
            if entry_id:
                for entry in entries:
                    if entry["ID"] == entry_id:
                        if not text or str(item.get("DELETE", "")).upper() == "Y":
                            entries.remove(entry)
                        else:
                            entry["VALUE"] = text
                            entry["VALUE_TYPE"] = str(item.get("VALUE_TYPE") or entry["VALUE_TYPE"])
                        break
                continue
            if text:
                entries.append(
                    {
                        "ID": self._next_multifield_id,
                        "VALUE": text,
                        "VALUE_TYPE": str(item.get("VALUE_TYPE") or "WORK"),
                    }
                )
                self._next_multifield_id += 1
        return entries

    def add_requisite(self, company_id: int, fields: dict[str, Any]) -> int:
        requisite_id = len(self.requisites) + 1
        row: dict[str, str | None] = {
            "ID": str(requisite_id),
            "ENTITY_TYPE_ID": "4",
            "ENTITY_ID": str(company_id),
            "PRESET_ID": "1",
        }
        row.update({str(k).upper(): None if v is None else str(v) for k, v in fields.items()})
        row.setdefault("NAME", "Организация")
        self.requisites.append(row)
        return requisite_id

    def restore(self, kind_name: str, entity_id: int) -> None:
        """Back from the recycle bin, with its id. The REST documentation says nothing of an event for this, so
        none is sent: only a list shows the record again."""
        record = self.recycle_bin[kind_name].pop(entity_id)
        self.records[kind_name][entity_id] = record
        self.records[kind_name] = dict(sorted(self.records[kind_name].items()))  # lists read ids in order

    # --- permissions ----------------------------------------------------------------------

    def check_access(
        self,
        user_id: int,
        record: Record | None = None,
        description: str = "Access denied",
        error: RestError | None = None,
    ) -> None:
        """Refuse a user without CRM rights, or (``own``) one who is not responsible for ``record``."""
        level = self.access.get(user_id, "all")
        if level == "none" or (record is not None and level == "own" and record.get("ASSIGNED_BY_ID") != user_id):
            raise error or access_denied(description)

    def visible_to(self, user_id: int) -> int | None:
        """The user whose records alone this user's lists show, or None for all."""
        return user_id if self.access.get(user_id, "all") == "own" else None

    # --- reads ----------------------------------------------------------------------------

    def get(self, kind_name: str, raw_id: Any, missing: Callable[[], RestError] | None = None) -> Record:
        entity_id = require_id(raw_id)
        record = self.records[kind_name].get(entity_id)
        if record is None and missing is not None:
            raise missing()
        if record is None:
            raise not_found()
        return record

    def _selected(self, kind: EntityKind, select: Any, whole: bool) -> list[str]:
        names = [str(s) for s in as_list(select)]
        uf = self.catalog.uf_names(kind.name)
        single_uf = [name for name in uf if self.catalog.userfields[kind.name][name]["MULTIPLE"] != "Y"]
        if not names:
            if whole:
                return [spec.name for spec in kind.fields] + uf
            # crm-deal-list.md: "By default, all fields are taken — '*' + Custom fields — 'UF_*'".
            return [spec.name for spec in kind.fields if spec.default_select] + single_uf
        chosen: list[str] = ["ID"]
        for name in names:
            if name == "*":
                # "*" leaves multifields out: name EMAIL and PHONE explicitly (crm-contact-list.md).
                chosen += [s.name for s in kind.fields if s.type != "crm_multifield" and s.default_select]
            elif name == "UF_*":
                chosen += single_uf  # "all custom fields (excluding multiple fields)" (crm-contact-list.md)
            elif kind.spec(name) is not None or name in uf:
                chosen.append(name)
        return list(dict.fromkeys(chosen))

    def render(self, kind_name: str, record: Record, select: Any = None, whole: bool = False) -> dict[str, Any]:
        kind = KINDS[kind_name]
        fmt = self.config.format_datetime
        return {
            name: render_legacy(kind.spec(name), record.get(name), fmt) for name in self._selected(kind, select, whole)
        }

    def render_item(self, kind_name: str, record: Record, select: Any, original_uf: bool) -> dict[str, Any]:
        kind = KINDS[kind_name]
        fmt = self.config.format_datetime
        names = [str(s) for s in as_list(select)]
        if not names or "*" in names:
            chosen = [s.name for s in kind.fields] + self.catalog.uf_names(kind_name)
        else:
            uf = self.catalog.uf_names(kind_name)
            chosen = ["ID"] + [self._item_field(kind, n, uf) for n in names]
        item: dict[str, Any] = {}
        for name in dict.fromkeys(chosen):
            spec = kind.spec(name)
            if spec is None and not name.startswith("UF_"):
                continue
            key = name if (spec is None and original_uf) else camel_name(name)
            item[key] = render_typed(spec, record.get(name), fmt)
        return item

    @staticmethod
    def _item_field(kind: EntityKind, name: str, uf: list[str]) -> str:
        return upper_name(kind, name, uf)

    def comparable(self, kind: EntityKind, field: str, value: Any) -> Any:
        spec: FieldSpec | None = kind.spec(field)
        if spec is None or spec.type in ("crm_multifield", "string", "crm_status", "crm_currency"):
            return None if value is None else str(value)
        if spec.type == "double":
            return to_float(value, field)
        if spec.type in ("date", "datetime"):
            return parse_datetime(value, self.config.tz)
        if spec.type == "char":
            return to_char(value)
        return to_int(value, field) if value not in (None, "") else None

    def _record_value(self, kind: EntityKind, record: Record, field: str) -> Any:
        value = record.get(field)
        spec = kind.spec(field)
        if spec is not None and spec.type == "crm_multifield":
            return [e["VALUE"] for e in value or []]
        return value

    def find(
        self,
        kind_name: str,
        filter_: Any,
        order: Any,
        start: int,
        rename: Callable[[str], str] = lambda name: name,
        visible_to: int | None = None,
    ) -> Page:
        kind = KINDS[kind_name]
        known = {spec.name for spec in kind.fields} | set(self.catalog.uf_names(kind_name))
        # Unknown filter keys are ignored rather than failing the call.
        conditions = [c for c in parse_filter(filter_, rename) if c.field in known]
        if visible_to is not None:
            conditions.append(Condition("ASSIGNED_BY_ID", "=", visible_to))
        ordering = [(f, d) for f, d in parse_order(order, rename) if f in known]
        after_id = [(c.field, c.operator) for c in conditions] in ([], [("ID", ">")])
        if after_id and ordering in ([], [("ID", False)]):
            return self._in_id_order(kind, conditions, start)
        rows = [r for r in self.records[kind.name].values() if self._matches(kind, r, conditions)]
        rows = sort_records(rows, ordering, lambda r, f: r.get(f))
        return paginate(rows, start)

    def _in_id_order(self, kind: EntityKind, conditions: list[Condition], start: int) -> Page:
        """A page of records in ID order after an optional ``>ID``, the shape bulk readers ask for: found by
        bisecting the ids, as a database finds it on its primary key (records are kept in ID order: ids only
        grow). With ``start >= 0`` the portal also counts every record the filter matches, checking each one,
        which is the extra work ``start=-1`` saves (``settings/performance/huge-data.md``)."""
        records = self.records[kind.name]
        ids = list(records)
        first = 0
        if conditions and ids:
            # As the filter compares: an empty bound (a ``$result`` past the last page) counts as 0.
            first = bisect.bisect_right(ids, self.comparable(kind, "ID", conditions[0].value) or 0)
        if start < 0:
            return Page([records[i] for i in ids[first : first + PAGE_SIZE]], 0, None)
        total = self.count(kind, conditions)
        offset = (start // PAGE_SIZE) * PAGE_SIZE  # rounded down to a whole page, as ``paginate`` does
        following = offset + PAGE_SIZE
        rows = [records[i] for i in ids[first + offset : first + following]]
        return Page(rows, total, following if following < total else None)

    def count(self, kind: EntityKind, conditions: list[Condition]) -> int:
        return sum(1 for record in self.records[kind.name].values() if self._matches(kind, record, conditions))

    def _matches(self, kind: EntityKind, record: Record, conditions: list[Condition]) -> bool:
        return all(
            matches(
                lambda field: self._record_value(kind, record, field),
                lambda field, value: self.comparable(kind, field, value),
                cond,
            )
            for cond in conditions
        )

    def fields_description(self, kind_name: str) -> dict[str, Any]:
        kind = KINDS[kind_name]
        described: dict[str, Any] = {
            spec.name: {
                "type": spec.type,
                "isRequired": False,
                "isReadOnly": spec.read_only,
                "isImmutable": spec.immutable,
                "isMultiple": spec.multiple,
                "isDynamic": False,
                "title": spec.title,
            }
            for spec in kind.fields
        }
        for name, definition in self.catalog.userfields[kind_name].items():
            described[name] = {
                "type": definition["USER_TYPE_ID"],
                "isRequired": definition["MANDATORY"] == "Y",
                "isReadOnly": False,
                "isImmutable": False,
                "isMultiple": definition["MULTIPLE"] == "Y",
                "isDynamic": True,
                "title": name,
                "listLabel": definition["LABEL"],
                "formLabel": definition["LABEL"],
                "filterLabel": definition["LABEL"],
            }
        return described
