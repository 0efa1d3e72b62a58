"""The FastAPI application factory."""

from __future__ import annotations

import asyncio
import gc
import inspect
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

import structlog
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute
from fastapi_offline import FastAPIOffline

from internhub import audit, health, jobs, listeners, metrics, workspaces
from internhub.analytics.router import router as analytics
from internhub.applications.router import router as applications
from internhub.auth.principal import PrincipalCache
from internhub.auth.revocations import RevocationSignal
from internhub.auth.router import router as auth
from internhub.bitrix24.embedded import connect_configured_portal
from internhub.bitrix24.events import MAX_EVENT_BYTES
from internhub.bitrix24.events import router as bitrix24_events
from internhub.bitrix24.frame import APP_PATH as FRAME_APP_PATH
from internhub.bitrix24.frame import router as bitrix24_frame
from internhub.bitrix24.ingest import EventIngestor
from internhub.bitrix24.portals import PortalClients
from internhub.bitrix24.robots import router as bitrix24_robots
from internhub.bitrix24.router import retry_router as bitrix24_retry
from internhub.bitrix24.router import router as bitrix24
from internhub.bitrix24.worker import SyncWorker
from internhub.common.csv_export import CsvExport
from internhub.common.heap import freeze_long_lived
from internhub.common.ratelimit import Limiter
from internhub.companies.router import router as companies
from internhub.config import Settings, get_settings
from internhub.db import create_engine, create_file_engine, create_sessionmaker
from internhub.errors import install_error_handlers
from internhub.logging import configure_logging
from internhub.middleware import (
    BodyLimit,
    CrossSiteGuard,
    FrameAncestors,
    RejectNul,
    RequestContext,
    SecurityHeaders,
)
from internhub.migrate import upgrade_async
from internhub.notifications import bitrix24 as bitrix24_notify
from internhub.notifications.router import router as mail
from internhub.openings.router import router as openings
from internhub.partnerships.router import router as partnerships
from internhub.placements.router import router as placements
from internhub.public import cache as public_cache
from internhub.public.cache import PublicCache
from internhub.public.router import router as public
from internhub.reports import scheduler as report_scheduler
from internhub.reports.router import router as reports
from internhub.reports.router import schedules as report_schedules
from internhub.routing.router import router as routing
from internhub.students.router import router as students
from internhub.universities.router import router as universities
from internhub.web import web_app

log = structlog.get_logger(__name__)

# Room for the public application form's fields besides the CV (a 10,000-character letter and the rest).
PUBLIC_FORM_FIELDS_BYTES = 256 * 1024

# A request is matched against the routes in this order: the endpoint Bitrix24 floods with events first.
API_ROUTERS = [
    bitrix24_events,
    bitrix24_frame,
    bitrix24_robots,
    auth,
    workspaces.router,
    universities,
    companies,
    partnerships,
    students,
    openings,
    applications,
    routing,
    placements,
    public,
    mail,
    analytics,
    reports,
    report_schedules,
    bitrix24,
    bitrix24_retry,
    audit.router,
]


def _operation_id(route: APIRoute) -> str:
    return route.operation_id or route.name


# What a route is declared with, read back from the route itself.
_ROUTE_FIELDS = [
    name for name in inspect.signature(APIRouter.add_api_route).parameters if name not in ("self", "path", "endpoint")
]


def add_routes(app: FastAPI, routers: list[APIRouter], prefix: str = "") -> None:
    """Add every route of ``routers`` to the app itself, under ``prefix``.

    ``include_router`` keeps each router as a branch that a request walks (twice) before its route is
    found: with a hundred routes that cost more CPU than a simple request's own work. Routes added to
    the app directly are matched with one regular expression each. Everything else about a route (its
    dependencies, responses, tags, operation id) is carried over as it is, so the OpenAPI is the same.
    """
    for router in routers:
        for route in router.routes:
            if not isinstance(route, APIRoute):
                raise TypeError(f"{route!r} is not an API route")
            fields = {name: getattr(route, name) for name in _ROUTE_FIELDS if hasattr(route, name)}
            app.router.add_api_route(prefix + route.path, route.endpoint, **fields)


PROBLEM_SCHEMA: dict = {
    "type": "object",
    "description": "RFC 9457 problem details; `code` is stable for a client to translate",
    "required": ["type", "title", "status", "code"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "in": {"type": "string"},
                    "field": {"type": "string"},
                    "message": {"type": "string"},
                    "type": {"type": "string"},
                    "code": {"type": "string"},
                },
                "required": ["message"],
            },
        },
        "allowed": {"type": "array", "items": {"type": "string"}},
        "sortable": {"type": "array", "items": {"type": "string"}},
        "retry_after": {"type": "integer"},
    },
    "additionalProperties": True,
}


