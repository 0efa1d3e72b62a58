"""The REST client against the sandbox portal: auth modes, throttle, batch, fast listing, errors."""

from __future__ import annotations

import httpx
import pytest

from internhub.bitrix24.client import (
    AuthorizationError,
    Bitrix24Client,
    Bitrix24Error,
    OAuthAuth,
    OAuthTokens,
    PortalUnavailable,
    Throttle,
    WebhookAuth,
)
from internhub.bitrix24.sandbox import ManualClock, SandboxConfig, SandboxPortal, create_app


class FakeTime:
    """Drives both the sandbox's clock and the client's throttle, so waiting costs no real time."""

    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock
        self.slept = 0.0

    async def sleep(self, seconds: float) -> None:
        self.slept += seconds
        self.clock.advance(seconds)


def make_client(portal: SandboxPortal, auth=None, throttle: Throttle | None = None) -> Bitrix24Client:
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(portal)), base_url=portal.config.base_url)
    return Bitrix24Client(auth or WebhookAuth(portal.config.webhook_url), http=http, throttle=throttle)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def portal(clock: ManualClock) -> SandboxPortal:
    return SandboxPortal(SandboxConfig(clock=clock, seed=3))


async def test_webhook_call_and_typed_error(portal: SandboxPortal) -> None:
    client = make_client(portal)
    deal_id = (await client.call("crm.deal.add", {"fields": {"TITLE": "Стажировка"}})).result
    deal = (await client.call("crm.deal.get", {"id": deal_id})).result
    assert deal["TITLE"] == "Стажировка" and deal["ID"] == str(deal_id)
    with pytest.raises(Bitrix24Error) as error:
        await client.call("crm.deal.get", {"id": 999_999})
    assert error.value.status == 400


async def test_throttle_keeps_a_burst_of_calls_under_the_portal_limit(portal: SandboxPortal, clock) -> None:
    fake = FakeTime(clock)
    throttle = Throttle(rate=2.0, burst=50, clock=clock, sleep=fake.sleep)
    client = make_client(portal, throttle=throttle)
    for _ in range(120):
        await client.call("profile")
    refused = [c for c in portal.calls if c.error == "QUERY_LIMIT_EXCEEDED"]
    assert refused == []
    assert client.requests == 120
    # 45 fit in the bucket (50 less headroom); the other 75 wait for it to drain at 2 a second.
    assert fake.slept == pytest.approx(75 / 2.0, rel=0.05)


async def test_batch_chunks_and_reports_errors_per_command(portal: SandboxPortal) -> None:
    client = make_client(portal)
    ids = [(await client.call("crm.contact.add", {"fields": {"NAME": f"N{i}"}})).result for i in range(3)]
    calls = [("crm.contact.get", {"id": i}) for i in [*ids, 987_654]] * 20  # 80 calls: two batches
    before = client.requests
    results = await client.call_many(calls)
    assert client.requests - before == 2
    assert [r["NAME"] for r in results[:3]] == ["N0", "N1", "N2"]
    assert isinstance(results[3], Bitrix24Error)


async def test_list_all_reads_thousands_in_few_requests(portal: SandboxPortal) -> None:
    for i in range(2_600):
        portal.person.add_deal({"TITLE": f"Deal {i}"})
    client = make_client(portal)
    seen = await client.list_all("crm.deal.list", select=["ID", "TITLE"])
    assert len(seen) == 2_600
    assert len({row["ID"] for row in seen}) == 2_600
    assert client.requests == 2  # 50 pages of 50 chained in each batch


async def test_oauth_refreshes_an_expired_token_once_and_persists_the_rotation(portal: SandboxPortal, clock) -> None:
    installation = portal.install_app()
    saved: list[OAuthTokens] = []

    async def persist(tokens: OAuthTokens) -> None:
        saved.append(tokens)

    auth = OAuthAuth(
        client_endpoint=portal.config.client_endpoint,
        tokens=OAuthTokens(installation.access_token, installation.refresh_token),
        client_id=portal.config.client_id,
        client_secret=portal.config.client_secret,
        token_url=f"{portal.config.base_url}/oauth/token/",
        on_refresh=persist,
    )
    client = make_client(portal, auth=auth)
    assert (await client.call("profile")).result
    clock.advance(portal.config.token_lifetime_seconds + 1)
    assert (await client.call("profile")).result
    assert len(saved) == 1 and saved[0].refresh_token != installation.refresh_token

    # The old refresh token no longer works: with it, the app has to be authorised again.
    auth.tokens = OAuthTokens("stale", installation.refresh_token)
    with pytest.raises(AuthorizationError):
        await client.call("profile")


async def test_a_portal_that_is_down_is_a_typed_error(portal: SandboxPortal) -> None:
    client = make_client(portal)
    client.retries = 0
    portal.go_down()
    with pytest.raises(PortalUnavailable):
        await client.call("profile")
