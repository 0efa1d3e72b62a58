"""The inbound endpoint: form-encoded as Bitrix24 sends it, verified, stored, answered at once."""

from __future__ import annotations

import asyncio
import json
from urllib.parse import quote, urlencode

import pytest
from sqlalchemy import func, select, update

from internhub.models import DirtyEntity, Portal, PortalEvent
from tests.factories import client_for
from tests.sync.conftest import Linked


def form(linked: Linked, event: str = "ONCRMDEALUPDATE", entity_id: int = 7, token: str | None = None) -> str:
    config = linked.sandbox.config
    return urlencode(
        {
            "event": event,
            "event_handler_id": "5",
            "data[FIELDS][ID]": str(entity_id),
            "ts": "1766047124",
            "auth[domain]": config.domain,
            "auth[client_endpoint]": f"https://{config.domain}/rest/",
            "auth[server_endpoint]": "https://oauth.bitrix.info/rest/",
            "auth[member_id]": config.member_id,
            "auth[application_token]": token if token is not None else config.application_token,
        }
    )


async def post(linked: Linked, body: str, content_type: str = "application/x-www-form-urlencoded"):
    async with client_for(linked.app) as client:
        return await client.post("/api/v1/bitrix24/events", content=body, headers={"content-type": content_type})


async def counts(linked: Linked) -> tuple[int, int]:
    async with linked.app.state.sessionmaker() as session:
        events = await session.scalar(
            select(func.count()).select_from(PortalEvent).where(PortalEvent.portal_id == linked.portal_id)
        )
        dirty = await session.scalar(
            select(func.count()).select_from(DirtyEntity).where(DirtyEntity.portal_id == linked.portal_id)
        )
    return events, dirty


async def test_a_form_encoded_event_is_stored_and_marks_the_record_dirty(linked: Linked) -> None:
    response = await post(linked, form(linked, entity_id=41))
    assert response.status_code == 200 and response.json() == {"status": "accepted"}
    async with linked.app.state.sessionmaker() as session:
        dirty = (await session.scalars(select(DirtyEntity).where(DirtyEntity.portal_id == linked.portal_id))).one()
    assert (dirty.entity_type, dirty.entity_id, dirty.deleted) == ("deal", 41, False)


async def test_the_same_event_as_json_is_accepted_too(linked: Linked) -> None:
    config = linked.sandbox.config
    body = {
        "event": "ONCRMCONTACTDELETE",
        "data": {"FIELDS": {"ID": "12"}},
        "auth": {"domain": config.domain, "member_id": config.member_id, "application_token": config.application_token},
    }
    response = await post(linked, json.dumps(body), "application/json")
    assert response.status_code == 200
    async with linked.app.state.sessionmaker() as session:
        dirty = (await session.scalars(select(DirtyEntity).where(DirtyEntity.portal_id == linked.portal_id))).one()
    assert (dirty.entity_type, dirty.entity_id, dirty.deleted) == ("contact", 12, True)


async def test_a_wrong_token_is_refused_and_nothing_is_stored(linked: Linked) -> None:
    response = await post(linked, form(linked, token="not-the-token"))
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert await counts(linked) == (0, 0)


async def test_an_unknown_portal_is_refused(linked: Linked) -> None:
    body = (
        form(linked)
        .replace(linked.sandbox.config.domain, "stranger.bitrix24.ru")
        .replace(linked.sandbox.config.member_id, "0" * 32)
    )
    assert (await post(linked, body)).status_code == 401
    assert await counts(linked) == (0, 0)


async def test_an_event_we_do_not_handle_is_ignored(linked: Linked) -> None:
    response = await post(linked, form(linked, event="ONCRMLEADADD"))
    assert response.status_code == 200 and response.json() == {"status": "ignored"}
    assert await counts(linked) == (0, 0)


async def test_the_same_event_twice_costs_one_fetch(linked: Linked) -> None:
    deal_id = linked.sandbox.person.add_deal({"TITLE": "not ours"})
    await linked.sandbox.drain_events()
    for _ in range(2):
        assert (await post(linked, form(linked, entity_id=deal_id))).status_code == 200
    assert (await counts(linked))[1] == 1
    gets_before = sum(1 for c in linked.sandbox.calls if c.method == "crm.deal.get")
    await linked.settle()
    assert sum(1 for c in linked.sandbox.calls if c.method == "crm.deal.get") - gets_before == 1


async def test_events_out_of_order_end_in_the_portals_latest_state(linked: Linked) -> None:
    t = linked.tenant
    company = await t.company()
    opening = await t.opening(company["id"], title="Первое название")
    await linked.settle()
    deal_id = (await t.client.get(f"/api/v1/openings/{opening['id']}")).json()["bitrix24_deal_id"]
    linked.sandbox.person.update_deal(deal_id, {"TITLE": "Второе название"})
    linked.sandbox.person.update_deal(deal_id, {"TITLE": "Третье название"})
    await linked.sandbox.drain_events()
    # A late copy of an earlier event arrives after the newer ones: the fetch reads the current record.
    assert (await post(linked, form(linked, entity_id=deal_id))).status_code == 200
    await linked.settle()
    assert (await t.client.get(f"/api/v1/openings/{opening['id']}")).json()["title"] == "Третье название"


