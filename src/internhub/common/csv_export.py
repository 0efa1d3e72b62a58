"""CSV for every list endpoint: ``Accept: text/csv`` or ``format=csv`` turns a list into a streamed file.

One mechanism instead of code per router: the middleware asks the list endpoint itself for page after page
(the same filters, the same permissions, then 200 rows a page along the keyset cursor) and writes the rows out
as they come, so an export of any size never sits in memory. Nested values (the Bitrix24 sync state,
skills) are written as JSON. The file starts with a byte order mark so that Excel reads Cyrillic right.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from internhub.errors import problem_response

PAGE = 200
BOM = "\ufeff"


def wants_csv(scope: Scope) -> bool:
    if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith("/api/"):
        return False
    if ("format", "csv") in parse_qsl(scope.get("query_string", b"").decode("latin-1")):
        return True
    accept = dict(scope["headers"]).get(b"accept", b"").decode("latin-1")
    return accept.split(",")[0].split(";")[0].strip().lower() == "text/csv"


# A cell a spreadsheet would read as a formula (OWASP, "CSV Injection"): text that starts with one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False)
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        # A leading apostrophe makes Excel and LibreOffice show the text as typed instead of evaluating it.
        return "'" + value
    return value


class CsvExport:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def _page(self, scope: Scope, params: list[tuple[str, str]]) -> tuple[int, list[tuple], bytes]:
        headers = [(k, v) for k, v in scope["headers"] if k != b"accept"] + [(b"accept", b"application/json")]
        inner = {**scope, "headers": headers, "query_string": urlencode(params).encode()}
        status, response_headers, body = 500, [], bytearray()

        async def receive() -> Message:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: Message) -> None:
            nonlocal status, response_headers
            if message["type"] == "http.response.start":
                status, response_headers = message["status"], message.get("headers", [])
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))

        await self.app(inner, receive, send)
        return status, response_headers, bytes(body)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not wants_csv(scope):
            await self.app(scope, receive, send)
            return
        params = [
            (k, v)
            for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
            # ``format=csv`` asks for the file; any other ``format`` is the list's own filter (openings' work format).
            if k not in ("limit", "page", "cursor") and (k, v) != ("format", "csv")
        ]
        # The first page with the caller's parameters only: an endpoint that is not a list would refuse a limit.
        status, headers, body = await self._page(scope, params)
        if status != 200:  # a problem (401, 404, 422 …) is answered as it is
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        page = json.loads(body)
        if not isinstance(page, dict) or not isinstance(page.get("items"), list):
            await problem_response(406, "CSV is offered for lists; ask for JSON here.")(scope, receive, send)
            return
        name = scope["path"].rstrip("/").rsplit("/", 1)[-1] or "export"
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", b"text/csv; charset=utf-8"),
                    (b"content-disposition", f'attachment; filename="{name}.csv"'.encode()),
                ],
            }
        )
        columns: list[str] | None = None
        while True:
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            if columns is None:
                columns = list(page["items"][0]) if page["items"] else []
                buffer.write(BOM)
                writer.writerow(columns)
            for item in page["items"]:
                writer.writerow([_cell(item.get(column)) for column in columns])
            cursor = page.get("next_cursor")
            await send({"type": "http.response.body", "body": buffer.getvalue().encode(), "more_body": bool(cursor)})
            if not cursor:
                return
            status, _, body = await self._page(scope, [*params, ("limit", str(PAGE)), ("cursor", cursor)])
            if status != 200:  # the first page was fine; a later one failing ends the file where it is
                await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            page = json.loads(body)
