"""Who is writing: set once per request (or task) and read where the change is recorded (the audit log)."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass

from internhub.models import ActorKind


@dataclass(frozen=True)
class Actor:
    kind: ActorKind
    id: int | None = None
    name: str = ""


SYSTEM = Actor(ActorKind.system, None, "InternHub")
PUBLIC = Actor(ActorKind.public, None, "public form")
BITRIX24 = Actor(ActorKind.bitrix24, None, "Bitrix24")
_actor: ContextVar[Actor] = ContextVar("actor", default=SYSTEM)


def act_as(actor: Actor) -> None:
    """Who the current request (or task) writes as."""
    _actor.set(actor)


def current() -> Actor:
    return _actor.get()
