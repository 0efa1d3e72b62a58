"""Handlers of ``crm.timeline.comment.add``, ``.get`` and ``.list``: comments, with files, on CRM records.

Shapes as in the REST documentation (crm/timeline/comments): ``fields`` (lower case only, since crm
23.100.0) with ENTITY_ID, ENTITY_TYPE, COMMENT and FILES as ``[[name, base64], …]``; the answer of ``add``
is the new comment's id; errors 100 (a required field missing), OWNER_NOT_FOUND, INVALID_ARG_VALUE (empty
comment) and NOT_FOUND.
"""

from __future__ import annotations

import base64
import binascii
from typing import TYPE_CHECKING, Any

from .context import CallContext, MethodResult
from .crm import require_id
from .errors import RestError, bad_request
from .fields import KINDS

if TYPE_CHECKING:
    from .portal import SandboxPortal


def _files(raw: Any) -> list[dict[str, Any]]:
    if raw in (None, "", []):
        return []
    if not isinstance(raw, list):
        raise bad_request("FILES must be a list of [name, content] pairs.", "INVALID_ARG_VALUE")
    files: list[dict[str, Any]] = []
    for entry in raw:
        if not isinstance(entry, list) or len(entry) != 2:
            raise bad_request("FILES must be a list of [name, content] pairs.", "INVALID_ARG_VALUE")
        name, content = entry
        try:
            data = base64.b64decode(str(content), validate=True)
        except binascii.Error as exc:
            raise bad_request("File content must be base64.", "INVALID_ARG_VALUE") from exc
        files.append({"id": len(files) + 1, "fileName": str(name), "size": len(data), "data": data})
    return files


def _public(comment: dict[str, Any]) -> dict[str, Any]:
    files = {str(f["id"]): {"id": f["id"], "name": f["fileName"], "size": f["size"]} for f in comment["FILES"]}
    return {**{k: v for k, v in comment.items() if k != "FILES"}, "FILES": files}


def comment_add(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    fields = params.get("fields")
    # crm-timeline-comment-add.md: 100 "Required fields are not provided" when one of ENTITY_ID, ENTITY_TYPE and
    # COMMENT is missing; a COMMENT that is there but blank is INVALID_ARG_VALUE "Empty comment".
    if (
        not isinstance(fields, dict)
        or "COMMENT" not in fields
        or any(fields.get(name) in (None, "") for name in ("ENTITY_ID", "ENTITY_TYPE"))
    ):
        raise bad_request("Required fields are not provided", "100")
    entity_type = str(fields["ENTITY_TYPE"]).lower()
    comment = str(fields.get("COMMENT") or "").strip()
    if entity_type not in KINDS:
        # The page gives no answer for a type without a timeline here (the sandbox has deals, contacts, companies).
        raise bad_request("Required fields are not provided", "100")
    entity_id = require_id(fields["ENTITY_ID"])
    if entity_id not in portal.crm.records[entity_type]:
        raise bad_request("Owner of the item not found", "OWNER_NOT_FOUND")  # crm-timeline-comment-add.md
    if not comment:
        raise bad_request("Empty comment", "INVALID_ARG_VALUE")
    comment_id = len(portal.timeline_comments) + 1
    portal.timeline_comments.append(
        {
            "ID": str(comment_id),
            "ENTITY_ID": entity_id,
            "ENTITY_TYPE": entity_type,
            "CREATED": portal.config.format_datetime(portal.config.now()),
            "COMMENT": comment,
            "AUTHOR_ID": str(ctx.user_id),
            "FILES": _files(fields.get("FILES")),
        }
    )
    return MethodResult(comment_id)


def comment_get(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    comment_id = require_id(params.get("id"))
    for comment in portal.timeline_comments:
        if int(comment["ID"]) == comment_id:
            return MethodResult(_public(comment))
    raise RestError(400, "NOT_FOUND", "Not found.")


def comment_list(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    wanted = {str(k).upper(): v for k, v in (params.get("filter") or {}).items()}
    rows = [
        _public(c)
        for c in portal.timeline_comments
        if ("ENTITY_TYPE" not in wanted or c["ENTITY_TYPE"] == str(wanted["ENTITY_TYPE"]).lower())
        and ("ENTITY_ID" not in wanted or c["ENTITY_ID"] == require_id(wanted["ENTITY_ID"]))
    ]
    return MethodResult(rows, len(rows))


HANDLERS = {
    "crm.timeline.comment.add": comment_add,
    "crm.timeline.comment.get": comment_get,
    "crm.timeline.comment.list": comment_list,
}
