"""Settings of one sandbox portal and the injectable time source."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

Clock = Callable[[], float]


class ManualClock:
    """A clock tests move by hand, so limits and token expiry need no sleeping."""

    def __init__(self, start: float = 1_767_225_600.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class SandboxConfig:
    """Everything that makes one sandbox portal differ from another.

    Defaults mirror a standard cloud plan (``limits.md``): 2 requests/s drained from a bucket
    of 50, 480 s of execution per method in a 10-minute window, 1-hour access tokens.
    """

    domain: str = "sandbox.bitrix24.test"
    scheme: str = "https"
    rate: float = 2.0
    burst: int = 50
    operating_limit_seconds: float = 480.0
    operating_window_seconds: float = 600.0
    # Execution time every command is charged with; raise it in tests to trip OPERATION_TIME_LIMIT fast.
    operating_cost_seconds: float = 0.01
    token_lifetime_seconds: int = 3600
    refresh_token_lifetime_seconds: int = 180 * 24 * 3600
    event_drop_rate: float = 0.0
    event_delay_seconds: float = 0.0
    webhook_user_id: int = 1
    webhook_code: str = "sandboxwebhookcode"
    client_id: str = "local.sandbox0000000001"
    client_secret: str = "sandbox-client-secret"
    application_token: str = "sandbox-application-token"
    member_id: str = "sandbox0member0id0000000000000001"
    scope: str = "crm,im,user,placement,bizproc"
    utc_offset_hours: int = 3
    clock: Clock = field(default=time.time)
    seed: int | None = None

    @property
    def tz(self) -> timezone:
        return timezone(timedelta(hours=self.utc_offset_hours))

    @property
    def base_url(self) -> str:
        return f"{self.scheme}://{self.domain}"

    @property
    def client_endpoint(self) -> str:
        return f"{self.base_url}/rest/"

    @property
    def server_endpoint(self) -> str:
        # Real portals point at the central OAuth server; the sandbox is its own OAuth server.
        return f"{self.base_url}/rest/"

    @property
    def webhook_url(self) -> str:
        return f"{self.base_url}/rest/{self.webhook_user_id}/{self.webhook_code}/"

    def now(self) -> float:
        return self.clock()

    def format_datetime(self, timestamp: float) -> str:
        """``YYYY-MM-DDThh:mm:ss+03:00``, the portal's own time zone, as the REST API answers."""
        moment = datetime.fromtimestamp(int(timestamp), tz=UTC).astimezone(self.tz)
        return moment.isoformat()
