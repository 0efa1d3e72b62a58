"""Reference data: deal pipelines, stages and other ``crm.status`` dictionaries, user fields."""

from __future__ import annotations

import re
from typing import Any

from .errors import RestError, bad_request
from .fields import KINDS, UF_NAME_RE

# The standard stages of a fresh pipeline, as crm-status-list.md lists them: (code, name, SEMANTICS null/S/F,
# COLOR). The page shows the default pipeline; it says nothing of the stages a pipeline made with
# crm.category.add starts with, so every pipeline starts with these.
STANDARD_STAGES: tuple[tuple[str, str, str | None, str], ...] = (
    ("NEW", "New", None, "#39A8EF"),
    ("PREPARATION", "Document preparation", None, "#2FC6F6"),
    ("PREPAYMENT_INVOICE", "Prepayment invoice", None, "#55D0E0"),
    ("EXECUTING", "In progress", None, "#47E4C2"),
    ("FINAL_INVOICE", "Final invoice", None, "#FFA900"),
    ("WON", "Deal successful", "S", "#7BD500"),
    ("LOSE", "Deal failed", "F", "#FF5752"),
    ("APOLOGY", "Failure reason analysis", "F", "#FF5752"),
)
# crm-status-list.md shows SYSTEM "Y" (and a NAME_INIT) for these alone; stages added later are never system.
SYSTEM_STAGES = frozenset({"NEW", "WON", "LOSE"})

_DICTIONARIES: dict[str, tuple[tuple[str, str], ...]] = {
    "COMPANY_TYPE": (
        ("CUSTOMER", "Client"),
        ("SUPPLIER", "Supplier"),
        ("COMPETITOR", "Competitor"),
        ("PARTNER", "Partner"),
        ("OTHER", "Other"),
    ),
    "DEAL_TYPE": (("SALE", "Sales"), ("COMPLEX", "Integrated sale"), ("SERVICES", "Service")),
    "CONTACT_TYPE": (("CLIENT", "Clients"), ("SUPPLIER", "Suppliers"), ("PARTNER", "Partners")),
    "SOURCE": (("CALL", "Call"), ("EMAIL", "E-mail"), ("WEB", "Website"), ("PARTNER", "Partner")),
    "INDUSTRY": (("IT", "Information Technology"), ("CONSULTING", "Consulting"), ("OTHER", "Other")),
}

USER_TYPES = frozenset(
    {
        "string",
        "integer",
        "double",
        "boolean",
        "date",
        "datetime",
        "enumeration",
        "employee",
        "file",
        "url",
        "money",
        "address",
        "crm",
        "crm_status",
        "iblock_element",
        "iblock_section",
    }
)


# crm-status-add.md, "Restrictions for STATUS_ID": a deal stage's code is Latin letters, digits, hyphens and
# underscores, at most 22 characters in the default pipeline (the page gives no number for the others: "depends on
# the pipeline identifier", so only the characters are checked there); other dictionaries take any 50 characters.
_STAGE_CODE = re.compile(r"[A-Za-z0-9_-]+")
DEFAULT_STAGE_CODE_LENGTH = 22
STATUS_ID_LENGTH = 50


def stage_entity_id(category_id: int) -> str:
    return "DEAL_STAGE" if category_id == 0 else f"DEAL_STAGE_{category_id}"


def stage_prefix(category_id: int) -> str:
    return "" if category_id == 0 else f"C{category_id}:"


