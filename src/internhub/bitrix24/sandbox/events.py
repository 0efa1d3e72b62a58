"""Outgoing events: bindings, online delivery, the offline queue.

Online events are POSTed form-encoded with bracketed keys, once, without retries; a share may
be dropped or delayed to mimic the queue server (``api-reference/events/index.md``). Offline
events keep the latest state per record until the app clears them (``offline-events.md``).
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import random
import ssl
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx

from internhub.bitrix24.phpquery import flatten

from .config import SandboxConfig
from .crm import Actor
from .errors import RestError, bad_request
from .fields import parse_datetime
from .query import matches, paginate, parse_filter, parse_order, sort_records

logger = logging.getLogger(__name__)

TokenSource = Callable[[int], dict[str, Any]]


# Events only an application's event.bind can subscribe to, never an outgoing webhook set up in the portal.
APP_ONLY_EVENTS = frozenset({"ONCRMDEALMOVETOCATEGORY"})


@functools.cache
def _tls() -> ssl.SSLContext:
    """Made once: each delivery opens a connection of its own, as a portal's do, but loading the certificate
    store for every one cost 30 ms of CPU, which a portal sending hundreds of events at once does not spend."""
    return httpx.create_ssl_context()


@dataclass
class Binding:
    id: int
    event: str
    handler: str
    auth_type: int
    offline: bool = False
    connector: str | None = None
    # "app" bindings come from event.bind; "webhook" ones stand for an outgoing webhook set up
    # in the portal's UI, whose calls carry no tokens.
    owner: str = "app"


@dataclass
class DeliveredEvent:
    event: str
    handler: str
    handler_id: int | None
    payload: dict[str, Any]
    form: list[tuple[str, str]]
    status_code: int | None = None
    error: str | None = None


@dataclass
class OfflineRecord:
    id: int
    timestamp: float
    event_name: str
    data: dict[str, Any]
    additional: dict[str, Any]
    message_id: str
    connector: str | None
    process_id: str | None = None
    error: bool = False


@dataclass
class _Pending:
    handles: list[Any] = field(default_factory=list)

    def add(self, handle: Any) -> None:
        self.handles = [h for h in self.handles if not h.done()]
        self.handles.append(handle)

    def busy(self) -> bool:
        return any(not h.done() for h in self.handles)


class EventBus:
    def __init__(self, config: SandboxConfig, token_source: TokenSource) -> None:
        self.config = config
        self.token_source = token_source
        self.transport: httpx.AsyncBaseTransport | None = None
        self.timeout = 10.0
        self.rng = random.Random(config.seed)
        self.bindings: list[Binding] = []
        self.delivered: list[DeliveredEvent] = []
        self.dropped: list[DeliveredEvent] = []
        self.offline: list[OfflineRecord] = []
        self._next_binding = 1
        self._next_offline = 1
        self._next_process = 1
        self._pending = _Pending()
        self._lock = threading.Lock()

    # --- bindings -------------------------------------------------------------------------

    def bind(
        self,
        event: str,
        handler: str,
        auth_type: int = 0,
        offline: bool = False,
        connector: str | None = None,
        owner: str = "app",
    ) -> Binding:
        event = event.upper()
        if not event.startswith("ON"):
            raise RestError(400, "ERROR_EVENT_NOT_FOUND", "Event not found")
        if not offline and not handler:
            raise bad_request("Handler not found", "ERROR_HANDLER_NOT_FOUND")
        for existing in self.bindings:
            if (existing.event, existing.handler, existing.offline) == (event, handler, offline):
                raise RestError(400, "ERROR_CORE", "Handler already binded")
        binding = Binding(self._next_binding, event, handler, auth_type, offline, connector, owner)
        self._next_binding += 1
        self.bindings.append(binding)
        return binding

    def unbind(self, event: str, handler: str | None, offline: bool = False) -> int:
        event = event.upper()
        keep, removed = [], 0
        for binding in self.bindings:
            same = binding.owner == "app" and binding.event == event and binding.offline == offline
            if same and (handler in (None, "") or binding.handler == handler):
                removed += 1
            else:
                keep.append(binding)
        self.bindings = keep
        return removed

    def app_bindings(self) -> list[Binding]:
        return [b for b in self.bindings if b.owner == "app"]

    def wipe_app_bindings(self) -> None:
        # Bindings vanish when the app is reinstalled or removed (event-bind.md).
        self.bindings = [b for b in self.bindings if b.owner != "app"]

    # --- firing ---------------------------------------------------------------------------

    def fire(self, event: str, data: dict[str, Any], actor: Actor, kind: str, entity_id: int) -> None:
        for binding in list(self.bindings):
            if binding.event != event:
                continue
            if binding.owner == "webhook" and event in APP_ONLY_EVENTS:
                continue  # on-crm-deal-move-to-category.md: only an application can subscribe to it
            if binding.offline:
                if actor.auth_connector and actor.auth_connector == binding.connector:
                    continue
                self._enqueue_offline(binding, event, data, actor, kind, entity_id)
            else:
                payload = self.payload(event, binding.id, data, self._auth_block(binding, actor))
                self.send(binding.handler, payload, binding.id)

    def payload(self, event: str, handler_id: int | None, data: dict[str, Any], auth: dict[str, Any]) -> dict[str, Any]:
        body: dict[str, Any] = {"event": event}
        if handler_id is not None:
            body["event_handler_id"] = handler_id
        body.update(data=data, ts=int(self.config.now()), auth=auth)
        return body

    def public_auth(self) -> dict[str, Any]:
        return {
            "domain": self.config.domain,
            "client_endpoint": self.config.client_endpoint,
            "server_endpoint": self.config.server_endpoint,
            "member_id": self.config.member_id,
            "application_token": self.config.application_token,
        }

    def _auth_block(self, binding: Binding, actor: Actor) -> dict[str, Any]:
        # Tokens belong to the user who made the change; robots and UI webhooks carry none.
        if binding.owner != "app" or actor.robot:
            return self.public_auth()
        tokens = self.token_source(binding.auth_type or actor.user_id)
        # The keys api-reference/events/index.md lists for an application's event; refresh_token comes only with
        # ONAPPINSTALL and onOfflineEvent.
        return {
            "access_token": tokens["access_token"],
            "expires_in": tokens["expires_in"],
            "scope": tokens["scope"],
            "domain": self.config.domain,
            "server_endpoint": self.config.server_endpoint,
            "status": "L",
            "client_endpoint": self.config.client_endpoint,
            "member_id": self.config.member_id,
            "application_token": self.config.application_token,
        }

    def send(
        self, handler: str, payload: dict[str, Any], handler_id: int | None = None, name: str | None = None
    ) -> None:
        record = DeliveredEvent(name or payload["event"], handler, handler_id, payload, flatten(payload))
        if self.config.event_drop_rate and self.rng.random() < self.config.event_drop_rate:
            self.dropped.append(record)
            return
        delay = self.rng.uniform(0, self.config.event_delay_seconds) if self.config.event_delay_seconds else 0.0
        self._schedule(self._deliver(record, delay))

    def _schedule(self, coro: Any) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            # Called from plain synchronous code (a script, a thread): deliver on a helper thread.
            future: Future[None] = Future()

            def run() -> None:
                try:
                    asyncio.run(coro)
                finally:
                    future.set_result(None)

            threading.Thread(target=run, daemon=True, name="sandbox-event").start()
            self._pending.add(future)
            return
        self._pending.add(loop.create_task(coro))

    async def _deliver(self, record: DeliveredEvent, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        try:
            async with httpx.AsyncClient(transport=self.transport, timeout=self.timeout, verify=_tls()) as client:
                response = await client.post(
                    record.handler,
                    content=urlencode(record.form),
                    headers={
                        "Content-Type": "application/x-www-form-urlencoded",
                        "User-Agent": "Bitrix24 Webhook Engine",
                    },
                )
            record.status_code = response.status_code
        except httpx.HTTPError as exc:
            # No retries: a failed delivery is logged and forgotten, as on a real portal.
            record.error = type(exc).__name__
            logger.info("event %s to %s failed: %s", record.event, record.handler, record.error)
        with self._lock:
            self.delivered.append(record)

    async def drain(self) -> None:
        """Wait until every scheduled delivery has finished (wrap in ``asyncio.timeout`` to bound it).

        Deliveries may run on another event loop (uvicorn's thread), so this polls instead of awaiting.
        """
        while True:
            if not self._pending.busy():
                return
            await asyncio.sleep(0.005)

    # --- offline queue --------------------------------------------------------------------

    def _enqueue_offline(
        self, binding: Binding, event: str, data: dict[str, Any], actor: Actor, kind: str, entity_id: int
    ) -> None:
        message_id = hashlib.md5(f"{event}|{kind}|{entity_id}|{binding.connector}".encode()).hexdigest()
        # Latest state per record: an untaken entry for the same record is replaced.
        self.offline = [
            r for r in self.offline if not (r.message_id == message_id and r.process_id is None and not r.error)
        ]
        self.offline.append(
            OfflineRecord(
                self._next_offline,
                self.config.now(),
                event,
                data,
                {"user_id": str(actor.user_id)},
                message_id,
                binding.connector,
            )
        )
        self._next_offline += 1

    def _row(self, record: OfflineRecord) -> dict[str, Any]:
        return {
            "ID": str(record.id),
            "TIMESTAMP_X": self.config.format_datetime(record.timestamp),
            "EVENT_NAME": record.event_name,
            "EVENT_DATA": record.data,
            "EVENT_ADDITIONAL": record.additional,
            "MESSAGE_ID": record.message_id,
        }

    def offline_get(
        self,
        filter_: Any,
        order: Any,
        limit: int,
        clear: bool,
        process_id: str | None,
        error: bool,
        connector: str | None = None,
    ) -> dict[str, Any]:
        # event-offline-get.md: a process_id re-selects the records of that process that are still unprocessed;
        # offline-events.md: a queue bound with an auth_connector is read with it, and only with it.
        candidates = [
            r
            for r in self.offline
            if r.process_id in (None, process_id) and r.error == error and r.connector == connector
        ]
        conditions = parse_filter(filter_)

        def value_of(record: OfflineRecord, field_name: str) -> Any:
            return {
                "ID": record.id,
                "TIMESTAMP_X": record.timestamp,
                "EVENT_NAME": record.event_name,
                "MESSAGE_ID": record.message_id,
            }.get(field_name)

        def normalise(field_name: str, value: Any) -> Any:
            if field_name == "ID":
                return int(value)
            if field_name == "TIMESTAMP_X":
                return parse_datetime(value, self.config.tz)
            return str(value)

        selected = [
            r for r in candidates if all(matches(functools.partial(value_of, r), normalise, c) for c in conditions)
        ]
        ordering = parse_order(order) or [("TIMESTAMP_X", False), ("ID", False)]
        selected = sort_records(selected, ordering, value_of)
        taken = paginate(selected, -1).rows[: max(0, limit)]
        if clear:
            ids = {r.id for r in taken}
            self.offline = [r for r in self.offline if r.id not in ids]
            return {"process_id": None, "events": [self._row(r) for r in taken]}
        pid = process_id or f"{self._next_process:08d}" + hashlib.md5(str(self._next_process).encode()).hexdigest()[:24]
        self._next_process += 1
        for record in taken:
            record.process_id = pid
        return {"process_id": pid, "events": [self._row(r) for r in taken]}

    def offline_clear(self, process_id: str, ids: list[str], message_ids: list[str]) -> None:
        def cleared(record: OfflineRecord) -> bool:
            if record.process_id != process_id:
                return False
            if ids:
                return str(record.id) in ids
            if message_ids:
                return record.message_id in message_ids
            return True

        self.offline = [r for r in self.offline if not cleared(r)]

    def offline_error(self, process_id: str, message_ids: list[str]) -> None:
        for record in self.offline:
            if record.process_id == process_id and record.message_id in message_ids:
                record.error = True
                record.process_id = None
