"""Outgoing events: form-encoded delivery, tokens, drops, pipeline moves, offline queue."""

from __future__ import annotations

import httpx

from internhub.bitrix24.sandbox import SandboxConfig, SandboxPortal

from .conftest import EventSink

HANDLER = "https://app.example.test/api/v1/bitrix24/events"


async def _bind(client: httpx.AsyncClient, token: str, event: str, **extra: str) -> httpx.Response:
    return await client.post("/rest/event.bind", json={"auth": token, "event": event, "handler": HANDLER, **extra})


async def test_delivery_is_form_encoded_with_app_tokens(
    sandbox_portal: SandboxPortal, sandbox_client, app_token: str, event_sink: EventSink
) -> None:
    assert (await _bind(sandbox_client, app_token, "ONCRMDEALADD")).json()["result"] is True
    added = await sandbox_client.post("/rest/crm.deal.add", json={"auth": app_token, "fields": {"TITLE": "x"}})
    await sandbox_portal.drain_events()

    headers, payload = event_sink.received[0]
    assert headers["content-type"] == "application/x-www-form-urlencoded"
    assert "data%5BFIELDS%5D%5BID%5D=1" in event_sink.raw[0]
    assert payload["event"] == "ONCRMDEALADD"
    assert payload["data"] == {"FIELDS": {"ID": str(added.json()["result"])}}
    assert payload["event_handler_id"] == "1" and payload["ts"].isdigit()
    auth = payload["auth"]
    assert auth["application_token"] == sandbox_portal.config.application_token
    assert auth["domain"] == sandbox_portal.config.domain and auth["member_id"]
    assert len(auth["access_token"]) == 32 and auth["expires_in"] == "3600"
    assert "refresh_token" not in auth


async def test_robot_writes_and_ui_webhooks_carry_no_tokens(
    sandbox_portal: SandboxPortal, sandbox_client, app_token: str, event_sink: EventSink
) -> None:
    await _bind(sandbox_client, app_token, "ONCRMCONTACTUPDATE")
    sandbox_portal.add_outgoing_webhook("ONCRMCONTACTUPDATE", "https://hook.example.test/ui")
    contact = sandbox_portal.person.add_contact({"NAME": "a"})
    sandbox_portal.robot.update_contact(contact, {"NAME": "b"})
    await sandbox_portal.drain_events()

    assert len(event_sink.received) == 2
    for _, payload in event_sink.received:
        assert "access_token" not in payload["auth"]
        assert set(payload["auth"]) == {
            "domain",
            "client_endpoint",
            "server_endpoint",
            "member_id",
            "application_token",
        }


async def test_webhook_auth_cannot_bind(sandbox_client: httpx.AsyncClient, webhook: str) -> None:
    refused = await sandbox_client.post(webhook + "event.bind", json={"event": "ONCRMDEALADD", "handler": HANDLER})
    assert refused.status_code == 403 and refused.json()["error"] == "WRONG_AUTH_TYPE"


async def test_move_to_category_is_not_an_update(
    sandbox_portal: SandboxPortal, sandbox_client, app_token: str, event_sink: EventSink
) -> None:
    for name in ("ONCRMDEALUPDATE", "ONCRMDEALMOVETOCATEGORY"):
        await _bind(sandbox_client, app_token, name)
    category = sandbox_portal.person.add_category("Вакансии")
    deal = sandbox_portal.person.add_deal({"TITLE": "x"})
    sandbox_portal.person.move_deal_to_category(deal, category, f"C{category}:EXECUTING")
    await sandbox_portal.drain_events()
    assert [p["event"] for p in event_sink.events()] == ["ONCRMDEALMOVETOCATEGORY"]
    fields = event_sink.events()[0]["data"]["FIELDS"]
    assert fields == {"ID": str(deal), "CATEGORY_ID": str(category), "STAGE_ID": f"C{category}:EXECUTING"}

    sandbox_portal.person.move_deal_stage(deal, f"C{category}:WON")
    await sandbox_portal.drain_events()
    assert [p["event"] for p in event_sink.events()] == ["ONCRMDEALMOVETOCATEGORY", "ONCRMDEALUPDATE"]


async def test_drop_rate_loses_events_without_retry() -> None:
    portal = SandboxPortal(SandboxConfig(event_drop_rate=0.5, seed=11))
    sink = EventSink()
    portal.set_transport(httpx.ASGITransport(app=sink.app()))
    portal.install_app()
    portal.events.bind("ONCRMCOMPANYADD", HANDLER)
    for number in range(40):
        portal.person.add_company({"TITLE": f"c{number}"})
    await portal.drain_events()
    assert len(sink.received) + len(portal.dropped_events) == 40
    assert 8 < len(portal.dropped_events) < 32
    assert len(portal.delivered_events) == len(sink.received)


def _refuse(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("handler is down", request=request)


async def test_failed_delivery_is_not_retried(sandbox_portal: SandboxPortal) -> None:
    sandbox_portal.set_transport(httpx.MockTransport(_refuse))
    sandbox_portal.install_app()
    sandbox_portal.events.bind("ONCRMDEALDELETE", HANDLER)
    deal = sandbox_portal.person.add_deal({})
    sandbox_portal.person.delete_deal(deal)
    await sandbox_portal.drain_events()
    assert [(e.event, e.error) for e in sandbox_portal.delivered_events] == [("ONCRMDEALDELETE", "ConnectError")]


async def test_install_and_uninstall_events(sandbox_portal: SandboxPortal, event_sink: EventSink) -> None:
    install = sandbox_portal.install_app(HANDLER)
    sandbox_portal.uninstall_app()
    await sandbox_portal.drain_events()
    installed, removed = event_sink.events()
    assert installed["event"] == "ONAPPINSTALL"
    assert installed["auth"]["access_token"] == install.access_token
    assert installed["auth"]["refresh_token"] == install.refresh_token
    assert installed["data"]["LANGUAGE_ID"] == "ru"
    assert removed["event"] == "ONAPPUNINSTALL" and "access_token" not in removed["auth"]


async def test_offline_queue_keeps_latest_state_and_clears(sandbox_portal: SandboxPortal, sandbox_client, app_token):
    async def call(method: str, **params: object) -> dict:
        answer = await sandbox_client.post(f"/rest/{method}", json={"auth": app_token, **params})
        assert answer.status_code == 200, answer.text
        return answer.json()["result"]

    await call("event.bind", event="ONCRMDEALUPDATE", event_type="offline", auth_connector="internhub")
    first = sandbox_portal.person.add_deal({})
    second = sandbox_portal.person.add_deal({})
    for _ in range(3):
        sandbox_portal.person.update_deal(first, {"COMMENTS": "again"})
    sandbox_portal.person.update_deal(second, {"COMMENTS": "once"})
    await call("crm.deal.update", id=second, fields={"TITLE": "ours"}, auth_connector="internhub")

    # offline-events.md: a queue bound with an auth_connector is read with it.
    taken = await call("event.offline.get", clear=0, auth_connector="internhub")
    assert [e["EVENT_DATA"]["FIELDS"]["ID"] for e in taken["events"]] == [first, second]
    assert taken["process_id"]
    assert (await call("event.offline.get", clear=0, auth_connector="internhub"))["events"] == []

    sandbox_portal.person.update_deal(first, {"COMMENTS": "while processing"})
    await call("event.offline.clear", process_id=taken["process_id"])
    remaining = await call("event.offline.get", auth_connector="internhub")
    assert [e["EVENT_DATA"]["FIELDS"]["ID"] for e in remaining["events"]] == [first]
    assert (await call("event.offline.get", auth_connector="internhub"))["events"] == []
