"""What an installed application adds to the portal's interface: widgets (``placement.*``,
api-reference/widgets/) and automation rules (``bizproc.robot.*``, ``bizproc.event.send``,
api-reference/bizproc/bizproc-robot/), and the POST the portal makes when it opens one of them.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

from .context import CallContext, MethodResult
from .crm_methods import Handler
from .errors import RestError
from .system_methods import _is_admin

if TYPE_CHECKING:
    from .portal import SandboxPortal

# placement-list.md: the codes the application may bind (those of its scopes; the sandbox knows these).
PLACEMENTS_BY_SCOPE = {
    "crm": [
        "CRM_DEAL_DETAIL_TAB",
        "CRM_CONTACT_DETAIL_TAB",
        "CRM_COMPANY_DETAIL_TAB",
        "CRM_LEAD_DETAIL_TAB",
        "CRM_DEAL_LIST_TOOLBAR",
        "CRM_DEAL_DETAIL_TOOLBAR",
    ],
    "placement": ["LEFT_MENU", "REST_APP_URI"],
}
# bizproc-robot-add.md: "Allowed characters are a-z, A-Z, 0-9, dot, hyphen, and underscore"
_ROBOT_CODE = re.compile(r"[A-Za-z0-9._-]+")
# "The system name of the parameter must start with a letter and can contain a-z, A-Z, 0-9 and underscore"
_PROPERTY_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
APP_CONTEXT = "Current authorization type is denied for this method Application context required"


@dataclass
class PlacementBinding:
    placement: str
    handler: str
    title: str
    description: str
    lang_all: dict[str, Any]

    def row(self) -> dict[str, Any]:
        """As placement-get.md answers it; detail tabs keep no OPTIONS (detail-tab.md: an empty array)."""
        return {
            "placement": self.placement,
            "userId": 0,
            "handler": self.handler,
            "options": [],
            "title": self.title,
            "description": self.description,
            "langAll": self.lang_all,
        }


@dataclass
class Robot:
    code: str
    handler: str
    waits: bool  # USE_SUBSCRIPTION
    name: Any
    properties: dict[str, Any]
    return_properties: dict[str, Any]
    auth_user_id: int


@dataclass
class RobotRun:
    """One call of a robot from a deal's automation, and what the application answered."""

    code: str
    event_token: str
    document_id: list[str]
    properties: dict[str, Any]
    waits: bool
    returned: dict[str, Any] | None = None
    log_message: str | None = None


@dataclass
class AppSurface:
    placements: list[PlacementBinding] = field(default_factory=list)
    robots: dict[str, Robot] = field(default_factory=dict)
    runs: list[RobotRun] = field(default_factory=list)

    def wipe(self) -> None:
        # bizproc-robot-delete.md: "When the application is deleted or updated, the associated robots are removed";
        # its widgets go with it.
        self.placements.clear()
        self.robots.clear()


def _app_only(ctx: CallContext) -> None:
    # placement-*.md word it with "Application context required" after event-bind.md's text.
    if ctx.auth != "oauth":
        raise RestError(403, "WRONG_AUTH_TYPE", APP_CONTEXT)


def _admin_of_app(portal: SandboxPortal, ctx: CallContext) -> None:
    """placement-unbind.md: 403 WRONG_AUTH_TYPE outside an application, 403 ACCESS_DENIED for a non-administrator."""
    _app_only(ctx)
    if not _is_admin(portal, ctx.user_id):
        raise RestError(403, "ACCESS_DENIED", "Access denied!")


def _placement_code(params: dict[str, Any], status: int) -> str:
    code = params.get("placement")
    if code is not None and not isinstance(code, str):
        raise RestError(
            status,
            "ERROR_ARGUMENT",
            "The value of an argument 'PLACEMENT' must be of type string",
            argument="PLACEMENT",
        )
    if not code:
        raise RestError(status, "ERROR_ARGUMENT", "Argument 'PLACEMENT' is null or empty", argument="PLACEMENT")
    return code.upper()


