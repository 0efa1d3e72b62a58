"""Handlers of ``event.*``, ``im.notify.system.add``, ``user.*``, ``profile`` and ``app.info``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .context import CallContext, MethodResult, Notification
from .crm_methods import Handler
from .errors import RestError, bad_request, wrong_auth_type
from .fields import as_list, to_int
from .query import matches, parse_filter

if TYPE_CHECKING:
    from .portal import SandboxPortal


def _as_text(_field: str, value: Any) -> str:
    return str(value)


def _app_only(ctx: CallContext) -> None:
    # Incoming webhooks cannot manage event handlers: events are set up in the UI (event-bind.md).
    if ctx.auth != "oauth":
        raise wrong_auth_type()


def _is_admin(portal: SandboxPortal, user_id: int) -> bool:
    return any(int(u["ID"]) == user_id and u.get("ADMIN") for u in portal.users)


def _admin_only(portal: SandboxPortal, ctx: CallContext) -> None:
    _app_only(ctx)
    if not _is_admin(portal, ctx.user_id):  # event-offline-get.md, event-offline-clear.md, event-offline-error.md
        raise RestError(403, "ACCESS_DENIED", "Access denied!")


def event_bind(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    _app_only(ctx)
    offline = str(params.get("event_type") or "online").lower() == "offline"
    auth_type = to_int(params.get("auth_type"), "auth_type") or 0
    if not _is_admin(portal, ctx.user_id):
        # event-bind.md: for a user without administrator rights offline events are unavailable, and handlers are
        # installed on behalf of the current user; another user's auth_type is refused (its error table).
        if offline:
            raise RestError(
                403, "ACCESS_DENIED", "Access denied! Offline events binding requires administrator access rights"
            )
        if auth_type not in (0, ctx.user_id):
            raise RestError(
                403, "ACCESS_DENIED", "Access denied! Event binding with AUTH_TYPE requires administrator access rights"
            )
        auth_type = ctx.user_id
    connector = params.get("auth_connector")
    portal.events.bind(
        str(params.get("event") or ""),
        str(params.get("handler") or ""),
        auth_type,
        offline,
        str(connector) if connector else None,
    )
    return MethodResult(True)


def event_unbind(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    _app_only(ctx)
    offline = str(params.get("event_type") or "online").lower() == "offline"
    handler = params.get("handler")
    count = portal.events.unbind(str(params.get("event") or ""), str(handler) if handler else None, offline)
    return MethodResult({"count": count})


def event_get(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    _app_only(ctx)
    # event-get.md: "A user without administrator permissions receives only the handlers registered for the
    # current user" (event.bind registers a non-administrator's handlers with their own auth_type).
    admin = _is_admin(portal, ctx.user_id)
    return MethodResult(
        [
            {
                "event": b.event,
                "handler": b.handler,
                "auth_type": str(b.auth_type),
                "offline": 1 if b.offline else 0,
                **({"connector_id": b.connector} if b.connector else {}),
            }
            for b in portal.events.app_bindings()
            if admin or b.auth_type == ctx.user_id
        ]
    )


def _flag(value: Any, default: bool) -> bool:
    if value in (None, ""):
        return default
    return str(value).upper() in ("1", "Y", "TRUE")


def offline_get(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    _admin_only(portal, ctx)
    limit = to_int(params.get("limit"), "limit") or 50
    process_id = params.get("process_id")
    return MethodResult(
        portal.events.offline_get(
            params.get("filter"),
            params.get("order"),
            limit,
            _flag(params.get("clear"), True),
            str(process_id) if process_id else None,
            _flag(params.get("error"), False),
            str(params["auth_connector"]) if params.get("auth_connector") else None,
        )
    )


def offline_clear(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    _admin_only(portal, ctx)
    process_id = params.get("process_id")
    if not process_id:
        raise bad_request("Process ID is required", "PROCESS_ID_EMPTY")
    ids = [str(v) for v in as_list(params.get("id"))]
    message_ids = [str(v) for v in as_list(params.get("message_id"))]
    portal.events.offline_clear(str(process_id), ids, message_ids)
    return MethodResult(True)


def offline_error(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    _admin_only(portal, ctx)
    process_id = params.get("process_id")
    if not process_id:
        raise bad_request("Process ID is required", "PROCESS_ID_EMPTY")
    portal.events.offline_error(str(process_id), [str(v) for v in as_list(params.get("message_id"))])
    return MethodResult(True)


def notify_system(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    user_id = to_int(params.get("user_id"), "USER_ID")
    message = str(params.get("message") or "").strip()  # "trims whitespace from the edges"
    # im-notify-system-add.md: USER_ID_EMPTY when USER_ID is missing or <= 0; a notification that was not
    # created "may return false", which is the answer for an id that names no user here.
    if not user_id or user_id <= 0:
        raise bad_request("User ID can't be empty", "USER_ID_EMPTY")
    if not message:
        raise bad_request("Message can't be empty", "MESSAGE_EMPTY")
    if not any(int(u["ID"]) == user_id for u in portal.users):
        return MethodResult(False)
    notification_id = len(portal.notifications) + 1
    tag = params.get("tag")
    portal.notifications.append(Notification(notification_id, user_id, message, str(tag) if tag else None, ctx.auth))
    return MethodResult(notification_id)


def _public_user(user: dict[str, Any]) -> dict[str, Any]:
    return {
        "ID": user["ID"],
        "ACTIVE": True,
        "NAME": user["NAME"],
        "LAST_NAME": user["LAST_NAME"],
        "SECOND_NAME": "",
        "EMAIL": user["EMAIL"],
        "WORK_POSITION": user["WORK_POSITION"],
        "UF_DEPARTMENT": [1],
        "IS_ONLINE": "N",
        "USER_TYPE": "employee",
    }


def user_get(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    conditions = parse_filter(params.get("filter") or {})
    if params.get("id") not in (None, ""):
        conditions += parse_filter({"ID": params.get("id")})
    users = [_public_user(u) for u in portal.users if all(matches(u.get, _as_text, c) for c in conditions)]
    return MethodResult(users, len(users))


def user_current(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    user = next(u for u in portal.users if int(u["ID"]) == ctx.user_id)
    return MethodResult(_public_user(user))


def user_admin(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    """user-admin.md: whether the current user may manage the application's settings (the portal's administrators)."""
    return MethodResult(_is_admin(portal, ctx.user_id))


def profile(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    user = next(u for u in portal.users if int(u["ID"]) == ctx.user_id)
    return MethodResult(
        {
            "ID": user["ID"],
            "ADMIN": bool(user.get("ADMIN")),
            "NAME": user["NAME"],
            "LAST_NAME": user["LAST_NAME"],
            "PERSONAL_GENDER": "",
            "TIME_ZONE": "",
            "TIME_ZONE_OFFSET": portal.config.utc_offset_hours * 3600,
        }
    )


def app_info(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    if ctx.auth != "oauth":  # app-info.md: an incoming webhook is no application context
        raise RestError(400, "ACCESS_DENIED", "Access denied! Application context required")
    return MethodResult(
        {
            "ID": 1,
            "CODE": portal.config.client_id,
            "VERSION": 1,
            "STATUS": "L",
            "INSTALLED": portal.oauth.installed,
            "PAYMENT_EXPIRED": "N",
            "DAYS": None,
            "LANGUAGE_ID": "ru",
            "LICENSE": "ru_project",
            "LICENSE_TYPE": "project",
            "LICENSE_FAMILY": "project",
        }
    )


HANDLERS: dict[str, Handler] = {
    "event.bind": event_bind,
    "event.unbind": event_unbind,
    "event.get": event_get,
    "event.offline.get": offline_get,
    "event.offline.clear": offline_clear,
    "event.offline.error": offline_error,
    "im.notify.system.add": notify_system,
    "user.get": user_get,
    "user.current": user_current,
    "user.admin": user_admin,
    "profile": profile,
    "app.info": app_info,
}
