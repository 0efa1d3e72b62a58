"""What the domain announces, for whoever subscribes: the domain says what happened, the integrations act on it.

Applications and routing do not import Bitrix24 or its notices. They announce, in the session's transaction,
what happened (``PeopleToTell``: an application was routed or reassigned, and these people should hear of it);
``internhub.listeners.install`` subscribes the handlers (the Bitrix24 notices), each of which decides what to do
and when (the Bitrix24 notice queues a job sent after commit).

A handler runs inside the announcing call, so it must not do slow work itself: it queues it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession


@dataclass(frozen=True)
class PeopleToTell:
    """These users should hear about this application (routed to them, assigned to them, named by a rule)."""

    application_id: int
    user_ids: tuple[int, ...]


Announcement = PeopleToTell
A = TypeVar("A", bound=Announcement)
Handler = Callable[[AsyncSession, Any], None]

_handlers: dict[type, list[Handler]] = {}


def subscribe(kind: type[A], handler: Callable[[AsyncSession, A], None]) -> None:
    """Call ``handler`` for every announcement of ``kind`` (once: subscribing again changes nothing)."""
    handlers = _handlers.setdefault(kind, [])
    if handler not in handlers:
        handlers.append(handler)


def announce(session: AsyncSession, what: Announcement) -> None:
    for handler in _handlers.get(type(what), ()):
        handler(session, what)
