"""structlog set-up: readable lines in development, JSON in production."""

from __future__ import annotations

import logging
import re
import sys

import structlog
from structlog.typing import EventDict, Processor

from internhub.config import Settings

_SECRET_KEYS = {"password", "token", "access_token", "refresh_token", "api_key", "secret", "authorization"}


def _redact(_: object, __: str, event: EventDict) -> EventDict:
    for key in event.keys() & _SECRET_KEYS:
        event[key] = "***"
    return event


# Personal data has no place in logs, tracebacks included (an SQL error quotes the row it failed on).
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w+])(?:\+7|8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\w)|\+\d{10,14}(?!\w)")


def scrub(text: str) -> str:
    return _PHONE.sub("<phone>", _EMAIL.sub("<e-mail>", text))


def _scrub_personal(_: object, __: str, event: EventDict) -> EventDict:
    for key, value in event.items():
        if isinstance(value, str):
            event[key] = scrub(value)
    return event


class ScrubbingFormatter(logging.Formatter):
    """The standard library's lines (uvicorn, the job queue) scrubbed as ours are."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


def configure_logging(settings: Settings) -> None:
    shared: list[Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _redact,
    ]
    renderer = (
        structlog.processors.JSONRenderer()
        if settings.json_logs
        else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    )
    level = logging.getLevelNamesMapping().get(settings.log_level.upper(), logging.INFO)
    structlog.configure(
        processors=[*shared, structlog.processors.format_exc_info, _scrub_personal, renderer],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=structlog.PrintLoggerFactory(sys.stderr),
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(ScrubbingFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # Access lines come from our own middleware, with the request id; uvicorn's would repeat them.
    logging.getLogger("uvicorn.access").disabled = True
    # Every outgoing request would be a line of its own; our sync logs what matters.
    logging.getLogger("httpx").setLevel(max(level, logging.WARNING))
