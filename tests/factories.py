"""Test data through the public API, plus the few things only the CLI can do (workspaces, first admin)."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select

from internhub import models
from internhub.auth import service as auth
from internhub.auth.schemas import UserIn
from internhub.companies.inn import make_inn
from internhub.models import Role
from internhub.workspaces import get_or_create

PROBLEM_JSON = "application/problem+json"
# Every table that holds a workspace's data, for counting rows and for proving nothing changed.
WORKSPACE_TABLES = (
    models.University,
    models.Company,
    models.Partnership,
    models.Student,
    models.Opening,
    models.Application,
    models.User,
    models.ApiKey,
)

PASSWORD = "correct horse battery staple"
_seq = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}-{next(_seq)}-{uuid.uuid4().hex[:6]}"


def client_for(app: FastAPI, token: str | None = None, **headers: str) -> httpx.AsyncClient:
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test", headers=headers)


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """Assert an RFC 9457 problem+json answer with this status and return its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_JSON, response.headers
    body = response.json()
    assert body["status"] == status
    assert body["type"] and body["title"] and body["detail"], body
    assert isinstance(body.get("code"), str) and body["code"].isidentifier(), body  # for clients to translate
    return body


def error_fields(response: httpx.Response) -> set[str]:
    """The fields a 422 problem names (``errors[].field``)."""
    return {error["field"] for error in problem(response, 422)["errors"]}


@dataclass
class Tenant:
    """A workspace with a signed-in admin, and shortcuts to create what tests need."""

    app: FastAPI
    workspace_id: int
    client: httpx.AsyncClient
    _clients: list[httpx.AsyncClient] = field(default_factory=list)

    async def create(self, path: str, client: httpx.AsyncClient | None = None, **body: Any) -> dict[str, Any]:
        response = await (client or self.client).post(f"/api/v1{path}", json=body)
        assert response.status_code == 201, response.text
        return response.json()

    async def total(self, path: str, client: httpx.AsyncClient | None = None, **params: Any) -> int:
        response = await (client or self.client).get(f"/api/v1{path}", params=params)
        assert response.status_code == 200, response.text
        return response.json()["total"]

    async def rows(self, model: type) -> int:
        """Rows of ``model`` in this workspace, soft-deleted ones included (straight from the database)."""
        async with self.app.state.sessionmaker() as session:
            stmt = select(func.count()).select_from(model).where(model.workspace_id == self.workspace_id)
            return await session.scalar(stmt)

    async def snapshot(self) -> dict[str, list[dict[str, Any]]]:
        """Every row of this workspace, column by column: equal snapshots mean nothing was written."""
        found: dict[str, list[dict[str, Any]]] = {}
        async with self.app.state.sessionmaker() as session:
            for model in WORKSPACE_TABLES:
                table = model.__table__
                result = await session.execute(
                    select(table).where(table.c.workspace_id == self.workspace_id).order_by(table.c.id)
                )
                found[table.name] = [dict(row._mapping) for row in result]
            history = models.ApplicationStatusChange.__table__
            owned = select(models.Application.id).where(models.Application.workspace_id == self.workspace_id)
            result = await session.execute(
                select(history).where(history.c.application_id.in_(owned)).order_by(history.c.id)
            )
            found[history.name] = [dict(row._mapping) for row in result]
        return found

    async def university(self, **overrides: Any) -> dict[str, Any]:
        return await self.create("/universities", **{"name": unique("University"), "city": "Казань", **overrides})

    async def company(self, **overrides: Any) -> dict[str, Any]:
        inn = make_inn(f"{next(_seq) % 10**9:09d}")
        return await self.create("/companies", **{"name": unique("Company"), "inn": inn, "city": "Москва", **overrides})

    async def student(self, university_id: int, **overrides: Any) -> dict[str, Any]:
        body = {
            "university_id": university_id,
            "full_name": "Иванов Иван Иванович",
            "email": f"{unique('student')}@example.ru",
            "course": 3,
            "skills": ["python", "sql"],
            **overrides,
        }
        return await self.create("/students", **body)

    async def opening(self, company_id: int, **overrides: Any) -> dict[str, Any]:
        body = {
            "company_id": company_id,
            "kind": "internship",
            "title": unique("Стажёр-разработчик"),
            "status": "active",
            "slots": 2,
            "skills": ["python"],
            **overrides,
        }
        return await self.create("/openings", **body)

    async def application(self, opening_id: int, student_id: int, **overrides: Any) -> dict[str, Any]:
        return await self.create("/applications", opening_id=opening_id, student_id=student_id, **overrides)

    async def sign_in_as(self, role: str, **scope: int) -> httpx.AsyncClient:
        """A client signed in as a new user of this workspace with the given role and scope."""
        email = f"{unique(role)}@example.ru"
        await self.create("/users", email=email, password=PASSWORD, role=role, **scope)
        return await self.sign_in(email)

    async def sign_in(self, email: str, password: str = PASSWORD) -> httpx.AsyncClient:
        client = client_for(self.app)
        response = await client.post("/api/v1/auth/login", json={"email": email, "password": password})
        assert response.status_code == 200, response.text
        client.headers["Authorization"] = f"Bearer {response.json()['access_token']}"
        self._clients.append(client)
        return client

    async def key_client(self, university_id: int) -> httpx.AsyncClient:
        key = (await self.create(f"/universities/{university_id}/api-keys", name="integration"))["key"]
        client = client_for(self.app, **{"X-API-Key": key})
        self._clients.append(client)
        return client


@asynccontextmanager
async def new_tenant(app: FastAPI) -> AsyncIterator[Tenant]:
    slug = unique("ws")
    email = f"admin-{slug}@example.ru"
    async with app.state.sessionmaker() as session:
        workspace = await get_or_create(session, slug, f"Workspace {slug}")
        await auth.create_user(session, workspace.id, UserIn(email=email, password=PASSWORD, role=Role.admin))
        await session.commit()
    bootstrap = Tenant(app=app, workspace_id=workspace.id, client=client_for(app))
    admin = await bootstrap.sign_in(email)
    tenant = Tenant(app=app, workspace_id=workspace.id, client=admin, _clients=bootstrap._clients)
    try:
        yield tenant
    finally:
        for client in tenant._clients:
            await client.aclose()
