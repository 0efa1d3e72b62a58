"""A student erased on request (152-FZ): their Bitrix24 contact is cleared or deleted, as the setting says."""

from __future__ import annotations

import pytest

from internhub.bitrix24.client import Bitrix24Error
from internhub.students.personal_data import ERASED_NAME
from tests.sync.conftest import Linked
from tests.sync.test_push_pull import create_chain, fetch


async def erase(linked: Linked) -> tuple[dict, dict]:
    chain = await create_chain(linked)
    await linked.settle()
    student = await fetch(linked, f"/students/{chain['student']['id']}")
    application = await fetch(linked, f"/applications/{chain['application']['id']}")
    erased = await linked.api.post(f"/api/v1/students/{student['id']}/erase")
    assert erased.status_code == 200, erased.text
    await linked.settle()
    return student, application


async def test_by_default_the_contact_is_cleared(linked: Linked) -> None:
    student, application = await erase(linked)

    contact = await linked.get("contact", student["bitrix24_contact_id"])
    assert "Сидорова" not in (contact["LAST_NAME"] or "") + (contact["NAME"] or "")
    assert ERASED_NAME.split()[0] in (contact["LAST_NAME"] or "") + (contact["NAME"] or "")
    assert all(e["VALUE"].endswith("@erased.invalid") for e in contact.get("EMAIL") or [])
    assert not contact.get("PHONE")
    deal = await linked.get("deal", application["bitrix24_deal_id"])
    assert deal["CONTACT_ID"] == str(student["bitrix24_contact_id"])


async def test_with_delete_set_the_contact_is_deleted_and_stays_deleted(
    linked: Linked, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linked.app.state.settings, "personal_data_erase_bitrix24", "delete")
    student, application = await erase(linked)

    with pytest.raises(Bitrix24Error):
        await linked.get("contact", student["bitrix24_contact_id"])
    assert not [c for c in await linked.all("contact") if c["ID"] == str(student["bitrix24_contact_id"])]
    # The application's deal stays (the figures keep it); moving it on recreates no one.
    moved = await linked.api.patch(f"/api/v1/applications/{application['id']}", json={"status": "screening"})
    assert moved.status_code == 200, moved.text
    await linked.settle()
    assert (await linked.get("deal", application["bitrix24_deal_id"]))["STAGE_ID"].endswith(":UC_SCREENING")
    assert await linked.all("contact") == []
    kept = await fetch(linked, f"/applications/{application['id']}")
    assert kept["id"] == application["id"]
    assert (await linked.api.get(f"/api/v1/students/{student['id']}")).status_code == 404
