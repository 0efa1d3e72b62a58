"""Edits that must stick: multiple fields updated by their entry (not added beside the old value), and an
opening moved between the internship and vacancy pipelines with crm.item.update."""

from __future__ import annotations

from tests.sync.conftest import Linked


async def synced_student(linked: Linked, **fields) -> tuple[dict, int]:
    university = await linked.tenant.university()
    student = await linked.tenant.student(university["id"], **fields)
    await linked.settle()
    contact_id = (await linked.api.get(f"/api/v1/students/{student['id']}")).json()["bitrix24_contact_id"]
    return student, contact_id


def values(record: dict, name: str) -> list[str]:
    return [entry["VALUE"] for entry in record.get(name) or []]


async def test_an_email_changed_here_replaces_ours_there_and_stays_changed(linked: Linked) -> None:
    student, contact_id = await synced_student(linked, email="old@mail.ru", phone="+79001112233")

    changed = await linked.api.patch(f"/api/v1/students/{student['id']}", json={"email": "new@mail.ru"})
    assert changed.status_code == 200, changed.text
    await linked.settle()

    contact = await linked.get("contact", contact_id)
    assert values(contact, "EMAIL") == ["new@mail.ru"]  # replaced by its entry ID, not added beside
    here = (await linked.api.get(f"/api/v1/students/{student['id']}")).json()
    assert here["email"] == "new@mail.ru"
    assert here["sync"]["status"] == "synced"


async def test_a_phone_removed_here_is_removed_there(linked: Linked) -> None:
    student, contact_id = await synced_student(linked, phone="+79001112233")
    response = await linked.api.patch(f"/api/v1/students/{student['id']}", json={"phone": None})
    assert response.status_code == 200, response.text
    await linked.settle()
    assert values(await linked.get("contact", contact_id), "PHONE") == []
    assert (await linked.api.get(f"/api/v1/students/{student['id']}")).json()["phone"] is None


async def test_a_second_email_a_manager_adds_there_leaves_ours_alone(linked: Linked) -> None:
    student, contact_id = await synced_student(linked, email="ours@mail.ru")
    contact = await linked.get("contact", contact_id)
    linked.sandbox.person.update_contact(contact_id, {"EMAIL": [{"VALUE": "private@mail.ru", "VALUE_TYPE": "HOME"}]})
    await linked.settle()
    assert values(await linked.get("contact", contact_id), "EMAIL") == ["ours@mail.ru", "private@mail.ru"]
    assert (await linked.api.get(f"/api/v1/students/{student['id']}")).json()["email"] == "ours@mail.ru"

    # A manager who edits our entry there changes it here.
    ours = contact["EMAIL"][0]["ID"]
    linked.sandbox.person.update_contact(contact_id, {"EMAIL": [{"ID": ours, "VALUE": "fixed@mail.ru"}]})
    await linked.settle()
    assert (await linked.api.get(f"/api/v1/students/{student['id']}")).json()["email"] == "fixed@mail.ru"

    # And ours changed here again replaces that same entry, leaving the private one.
    await linked.api.patch(f"/api/v1/students/{student['id']}", json={"email": "again@mail.ru"})
    await linked.settle()
    assert values(await linked.get("contact", contact_id), "EMAIL") == ["again@mail.ru", "private@mail.ru"]


async def test_a_portal_holding_the_old_and_the_new_value_keeps_the_new_one_here(linked: Linked) -> None:
    """A contact an earlier push left with both values (the new one added beside the old): the value both
    sides last agreed on is ours, not the first entry."""
    student, contact_id = await synced_student(linked, email="old@mail.ru")
    async with linked.app.state.sessionmaker() as session:
        from internhub.models import SyncState

        state = await session.get(SyncState, (await linked.sync_state("student", student["id"])).id)
        state.remote_entries = {}  # as stored before the entries were kept
        await session.commit()
    linked.sandbox.config.event_drop_rate = 1.0
    await linked.api.patch(f"/api/v1/students/{student['id']}", json={"email": "new@mail.ru"})
    # What the old push did: the new value sent without the entry's ID, so the portal added it.
    linked.sandbox.person.update_contact(contact_id, {"EMAIL": [{"VALUE": "new@mail.ru", "VALUE_TYPE": "WORK"}]})
    linked.sandbox.config.event_drop_rate = 0.0
    await linked.settle()
    sync = await linked.worker.portal_sync(linked.portal_id)
    await sync.reconcile()
    await linked.settle()
    assert (await linked.api.get(f"/api/v1/students/{student['id']}")).json()["email"] == "new@mail.ru"


