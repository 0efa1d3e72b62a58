"""Domain errors and their RFC 9457 problem+json rendering: one handler for the whole API."""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Route

log = structlog.get_logger(__name__)

PROBLEM_JSON = "application/problem+json"

# Every problem carries a ``code``, stable for clients (the web app translates it); these are the codes of
# problems that do not name a more precise one.
STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_fields",
    429: "too_many_requests",
    500: "server_error",
    503: "unavailable",
}


class Problem(Exception):
    """An error a client can act on. Subclasses fix the status; ``detail`` is for people."""

    status = 400
    title: str | None = None

    def __init__(self, detail: str, **extensions: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extensions = extensions


class BadRequest(Problem):
    status = 400


class Unauthorized(Problem):
    status = 401


class Forbidden(Problem):
    status = 403


class NotFound(Problem):
    status = 404


class Conflict(Problem):
    status = 409


class PayloadTooLarge(Problem):
    status = 413


class Unprocessable(Problem):
    status = 422


class TooManyRequests(Problem):
    """Over a rate limit: ``retry_after`` seconds until the next try may pass (also the ``Retry-After`` header)."""

    status = 429

    def __init__(self, detail: str, retry_after: float, **extensions: Any) -> None:
        self.retry_after = max(1, math.ceil(retry_after))
        super().__init__(detail, retry_after=self.retry_after, **extensions)


def problem_response(
    status: int, detail: str, title: str | None = None, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body = {
        "type": "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **extra,
        "code": extra.get("code") or STATUS_CODES.get(status, f"http_{status}"),
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    errors = []
    for err in exc.errors():
        where, *path = [str(part) for part in err.get("loc", ())] or [""]
        errors.append({"in": where, "field": ".".join(path), "message": err["msg"], "type": err["type"]})
    return errors


async def _on_problem(request: Request, exc: Problem) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    if isinstance(exc, TooManyRequests):
        headers = {"Retry-After": str(exc.retry_after)}
    return problem_response(exc.status, exc.detail, exc.title, headers=headers, **exc.extensions)


async def _on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = _field_errors(exc)
    if any(e["type"] == "json_invalid" for e in errors):
        return problem_response(400, "The request body is not valid JSON.", errors=errors, code="json_invalid")
    return problem_response(422, "Some fields are invalid.", errors=errors)


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route of this path answers. (Starlette names only the first route that matched the
    path, so with one route per method a wrong one would be told just ``GET, HEAD``.)"""
    path = request.scope["path"]
    return sorted(
        {
            method
            for route in request.app.router.routes
            if isinstance(route, Route) and route.methods and route.path_regex.match(path)
            for method in route.methods
        }
    )


async def _on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    if exc.status_code == 405 and (allowed := _allowed_methods(request)):
        return problem_response(405, detail, headers={"Allow": ", ".join(allowed)}, allowed=allowed)
    return problem_response(exc.status_code, detail, headers=getattr(exc, "headers", None))


async def _on_integrity(request: Request, exc: IntegrityError) -> JSONResponse:
    # Services check uniqueness first; this catches the race where two requests pass that check together.
    log.info("integrity_conflict", error=str(exc.orig).splitlines()[0][:200])
    return problem_response(
        409, "This conflicts with existing data (a duplicate or a reference in use).", code="conflict_with_data"
    )


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled_error", path=request.url.path)
    return problem_response(500, "Something went wrong on our side. It has been logged.")


def install_error_handlers(app: FastAPI) -> None:
    handlers: dict[type[Exception], Callable[[Request, Any], Awaitable[JSONResponse]]] = {
        Problem: _on_problem,
        RequestValidationError: _on_validation,
        StarletteHTTPException: _on_http,
        IntegrityError: _on_integrity,
        Exception: _on_unexpected,
    }
    for exception, handler in handlers.items():
        app.add_exception_handler(exception, handler)
