"""How long reading a form body takes: a real event, and bodies made to be slow.

    uv run python benchmarks/phpquery_bodies.py

Times ``parse_query`` (what the events endpoint and the sandbox portal read form bodies with) on each body,
the median of several runs, in this process: a real ONCRMDEALUPDATE body, 40,000 ``a[]=`` pairs (200 KB), a
megabyte of them, and a variable nested 500 levels deep.
"""

from __future__ import annotations

import statistics
import time

from internhub.bitrix24.phpquery import parse_query

EVENT = (
    "event=ONCRMDEALUPDATE&event_handler_id=5&data%5BFIELDS%5D%5BID%5D=7&ts=1766047124"
    "&auth%5Bdomain%5D=x.bitrix24.ru&auth%5Bclient_endpoint%5D=https%3A%2F%2Fx.bitrix24.ru%2Frest%2F"
    "&auth%5Bserver_endpoint%5D=https%3A%2F%2Foauth.bitrix.info%2Frest%2F"
    "&auth%5Bmember_id%5D=d897063e1ce7c5eb9f04b9751eef5915&auth%5Bapplication_token%5D=51856fefc120afa4b628cc82d3935cce"
)
BODIES = {
    "a real event (0.4 KB)": (EVENT, 2_000),
    "40,000 a[]= pairs (200 KB)": ("&".join(["a[]="] * 40_000), 20),
    "200,000 a[]= pairs (1 MB)": ("&".join(["a[]="] * 200_000), 10),
    "a variable nested 500 deep (1.5 KB)": ("a" + "[x]" * 500 + "=1", 200),
}


def main() -> None:
    print("| body | median |\n| --- | ---: |")
    for name, (body, runs) in BODIES.items():
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            parse_query(body)
            times.append(time.perf_counter() - started)
        median = statistics.median(times)
        print(f"| {name} | {median * 1e6:,.0f} µs |" if median < 1e-3 else f"| {name} | {median * 1e3:,.2f} ms |")


if __name__ == "__main__":
    main()
