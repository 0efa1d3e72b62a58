"""An async Bitrix24 REST client: both auth modes, a throttle that keeps under the portal's limit,
``batch`` in chunks of 50, fast listing, and typed errors.

One client per portal; the worker that owns the portal's lease is the only one that uses it.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx
import structlog

from internhub import metrics
from internhub.bitrix24.phpquery import build_query

log = structlog.get_logger(__name__)

BATCH_LIMIT = 50
PAGE = 50
# limits.md: a method's time is kept in ten one-minute baskets; a blocked method frees up when the oldest leaves.
OPERATING_WINDOW = 600.0
NEXT_BASKET = 60.0


# --- errors -------------------------------------------------------------------------------------


class Bitrix24Error(Exception):
    """An error answer from the portal: ``code`` is Bitrix24's ``error`` field."""

    def __init__(self, code: str, description: str = "", status: int = 400) -> None:
        super().__init__(f"{code or 'error'}: {description}".strip())
        self.code = code
        self.description = description
        self.status = status


class PortalUnavailable(Bitrix24Error):
    """The portal did not answer, or answered as a balancer does while it is down."""


class QueryLimitExceeded(Bitrix24Error):
    pass


class OperationTimeLimit(Bitrix24Error):
    """A method blocked for its execution time; ``retry_after`` is how many seconds until it frees up, as far as
    the portal's own clock tells (see ``Bitrix24Client.operating_wait``)."""

    def __init__(self, code: str, description: str, status: int, retry_after: float = NEXT_BASKET) -> None:
        super().__init__(code, description, status)
        self.retry_after = retry_after


class ExpiredToken(Bitrix24Error):
    pass


class AuthorizationError(Bitrix24Error):
    """Credentials that a refresh cannot mend: the app must be authorised again."""


_AUTH_CODES = {
    "NO_AUTH_FOUND",
    "invalid_token",
    "INVALID_CREDENTIALS",
    "insufficient_scope",
    "user_access_error",
    "invalid_grant",
    "invalid_client",
    "authorization_error",
}


def error_from(status: int, body: Any) -> Bitrix24Error:
    if not isinstance(body, dict) or "error" not in body:
        return PortalUnavailable("UNAVAILABLE", f"HTTP {status} without a REST answer", status)
    code = str(body.get("error") or "")
    description = str(body.get("error_description") or "")
    if code == "QUERY_LIMIT_EXCEEDED":
        return QueryLimitExceeded(code, description, status)
    if code == "OPERATION_TIME_LIMIT":
        return OperationTimeLimit(code, description, status)
    if code == "expired_token":
        return ExpiredToken(code, description, status)
    if code in _AUTH_CODES:
        return AuthorizationError(code, description, status)
    if code == "OVERLOAD_LIMIT" or status >= 500:
        return PortalUnavailable(code, description, status)
    return Bitrix24Error(code, description, status)


# --- authorisation ------------------------------------------------------------------------------


@dataclass
class WebhookAuth:
    """An incoming webhook: ``https://{portal}/rest/{user_id}/{code}/``."""

    url: str

    def endpoint(self, method: str) -> tuple[str, dict[str, Any]]:
        return f"{self.url.rstrip('/')}/{method}.json", {}


@dataclass
class UserAuth:
    """A person's own token, from a page the portal opened for them (``AUTH_ID``, settings/oauth/simple-way.md):
    calls on their behalf, with their rights. It is never refreshed: an expired one is an answer in itself."""

    client_endpoint: str
    access_token: str

    def endpoint(self, method: str) -> tuple[str, dict[str, Any]]:
        return f"{self.client_endpoint.rstrip('/')}/{method}", {"auth": self.access_token}


@dataclass
class OAuthTokens:
    access_token: str
    refresh_token: str
    expires_at: float | None = None