async def test_a_malformed_event_is_a_clear_400(linked: Linked) -> None:
    body = form(linked).replace("data%5BFIELDS%5D%5BID%5D=7", "data%5BFIELDS%5D%5BID%5D=abc")
    response = await post(linked, body)
    assert response.status_code == 400
    assert await counts(linked) == (0, 0)
    # Refused as unreadable once it carries a token; without one it is refused before it is read (below).
    assert (await post(linked, '{"application_token": ', "application/json")).status_code == 400


async def test_an_event_arriving_during_another_write_is_stored_when_that_write_ends(linked: Linked) -> None:
    async with linked.app.state.sessionmaker() as session:
        # An open write transaction of this process, as a request or the sync worker holds one for a moment.
        await session.execute(update(Portal).where(Portal.id == linked.portal_id).values(is_active=True))
        sending = asyncio.create_task(post(linked, form(linked, entity_id=77)))
        await asyncio.sleep(0.3)
        await session.commit()
    response = await asyncio.wait_for(sending, 10)
    assert response.status_code == 200, response.text
    assert await counts(linked) == (1, 1)


async def test_one_event_with_an_id_out_of_range_costs_the_others_nothing(linked: Linked) -> None:
    bodies = [form(linked, entity_id=1000 + n) for n in range(60)]
    bad = form(linked).replace("data%5BFIELDS%5D%5BID%5D=7", f"data%5BFIELDS%5D%5BID%5D={2**64}")
    responses = await asyncio.gather(*(post(linked, body) for body in [*bodies[:30], bad, *bodies[30:]]))
    statuses = [r.status_code for r in responses]
    assert statuses[30] == 400 and responses[30].json()["code"] == "event_id_invalid"
    assert statuses[:30] + statuses[31:] == [200] * 60
    assert await counts(linked) == (60, 60)


@pytest.mark.parametrize("raw_id", ["0", "-5", "1_000", " 7", "9" * 20, "7.0", ""])
async def test_an_id_that_is_not_a_positive_64_bit_integer_is_a_400(linked: Linked, raw_id: str) -> None:
    body = form(linked).replace("data%5BFIELDS%5D%5BID%5D=7", f"data%5BFIELDS%5D%5BID%5D={quote(raw_id)}")
    response = await post(linked, body)
    assert response.status_code == 400 and response.json()["code"] == "event_id_invalid"
    assert await counts(linked) == (0, 0)


async def test_an_event_the_database_cannot_keep_is_refused_alone(linked: Linked) -> None:
    config = linked.sandbox.config
    body = {
        "event": "ONCRMDEALUPDATE",
        "data": {"FIELDS": {"ID": "5", "TITLE": "\u0000\ud800"}},
        "auth": {"domain": config.domain, "member_id": config.member_id, "application_token": config.application_token},
    }
    response = await post(linked, json.dumps(body), "application/json")
    assert response.status_code == 400 and response.json()["code"] == "event_body_invalid"
    assert await counts(linked) == (0, 0)


async def test_a_deeply_nested_body_without_a_token_is_refused_without_a_500(linked: Linked) -> None:
    deep = "a" + "%5Bx%5D" * 500 + "=1"
    response = await post(linked, deep)
    assert response.status_code == 401 and response.json()["code"] == "event_token_missing"
    deep_json = "[" * 100_000 + "]" * 100_000
    assert (await post(linked, deep_json[:60_000], "application/json")).status_code == 401
    nested_with_token = form(linked) + "&" + deep
    assert (await post(linked, nested_with_token)).status_code == 200  # the deep variable is dropped, as PHP does


async def test_a_body_without_a_token_is_not_parsed_at_all(linked: Linked, monkeypatch) -> None:
    from internhub.bitrix24 import events

    parsed = []
    monkeypatch.setattr(events, "parse_query", lambda text: parsed.append(text) or {})
    response = await post(linked, "&".join(["a[]="] * 10_000))
    assert response.status_code == 401 and parsed == []


async def test_a_body_larger_than_any_event_is_refused_before_it_is_read(linked: Linked) -> None:
    response = await post(linked, form(linked) + "&pad=" + "x" * 70_000)
    assert response.status_code == 413
    assert await counts(linked) == (0, 0)


async def test_the_group_commit_writes_each_event_alone_when_the_database_refuses_one(linked: Linked) -> None:
    """Past the endpoint's checks too: an event the database refuses fails alone, the others are written."""
    from internhub.bitrix24.ingest import EventIngestor, InboundEvent

    ingestor: EventIngestor = linked.app.state.bitrix24_ingestor
    events = [InboundEvent(linked.portal_id, "ONCRMDEALUPDATE", "deal", 500 + n, False, {}) for n in range(20)]
    events[7] = InboundEvent(linked.portal_id, "ONCRMDEALUPDATE", "deal", 2**64, False, {})
    outcomes = await asyncio.gather(*(ingestor.submit(event) for event in events), return_exceptions=True)
    failed = [n for n, outcome in enumerate(outcomes) if isinstance(outcome, Exception)]
    assert failed == [7]
    assert await counts(linked) == (19, 19)
