"""Plain ASGI middleware (cheaper than BaseHTTPMiddleware): request ids, access log, body limit, NUL guard."""

from __future__ import annotations

import time
import uuid
from urllib.parse import urlsplit

import structlog
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from internhub import metrics
from internhub.errors import problem_response
from internhub.models import Portal

log = structlog.get_logger("internhub.access")


class RequestContext:
    """Tags every log line of a request with its id, logs one access line when it ends, and counts it by its
    route's template (the raw path would make a metric per record)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        request_id = headers.get(b"x-request-id", b"").decode("latin-1")[:64] or uuid.uuid4().hex
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            metrics.http_requests.labels(scope["method"], route, str(status)).inc()
            metrics.http_duration.labels(scope["method"], route).observe(seconds)
            log.info(
                "request",
                method=scope["method"],
                path=scope["path"],
                status=status,
                ms=round(seconds * 1000, 1),
            )
            structlog.contextvars.unbind_contextvars("request_id", "workspace")


class BodyLimit:
    """413 for bodies over the limit, whether announced by Content-Length or only seen while streaming.

    ``per_path`` raises (or lowers) the limit for the few paths that take files."""

    def __init__(self, app: ASGIApp, max_bytes: int, per_path: dict[str, int] | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.per_path = per_path or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        max_bytes = self.per_path.get(scope["path"], self.max_bytes)
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > max_bytes):
            await self.too_large(max_bytes)(scope, receive, send)
            return

        received = 0
        response_started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > max_bytes:
                    raise _TooLarge(413, f"The request body is larger than {max_bytes} bytes.")
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            response_started = response_started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not response_started:
                await self.too_large(max_bytes)(scope, receive, send)

    @staticmethod
    def too_large(max_bytes: int) -> ASGIApp:
        return problem_response(413, f"The request body is larger than {max_bytes} bytes.")


class _TooLarge(HTTPException):
    """Raised while the body streams in. An HTTPException, because FastAPI turns any other error raised
    while it reads the body into a 400 "error parsing the body"; this one reaches the 413 handler."""


class RejectNul:
    """A NUL byte in a path or query string can never be valid input; databases choke on it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and (b"%00" in scope.get("query_string", b"") or "\x00" in scope["path"]):
            response = problem_response(400, "The address contains a NUL character, which is never valid.")
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SAME_SITE = frozenset({b"same-origin", b"none"})


class CrossSiteGuard:
    """A change sent with the session cookie from another site is refused (CSRF): browsers name the page's
    site in ``Sec-Fetch-Site`` (and ``Origin``), so a cookie-authenticated unsafe request must come from our own
    origin. SameSite=Lax alone lets a sibling subdomain through. Requests with a bearer token or an API key carry
    their credentials themselves and are not affected, nor are non-browser clients that send neither header.
    ``exempt`` paths are posted to by other sites by design and change nothing with the cookie they may carry (the
    Bitrix24 portal opening the app signs a person in from the tokens it posts)."""

    def __init__(self, app: ASGIApp, cookie_name: str, public_origin: str, exempt: tuple[str, ...] = ()) -> None:
        self.app = app
        self.cookie = cookie_name.encode()
        self.public_origin = public_origin.rstrip("/").encode()
        self.exempt = frozenset(exempt)

    def _cross_site(self, scope: Scope) -> bool:
        headers = dict(scope["headers"])
        if b"authorization" in headers or b"x-api-key" in headers:
            return False
        if not any(part.strip().startswith(self.cookie + b"=") for part in headers.get(b"cookie", b"").split(b";")):
            return False
        if (fetch_site := headers.get(b"sec-fetch-site")) is not None:
            return fetch_site not in SAME_SITE
        if (origin := headers.get(b"origin")) is not None:
            own = scope.get("scheme", "http").encode() + b"://" + headers.get(b"host", b"")
            return origin not in (own, self.public_origin)
        return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] in UNSAFE
            and scope["path"] not in self.exempt
            and self._cross_site(scope)
        ):
            response = problem_response(
                403, "A change from another site is not accepted with this session.", code="cross_site_request"
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


class FrameAncestors:
    """Who may show our pages in a frame: us, the Bitrix24 portals connected to any workspace (the app opens inside
    them), and the origins of ``INTERNHUB_FRAME_ANCESTORS``. Read again from the database now and then, and at
    once when a portal is installed."""

    def __init__(self, extra: str = "") -> None:
        self.extra = extra.split()
        self.policy = self._policy([])  # the header's value, made once per refresh rather than per answer

    def _policy(self, origins: list[str]) -> bytes:
        return " ".join(["frame-ancestors 'self'", *origins, *self.extra]).encode()

    async def refresh(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        try:
            async with sessionmaker() as session:
                endpoints = await session.scalars(select(Portal.client_endpoint).where(Portal.is_active.is_(True)))
                found = {f"{parts.scheme}://{parts.netloc}" for parts in map(urlsplit, endpoints) if parts.netloc}
        except SQLAlchemyError as exc:  # a database not migrated yet: /readyz says so; frames stay as they were
            log.warning("frame_ancestors_unread", error=str(exc)[:200])
            return
        self.policy = self._policy(sorted(found))


class SecurityHeaders:
    """Headers every response carries: no MIME sniffing, no full URLs leaked to other sites, pages framed only by
    us and the Bitrix24 portals the app opens in, and HSTS in production."""

    def __init__(self, app: ASGIApp, frame_ancestors: FrameAncestors, hsts: bool) -> None:
        self.app = app
        self.frame_ancestors = frame_ancestors
        self.headers = [
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"strict-origin-when-cross-origin"),
        ]
        if hsts:
            self.headers.append((b"strict-transport-security", b"max-age=31536000; includeSubDomains"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                policy = (b"content-security-policy", self.frame_ancestors.policy)
                message["headers"] = [*message.get("headers", []), *self.headers, policy]
            await send(message)

        await self.app(scope, receive, send_with_headers)
