"""The load generator, run as its own process: N keep-alive connections replaying a list of requests.

    uv run python benchmarks/loadgen.py plan.json   # prints one JSON result line

The webhook ingest benchmark uses it too, with form-encoded bodies given as strings.

It speaks just enough HTTP/1.1 for our own servers (Content-Length bodies, keep-alive) over asyncio
streams. A general client such as httpx spends more CPU per request than a small endpoint does, and on a
two-core machine the client's CPU is taken from the server: a lean client keeps the measurement about the
server. The plan's requests are used in order and each at most once; a round stops at the end of the
list or after ``duration`` seconds, whichever comes first.
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


def encode(method: str, path: str, body: Any, headers: dict[str, str]) -> bytes:
    """A request; a string body is sent as it is, form-encoded, anything else as JSON."""
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", *(f"{k}: {v}" for k, v in headers.items())]
    payload = b""
    if isinstance(body, str):
        payload = body.encode()
        lines += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(payload)}"]
    elif body is not None:
        payload = json.dumps(body, ensure_ascii=False).encode()
        lines += ["Content-Type: application/json", f"Content-Length: {len(payload)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


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


async def run_round(plan: dict[str, Any], requests: list[bytes], duration: float) -> Round:
    result = Round()
    position = 0
    deadline = time.perf_counter() + duration

    async def connection() -> None:
        nonlocal position
        reader, writer = await asyncio.open_connection(plan["host"], plan["port"])
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
    await asyncio.gather(*(connection() for _ in range(plan["concurrency"])))
    result.seconds = time.perf_counter() - started
    return result


def percentile(sorted_values: list[int], share: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(share * len(sorted_values)) - 1))
    return sorted_values[index] / 1e6


async def main(plan: dict[str, Any]) -> None:
    headers = plan.get("headers", {})
    requests = [encode(method, url, body, headers) for method, url, body in plan["requests"]]
    warmup = plan.get("warmup", 0)
    if warmup:
        await run_round(plan, requests[:warmup], plan.get("warmup_seconds", 3.0))
    measured = await run_round(plan, requests[warmup:], plan["duration"])
    latencies = sorted(measured.latencies_ns)
    print(
        json.dumps(
            {
                "requests": len(latencies),
                "seconds": measured.seconds,
                "throughput": len(latencies) / measured.seconds if measured.seconds else 0.0,
                "p50": percentile(latencies, 0.50) if latencies else None,
                "p95": percentile(latencies, 0.95) if latencies else None,
                "p99": percentile(latencies, 0.99) if latencies else None,
                "statuses": measured.statuses,
            }
        )
    )


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as file:
        loaded = json.load(file)
    (uvloop.run if uvloop is not None else asyncio.run)(main(loaded))