@dataclass
class OAuthAuth:
    """An installed app: calls go to ``{client_endpoint}{method}`` with ``auth`` set to the access token.

    Tokens rotate on refresh: ``on_refresh`` must persist the new pair before anything else uses it, and
    ``load`` reads the stored pair, since another process may have refreshed since this one last did.
    """

    client_endpoint: str
    tokens: OAuthTokens
    client_id: str
    client_secret: str
    token_url: str
    on_refresh: Callable[[OAuthTokens], Awaitable[None]] | None = None
    load: Callable[[], Awaitable[OAuthTokens | None]] | None = None
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)

    def endpoint(self, method: str) -> tuple[str, dict[str, Any]]:
        return f"{self.client_endpoint.rstrip('/')}/{method}", {"auth": self.tokens.access_token}

    async def refresh(self, http: httpx.AsyncClient, stale_access_token: str) -> None:
        async with self._lock:
            if self.tokens.access_token != stale_access_token:
                return  # another call refreshed while this one waited: once per portal at a time
            stored = await self.load() if self.load is not None else None
            if stored is not None and stored.access_token != stale_access_token:
                self.tokens = stored  # another process refreshed: its refresh token is the live one
                return
            response = await http.get(
                self.token_url,
                params={
                    "grant_type": "refresh_token",
                    "client_id": self.client_id,
                    "client_secret": self.client_secret,
                    "refresh_token": self.tokens.refresh_token,
                },
            )
            body = _json(response)
            if response.status_code != 200 or "access_token" not in body:
                raise AuthorizationError(str(body.get("error", "invalid_grant")), "token refresh refused", 401)
            self.tokens = OAuthTokens(
                access_token=body["access_token"],
                refresh_token=body["refresh_token"],
                expires_at=time.time() + float(body.get("expires_in", 3600)),
            )
            if self.on_refresh is not None:
                await self.on_refresh(self.tokens)


# --- throttle -----------------------------------------------------------------------------------