async def test_an_employer_website_and_phone_changed_here_replace_ours_there(linked: Linked) -> None:
    company = await linked.tenant.company(website="https://old.example.ru/", contact_phone="+74950000001")
    await linked.settle()
    remote_id = (await linked.api.get(f"/api/v1/companies/{company['id']}")).json()["bitrix24_company_id"]
    await linked.api.patch(
        f"/api/v1/companies/{company['id']}", json={"website": "https://new.example.ru/", "contact_phone": None}
    )
    await linked.settle()
    record = await linked.get("company", remote_id)
    assert values(record, "WEB") == ["https://new.example.ru/"]
    assert values(record, "PHONE") == []
    here = (await linked.api.get(f"/api/v1/companies/{company['id']}")).json()
    assert (here["website"], here["contact_phone"]) == ("https://new.example.ru/", None)


async def test_an_opening_moved_from_internship_to_vacancy_moves_its_deal_and_stays_moved(linked: Linked) -> None:
    company = await linked.tenant.company()
    opening = await linked.tenant.opening(company["id"], kind="internship", status="active")
    await linked.settle()
    deal_id = (await linked.api.get(f"/api/v1/openings/{opening['id']}")).json()["bitrix24_deal_id"]
    mapping = (await linked.api.get("/api/v1/bitrix24/mapping")).json()

    response = await linked.api.patch(f"/api/v1/openings/{opening['id']}", json={"kind": "vacancy"})
    assert response.status_code == 200, response.text
    await linked.settle()

    deal = await linked.get("deal", deal_id)
    assert deal["CATEGORY_ID"] == str(mapping["vacancies"]["category_id"])
    assert deal["STAGE_ID"] == mapping["vacancies"]["stages"]["active"]
    here = (await linked.api.get(f"/api/v1/openings/{opening['id']}")).json()
    assert here["kind"] == "vacancy" and here["sync"]["status"] == "synced"
    moves = [c for c in linked.sandbox.calls if c.method == "crm.item.update"]
    assert moves and moves[-1].in_batch


async def test_a_company_and_a_contact_with_the_same_id_are_both_fetched(linked: Linked) -> None:
    student, contact_id = await synced_student(linked)
    university = (await linked.api.get(f"/api/v1/universities/{student['university_id']}")).json()
    assert university["bitrix24_company_id"] == contact_id  # ids are counted per type: both are 1 here
    linked.sandbox.person.update_company(contact_id, {"TITLE": "Переименованный вуз"})
    linked.sandbox.person.update_contact(contact_id, {"NAME": "Новое"})
    await linked.settle()
    assert (await linked.api.get(f"/api/v1/universities/{university['id']}")).json()["name"] == "Переименованный вуз"
    assert "Новое" in (await linked.api.get(f"/api/v1/students/{student['id']}")).json()["full_name"]


async def test_a_title_and_an_employer_renamed_there_are_what_the_catalogue_finds(linked: Linked) -> None:
    company = await linked.tenant.company(name="Старое имя")
    opening = await linked.tenant.opening(company["id"], title="Стажёр", status="active")
    await linked.settle()
    deal_id = (await linked.api.get(f"/api/v1/openings/{opening['id']}")).json()["bitrix24_deal_id"]
    company_id = (await linked.api.get(f"/api/v1/companies/{company['id']}")).json()["bitrix24_company_id"]

    linked.sandbox.person.update_deal(deal_id, {"TITLE": "Аналитик данных"})
    linked.sandbox.person.update_company(company_id, {"TITLE": "Новое имя"})
    await linked.settle()

    async def found(words: str) -> list[int]:
        page = await linked.api.get("/api/v1/openings", params={"q": words})
        return [item["id"] for item in page.json()["items"]]

    assert await found("аналитик новое") == [opening["id"]]
    assert await found("стажёр") == [] and await found("старое") == []
