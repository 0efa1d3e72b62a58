"""OAuth tokens, request intensity and operating-time limits (driven by the injected clock)."""

from __future__ import annotations

import httpx

from internhub.bitrix24.sandbox import ManualClock, SandboxConfig, SandboxPortal, create_app


async def _token(client: httpx.AsyncClient, portal: SandboxPortal, refresh: str) -> httpx.Response:
    config = portal.config
    query = {
        "grant_type": "refresh_token",
        "client_id": config.client_id,
        "client_secret": config.client_secret,
        "refresh_token": refresh,
    }
    return await client.get("/oauth/token/", params=query)


async def test_token_expiry_refresh_rotation(sandbox_portal: SandboxPortal, sandbox_clock: ManualClock, sandbox_client):
    install = sandbox_portal.install_app()
    ok = await sandbox_client.post("/rest/profile.json", json={"auth": install.access_token})
    assert ok.status_code == 200 and ok.json()["result"]["ADMIN"] is True

    sandbox_clock.advance(3601)
    expired = await sandbox_client.get("/rest/profile", params={"auth": install.access_token})
    assert expired.status_code == 401
    assert expired.json() == {
        "error": "expired_token",
        "error_description": "The access token provided has expired",
    }

    renewed = await _token(sandbox_client, sandbox_portal, install.refresh_token)
    pair = renewed.json()
    assert renewed.status_code == 200 and pair["expires_in"] == 3600
    assert pair["refresh_token"] != install.refresh_token
    assert pair["client_endpoint"] == sandbox_portal.config.client_endpoint
    assert (await sandbox_client.post("/rest/profile", data={"auth": pair["access_token"]})).status_code == 200

    stale = await _token(sandbox_client, sandbox_portal, install.refresh_token)
    assert stale.status_code == 400 and stale.json()["error"] == "invalid_grant"


async def test_missing_and_unknown_tokens(sandbox_client: httpx.AsyncClient, app_token: str) -> None:
    missing = await sandbox_client.post("/rest/crm.deal.list", json={})
    assert missing.status_code == 401 and missing.json()["error"] == "NO_AUTH_FOUND"
    unknown = await sandbox_client.post("/rest/crm.deal.list", json={"auth": "nope"})
    assert unknown.status_code == 401 and unknown.json()["error"] == "NO_AUTH_FOUND"  # system-errors.md


async def test_query_limit_and_recovery() -> None:
    clock = ManualClock()
    portal = SandboxPortal(SandboxConfig(clock=clock, rate=2, burst=5))
    webhook = portal.config.webhook_url
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(portal))) as client:
        statuses = [(await client.post(webhook + "user.current")).status_code for _ in range(7)]
        assert statuses == [200] * 5 + [503, 503]
        blocked = await client.post(webhook + "user.current")
        assert blocked.json() == {"error": "QUERY_LIMIT_EXCEEDED", "error_description": "Too many requests"}

        clock.advance(0.5)  # one unit drains at 2/s
        assert (await client.post(webhook + "user.current")).status_code == 200
        assert (await client.post(webhook + "user.current")).status_code == 503
        clock.advance(2.5)
        assert [(await client.post(webhook + "user.current")).status_code for _ in range(5)] == [200] * 5


async def test_operating_time_limit_blocks_one_method() -> None:
    clock = ManualClock()
    config = SandboxConfig(clock=clock, burst=1000, operating_limit_seconds=3, operating_cost_seconds=1)
    portal = SandboxPortal(config)
    webhook = config.webhook_url
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(portal))) as client:
        first = await client.post(webhook + "crm.deal.list")
        assert first.json()["time"]["operating"] == 1
        clock.advance(10)
        await client.post(webhook + "batch", json={"cmd": {"a": "crm.deal.list", "b": "crm.deal.list"}})

        blocked = await client.post(webhook + "crm.deal.list")
        assert blocked.status_code == 429
        # The answer does not say when: the last successful answer's time block does (limits.md).
        assert blocked.json() == {
            "error": "OPERATION_TIME_LIMIT",
            "error_description": "Method is blocked due to operation time limit.",
        }
        assert first.json()["time"]["operating_reset_at"] == int(first.json()["time"]["start"]) + 600
        assert (await client.post(webhook + "crm.contact.list")).status_code == 200

        clock.advance(591)
        assert (await client.post(webhook + "crm.deal.list")).status_code == 200
