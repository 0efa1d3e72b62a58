"""A faithful Bitrix24 portal in memory, for tests, demos and local development.

``SandboxPortal`` holds the state and the "act as a person" helpers, ``create_app`` serves it
over HTTP exactly as a cloud portal answers (the REST and event protocol of a cloud portal).
"""

from .config import ManualClock, SandboxConfig
from .crm import Actor
from .events import DeliveredEvent
from .http import create_app
from .portal import AppInstallation, CallRecord, SandboxPortal
from .server import SandboxServer

__all__ = [
    "Actor",
    "AppInstallation",
    "CallRecord",
    "DeliveredEvent",
    "ManualClock",
    "SandboxConfig",
    "SandboxPortal",
    "SandboxServer",
    "create_app",
]
