"""The rules that run inside a flush or at a commit are registered in one place, for the application's sessions."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Session

from internhub import listeners
from internhub.db import AppSession


def test_every_listener_runs_for_the_apps_sessions_and_no_others() -> None:
    listeners.install()
    listeners.install()  # a second call changes nothing
    assert len(listeners.LISTENERS) >= 5
    for name, listener, what in listeners.LISTENERS:
        assert what and event.contains(AppSession, name, listener), listener
        assert not event.contains(Session, name, listener), f"{listener} fires for every session in the process"
