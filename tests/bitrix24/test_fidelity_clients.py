"""The sandbox speaks the real protocol: third-party clients work against it unchanged."""

from __future__ import annotations

import asyncio

from b24pysdk import BitrixWebhook, Client
from fast_bitrix24 import BitrixAsync

from .conftest import Live


def _fast(live: Live) -> BitrixAsync:
    return BitrixAsync(live.webhook_url, verbose=False)


async def test_fast_bitrix24_get_all_pages_through_every_deal(live_sandbox: Live) -> None:
    deals = await _fast(live_sandbox).get_all("crm.deal.list", {"select": ["ID", "TITLE", "OPPORTUNITY"]})

    assert len(deals) == 120
    assert sorted(int(d["ID"]) for d in deals) == list(range(1, 121))
    first = next(d for d in deals if d["ID"] == "1")
    assert first == {"ID": "1", "TITLE": "Стажировка 1", "OPPORTUNITY": "1.00"}
    batches = [c for c in live_sandbox.portal.calls if c.method == "batch"]
    assert batches, "the remaining pages must come through batch"


async def test_fast_bitrix24_get_by_id_and_call_batch(live_sandbox: Live) -> None:
    bitrix = _fast(live_sandbox)

    by_id = await bitrix.get_by_ID("crm.deal.get", [3, 7])
    assert set(by_id) == {"3", "7"}
    assert by_id["7"]["TITLE"] == "Стажировка 7"
    assert by_id["7"]["STAGE_SEMANTIC_ID"] == "P"

    answer = await bitrix.call_batch(
        {
            "halt": 0,
            "cmd": {"deal": "crm.deal.get?id=5", "company": "crm.company.get?id=$result[deal][COMPANY_ID]"},
        }
    )
    assert answer["deal"]["ID"] == "5"
    assert answer["company"]["TITLE"] == "Север Софт"


async def test_fast_bitrix24_add_then_read_back(live_sandbox: Live) -> None:
    bitrix = _fast(live_sandbox)
    new_id = await bitrix.call("crm.contact.add", {"fields": {"NAME": "Анна", "EMAIL": [{"VALUE": "a@b.ru"}]}})
    answer = await bitrix.call("crm.contact.get", {"id": new_id}, raw=True)
    contact = answer["result"]
    assert contact["NAME"] == "Анна"
    assert contact["EMAIL"][0]["VALUE"] == "a@b.ru"
    assert contact["EMAIL"][0]["TYPE_ID"] == "EMAIL"


def _b24(live: Live) -> Client:
    config = live.portal.config
    token = BitrixWebhook(domain=live.domain, webhook_token=f"{config.webhook_user_id}/{config.webhook_code}")
    return token.get_client()


def _sdk_list_all(live: Live) -> list[dict]:
    return list(_b24(live).crm.deal.list(select=["ID", "TITLE"]).as_list().result)


def _sdk_list_fast(live: Live) -> list[dict]:
    return list(_b24(live).crm.deal.list(select=["ID", "TITLE"]).as_list_fast().result)


async def test_b24pysdk_lists_every_deal_over_https(live_sandbox_tls: Live) -> None:
    deals = await asyncio.to_thread(_sdk_list_all, live_sandbox_tls)
    assert [int(d["ID"]) for d in deals] == list(range(1, 121))

    fast = await asyncio.to_thread(_sdk_list_fast, live_sandbox_tls)
    assert [int(d["ID"]) for d in fast] == list(range(1, 121))
    fast_calls = [c for c in live_sandbox_tls.portal.calls if c.params.get("start") in (-1, "-1")]
    assert fast_calls, "as_list_fast pages with start=-1"


def _sdk_get_and_batch(live: Live) -> tuple[dict, dict]:
    client = _b24(live)
    deal = client.crm.deal.get(bitrix_id=42).response
    batch = client.crm.deal.get(bitrix_id=42)._bitrix_token.call_batch(
        {"a": ("crm.deal.get", {"id": 1}), "b": ("crm.deal.list", {"filter": {">ID": 118}, "select": ["ID"]})}
    )
    return deal.result, batch


async def test_b24pysdk_get_by_id_and_batch(live_sandbox_tls: Live) -> None:
    deal, batch = await asyncio.to_thread(_sdk_get_and_batch, live_sandbox_tls)

    assert deal["ID"] == "42"
    assert deal["TITLE"] == "Стажировка 42"
    result = batch["result"]
    assert result["result"]["a"]["ID"] == "1"
    assert [row["ID"] for row in result["result"]["b"]] == ["119", "120"]
    assert result["result_error"] == []
    assert result["result_total"] == {"b": 2}
    assert set(batch["time"]) >= {"start", "finish", "duration", "processing", "date_start", "operating"}
