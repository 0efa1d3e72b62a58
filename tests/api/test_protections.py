"""What protects a browser session: changes from another site are refused, and every answer carries the
headers a public web application needs."""

from __future__ import annotations

from tests.factories import PASSWORD, Tenant, client_for, problem, unique


async def cookie_client(tenant: Tenant):
    email = f"{unique('cookie')}@example.ru"
    await tenant.create("/users", email=email, password=PASSWORD, role="manager")
    client = client_for(tenant.app)
    signed_in = await client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert signed_in.status_code == 200 and client.cookies
    return client


async def test_a_change_from_another_site_with_the_session_cookie_is_refused(tenant: Tenant) -> None:
    client = await cookie_client(tenant)
    before = await tenant.snapshot()
    for headers in (
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},  # a sibling subdomain: SameSite=Lax lets its cookie through
        {"Origin": "https://evil.example"},
    ):
        response = await client.post("/api/v1/universities", json={"name": unique("Чужой вуз")}, headers=headers)
        assert problem(response, 403)["code"] == "cross_site_request", headers
    assert await tenant.snapshot() == before

    own = await client.post(
        "/api/v1/universities", json={"name": unique("Свой вуз")}, headers={"Sec-Fetch-Site": "same-origin"}
    )
    assert own.status_code == 201, own.text
    reads = await client.get("/api/v1/universities", headers={"Sec-Fetch-Site": "cross-site"})
    assert reads.status_code == 200  # reading is not a change (and CORS keeps the answer from the other site)
    await client.aclose()


async def test_a_bearer_token_or_an_api_key_is_not_a_cookie_to_forge(tenant: Tenant) -> None:
    response = await tenant.client.post(
        "/api/v1/universities", json={"name": unique("Вуз")}, headers={"Origin": "https://integration.example"}
    )
    assert response.status_code == 201, response.text


async def test_every_answer_carries_the_protective_headers(tenant: Tenant) -> None:
    for response in (
        await tenant.client.get("/api/v1/universities"),
        await tenant.client.get("/api/v1/universities/999999"),
        await client_for(tenant.app).get("/healthz"),
    ):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response.headers["Content-Security-Policy"].startswith("frame-ancestors 'self'")
        assert "Strict-Transport-Security" not in response.headers  # production only


async def test_the_api_docs_use_no_cdn_and_are_off_in_production(tenant: Tenant) -> None:
    from internhub.app import create_app
    from internhub.config import Settings

    async with client_for(tenant.app) as client:
        page = await client.get("/docs")
        assert page.status_code == 200
        assert "cdn" not in page.text.lower() and "/static-offline-docs/swagger-ui-bundle.js" in page.text
        script = await client.get("/static-offline-docs/swagger-ui-bundle.js")
        assert script.status_code == 200 and len(script.content) > 100_000
    production = create_app(
        Settings(env="production", secret_key="a-production-secret-key-0123456789", database_url="sqlite+aiosqlite://")
    )
    async with client_for(production) as client:
        assert (await client.get("/docs")).status_code == 404
        assert (await client.get("/redoc")).status_code == 404
        assert (await client.get("/openapi.json")).status_code == 200  # the contract stays public


async def test_only_us_and_the_connected_portals_may_frame_our_pages(tenant: Tenant) -> None:
    from internhub.models import Portal

    async with tenant.app.state.sessionmaker() as session:
        session.add(
            Portal(
                workspace_id=tenant.workspace_id,
                domain="acme.bitrix24.ru",
                auth_mode="webhook",
                client_endpoint="https://acme.bitrix24.ru/rest/",
                watermarks={},
                mapping={},
            )
        )
        await session.commit()
    await tenant.app.state.frame_ancestors.refresh(tenant.app.state.sessionmaker)
    csp = (await client_for(tenant.app).get("/healthz")).headers["Content-Security-Policy"]
    assert csp.startswith("frame-ancestors 'self' ") and "https://acme.bitrix24.ru" in csp.split()
    assert "*" not in csp  # no wildcard: another portal, or any other site, may not frame us
