"""Fixtures for the sandbox portal: in-process (httpx over ASGI) and live (uvicorn on loopback)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import trustme
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from internhub.bitrix24.phpquery import parse_query
from internhub.bitrix24.sandbox import ManualClock, SandboxConfig, SandboxPortal, SandboxServer, create_app


@pytest.fixture
def sandbox_clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def sandbox_portal(sandbox_clock: ManualClock) -> SandboxPortal:
    return SandboxPortal(SandboxConfig(clock=sandbox_clock, seed=7))


@pytest.fixture
async def sandbox_client(sandbox_portal: SandboxPortal) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(sandbox_portal))
    async with httpx.AsyncClient(transport=transport, base_url=sandbox_portal.config.base_url) as http:
        yield http


@pytest.fixture
def webhook(sandbox_portal: SandboxPortal) -> str:
    """Path prefix of the portal's incoming webhook."""
    config = sandbox_portal.config
    return f"/rest/{config.webhook_user_id}/{config.webhook_code}/"


@dataclass
class EventSink:
    """A handler endpoint that records what the portal POSTs to it."""

    received: list[tuple[dict[str, str], dict]] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)

    def app(self) -> Starlette:
        async def receive(request: Request) -> PlainTextResponse:
            body = (await request.body()).decode()
            self.raw.append(body)
            self.received.append((dict(request.headers), parse_query(body)))
            return PlainTextResponse("ok")

        return Starlette(routes=[Route("/{path:path}", receive, methods=["POST"])])

    def events(self, name: str | None = None) -> list[dict]:
        return [payload for _, payload in self.received if name is None or payload["event"] == name]


@pytest.fixture
def event_sink(sandbox_portal: SandboxPortal) -> EventSink:
    recorder = EventSink()
    sandbox_portal.set_transport(httpx.ASGITransport(app=recorder.app()))
    return recorder


@pytest.fixture
def app_token(sandbox_portal: SandboxPortal) -> str:
    """An installed OAuth app's access token."""
    return sandbox_portal.install_app().access_token


@dataclass
class Live:
    portal: SandboxPortal
    server: SandboxServer

    @property
    def domain(self) -> str:
        return f"{self.server.host}:{self.server.port}"

    @property
    def webhook_url(self) -> str:
        config = self.portal.config
        return f"{self.server.base_url}/rest/{config.webhook_user_id}/{config.webhook_code}/"


def _seeded_portal(domain: str, scheme: str) -> SandboxPortal:
    portal = SandboxPortal(SandboxConfig(domain=domain, scheme=scheme, seed=3))
    company = portal.person.add_company({"TITLE": "Север Софт"})
    for number in range(1, 121):
        portal.person.add_deal({"TITLE": f"Стажировка {number}", "COMPANY_ID": company, "OPPORTUNITY": number})
    return portal


@pytest.fixture(scope="module")
def live_sandbox() -> Iterator[Live]:
    """A sandbox with 120 deals served over plain HTTP on a free loopback port."""
    portal = _seeded_portal("pending", "http")
    with SandboxServer(portal) as server:
        portal.config.domain = f"{server.host}:{server.port}"
        yield Live(portal, server)


@pytest.fixture(scope="session")
def tls_ca(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, Path]]:
    """A throwaway CA trusted through REQUESTS_CA_BUNDLE / SSL_CERT_FILE, and a loopback cert."""
    directory = tmp_path_factory.mktemp("tls")
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    ca_file, cert_file, key_file = directory / "ca.pem", directory / "cert.pem", directory / "key.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    cert.cert_chain_pems[0].write_to_path(str(cert_file))
    cert.private_key_pem.write_to_path(str(key_file))
    saved = {name: os.environ.get(name) for name in ("REQUESTS_CA_BUNDLE", "SSL_CERT_FILE")}
    os.environ["REQUESTS_CA_BUNDLE"] = os.environ["SSL_CERT_FILE"] = str(ca_file)
    yield ca_file, cert_file, key_file
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="module")
def live_sandbox_tls(tls_ca: tuple[Path, Path, Path]) -> Iterator[Live]:
    """The same seeded sandbox over https with a certificate for 127.0.0.1 (b24pysdk speaks https only)."""
    _, cert_file, key_file = tls_ca
    portal = _seeded_portal("pending", "https")
    with SandboxServer(portal, certfile=str(cert_file), keyfile=str(key_file)) as server:
        portal.config.domain = f"{server.host}:{server.port}"
        yield Live(portal, server)
