"""Every rule that runs inside a flush or at a commit, in one place, for the application's sessions (``AppSession``).

They are what keeps a write whole without any call site having to remember them: whatever code changes a record,
the same flush writes its audit entry, queues its change for Bitrix24, queues the mails it causes and updates the
analytics it counts in. Bulk loads that write without the ORM skip them and call ``analytics.rollups.rebuild``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import event

from internhub import announcements, audit, db
from internhub.analytics import rollup_listener, skills
from internhub.announcements import PeopleToTell
from internhub.bitrix24 import outbox
from internhub.bitrix24.mapping import workspace_mapping
from internhub.notifications import bitrix24 as bitrix24_notify
from internhub.notifications import mail
from internhub.openings import search
from internhub.public import cache as public_cache
from internhub.routing import pipelines

# (event, listener, what it does), in the order they run.
LISTENERS: tuple[tuple[str, Callable[..., Any], str], ...] = (
    ("after_flush", audit.write_audit, "who changed what: one audit entry per written field"),
    ("after_flush", outbox.write_outbox, "a linked record's change is queued for Bitrix24 (the outbox)"),
    ("after_flush", mail.queue_mail, "the candidate's status mails are queued"),
    ("after_flush", rollup_listener.count_changes, "the analytics rollups count the change"),
    ("after_flush", skills.note_touched, "the skill counts of the universities and companies touched are marked"),
    ("after_flush", search.note_changes, "an opening's search text follows its title, city, company and skills"),
    ("after_flush", public_cache.note_changes, "the public catalogue's cached answers of the workspace are dropped"),
    ("after_commit", skills.forget_after_commit, "the skill marks of a committed transaction are cleared"),
    ("after_soft_rollback", skills.forget_after_rollback, "… and of one rolled back"),
    ("after_commit", db.run_after_commit, "work queued with db.after_commit runs (jobs, mails)"),
    ("after_soft_rollback", db.forget_after_commit, "… and is dropped when the transaction rolls back"),
)


def install() -> None:
    """Register the listeners for ``AppSession``, and the integration's answers to what the domain announces
    (once; calling again changes nothing)."""
    for name, listener, _ in LISTENERS:
        if not event.contains(db.AppSession, name, listener):
            event.listen(db.AppSession, name, listener)
    announcements.subscribe(PeopleToTell, bitrix24_notify.tell)  # told in Bitrix24, after commit
    pipelines.provide(workspace_mapping)  # routing's pipelines are the Bitrix24 mapping's
    db.AppSession.listeners_installed = True
