"""``POST /api/v1/bitrix24/robots``: our automation rules, called from a deal's stage in the portal.

A portal administrator puts "route this application" or "send the candidate their status e-mail" on a stage of the
applications pipeline (registered at install, setup.py ``ROBOTS``). The portal's queue server posts the call here,
form-encoded like an event, with the robot's ``code``, the deal as ``document_id`` (``["crm", "CCrmDocumentDeal",
"DEAL_7"]``), an ``event_token`` and the ``auth`` block. It is believed as an event is: the portal must be one we were
installed on and the application token its own. The work is done and committed, then a job sends the result back
to the automation with ``bizproc.event.send`` (bizproc-event-send.md), which the robot waits for (USE_SUBSCRIPTION Y).
"""

from __future__ import annotations

import re
from typing import Any, Literal

import structlog
from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from internhub import jobs
from internhub.applications.intake import route_and_tell
from internhub.bitrix24.events import known_sender, read_payload, refusals_limited
from internhub.bitrix24.setup import ROBOTS
from internhub.errors import BadRequest
from internhub.models import Application, Portal
from internhub.notifications.bitrix24 import portal_clients
from internhub.notifications.mail import queue_status_mail

log = structlog.get_logger(__name__)
router = APIRouter(prefix="/bitrix24", tags=["bitrix24"])

_DEAL_DOCUMENT = re.compile(r"DEAL_([1-9][0-9]{0,17})")


class RobotCall(BaseModel):
    """What the portal asks of a robot, as far as we need it."""

    code: Literal["internhub_route", "internhub_status_mail"]
    deal_id: int
    event_token: str


class RobotResult(BaseModel):
    """What goes back to the automation: RETURN_VALUES (as registered in ROBOTS) and a line for its log."""

    values: dict[str, str]
    log_message: str


def read_call(payload: dict[str, Any]) -> RobotCall:
    code = payload.get("code")
    if code not in ROBOTS:
        raise BadRequest("The robot is not one of InternHub's.", code="robot_unknown")
    document = payload.get("document_id")
    name = document[2] if isinstance(document, list) and len(document) == 3 else None
    match = _DEAL_DOCUMENT.fullmatch(name) if isinstance(name, str) else None
    token = payload.get("event_token")
    if match is None or not isinstance(token, str) or not token:
        raise BadRequest("The robot was called without a deal or an event token.", code="robot_call_invalid")
    return RobotCall(code=code, deal_id=int(match.group(1)), event_token=token)


async def run(session: AsyncSession, portal: Portal, call: RobotCall) -> RobotResult:
    """Do what the robot stands for, on the application the deal is linked to."""
    application = await session.scalar(
        select(Application).where(
            Application.workspace_id == portal.workspace_id,
            Application.bitrix24_deal_id == call.deal_id,
            Application.deleted_at.is_(None),
        )
    )
    if application is None:
        message = f"Deal {call.deal_id} is not an InternHub application."
        return RobotResult(values={"result": "not_an_application"}, log_message=message)
    if call.code == "internhub_route":
        route, _ = await route_and_tell(session, application)
        message = f"Application {application.id} routed by rule «{route.rule_name}»."
        return RobotResult(values={"result": "routed", "rule": route.rule_name}, log_message=message)
    await queue_status_mail(session, application)
    message = f"Status e-mail ({application.status}) queued for application {application.id}."
    return RobotResult(values={"result": "mail_queued"}, log_message=message)


async def _receive(request: Request) -> Response:
    payload = await read_payload(request)
    given = payload.get("auth")
    known = await known_sender(request, given if isinstance(given, dict) else {})
    call = read_call(payload)
    async with request.app.state.sessionmaker() as session:
        portal = await session.get_one(Portal, known.id)
        result = await run(session, portal, call)
        # The answer goes with the work's commit, and is tried again while the portal refuses it.
        jobs.enqueue(session, answer_robot, portal.id, call.event_token, result.values, result.log_message)
        await session.commit()
    return Response(b'{"status":"done"}', media_type="application/json")


@jobs.job
async def answer_robot(portal_id: int, event_token: str, values: dict[str, str], log_message: str) -> None:
    """Send a robot's result to the automation that waits for it (``bizproc.event.send``); a refusal raises, so
    the queue tries again with growing pauses."""
    async with jobs.session() as session:
        portal = await session.get(Portal, portal_id)
    if portal is None or not portal.is_active:
        return  # the app was removed meanwhile: nobody waits any more
    fields = {"EVENT_TOKEN": event_token, "RETURN_VALUES": values, "LOG_MESSAGE": log_message}
    await portal_clients().client_for(portal).call("bizproc.event.send", fields)


@router.post("/robots", operation_id="bitrix24-robots-run", response_model=dict[str, str])
async def run_robot(request: Request) -> Response:
    """A Bitrix24 automation rule of ours was reached on a deal: do it and send the result back."""
    return await refusals_limited(request, _receive)
