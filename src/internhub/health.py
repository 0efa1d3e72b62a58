from __future__ import annotations

import hmac

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from internhub import metrics
from internhub.errors import NotFound, Unauthorized
from internhub.migrate import current_revision, head_revision

router = APIRouter(tags=["health"])


@router.get("/healthz", operation_id="health-alive")
async def alive() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz", operation_id="health-ready")
async def ready(request: Request) -> JSONResponse:
    """The database answers and its schema is at the newest migration."""
    engine = request.app.state.engine
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
            revision = await connection.run_sync(current_revision)
    except (SQLAlchemyError, OSError) as exc:
        return JSONResponse({"status": "unavailable", "database": type(exc).__name__}, status_code=503)
    head = head_revision()
    body = {"status": "ok" if revision == head else "migrations pending", "revision": revision, "head": head}
    return JSONResponse(body, status_code=200 if revision == head else 503)


@router.get("/metrics", operation_id="metrics", include_in_schema=False)
async def prometheus_metrics(request: Request) -> Response:
    """This process's metrics for Prometheus, to the bearer of INTERNHUB_METRICS_TOKEN (off without one)."""
    token = request.app.state.settings.metrics_token
    if token is None:
        raise NotFound("Not Found")
    presented = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(presented.encode(), token.get_secret_value().encode()):
        raise Unauthorized("Send the metrics token as a bearer token.", code="metrics_token_required")
    return Response(metrics.render(), media_type=metrics.CONTENT_TYPE)
