"""Method name -> handler."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .apps import HANDLERS as APP_HANDLERS
from .batch import run_batch
from .context import CallContext, MethodResult
from .crm_methods import HANDLERS as CRM_HANDLERS
from .crm_methods import Handler
from .errors import method_not_found
from .system_methods import HANDLERS as SYSTEM_HANDLERS
from .timeline import HANDLERS as TIMELINE_HANDLERS

if TYPE_CHECKING:
    from .portal import SandboxPortal

METHODS: dict[str, Handler] = {
    **CRM_HANDLERS,
    **TIMELINE_HANDLERS,
    **SYSTEM_HANDLERS,
    **APP_HANDLERS,
    "batch": run_batch,
}


def dispatch(portal: SandboxPortal, method: str, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    handler = METHODS.get(method)
    if handler is None:
        raise method_not_found()
    return handler(portal, params, ctx)
