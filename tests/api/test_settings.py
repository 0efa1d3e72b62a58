"""The settings screen's API: the workspace renamed by an admin, the installation's setup read back."""

from __future__ import annotations

from tests.factories import Tenant, problem


async def test_an_admin_renames_the_workspace_and_reads_the_setup(tenant: Tenant) -> None:
    slug = (await tenant.client.get("/api/v1/workspace")).json()["slug"]
    renamed = await tenant.client.patch("/api/v1/workspace", json={"name": "Центр карьеры ТПУ"})
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["name"] == "Центр карьеры ТПУ" and renamed.json()["slug"] == slug

    setup = (await tenant.client.get("/api/v1/settings")).json()
    assert setup["workspace"]["name"] == "Центр карьеры ТПУ"
    assert setup["catalogue_url"].endswith(f"/catalogue?workspace={slug}")
    assert setup["mail_mode"] == "outbox" and setup["personal_data_erase_bitrix24"] == "clear"
    assert setup["bitrix24"]["connected"] is False and setup["bitrix24"]["domain"] is None
    assert "password" not in str(setup).lower() and "secret" not in str(setup).lower()

    manager = await tenant.sign_in_as("manager")
    problem(await manager.get("/api/v1/settings"), 403)
    problem(await manager.patch("/api/v1/workspace", json={"name": "Чужое"}), 403)
    problem(await tenant.client.patch("/api/v1/workspace", json={"name": ""}), 422)
