"""Acting as a person in the portal's UI: writes that skip HTTP and limits but fire events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .crm import Actor

if TYPE_CHECKING:
    from .portal import SandboxPortal


class PersonActions:
    """``portal.person`` (a user, events carry tokens) and ``portal.robot`` (automation, no tokens)."""

    def __init__(self, portal: SandboxPortal, actor: Actor) -> None:
        self._portal = portal
        self.actor = actor

    def _add(self, kind: str, fields: dict[str, Any]) -> int:
        with self._portal.lock:
            return self._portal.crm.add(kind, fields, self.actor)

    def _update(self, kind: str, entity_id: int, fields: dict[str, Any]) -> None:
        with self._portal.lock:
            self._portal.crm.update(kind, entity_id, fields, self.actor)

    def _delete(self, kind: str, entity_id: int) -> None:
        with self._portal.lock:
            self._portal.crm.delete(kind, entity_id, self.actor)

    def add_deal(self, fields: dict[str, Any]) -> int:
        return self._add("deal", fields)

    def update_deal(self, deal_id: int, fields: dict[str, Any]) -> None:
        self._update("deal", deal_id, fields)

    def move_deal_stage(self, deal_id: int, stage_id: str) -> None:
        """A stage change inside the pipeline: fires ONCRMDEALUPDATE."""
        self._update("deal", deal_id, {"STAGE_ID": stage_id})

    def move_deal_to_category(self, deal_id: int, category_id: int, stage_id: str | None = None) -> None:
        """A pipeline change: fires ONCRMDEALMOVETOCATEGORY only."""
        with self._portal.lock:
            self._portal.crm.move_deal(deal_id, category_id, stage_id, self.actor)

    def delete_deal(self, deal_id: int) -> None:
        self._delete("deal", deal_id)

    def add_contact(self, fields: dict[str, Any]) -> int:
        return self._add("contact", fields)

    def update_contact(self, contact_id: int, fields: dict[str, Any]) -> None:
        self._update("contact", contact_id, fields)

    def delete_contact(self, contact_id: int) -> None:
        self._delete("contact", contact_id)

    def add_company(self, fields: dict[str, Any]) -> int:
        return self._add("company", fields)

    def update_company(self, company_id: int, fields: dict[str, Any]) -> None:
        self._update("company", company_id, fields)

    def delete_company(self, company_id: int) -> None:
        self._delete("company", company_id)

    def add_requisite(self, company_id: int, fields: dict[str, Any]) -> int:
        """The company's requisite (legal details), e.g. ``{"RQ_INN": "7707083893"}``; no event is documented."""
        with self._portal.lock:
            return self._portal.crm.add_requisite(company_id, fields)

    def restore(self, kind: str, entity_id: int) -> None:
        """Restore a deleted deal, contact or company from the recycle bin, with its id."""
        with self._portal.lock:
            self._portal.crm.restore(kind, entity_id)

    def add_category(self, name: str, sort: int = 500) -> int:
        with self._portal.lock:
            return int(self._portal.catalog.add_category(name, sort)["id"])