def _document_problems(app: FastAPI) -> None:
    """Declare what every error answer is: ``application/problem+json`` with the Problem schema, for any 4xx
    (and for 422 instead of FastAPI's own validation shape, which this API never sends)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = build()  # kept by FastAPI as app.openapi_schema: this runs once
        schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
        problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
        for item in schema.get("paths", {}).values():
            for operation in item.values():
                responses = operation.setdefault("responses", {})
                if "422" in responses:
                    responses["422"] = {"description": "Some fields are invalid", "content": problem}
                responses["4XX"] = {"description": "A problem the caller can act on", "content": problem}
        for unused in ("HTTPValidationError", "ValidationError"):
            schema["components"]["schemas"].pop(unused, None)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.migrate_on_start:
            if settings.is_sqlite:
                settings.data_dir.mkdir(parents=True, exist_ok=True)
            await upgrade_async(settings.effective_database_url)
        engine = create_engine(settings)
        app.state.engine = engine
        listeners.install()  # every write's audit entry, outbox row, mails and rollups (internhub.listeners)
        app.state.sessionmaker = create_sessionmaker(engine)
        app.state.readmaker = create_sessionmaker(engine, reads_only=True)
        clients = PortalClients(settings, app.state.sessionmaker)
        app.state.bitrix24_clients = clients
        bitrix24_notify.use_clients(clients)
        app.state.bitrix24_ingestor = EventIngestor(
            app.state.sessionmaker, engine, clients.box, file_engine=create_file_engine(settings)
        )
        await connect_configured_portal(app, settings, clients)
        await app.state.frame_ancestors.refresh(app.state.sessionmaker)
        await jobs.start(settings, app.state.sessionmaker)
        stop = asyncio.Event()
        watchers = metrics.watch(settings, engine, stop)
        if settings.rabbitmq_url:
            watchers.append(asyncio.create_task(jobs.watch_queue(stop)))  # the queue's depth
        watchers.append(asyncio.create_task(metrics.sample_sync_forever(app.state.sessionmaker, stop)))
        if clients.redis is not None:  # INTERNHUB_REDIS_URL
            # The public catalogue's answers, shared by every process (public/cache.py).
            public_cache.shared.cache = PublicCache(clients.redis)
            # A revoked session dies at once in every process (auth/revocations.py).
            revocations = RevocationSignal(clients.redis, app.state.principal_cache)
            app.state.principal_cache.publish = revocations.publish
            app.state.revocations = revocations
            watchers.append(asyncio.create_task(revocations.listen(stop)))
        worker = None
        if settings.bitrix24_workers:
            worker = asyncio.create_task(SyncWorker(settings, app.state.sessionmaker, clients).run(stop))
        schedules = None
        if settings.report_schedules:
            schedules = asyncio.create_task(
                report_scheduler.run_forever(app.state.sessionmaker, stop, settings.cv_retention_days)
            )
        log.info("started", database=engine.url.render_as_string(hide_password=True), env=settings.env)
        if not gc.get_freeze_count():
            # Frozen once: the collector's full passes stalled every request ~100 ms under load.
            freeze_long_lived()
        try:
            yield
        finally:
            stop.set()
            await asyncio.gather(*watchers)
            if public_cache.shared.cache is not None:
                await public_cache.shared.cache.aclose()
                public_cache.shared.cache = None
            if worker is not None:
                await worker
            if schedules is not None:
                await schedules
            await jobs.stop()
            await app.state.bitrix24_ingestor.close()
            await clients.aclose()
            if (sandbox_thread := getattr(app.state, "sandbox_thread", None)) is not None:
                sandbox_thread.stop()
            await engine.dispose()

    # The API's docs page with Swagger's files served by us (no CDN); off in production unless asked for.
    docs = settings.api_docs if settings.api_docs is not None else settings.env != "production"
    factory = FastAPIOffline if docs else partial(FastAPI, docs_url=None, redoc_url=None)
    app = factory(
        title="InternHub",
        version="1.0.0",
        summary="Internships and vacancies for universities, employers and students, in step with Bitrix24.",
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
    )
    app.state.settings = settings
    _document_problems(app)
    app.state.principal_cache = PrincipalCache(settings.auth_cache_seconds)
    app.state.catalogue_workspaces = {}  # slug -> id, see public.router
    app.state.limiter = Limiter(settings)
    app.state.frame_ancestors = FrameAncestors(settings.frame_ancestors)
    install_error_handlers(app)

    add_routes(app, [health.router])
    add_routes(app, API_ROUTERS, prefix="/api/v1")
    if (spa := web_app(settings.web_dir)) is not None:
        app.mount("/", spa, name="web")

    app.add_middleware(CsvExport)
    app.add_middleware(RejectNul)
    # The public form carries a CV: its limit is the CV's plus room for the other fields.
    form_limit = settings.cv_max_bytes + PUBLIC_FORM_FIELDS_BYTES
    per_path = {
        "/api/v1/public/applications": form_limit,
        "/api/v1/bitrix24/events": MAX_EVENT_BYTES,
        "/api/v1/bitrix24/robots": MAX_EVENT_BYTES,
    }
    app.add_middleware(
        CrossSiteGuard,
        cookie_name=settings.session_cookie_name,
        public_origin=settings.base_url,
        exempt=(FRAME_APP_PATH,),
    )
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes, per_path=per_path)
    app.add_middleware(RequestContext)
    app.add_middleware(SecurityHeaders, frame_ancestors=app.state.frame_ancestors, hsts=settings.env == "production")
    return app