class Throttle:
    """A mirror of the portal's leaky bucket, so that we wait instead of being refused.

    The portal drains ``rate`` requests a second and refuses above ``burst`` queued; we keep
    ``headroom`` below that because other apps on the same portal spend the same budget.
    """

    def __init__(
        self,
        rate: float = 2.0,
        burst: int = 50,
        headroom: int = 5,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.rate = rate
        self.capacity = max(1, burst - headroom)
        self.clock = clock
        self.sleep = sleep
        self.level = 0.0
        self.updated = clock()
        self._lock = asyncio.Lock()

    def _drain(self) -> None:
        now = self.clock()
        self.level = max(0.0, self.level - (now - self.updated) * self.rate)
        self.updated = now

    async def acquire(self) -> None:
        async with self._lock:
            self._drain()
            if self.level + 1 > self.capacity:
                await self.sleep((self.level + 1 - self.capacity) / self.rate)
                self._drain()
            self.level += 1

    def penalise(self) -> None:
        """The portal said the bucket is full (someone else spends it too): treat ours as full."""
        self._drain()
        self.level = max(self.level, float(self.capacity))


# --- results ------------------------------------------------------------------------------------


@dataclass
class Answer:
    result: Any
    total: int | None = None
    next: int | None = None
    time: dict[str, Any] = field(default_factory=dict)


@dataclass
class BatchAnswer:
    results: dict[str, Any]
    errors: dict[str, dict[str, Any]]
    totals: dict[str, int]
    nexts: dict[str, int]
    # The batch's own ``time`` block, in the portal's clock (``start`` is when the portal began it).
    time: dict[str, Any] = field(default_factory=dict)
    # Commands whose method is blocked for its execution time, with the seconds until it frees up.
    limited: dict[str, float] = field(default_factory=dict)


def _section(value: Any) -> dict[str, Any]:
    # PHP serialises an empty or 0..n-1 keyed array as a JSON list (batch.md).
    if isinstance(value, list):
        return {str(i): v for i, v in enumerate(value)}
    return dict(value or {})


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def command(method: str, params: Mapping[str, Any] | None = None) -> str:
    """One batch command: ``method?query`` with PHP-style bracketed keys."""
    return f"{method}?{build_query(params)}" if params else method


# --- the client ---------------------------------------------------------------------------------


class Bitrix24Client:
    def __init__(
        self,
        auth: WebhookAuth | OAuthAuth | UserAuth,
        http: httpx.AsyncClient | None = None,
        throttle: Throttle | None = None,
        max_wait_for_operating: float = 30.0,
        retries: int = 5,
    ) -> None:
        self.auth = auth
        self.http = http or httpx.AsyncClient(timeout=httpx.Timeout(65.0, connect=10.0))
        self.throttle = throttle or Throttle()
        self.max_wait_for_operating = max_wait_for_operating
        self.retries = retries
        self.requests = 0
        self.portal = ""  # the portal's domain, for the metrics
        self.clock: Callable[[], float] = time.monotonic
        # Per method: the last successful answer's operating_reset_at and start (the portal's clock), and our
        # clock when it came, so a wait is measured in the portal's time, whatever ours says.
        self._operating: dict[str, tuple[float, float, float]] = {}

    def _remember(self, method: str, time_block: Any) -> None:
        try:
            reset_at, started = float(time_block["operating_reset_at"]), float(time_block["start"])
        except (KeyError, TypeError, ValueError):
            return
        self._operating[method.strip().lower()] = (reset_at, started, self.clock())

    def operating_wait(self, method: str) -> float:
        """Seconds until ``method`` frees up after OPERATION_TIME_LIMIT: "for the first retry, refer to
        operating_reset_at from the last successful response. If the error persists, wait for the next
        bucket reset" (limits.md). Counted in the portal's clock, bounded by the documented window."""
        known = self._operating.get(method.strip().lower())
        if known is None:
            return NEXT_BASKET
        reset_at, started, seen = known
        wait = reset_at - (started + self.clock() - seen)
        if wait <= 0:
            return NEXT_BASKET
        return min(max(wait, 1.0), OPERATING_WINDOW + NEXT_BASKET)

    async def aclose(self) -> None:
        await self.http.aclose()

    async def call(self, method: str, params: Mapping[str, Any] | None = None) -> Answer:
        """One REST call. Waits out the limits it can; raises the rest as typed errors."""
        refreshed = False
        attempt = 0
        while True:
            attempt += 1
            await self.throttle.acquire()
            url, auth_params = self.auth.endpoint(method)
            self.requests += 1
            try:
                response = await self.http.post(url, json={**(params or {}), **auth_params})
            except httpx.TransportError as exc:
                if attempt > self.retries:
                    raise PortalUnavailable("UNAVAILABLE", type(exc).__name__, 0) from exc
                await asyncio.sleep(min(0.2 * 2**attempt, 5.0))
                continue
            body = _json(response)
            if response.status_code == 200 and "result" in body:
                metrics.rest_calls.labels(self.portal, "ok").inc()
                self._remember(method, body.get("time"))
                return Answer(body["result"], body.get("total"), body.get("next"), body.get("time") or {})
            error = error_from(response.status_code, body)
            metrics.rest_calls.labels(self.portal, "error").inc()
            if isinstance(error, (QueryLimitExceeded, OperationTimeLimit)):
                metrics.limit_hits.labels(self.portal, error.code).inc()
            if isinstance(error, QueryLimitExceeded) and attempt <= self.retries:
                self.throttle.penalise()
                continue
            if isinstance(error, ExpiredToken) and isinstance(self.auth, OAuthAuth) and not refreshed:
                await self.auth.refresh(self.http, auth_params["auth"])
                refreshed = True
                continue
            if isinstance(error, OperationTimeLimit):
                error.retry_after = self.operating_wait(method)
                if attempt <= self.retries and error.retry_after <= self.max_wait_for_operating:
                    await asyncio.sleep(error.retry_after)
                    continue
            if isinstance(error, PortalUnavailable) and attempt <= self.retries and error.status in (502, 503, 504):
                await asyncio.sleep(min(0.2 * 2**attempt, 5.0))
                continue
            raise error

    async def batch(self, commands: Mapping[str, str], halt: bool = False) -> BatchAnswer:
        """Up to 50 commands (see ``command``) as one request."""
        if len(commands) > BATCH_LIMIT:
            raise ValueError(f"a batch takes at most {BATCH_LIMIT} commands")
        answer = await self.call("batch", {"halt": 1 if halt else 0, "cmd": dict(commands)})
        result = answer.result if isinstance(answer.result, dict) else {}
        methods = {name: cmd.partition("?")[0] for name, cmd in commands.items()}
        for name, time_block in _section(result.get("result_time")).items():
            if name in methods:
                self._remember(methods[name], time_block)
        errors = _section(result.get("result_error"))
        return BatchAnswer(
            results=_section(result.get("result")),
            errors=errors,
            totals={k: int(v) for k, v in _section(result.get("result_total")).items()},
            nexts={k: int(v) for k, v in _section(result.get("result_next")).items()},
            time=answer.time,
            # Each command counts toward its own method's time, and a blocked one fails alone (limits.md).
            limited={
                name: self.operating_wait(methods[name])
                for name, error in errors.items()
                if isinstance(error, dict) and error.get("error") == "OPERATION_TIME_LIMIT" and name in methods
            },
        )

    async def call_many(self, calls: Iterable[tuple[str, Mapping[str, Any] | None]]) -> list[Any]:
        """Many independent calls, 50 to a batch. Each item is the result, or a ``Bitrix24Error``."""
        calls = list(calls)
        out: list[Any] = []
        for start in range(0, len(calls), BATCH_LIMIT):
            chunk = calls[start : start + BATCH_LIMIT]
            answer = await self.batch({f"c{i}": command(m, p) for i, (m, p) in enumerate(chunk)})
            for i in range(len(chunk)):
                key = f"c{i}"
                if key in answer.results:
                    out.append(answer.results[key])
                else:
                    err = answer.errors.get(key) or {"error": "NOT_EXECUTED", "error_description": ""}
                    out.append(Bitrix24Error(str(err.get("error", "")), str(err.get("error_description", ""))))
        return out

    async def list_all(
        self,
        method: str,
        filter: Mapping[str, Any] | None = None,
        select: list[str] | None = None,
        after_id: int = 0,
        on_batch: Callable[[list[dict[str, Any]]], Awaitable[None]] | None = None,
    ) -> list[dict[str, Any]]:
        """Every record matching ``filter``, fast: ordered by ID, ``>ID`` paging, ``start=-1`` (no count),
        and 50 pages chained in one batch through ``$result`` references (huge-data.md).

        The next batch is requested as soon as this one's last ID is known, so it is on its way while
        ``on_batch`` handles this one's records (up to 2,500): the same requests, in the same order, without
        the wait. Without ``on_batch`` every record is returned."""

        def batch_after(last_id: int) -> asyncio.Task[BatchAnswer]:
            commands = {}
            for page in range(BATCH_LIMIT):
                previous = str(last_id) if page == 0 else f"$result[p{page - 1}][{PAGE - 1}][ID]"
                params = {"order": {"ID": "ASC"}, "filter": {**(filter or {}), ">ID": previous}, "start": -1}
                if select:
                    params["select"] = select
                commands[f"p{page}"] = command(method, params)
            return asyncio.ensure_future(self.batch(commands))

        rows: list[dict[str, Any]] = []
        ahead = batch_after(after_id)
        try:
            while True:
                answer = await ahead
                pages: list[list[dict[str, Any]]] = []
                for page in range(BATCH_LIMIT):
                    if f"p{page}" in answer.errors:
                        # A page the portal refused is not an empty page: a list that stopped here would look
                        # like records gone.
                        raise _command_error(answer, f"p{page}")
                    chunk = answer.results.get(f"p{page}")
                    chunk = list(chunk.values()) if isinstance(chunk, dict) else list(chunk or [])
                    if chunk:
                        pages.append(chunk)
                    if len(chunk) < PAGE:
                        break
                finished = not pages or len(pages[-1]) < PAGE or len(pages) < BATCH_LIMIT
                if not finished:
                    ahead = batch_after(int(pages[-1][-1]["ID"]))
                records = [record for chunk in pages for record in chunk]
                if on_batch is None:
                    rows.extend(records)
                elif records:
                    await on_batch(records)
                if finished:
                    return rows
        finally:
            if not ahead.done():
                ahead.cancel()  # on_batch failed (or the caller was cancelled): the batch ahead is not wanted
            # Collect its outcome so that a failure there is not reported as never retrieved.
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await ahead


def _command_error(answer: BatchAnswer, name: str) -> Bitrix24Error:
    error = answer.errors.get(name) or {}
    typed = error_from(
        400, {"error": str(error.get("error") or ""), "error_description": error.get("error_description")}
    )
    if isinstance(typed, OperationTimeLimit):
        typed.retry_after = answer.limited.get(name, NEXT_BASKET)
    return typed


def parse_datetime(value: str | None) -> datetime | None:
    """Bitrix24 writes ``2024-08-30T02:00:00+02:00`` in the portal's own zone."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
