"""structlog set-up: readable lines in development, JSON in production."""

from __future__ import annotations

import logging
import sys

import structlog

from internhub.config import Settings

_SECRET_KEYS = {"password", "token", "access_token", "refresh_token", "api_key", "secret", "authorization"}


def _redact(_: object, __: str, event: dict) -> dict:
    for key in event.keys() & _SECRET_KEYS:
        event[key] = "***"
    return event


def configure_logging(settings: Settings) -> None:
    shared = [
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
        processors=[*shared, structlog.processors.format_exc_info, renderer],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=structlog.PrintLoggerFactory(sys.stderr),
        cache_logger_on_first_use=True,
    )
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    # Access lines come from our own middleware, with the request id; uvicorn's would repeat them.
    logging.getLogger("uvicorn.access").disabled = True
    # Every outgoing request would be a line of its own; our sync logs what matters.
    logging.getLogger("httpx").setLevel(max(level, logging.WARNING))
