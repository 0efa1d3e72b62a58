"""``batch``: references, halt, limits and PHP-shaped sections."""

from __future__ import annotations

import httpx

from internhub.bitrix24.sandbox import SandboxPortal


async def _batch(client: httpx.AsyncClient, webhook: str, cmd: object, halt: int = 0) -> httpx.Response:
    return await client.post(webhook + "batch", json={"halt": halt, "cmd": cmd})


async def test_references_and_nested_paths(sandbox_portal: SandboxPortal, sandbox_client, webhook) -> None:
    company = sandbox_portal.person.add_company({"TITLE": "Инфосистемы"})
    cmd = {
        "deal": f"crm.deal.add?fields[TITLE]=Стажировка&fields[COMPANY_ID]={company}",
        "read": "crm.deal.get?id=$result[deal]",
        "firm": "crm.company.get?id=$result[read][COMPANY_ID]",
        "list": "crm.deal.list?select[]=ID&select[]=TITLE",
        "first": "crm.deal.get?id=$result[list][0][ID]",
    }
    body = (await _batch(sandbox_client, webhook, cmd)).json()["result"]
    assert body["result"]["firm"]["TITLE"] == "Инфосистемы"
    assert body["result"]["first"]["TITLE"] == "Стажировка"
    assert body["result_error"] == []
    assert body["result_total"] == {"list": 1}
    assert body["result_next"] == []
    assert set(body["result_time"]) == set(cmd)


async def test_errors_without_and_with_halt(sandbox_client: httpx.AsyncClient, webhook: str) -> None:
    cmd = {"a": "crm.deal.get?id=404", "b": "user.get"}
    kept_going = (await _batch(sandbox_client, webhook, cmd)).json()["result"]
    assert kept_going["result_error"] == {"a": {"error": "", "error_description": "Not found"}}
    assert list(kept_going["result"]) == ["b"]

    halted = await _batch(sandbox_client, webhook, cmd, halt=1)
    assert halted.status_code == 200
    body = halted.json()["result"]
    assert body["result"] == [] and body["result_time"] == [] and list(body["result_error"]) == ["a"]


async def test_numeric_command_keys_come_back_as_a_list(sandbox_client: httpx.AsyncClient, webhook: str) -> None:
    body = (await _batch(sandbox_client, webhook, ["user.current", "profile"])).json()["result"]
    assert isinstance(body["result"], list) and body["result"][1]["ID"] == "1"


async def test_limits_of_batch(sandbox_portal: SandboxPortal, sandbox_client, webhook) -> None:
    too_long = await _batch(sandbox_client, webhook, {f"c{i}": "user.current" for i in range(51)})
    # batch.md: the batch answers 200; the commands past the 50th fail alone.
    assert too_long.status_code == 200
    assert too_long.json()["result"]["result_error"]["c50"]["error"] == "ERROR_BATCH_LENGTH_EXCEEDED"

    nested = (await _batch(sandbox_client, webhook, {"inner": "batch?cmd[x]=user.current"})).json()["result"]
    assert nested["result_error"]["inner"]["error"] == "ERROR_BATCH_METHOD_NOT_ALLOWED"

    fifty = await _batch(sandbox_client, webhook, {f"c{i}": "user.current" for i in range(50)})
    assert fifty.status_code == 200
    assert sandbox_portal.bucket.level == 3  # three HTTP requests, however many commands
    assert fifty.json()["time"]["operating"] > 0
