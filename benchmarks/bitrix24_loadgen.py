"""Load generator for the webhook ingest benchmark, run as its own process.

    uv run python benchmarks/bitrix24_loadgen.py plan.json   # prints one JSON result line

``concurrency`` senders, each on its own keep-alive connection, POST form-encoded event bodies one after
another (a closed loop, as a queue server with that many delivery workers would). It speaks just enough
HTTP/1.1 for our servers over asyncio streams: a general client spends more CPU per request than the
endpoint under test, and on a two-core machine that CPU is taken from the server. Every body is sent at
most once; a round stops when the bodies run out or after ``duration`` seconds, whichever comes first.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from dataclasses import dataclass, field
from typing import Any

try:
    import uvloop
except ImportError:  # pragma: no cover - uvicorn[standard] brings it; plain asyncio works too
    uvloop = None


@dataclass
class Round:
    latencies_ns: list[int] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0


def encode(path: str, body: str) -> bytes:
    payload = body.encode()
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: Bitrix24 Webhook Engine\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(payload)}\r\n\r\n"
    )
    return head.encode() + payload


async def exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> int:
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        lowered = name.strip().lower()
        if lowered == b"content-length":
            length = int(value)
        elif lowered == b"transfer-encoding":
            raise RuntimeError("chunked responses are not supported by this load generator")
    if length:
        await reader.readexactly(length)
    return status


async def run_round(host: str, port: int, concurrency: int, requests: list[bytes], duration: float) -> Round:
    result = Round()
    position = 0
    deadline = time.perf_counter() + duration

    async def sender() -> None:
        nonlocal position
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while position < len(requests) and time.perf_counter() < deadline:
                request = requests[position]
                position += 1
                started = time.perf_counter_ns()
                status = await exchange(reader, writer, request)
                result.latencies_ns.append(time.perf_counter_ns() - started)
                result.statuses[status] = result.statuses.get(status, 0) + 1
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(sender() for _ in range(concurrency)))
    result.seconds = time.perf_counter() - started
    return result


def percentile(sorted_values: list[int], share: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(share * len(sorted_values)) - 1))
    return sorted_values[index] / 1e6


async def main(plan: dict[str, Any], bodies: list[str]) -> None:
    requests = [encode(plan["path"], body) for body in bodies]
    warmup = plan.get("warmup", 0)
    if warmup:
        await run_round(plan["host"], plan["port"], plan["concurrency"], requests[:warmup], 10.0)
    measured = await run_round(plan["host"], plan["port"], plan["concurrency"], requests[warmup:], plan["duration"])
    latencies = sorted(measured.latencies_ns)
    print(
        json.dumps(
            {
                "requests": len(latencies),
                "seconds": measured.seconds,
                "throughput": len(latencies) / measured.seconds if measured.seconds else 0.0,
                "p50": percentile(latencies, 0.50) if latencies else None,
                "p99": percentile(latencies, 0.99) if latencies else None,
                "statuses": measured.statuses,
            }
        )
    )


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as plan_file:
        loaded = json.load(plan_file)
    with open(loaded["bodies"], encoding="utf-8") as bodies_file:
        event_bodies: list[str] = json.load(bodies_file)
    (uvloop.run if uvloop is not None else asyncio.run)(main(loaded, event_bodies))
