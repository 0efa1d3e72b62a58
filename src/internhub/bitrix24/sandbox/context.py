"""Small value types shared by the request pipeline and the method handlers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CallContext:
    auth: str  # "webhook" or "oauth"
    user_id: int


@dataclass
class MethodResult:
    result: Any
    total: int | None = None
    next: int | None = None


@dataclass
class Notification:
    """A message sent with ``im.notify.system.add``."""

    id: int
    user_id: int
    message: str
    tag: str | None
    sent_by: str
