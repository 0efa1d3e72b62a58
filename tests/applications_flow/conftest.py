"""Helpers for the application flow: documents to upload, the public form, the mail outbox."""

from __future__ import annotations

import io
import itertools
import zipfile
from typing import Any

import httpx
from sqlalchemy import select

from internhub import jobs
from internhub.models import MailMessage
from tests.factories import Tenant, client_for, unique
from tests.sync.conftest import linked, sandbox_config  # noqa: F401 (the sandbox-portal fixtures)

_phones = itertools.count(100)


def pdf(pages: int = 1, extra: bytes = b"") -> bytes:
    """A real PDF (CVs are checked whole: it must parse and have pages); ``extra`` goes into its body."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    data = buffer.getvalue()
    return data.replace(b"\nxref", extra + b"\nxref", 1) if extra else data


PDF = pdf()


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def public_client(tenant: Tenant) -> httpx.AsyncClient:
    client = client_for(tenant.app)
    tenant._clients.append(client)
    return client


def form(opening_id: int, **overrides: Any) -> dict[str, str]:
    fields = {
        "opening_id": str(opening_id),
        "full_name": "Петрова Мария Сергеевна",
        "email": f"{unique('applicant')}@example.ru",
        "phone": f"+7 (912) {next(_phones):03d}-{next(_phones) % 100:02d}-00",
        "course": "3",
        "consent": "true",
        **{k: str(v) for k, v in overrides.items() if v is not None},
    }
    return {k: v for k, v in fields.items() if v != ""}


async def public_apply(
    tenant: Tenant, opening_id: int, cv: tuple[str, bytes] | None = ("cv.pdf", PDF), **overrides: Any
) -> httpx.Response:
    files = {"cv": (cv[0], cv[1], "application/octet-stream")} if cv else None
    return await public_client(tenant).post(
        "/api/v1/public/applications", data=form(opening_id, **overrides), files=files
    )


async def workspace_slug(tenant: Tenant) -> str:
    return (await tenant.client.get("/api/v1/workspace")).json()["slug"]


async def mail_of(tenant: Tenant, application_id: int) -> list[MailMessage]:
    await jobs.drain()
    async with tenant.app.state.sessionmaker() as session:
        rows = await session.scalars(
            select(MailMessage).where(MailMessage.application_id == application_id).order_by(MailMessage.id)
        )
        return list(rows)


async def world(tenant: Tenant, **opening: Any) -> dict[str, dict]:
    university = await tenant.university(name=unique("Казанский университет"), short_name=unique("КФУ")[:40])
    company = await tenant.company()
    return {
        "university": university,
        "company": company,
        "opening": await tenant.opening(company["id"], **opening),
    }
