"""Handlers of the ``crm.*`` methods."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .context import CallContext, MethodResult
from .crm import MISSING_ON_DELETE, MISSING_ON_UPDATE, Actor, require_id
from .errors import RestError, bad_request
from .fields import KINDS, KINDS_BY_TYPE_ID, EntityKind, as_list, to_int, upper_name
from .query import matches, paginate, parse_filter, parse_order, parse_start, sort_records

if TYPE_CHECKING:
    from .portal import SandboxPortal

Handler = Callable[["SandboxPortal", dict[str, Any], CallContext], MethodResult]


def actor_of(ctx: CallContext, params: dict[str, Any]) -> Actor:
    connector = params.get("auth_connector")
    return Actor(user_id=ctx.user_id, auth_connector=str(connector) if connector else None, via=ctx.auth)


def _entity_handlers(kind: str) -> dict[str, Handler]:
    def add(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
        portal.crm.check_access(ctx.user_id)
        return MethodResult(portal.crm.add(kind, params.get("fields"), actor_of(ctx, params)))

    def get(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
        record = portal.crm.get(kind, params.get("id"))
        portal.crm.check_access(ctx.user_id, record)
        return MethodResult(portal.crm.render(kind, record, whole=True))

    def list_(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
        portal.crm.check_access(ctx.user_id, description="Access denied.")
        page = portal.crm.find(
            kind,
            params.get("filter"),
            params.get("order"),
            parse_start(params.get("start")),
            visible_to=portal.crm.visible_to(ctx.user_id),
        )
        rows = [portal.crm.render(kind, r, params.get("select")) for r in page.rows]
        return MethodResult(rows, page.total, page.next)

    def update(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
        portal.crm.check_access(ctx.user_id, portal.crm.get(kind, params.get("id"), MISSING_ON_UPDATE.get(kind)))
        portal.crm.update(kind, params.get("id"), params.get("fields"), actor_of(ctx, params))
        return MethodResult(True)

    def delete(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
        portal.crm.check_access(ctx.user_id, portal.crm.get(kind, params.get("id"), MISSING_ON_DELETE.get(kind)))
        portal.crm.delete(kind, params.get("id"), actor_of(ctx, params))
        return MethodResult(True)

    def fields(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
        return MethodResult(portal.crm.fields_description(kind))

    def userfield_add(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
        definition = params.get("fields")
        if not isinstance(definition, dict):
            raise bad_request("Parameter 'fields' must be array.")
        definition = {str(k).upper(): v for k, v in definition.items()}
        return MethodResult(portal.catalog.add_userfield(kind, definition))

    def userfield_list(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
        for name in ("filter", "order"):  # crm-deal-userfield-list.md words these without a full stop
            if params.get(name) not in (None, "", []) and not isinstance(params.get(name), dict):
                raise bad_request(f"Parameter '{name}' must be array")
        rows = list(portal.catalog.userfields[kind].values())
        rows = _filter_rows(rows, params.get("filter"))
        rows = sort_records(rows, parse_order(params.get("order")), lambda r, f: r.get(f))
        return MethodResult([{k: v for k, v in r.items() if k != "LABEL"} for r in rows], len(rows))

    prefix = f"crm.{kind}."
    return {
        prefix + "add": add,
        prefix + "get": get,
        prefix + "list": list_,
        prefix + "update": update,
        prefix + "delete": delete,
        prefix + "fields": fields,
        prefix + "userfield.add": userfield_add,
        prefix + "userfield.list": userfield_list,
    }


def _filter_rows(rows: list[dict[str, Any]], raw_filter: Any, numeric: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Rows whose values (strings) match the filter; ``numeric`` fields compare as numbers (``>ID``)."""
    conditions = parse_filter(raw_filter)

    def value(row: dict[str, Any], name: str) -> Any:
        raw = row.get(name)
        return int(raw) if name in numeric and raw not in (None, "") else raw

    def normalise(name: str, given: Any) -> Any:
        if given is None or given == "":
            return None
        return int(given) if name in numeric and str(given).lstrip("-").isdigit() else str(given)

    return [row for row in rows if all(matches(functools.partial(value, row), normalise, c) for c in conditions)]


# --- crm.item.* (universal API, typed camelCase answers) -----------------------------------