class Catalog:
    """Pipelines, statuses and user-field definitions of one portal."""

    def __init__(self) -> None:
        self.categories: dict[int, dict[str, Any]] = {}
        self.statuses: list[dict[str, Any]] = []
        self.userfields: dict[str, dict[str, dict[str, Any]]] = {kind: {} for kind in KINDS}
        self._next_category = 1
        self._next_status = 1
        self._next_userfield = 1
        self._category(0, "General", 500, is_default=True)
        for entity_id, entries in _DICTIONARIES.items():
            for sort, (status_id, name) in enumerate(entries, start=1):
                self._status(entity_id, status_id, name, sort * 10, None, system=True)

    # --- pipelines and stages -----------------------------------------------------------

    def _category(
        self, category_id: int, name: str, sort: int, is_default: bool = False, origin: tuple[str, str] = ("", "")
    ) -> dict[str, Any]:
        category: dict[str, Any] = {
            "id": category_id,
            "name": name,
            "sort": sort,
            "entityTypeId": 2,
            "isDefault": "Y" if is_default else "N",
        }
        if not is_default:  # the default pipeline's answer has no origin (crm-category-list.md)
            category["originId"], category["originatorId"] = origin
        self.categories[category_id] = category
        prefix = stage_prefix(category_id)
        for sort_index, (code, title, semantics, color) in enumerate(STANDARD_STAGES, start=1):
            stage = self._status(
                stage_entity_id(category_id),
                prefix + code,
                title,
                sort_index * 10,
                semantics,
                code in SYSTEM_STAGES,
                category_id,
                color,
            )
            if code == "APOLOGY":
                stage["EXTRA"]["SEMANTICS"] = "apology"  # a failure stage, named apart in EXTRA (crm-status-list.md)
        return category

    def add_category(self, name: str, sort: int = 500, origin_id: str = "", originator_id: str = "") -> dict[str, Any]:
        _check_category_name(name)
        category_id = self._next_category
        self._next_category += 1
        # "Cannot be negative ... it will be ignored and set to sort = 0" (crm-category-add.md).
        return self._category(category_id, name, max(sort, 0), origin=(origin_id, originator_id))

    def update_category(self, category_id: int | None, fields: dict[str, Any]) -> dict[str, Any]:
        """``crm.category.update``: only the fields given change (crm-category-update.md). The origin fields are
        writable (crm-category-fields.md) and exist in deal pipelines only, so the default one has none."""
        if category_id is None or category_id not in self.categories:
            raise RestError(400, "NOT_FOUND", "Element not found")
        category = self.categories[category_id]
        if "name" in fields:
            _check_category_name(str(fields["name"] or ""))
            category["name"] = str(fields["name"])
        if fields.get("sort") is not None:
            category["sort"] = max(int(fields["sort"]), 0)
        if category["isDefault"] == "N":
            for key in ("originId", "originatorId"):
                if key in fields:
                    category[key] = str(fields[key] or "")
        return category

    def category(self, category_id: int) -> dict[str, Any]:
        if category_id not in self.categories:
            raise bad_request(f"Category with ID {category_id} is not found")
        return self.categories[category_id]

    def stages(self, category_id: int) -> list[dict[str, Any]]:
        entity_id = stage_entity_id(category_id)
        return sorted((s for s in self.statuses if s["ENTITY_ID"] == entity_id), key=lambda s: int(s["SORT"]))

    def has_stage(self, category_id: int, stage_id: str) -> bool:
        return any(stage["STATUS_ID"] == stage_id for stage in self.stages(category_id))

    def stage(self, category_id: int, stage_id: str) -> dict[str, Any]:
        for stage in self.stages(category_id):
            if stage["STATUS_ID"] == stage_id:
                return stage
        raise bad_request(f"Stage '{stage_id}' does not belong to pipeline {category_id}")

    def stage_semantic(self, category_id: int, stage_id: str) -> str:
        # STAGE_SEMANTIC_ID: P in progress, S won, F lost.
        return self.stage(category_id, stage_id)["SEMANTICS"] or "P"

    def _status(
        self,
        entity_id: str,
        status_id: str,
        name: str,
        sort: int,
        semantics: str | None,
        system: bool = False,
        category_id: int | None = None,
        color: str | None = None,
    ) -> dict[str, Any]:
        status: dict[str, Any] = {
            "ID": str(self._next_status),
            "ENTITY_ID": entity_id,
            "STATUS_ID": status_id,
            "NAME": name,
            "NAME_INIT": name if system else "",
            "SORT": str(sort),
            "SYSTEM": "Y" if system else "N",
            # crm-status-list.md: the default pipeline's stages carry CATEGORY_ID null.
            "CATEGORY_ID": str(category_id) if category_id else None,
            "COLOR": color or ("#39A8EF" if semantics is None else ("#7BD500" if semantics == "S" else "#FF5752")),
            "SEMANTICS": semantics,
        }
        # crm-status-list.md: EXTRA repeats the stage's group and its colour.
        status["EXTRA"] = {
            "SEMANTICS": {"S": "success", "F": "failure"}.get(semantics or "", "process"),
            "COLOR": status["COLOR"],
        }
        self._next_status += 1
        self.statuses.append(status)
        return status

    def add_status(self, fields: dict[str, Any]) -> int:
        """``crm.status.add`` with the checks and answers of crm-status-add.md."""
        entity_id = str(fields.get("ENTITY_ID") or "")
        status_id = str(fields.get("STATUS_ID") or "")
        name = str(fields.get("NAME") or "")
        required = [
            f"The field {field} is required."
            for field, value in (("ENTITY_ID", entity_id), ("STATUS_ID", status_id))
            if not value
        ]
        if required:
            raise bad_request(" ".join(required))  # both in one answer when both are missing
        category_id: int | None = None
        if entity_id.startswith("DEAL_STAGE"):
            suffix = entity_id.removeprefix("DEAL_STAGE")
            category_id = 0 if suffix == "" else int(suffix[1:]) if suffix[1:].isdigit() else -1
            if category_id not in self.categories:
                raise bad_request("Specified entity type is not supported.")
            prefix = stage_prefix(category_id)
            if prefix and not status_id.startswith(prefix):
                status_id = prefix + status_id
        elif entity_id not in _DICTIONARIES:
            raise bad_request("Specified entity type is not supported.")
        if not name:
            raise bad_request("The field Title is required.")
        if any(s["ENTITY_ID"] == entity_id and s["STATUS_ID"] == status_id for s in self.statuses):
            raise RestError(400, "ERROR_CORE", "The specified status ID already exists.")
        if not _status_id_allowed(status_id.removeprefix(stage_prefix(category_id or 0)), category_id):
            # The page states the restriction but names no error for it: it answers with the one it gives for an
            # element "not created, and the system did not return the reason".
            raise bad_request("Error on creating status.")
        semantics = str(fields.get("SEMANTICS") or "") or None
        sort = int(fields.get("SORT") or 10)  # "Default is 10"
        if category_id is not None and semantics is None:
            # "Restrictions for SORT": in-progress stages, then the success stage, then failure stages. The page
            # names this error for DEAL_STAGE; its rule is stated for status stages in general, and a pipeline's
            # stages work the same way, so every pipeline keeps it.
            success = next((st for st in self.stages(category_id) if st["SEMANTICS"] == "S"), None)
            if success is not None and sort > int(success["SORT"]):
                raise bad_request(
                    "Cannot create more stages after the final stage because the final successful stage already "
                    "exists. Try using sort order values less than that of the final stage."
                )
        color = str(fields.get("COLOR") or "") or None
        status = self._status(entity_id, status_id, name, sort, semantics, category_id=category_id, color=color)
        return int(status["ID"])

    # --- user fields ----------------------------------------------------------------------

    def add_userfield(self, kind: str, fields: dict[str, Any]) -> int:
        """Validate like ``crm.deal.userfield.add`` (crm-deal-userfield-add.md, its error table): UF_CRM_ prefix,
        at most 50 characters of A-Z, 0-9 and _."""
        raw_name = str(fields.get("FIELD_NAME") or "").strip()
        user_type = str(fields.get("USER_TYPE_ID") or "").strip()
        if not raw_name:
            raise bad_request("The 'FIELD_NAME' field is not found.")
        # crm-contact-userfield-add.md: lower-case letters become capitals, and a UF_ prefix becomes UF_CRM_.
        upper = raw_name.upper()
        name = upper if upper.startswith("UF_CRM_") else "UF_CRM_" + upper.removeprefix("UF_")
        if len(name) > 50:
            raise RestError(400, "ERROR_CORE", "Field name is too long (more than 50 characters).")
        if not UF_NAME_RE.match(name):
            raise RestError(
                400, "ERROR_CORE", "Field name contains invalid characters. Allowed characters are: A-Z, 0-9 and _."
            )
        if not user_type:
            raise bad_request("The 'USER_TYPE_ID' field is not found.")
        if user_type not in USER_TYPES:
            # crm-company-userfield-add.md words it "Invalid", the deal and contact pages "Incorrect".
            wording = "Invalid" if kind == "company" else "Incorrect"
            raise RestError(400, "ERROR_CORE", f"{wording} custom type specified.")
        if name in self.userfields[kind]:
            raise RestError(400, "ERROR_CORE", f"A field with code {name} already exists.")
        field_id = self._next_userfield
        self._next_userfield += 1
        label = fields.get("LABEL") or fields.get("EDIT_FORM_LABEL") or name
        self.userfields[kind][name] = {
            "ID": str(field_id),
            "ENTITY_ID": KINDS[kind].uf_entity_id,
            "FIELD_NAME": name,
            "USER_TYPE_ID": user_type,
            "XML_ID": fields.get("XML_ID") or None,
            "SORT": str(fields.get("SORT") or 100),
            "MULTIPLE": "Y" if str(fields.get("MULTIPLE", "N")).upper() in ("Y", "1", "TRUE") else "N",
            "MANDATORY": "Y" if str(fields.get("MANDATORY", "N")).upper() in ("Y", "1", "TRUE") else "N",
            "SHOW_FILTER": "N",
            "SHOW_IN_LIST": "Y",
            "EDIT_IN_LIST": "Y",
            "IS_SEARCHABLE": "N",
            "SETTINGS": fields.get("SETTINGS") or {},
            "LABEL": label if isinstance(label, str) else next(iter(label.values()), name),
        }
        return field_id

    def uf_names(self, kind: str) -> list[str]:
        return list(self.userfields[kind])


def _check_category_name(name: str) -> None:
    # "Cannot be empty, cannot consist solely of spaces, tabs, etc." (crm-category-add.md); the page's error for a
    # name that is missing is the only one it gives for a name.
    if not name.strip():
        raise RestError(400, "0", "Field 'NAME' is required")


def _status_id_allowed(code: str, category_id: int | None) -> bool:
    if category_id is None:
        return len(code) <= STATUS_ID_LENGTH
    if category_id == 0 and len(code) > DEFAULT_STAGE_CODE_LENGTH:
        return False
    return _STAGE_CODE.fullmatch(code) is not None
