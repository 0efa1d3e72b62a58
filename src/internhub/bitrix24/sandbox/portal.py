"""``SandboxPortal``: the whole state of one portal and the pipeline every REST call goes through."""

from __future__ import annotations

import asyncio
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any

import httpx

from . import errors
from .apps import AppSurface, FrameRequest, RobotRun, frame_request
from .catalog import Catalog
from .config import SandboxConfig
from .context import CallContext, Notification
from .crm import Actor, CrmStore
from .demo import seed_demo
from .errors import RestError
from .events import Binding, DeliveredEvent, EventBus
from .limits import LeakyBucket, OperatingLedger
from .methods import dispatch
from .oauth import OAuthServer
from .person import PersonActions

# crm-timeline-comment-add.md: since crm 23.100.0 the method takes its ``fields`` in lower case only.
CASE_SENSITIVE_PARAMETERS = frozenset({"crm.timeline.comment.add"})


@dataclass(frozen=True)
class CallRecord:
    """One REST call as the portal saw it; tokens and webhook codes are not kept."""

    method: str
    params: dict[str, Any]
    auth: str
    status: int
    error: str | None
    in_batch: bool = False


@dataclass(frozen=True)
class AppInstallation:
    handler_url: str | None
    access_token: str
    refresh_token: str
    expires_in: int
    application_token: str
    member_id: str
    domain: str
    client_endpoint: str
    # The application's own page (the DEFAULT placement), as given in its settings.
    app_url: str | None = None


DEFAULT_USERS: tuple[dict[str, Any], ...] = (
    {
        "ID": "1",
        "NAME": "Ирина",
        "LAST_NAME": "Смирнова",
        "EMAIL": "hr@sandbox.test",
        "WORK_POSITION": "HR",
        "ADMIN": True,
    },
    {
        "ID": "2",
        "NAME": "Павел",
        "LAST_NAME": "Орлов",
        "EMAIL": "partners@sandbox.test",
        "WORK_POSITION": "Partnerships",
        "ADMIN": False,
    },
)


@dataclass
class _Switch:
    down: bool = False