def _item_kind(params: dict[str, Any]) -> EntityKind:
    type_id = to_int(params.get("entitytypeid"), "entityTypeId")
    kind = KINDS_BY_TYPE_ID.get(type_id or 0)
    if kind is None:
        raise RestError(400, "NOT_FOUND", "Smart process not found")
    return kind


def _original_uf(params: dict[str, Any]) -> bool:
    return str(params.get("useoriginalufnames", "N")).upper() in ("Y", "1", "TRUE")


def _item_fields(portal: SandboxPortal, kind: EntityKind, raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise bad_request("Parameter 'fields' must be array.")
    uf = portal.catalog.uf_names(kind.name)
    return {upper_name(kind, str(k), uf): v for k, v in raw.items()}


def _get_item(portal: SandboxPortal, kind: EntityKind, raw_id: Any, original_uf: bool) -> dict[str, Any]:
    record = portal.crm.records[kind.name].get(require_id(raw_id))
    if record is None:
        raise RestError(400, "NOT_FOUND", "Element not found")
    return portal.crm.render_item(kind.name, record, None, original_uf)


def item_get(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    kind = _item_kind(params)
    return MethodResult({"item": _get_item(portal, kind, params.get("id"), _original_uf(params))})


def item_list(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    kind = _item_kind(params)
    uf = portal.catalog.uf_names(kind.name)

    def rename(name: str) -> str:
        return upper_name(kind, name, uf)

    page = portal.crm.find(
        kind.name, params.get("filter"), params.get("order"), parse_start(params.get("start")), rename
    )
    items = [portal.crm.render_item(kind.name, r, params.get("select"), _original_uf(params)) for r in page.rows]
    return MethodResult({"items": items}, page.total, page.next)


def item_add(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    kind = _item_kind(params)
    new_id = portal.crm.add(kind.name, _item_fields(portal, kind, params.get("fields")), actor_of(ctx, params))
    return MethodResult({"item": _get_item(portal, kind, new_id, _original_uf(params))})


def item_update(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    """For deals, a new ``categoryId`` moves the deal between pipelines (crm-deal-update.md)."""
    kind = _item_kind(params)
    fields = _item_fields(portal, kind, params.get("fields"))
    actor = actor_of(ctx, params)
    record = portal.crm.get(kind.name, params.get("id"))
    portal.crm.check_access(ctx.user_id, record, error=RestError(400, "ACCESS_DENIED", "Access denied"))
    category = to_int(fields.pop("CATEGORY_ID", None), "categoryId")
    if kind.name == "deal" and category is not None and category != record["CATEGORY_ID"]:
        stage = fields.pop("STAGE_ID", None)
        portal.crm.move_deal(record["ID"], category, str(stage) if stage else None, actor)
    if fields:
        portal.crm.update(kind.name, record["ID"], fields, actor)
    return MethodResult({"item": _get_item(portal, kind, record["ID"], _original_uf(params))})


# --- requisites -------------------------------------------------------------------------------


def requisite_list(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    """crm-requisite-list.md: ``select``, ``filter`` (the list operators), ``order``, pages of 50; without the
    right to read them 400 ``{"error": 0, "error_description": "Access denied."}`` (a number, as the page shows)."""
    if portal.crm.access.get(ctx.user_id, "all") == "none":
        raise RestError(400, 0, "Access denied.")
    rows = _filter_rows(portal.crm.requisites, params.get("filter"), numeric=("ID", "ENTITY_ID", "ENTITY_TYPE_ID"))
    ordering = parse_order(params.get("order")) or [("ID", False)]
    rows = sort_records(rows, ordering, lambda r, f: int(r[f]) if f in ("ID", "ENTITY_ID") else r.get(f))
    page = paginate(rows, parse_start(params.get("start")))
    select = [str(s) for s in as_list(params.get("select"))]
    items = [{k: v for k, v in row.items() if not select or k in select} for row in page.rows]
    return MethodResult(items, page.total, page.next)


# --- pipelines and dictionaries --------------------------------------------------------------


def _deal_type_only(params: dict[str, Any], missing: str = "Smart process not found") -> None:
    if to_int(params.get("entitytypeid"), "entityTypeId") != 2:
        raise RestError(400, "NOT_FOUND", missing)


def _crm_administrator(portal: SandboxPortal, ctx: CallContext) -> bool:
    """Pipelines and stages are changed by CRM administrators only (crm-status-add.md, crm-category-add.md,
    crm-category-update.md). The sandbox knows no CRM roles: a portal administrator whose CRM rights have not been
    narrowed is one."""
    admin = any(int(user["ID"]) == ctx.user_id and user.get("ADMIN") for user in portal.users)
    return admin and portal.crm.access.get(ctx.user_id, "all") == "all"


def _category_access_denied() -> RestError:
    # The category pages give the code and text, not the HTTP status; their other errors are 400.
    return RestError(400, "ACCESS_DENIED", "Access denied")


def _category_sort(fields: dict[str, Any]) -> int | None:
    raw = fields.get("sort")
    return None if raw is None or raw == "" else to_int(str(raw), "sort")  # 0 is a sort, not a missing one


def category_list(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    _deal_type_only(params)
    if portal.crm.access.get(ctx.user_id, "all") == "none":
        # "filtered by access permissions": a pipeline the user may not read is left out (crm-category-list.md).
        return MethodResult({"categories": []}, 0)
    categories = sorted(portal.catalog.categories.values(), key=lambda c: (c["sort"], c["id"]))
    return MethodResult({"categories": [dict(c) for c in categories]}, len(categories))


def category_get(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    _deal_type_only(params)
    category_id = to_int(params.get("id"), "id")
    if category_id is None or category_id not in portal.catalog.categories:
        raise RestError(400, "NOT_FOUND", "Element not found")  # crm-category-get.md
    if portal.crm.access.get(ctx.user_id, "all") == "none":
        raise _category_access_denied()
    return MethodResult({"category": dict(portal.catalog.categories[category_id])})


def _fields_of(params: dict[str, Any]) -> dict[str, Any]:
    fields = params.get("fields")
    return fields if isinstance(fields, dict) else {}


def category_add(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    _deal_type_only(params, "SPA not found")  # crm-category-add.md words it so
    if not _crm_administrator(portal, ctx):
        raise _category_access_denied()
    fields = _fields_of(params)
    sort = _category_sort(fields)
    category = portal.catalog.add_category(
        str(fields.get("name") or ""),
        500 if sort is None else sort,  # "Defaults to 500" (crm-category-add.md)
        origin_id=str(fields.get("originId") or ""),
        originator_id=str(fields.get("originatorId") or ""),
    )
    return MethodResult({"category": dict(category)})


def category_update(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    _deal_type_only(params)
    if not _crm_administrator(portal, ctx):
        raise _category_access_denied()
    fields = _fields_of(params)
    category = portal.catalog.update_category(
        to_int(params.get("id"), "id"), {**fields, "sort": _category_sort(fields)}
    )
    return MethodResult({"category": dict(category)})


def status_list(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    # "any user with permission to read at least one CRM object" (crm-status-list.md, its error table).
    portal.crm.check_access(ctx.user_id, description="Access denied.")
    rows = _filter_rows(portal.catalog.statuses, params.get("filter"))
    ordering = parse_order(params.get("order")) or [("SORT", False)]
    rows = sort_records(rows, ordering, lambda r, f: int(r[f]) if f in ("SORT", "ID") else r.get(f))
    return MethodResult([dict(r) for r in rows], len(rows))


def status_add(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    fields = params.get("fields")
    if not isinstance(fields, dict):
        raise bad_request("Parameter 'fields' must be array.")
    if not _crm_administrator(portal, ctx):
        raise bad_request("Access denied.")  # crm-status-add.md: no permission to modify CRM settings
    return MethodResult(portal.catalog.add_status({str(k).upper(): v for k, v in fields.items()}))


HANDLERS: dict[str, Handler] = {
    **{name: h for kind in KINDS for name, h in _entity_handlers(kind).items()},
    "crm.item.get": item_get,
    "crm.item.list": item_list,
    "crm.item.add": item_add,
    "crm.item.update": item_update,
    "crm.requisite.list": requisite_list,
    "crm.category.list": category_list,
    "crm.category.get": category_get,
    "crm.category.add": category_add,
    "crm.category.update": category_update,
    "crm.status.list": status_list,
    "crm.status.add": status_add,
}

__all__ = ["HANDLERS"]