def placement_bind(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    _admin_of_app(portal, ctx)
    # placement-bind.md's table gives ERROR_ARGUMENT with HTTP status 200.
    code = _placement_code(params, 200)
    handler = params.get("handler")
    if not isinstance(handler, str) or not handler:
        raise RestError(200, "ERROR_ARGUMENT", "Argument 'HANDLER' is null or empty", argument="HANDLER")
    known = {c for codes in PLACEMENTS_BY_SCOPE.values() for c in codes}
    if code not in known:
        # widgets/index.md ("Common Mistakes"): an unknown code or a scope not granted; the page gives no status.
        raise RestError(400, "ERROR_PLACEMENT_NOT_FOUND", "Placement not found")
    if params.get("user_id") not in (None, "", 0, "0"):
        raise RestError(200, "ERROR_PLACEMENT_USER_MODE", "User mode is not available")
    surface = portal.apps
    if any(b.placement == code and b.handler == handler for b in surface.placements):
        # Documentation silent on binding the same handler twice: the sandbox refuses it, as portals do.
        raise RestError(400, "ERROR_CORE", "Unable to set placement handler: Handler already binded")
    given = params.get("lang_all")
    lang_all: dict[str, Any] = given if isinstance(given, dict) else {}
    surface.placements.append(
        PlacementBinding(code, handler, str(params.get("title") or ""), str(params.get("description") or ""), lang_all)
    )
    return MethodResult(True)


def placement_unbind(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    _admin_of_app(portal, ctx)
    code = _placement_code(params, 400)
    handler = params.get("handler") or None
    surface = portal.apps
    found = [b for b in surface.placements if b.placement == code and (handler is None or b.handler == handler)]
    surface.placements = [b for b in surface.placements if b not in found]
    # "count — number that the method increments by 1 for each found handler record before the removal call and by
    # another 1 after each successful removal"
    return MethodResult({"count": 2 * len(found)})


def placement_get(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    _admin_of_app(portal, ctx)
    return MethodResult([b.row() for b in portal.apps.placements])


def placement_list(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    _app_only(ctx)
    scope = params.get("scope")
    scopes = [str(scope)] if scope else [s.strip() for s in portal.config.scope.split(",")]
    return MethodResult([code for s in scopes for code in PLACEMENTS_BY_SCOPE.get(s, [])])


# --- automation rules ---------------------------------------------------------------------------------------


def _robot_error(description: str, code: str = "ERROR_ACTIVITY_VALIDATION_FAILURE") -> RestError:
    # bizproc-robot-add.md, -list.md, -delete.md: errors come back with HTTP 400.
    return RestError(400, code, description)


def _robot_admin(portal: SandboxPortal, ctx: CallContext) -> None:
    if ctx.auth != "oauth":
        raise _robot_error("Application context required", "ACCESS_DENIED")
    if not _is_admin(portal, ctx.user_id):
        raise _robot_error("Access denied!", "ACCESS_DENIED")


def _robot_code(params: dict[str, Any]) -> str:
    code = params.get("code")
    if not code:
        raise _robot_error("Empty activity code!")
    if not isinstance(code, str) or not _ROBOT_CODE.fullmatch(code):
        raise _robot_error("Wrong activity code!")
    return code


def _checked_properties(value: Any) -> dict[str, Any]:
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise _robot_error("Wrong properties array!")
    for key, prop in value.items():
        if not _PROPERTY_KEY.fullmatch(str(key)):
            raise _robot_error(f"Wrong property key {key}!")
        if not isinstance(prop, dict):
            raise _robot_error("Wrong properties array!")
        named = {str(k).upper(): v for k, v in prop.items()}
        if not named.get("NAME"):
            raise _robot_error(f"Empty property NAME {key}!")
    return value


def robot_add(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    _robot_admin(portal, ctx)
    if not params:
        raise _robot_error("Empty data!")
    code = _robot_code(params)
    handler = str(params.get("handler") or "")
    parts = urlsplit(handler)
    if parts.scheme not in ("http", "https"):
        raise _robot_error("Unsupported handler protocol", "ERROR_UNSUPPORTED_PROTOCOL")
    installed = portal.installation.handler_url if portal.installation else None
    # "The link must have the same domain where the application is installed"
    if not parts.netloc or (installed and urlsplit(installed).hostname != parts.hostname):
        raise _robot_error("Wrong handler URL", "ERROR_WRONG_HANDLER_URL")
    if not params.get("name"):
        raise _robot_error("Empty activity NAME!")
    properties = _checked_properties(params.get("properties"))
    returned = _checked_properties(params.get("return_properties"))
    if code in portal.apps.robots:
        raise _robot_error("Activity or Automation rule already installed!", "ERROR_ACTIVITY_ALREADY_INSTALLED")
    # "The Automation rule does not wait for a response only when explicitly set to N"
    waits = str(params.get("use_subscription") or "").upper() != "N"
    auth_user = int(params.get("auth_user_id") or ctx.user_id)
    portal.apps.robots[code] = Robot(code, handler, waits, params["name"], properties, returned, auth_user)
    return MethodResult(True)


def robot_list(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    _robot_admin(portal, ctx)
    return MethodResult(list(portal.apps.robots))


def robot_delete(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    _robot_admin(portal, ctx)
    code = _robot_code(params)
    if portal.apps.robots.pop(code, None) is None:
        raise _robot_error("Activity or Robot not found!", "ERROR_ACTIVITY_NOT_FOUND")
    return MethodResult(True)


def event_send(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    token = params.get("event_token")
    run = next((r for r in portal.apps.runs if r.event_token == token and r.waits and r.returned is None), None)
    if not token or run is None:
        # bizproc-event-send.md: an invalid or expired EVENT_TOKEN (or a robot that does not wait) is refused.
        raise RestError(403, "ACCESS_DENIED", "Access denied!")
    values = params.get("return_values")
    run.returned = values if isinstance(values, dict) else {}
    run.log_message = str(params.get("log_message") or "")
    return MethodResult(True)


HANDLERS: dict[str, Handler] = {
    "placement.bind": placement_bind,
    "placement.unbind": placement_unbind,
    "placement.get": placement_get,
    "placement.list": placement_list,
    "bizproc.robot.add": robot_add,
    "bizproc.robot.list": robot_list,
    "bizproc.robot.delete": robot_delete,
    "bizproc.event.send": event_send,
}


# --- the portal opening an application's page ---------------------------------------------------------------


@dataclass(frozen=True)
class FrameRequest:
    """The POST a portal makes to open an application's page or widget (settings/oauth/simple-way.md,
    api-reference/widgets/_includes/widget_data.md): DOMAIN, PROTOCOL, LANG, APP_SID in the query string, the
    user's tokens and the placement in the body."""

    url: str
    form: dict[str, str]


def frame_request(
    portal: SandboxPortal, handler: str, placement: str, options: dict[str, Any] | None, user_id: int, lang: str
) -> FrameRequest:
    config = portal.config
    tokens = portal.oauth.issue(user_id)
    query = urlencode(
        {
            "DOMAIN": config.domain,
            "PROTOCOL": "1" if config.scheme == "https" else "0",
            "LANG": lang,
            "APP_SID": secrets.token_hex(16),
        }
    )
    form = {
        "AUTH_ID": tokens["access_token"],
        "AUTH_EXPIRES": str(tokens["expires_in"]),
        "REFRESH_ID": tokens["refresh_token"],
        "SERVER_ENDPOINT": config.server_endpoint,
        "APPLICATION_TOKEN": config.application_token,
        "APPLICATION_SCOPE": config.scope,
        "member_id": config.member_id,
        "status": "L",
        "PLACEMENT": placement,
    }
    if options is not None:
        form["PLACEMENT_OPTIONS"] = json.dumps(options)
    return FrameRequest(f"{handler}{'&' if '?' in handler else '?'}{query}", form)
