"""The two REST limits of a portal (``limits.md``).

* Request intensity: a leaky bucket per portal. Every request adds one unit, units drain at
  ``rate`` per second, a request that finds ``burst`` units queued gets 503 QUERY_LIMIT_EXCEEDED.
  A ``batch`` is one request.
* Resource intensity: the execution time of each method is summed over a sliding window;
  past the limit the method answers 429 OPERATION_TIME_LIMIT until the window frees up.
"""

from __future__ import annotations

from collections import defaultdict, deque

from .config import Clock


class LeakyBucket:
    def __init__(self, rate: float, burst: int, clock: Clock) -> None:
        self.rate = rate
        self.burst = burst
        self.clock = clock
        self.level = 0.0
        self._last = clock()

    def _drain(self) -> None:
        now = self.clock()
        self.level = max(0.0, self.level - (now - self._last) * self.rate)
        self._last = now

    def try_acquire(self) -> bool:
        self._drain()
        if self.level + 1 > self.burst:
            return False
        self.level += 1
        return True


class OperatingLedger:
    def __init__(self, limit: float, window: float, clock: Clock) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._spent: dict[str, deque[tuple[float, float]]] = defaultdict(deque)

    def _prune(self, method: str) -> deque[tuple[float, float]]:
        records = self._spent[method]
        horizon = self.clock() - self.window
        while records and records[0][0] <= horizon:
            records.popleft()
        return records

    def used(self, method: str) -> float:
        return sum(cost for _, cost in self._prune(method))

    def blocked(self, method: str) -> bool:
        return self.used(method) >= self.limit

    def charge(self, method: str, seconds: float) -> None:
        if seconds > 0:
            self._spent[method].append((self.clock(), seconds))

    def reset_at(self, method: str) -> float:
        """When the oldest charge leaves the window (now + window when nothing is charged)."""
        records = self._prune(method)
        return (records[0][0] if records else self.clock()) + self.window
