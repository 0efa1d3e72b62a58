"""REST errors in the documented ``{"error", "error_description"}`` shape.

Codes and texts follow ``_includes/system-errors.md`` and the method pages of the REST docs.
"""

from __future__ import annotations

from typing import Any


class RestError(Exception):
    """An error answer: HTTP status plus the documented error code and description."""

    def __init__(self, status: int, error: str | int, description: str, **extra: Any) -> None:
        super().__init__(f"{status} {error}: {description}")
        self.status = status
        self.error = error
        self.description = description
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"error": self.error, "error_description": self.description, **self.extra}


def bad_request(description: str, error: str = "") -> RestError:
    # CRM validation errors come back with an empty ``error`` (crm-deal-update.md, Error Handling).
    return RestError(400, error, description)


def not_found() -> RestError:
    return bad_request("Not found")


def access_denied(description: str = "Access denied") -> RestError:
    return bad_request(description)


def invalid_id() -> RestError:
    return bad_request("ID is not defined or invalid")  # crm-deal-get.md, crm-deal-update.md, crm-deal-delete.md


def method_not_found() -> RestError:
    return RestError(404, "ERROR_METHOD_NOT_FOUND", "Method not found!")


def wrong_auth_type() -> RestError:
    # event.bind and offline events work only with application (OAuth) authorisation.
    return RestError(403, "WRONG_AUTH_TYPE", "Current authorization type is denied for this method")


def query_limit_exceeded() -> RestError:
    return RestError(503, "QUERY_LIMIT_EXCEEDED", "Too many requests")


def operation_time_limit() -> RestError:
    # limits.md: a 429 with OPERATION_TIME_LIMIT. The answer says nothing of when the method frees up: "for
    # the first retry, refer to operating_reset_at from the last successful response".
    return RestError(429, "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit.")


def no_auth_found() -> RestError:
    return RestError(401, "NO_AUTH_FOUND", "Wrong authorization data")


def expired_token() -> RestError:
    return RestError(401, "expired_token", "The access token provided has expired")