class SandboxPortal:
    """In-memory Bitrix24 portal. Safe to share between threads: state sits behind one lock."""

    def __init__(
        self, config: SandboxConfig | None = None, *, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.config = config or SandboxConfig()
        self.lock = threading.RLock()
        self.catalog = Catalog()
        self.oauth = OAuthServer(self.config)
        self.events = EventBus(self.config, self._event_tokens)
        self.events.transport = transport
        self.crm = CrmStore(self.config, self.catalog, self.events.fire)
        self.bucket = LeakyBucket(self.config.rate, self.config.burst, self.config.clock)
        self.operating = OperatingLedger(
            self.config.operating_limit_seconds, self.config.operating_window_seconds, self.config.clock
        )
        self.users: list[dict[str, Any]] = [dict(u) for u in DEFAULT_USERS]
        self.notifications: list[Notification] = []
        self.timeline_comments: list[dict[str, Any]] = []
        self.calls: list[CallRecord] = []
        self.installation: AppInstallation | None = None
        self.apps = AppSurface()
        self._switch = _Switch()
        self.person = PersonActions(self, Actor(user_id=1))
        self.robot = PersonActions(self, Actor(user_id=1, robot=True, via="robot"))

    # --- inspection -----------------------------------------------------------------------

    @property
    def delivered_events(self) -> list[DeliveredEvent]:
        return list(self.events.delivered)

    @property
    def dropped_events(self) -> list[DeliveredEvent]:
        return list(self.events.dropped)

    @property
    def is_down(self) -> bool:
        return self._switch.down

    def go_down(self) -> None:
        """Every REST and OAuth call answers 503 until :meth:`come_up`."""
        self._switch.down = True

    def come_up(self) -> None:
        self._switch.down = False

    def set_transport(self, transport: httpx.AsyncBaseTransport | None) -> None:
        """Where event deliveries go (e.g. an ``httpx.ASGITransport`` of the app under test)."""
        self.events.transport = transport

    async def drain_events(self, timeout_seconds: float = 10.0) -> None:
        """Wait for every event delivery scheduled so far to finish."""
        async with asyncio.timeout(timeout_seconds):
            await self.events.drain()

    # --- application lifecycle ------------------------------------------------------------

    def install_app(
        self, handler_url: str | None = None, user_id: int = 1, app_url: str | None = None
    ) -> AppInstallation:
        """Install the OAuth app: tokens are issued and ONAPPINSTALL carries them to ``handler_url``; ``app_url`` is
        the application's page the portal opens from its menu."""
        with self.lock:
            self.events.wipe_app_bindings()
            self.apps.wipe()
            self.oauth.revoke_all()
            self.oauth.installed = True
            tokens = self.oauth.issue(user_id)
            self.installation = AppInstallation(
                handler_url,
                tokens["access_token"],
                tokens["refresh_token"],
                tokens["expires_in"],
                self.config.application_token,
                self.config.member_id,
                self.config.domain,
                self.config.client_endpoint,
                app_url,
            )
            if handler_url:
                auth = {**tokens, "application_token": self.config.application_token}
                data = {"VERSION": "1", "ACTIVE": "Y", "INSTALLED": "Y", "LANGUAGE_ID": "ru"}
                self.events.send(handler_url, self.events.payload("ONAPPINSTALL", None, data, auth))
            return self.installation

    def uninstall_app(self) -> None:
        """Remove the app: API access is revoked first, then ONAPPUNINSTALL goes out without tokens."""
        with self.lock:
            handlers = {b.handler for b in self.events.app_bindings() if b.event == "ONAPPUNINSTALL"}
            if self.installation and self.installation.handler_url:
                handlers.add(self.installation.handler_url)
            self.oauth.installed = False
            self.oauth.revoke_all()
            self.events.wipe_app_bindings()
            self.apps.wipe()
            self.installation = None
            for handler in handlers:
                data = {"LANGUAGE_ID": "ru", "CLEAN": "0"}
                self.events.send(handler, self.events.payload("ONAPPUNINSTALL", None, data, self.events.public_auth()))

    def open_app(self, user_id: int = 1, lang: str = "ru") -> FrameRequest:
        """A person opening the application from the portal's menu: the POST to its page (placement DEFAULT)."""
        with self.lock:
            if self.installation is None or not self.installation.app_url:
                raise LookupError("no application with a page is installed")
            return frame_request(self, self.installation.app_url, "DEFAULT", None, user_id, lang)

    def open_placement(
        self, placement: str, options: dict[str, Any], user_id: int = 1, lang: str = "ru"
    ) -> list[FrameRequest]:
        """A person opening a page that shows ``placement`` (a deal card, for ``CRM_DEAL_DETAIL_TAB``): one POST per
        handler bound there, with the card's context in PLACEMENT_OPTIONS (crm/detail-tab.md)."""
        with self.lock:
            handlers = [b.handler for b in self.apps.placements if b.placement == placement]
            return [frame_request(self, handler, placement, options, user_id, lang) for handler in handlers]

    def run_robot(self, code: str, deal_id: int, properties: dict[str, Any] | None = None) -> RobotRun:
        """A deal's automation reaching the application's robot ``code``: the handler gets the robot's call and,
        when the robot waits, an EVENT_TOKEN to answer with ``bizproc.event.send``. The current pages do not print
        this body; its shape is the one the REST help has long given (workflow_id, code, document_id,
        document_type, event_token, properties, use_subscription, ts, auth)."""
        with self.lock:
            robot = self.apps.robots[code]
            document_id = ["crm", "CCrmDocumentDeal", f"DEAL_{deal_id}"]
            run = RobotRun(code, secrets.token_hex(16), document_id, dict(properties or {}), robot.waits)
            self.apps.runs.append(run)
            tokens = self.oauth.issue(robot.auth_user_id)
            auth = {
                **{k: tokens[k] for k in ("access_token", "expires", "expires_in", "scope", "domain")},
                **{k: tokens[k] for k in ("server_endpoint", "status", "client_endpoint", "member_id", "user_id")},
                "refresh_token": tokens["refresh_token"],
                "application_token": self.config.application_token,
            }
            body = {
                "workflow_id": secrets.token_hex(12),
                "code": code,
                "document_id": document_id,
                "document_type": ["crm", "CCrmDocumentDeal", "DEAL"],
                "event_token": run.event_token,
                "properties": run.properties,
                "use_subscription": "Y" if robot.waits else "N",
                "timeout_duration": "0",
                "ts": str(int(self.config.now())),
                "auth": auth,
            }
            self.events.send(robot.handler, body, name=f"robot:{code}")
            return run

    def issue_tokens(self, user_id: int = 1) -> dict[str, Any]:
        """A fresh OAuth token pair for an installed app, as the token endpoint would answer."""
        with self.lock:
            if not self.oauth.installed:
                self.install_app(user_id=user_id)
            return self.oauth.issue(user_id)

    def add_outgoing_webhook(self, event: str, handler_url: str) -> Binding:
        """An outgoing webhook set up in the portal's UI: events without tokens."""
        with self.lock:
            return self.events.bind(event, handler_url, owner="webhook")

    def _event_tokens(self, user_id: int) -> dict[str, Any]:
        return self.oauth.issue(user_id)

    def seed_demo(self, companies: int = 6, contacts: int = 12, deals: int = 24) -> None:
        """Fill the portal with a few realistic companies, contacts and deals."""
        seed_demo(self.person, companies=companies, contacts=contacts, deals=deals, seed=self.config.seed)

    # --- the request pipeline -------------------------------------------------------------

    def admit(self) -> None:
        """Spend one unit of the request budget (a batch is one request)."""
        with self.lock:
            if not self.bucket.try_acquire():
                raise errors.query_limit_exceeded()

    def authenticate_webhook(self, user_id: str, code: str) -> CallContext:
        if str(self.config.webhook_user_id) != user_id or code != self.config.webhook_code:
            raise errors.no_auth_found()  # system-errors.md: a wrong webhook code is NO_AUTH_FOUND
        return CallContext("webhook", int(user_id))

    def authenticate_token(self, token: Any) -> CallContext:
        if not token:
            raise errors.no_auth_found()
        with self.lock:
            return CallContext("oauth", self.oauth.authenticate(str(token)))

    def time_block(self, started: float, elapsed: float, operating: float, method: str) -> dict[str, Any]:
        finish = started + elapsed
        return {
            "start": started,
            "finish": finish,
            "duration": elapsed,
            "processing": elapsed,
            "date_start": self.config.format_datetime(started),
            "date_finish": self.config.format_datetime(finish),
            "operating_reset_at": int(self.operating.reset_at(method)),
            # The method's execution time summed over the window, as limits.md describes the key (a batch,
            # never charged itself, shows what its commands cost).
            "operating": operating if method == "batch" else self.operating.used(method),
        }

    def run(self, method: str, params: dict[str, Any], ctx: CallContext, in_batch: bool = False) -> dict[str, Any]:
        """Execute one method (a top-level call or a batch command) and answer with the time block."""
        method = method.strip().lower()
        # Parameter names are case-insensitive (``ID`` and ``id``, ``FIELDS`` and ``fields``).
        if method not in CASE_SENSITIVE_PARAMETERS:
            params = {str(k).lower(): v for k, v in params.items()}
        started, perf = self.config.now(), time.perf_counter()
        logged = {k: v for k, v in params.items() if k != "auth"}
        try:
            with self.lock:
                if self.operating.blocked(method):
                    raise errors.operation_time_limit()
                outcome = dispatch(self, method, params, ctx)
                cost = 0.0 if method == "batch" else self.config.operating_cost_seconds
                self.operating.charge(method, cost)
                if method == "batch":
                    cost = sum(t.get("operating", 0) for t in _times(outcome.result))
        except RestError as exc:
            self.calls.append(
                CallRecord(method, logged, ctx.auth, exc.status, str(exc.error or exc.description), in_batch)
            )
            raise
        self.calls.append(CallRecord(method, logged, ctx.auth, 200, None, in_batch))
        answer: dict[str, Any] = {"result": outcome.result}
        if outcome.total is not None:
            answer["total"] = outcome.total
        if outcome.next is not None:
            answer["next"] = outcome.next
        answer["time"] = self.time_block(started, time.perf_counter() - perf, cost, method)
        return answer


def _times(batch_result: Any) -> list[dict[str, Any]]:
    section = batch_result.get("result_time") if isinstance(batch_result, dict) else None
    if isinstance(section, dict):
        return list(section.values())
    return list(section or [])
