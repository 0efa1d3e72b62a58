"""The yardstick: a bare FastAPI endpoint doing the API's get-by-id query, with nothing else around it.

Same engine and pool settings as the application (``internhub.db.create_engine``), same server (uvicorn,
one worker), same SELECT by primary key within the workspace; no authentication, no ORM objects, no
response model, no middleware. The API's get-by-id throughput is compared against this one.

    INTERNHUB_DATABASE_URL=... INTERNHUB_BENCH_WORKSPACE_ID=1 \
        uv run python -m uvicorn --app-dir benchmarks bare_app:app
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from sqlalchemy import select

from internhub.config import Settings
from internhub.db import create_engine
from internhub.models import Application

APPLICATIONS = Application.__table__
WORKSPACE_ID = int(os.environ.get("INTERNHUB_BENCH_WORKSPACE_ID", "1"))


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.engine = create_engine(Settings())
    try:
        yield
    finally:
        await app.state.engine.dispose()


app = FastAPI(lifespan=lifespan)


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/applications/{application_id}")
async def get_application(application_id: int, request: Request) -> dict[str, Any]:
    query = (
        select(APPLICATIONS)
        .where(
            APPLICATIONS.c.id == application_id,
            APPLICATIONS.c.workspace_id == WORKSPACE_ID,
            APPLICATIONS.c.deleted_at.is_(None),
        )
        .limit(1)
    )
    async with request.app.state.engine.connect() as connection:
        row = (await connection.execute(query)).mappings().first()
    if row is None:
        raise HTTPException(404)
    return dict(row)
