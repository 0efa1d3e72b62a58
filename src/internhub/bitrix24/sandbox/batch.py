"""``batch``: up to 50 commands in one request, with ``$result[name][FIELD]`` references.

The answer keeps one section per kind, keyed by command name; PHP encodes an empty or
0..n-1-keyed section as a JSON list, hence the ``[]`` seen for empty sections
(``api-reference/how-to-call-rest-api/batch.md``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from internhub.bitrix24.phpquery import parse_query

from .context import CallContext, MethodResult
from .errors import RestError

if TYPE_CHECKING:
    from .portal import SandboxPortal

MAX_COMMANDS = 50
_REFERENCE = re.compile(r"\$(result|result_total|result_next|error)\[([^\]]+)\]((?:\[[^\]]*\])*)")


def php_array(section: dict[str, Any]) -> Any:
    if list(section) == [str(i) for i in range(len(section))]:
        return list(section.values())
    return section


def _resolve(sections: dict[str, dict[str, Any]], match: re.Match[str]) -> Any:
    section = "result_error" if match.group(1) == "error" else match.group(1)
    value: Any = sections[section].get(match.group(2))
    for step in re.findall(r"\[([^\]]*)\]", match.group(3)):
        if isinstance(value, dict):
            value = value.get(step)
        elif isinstance(value, list) and step.isdigit() and int(step) < len(value):
            value = value[int(step)]
        else:
            value = None
        if value is None:
            break
    return value


def _substitute(value: Any, sections: dict[str, dict[str, Any]]) -> Any:
    if isinstance(value, dict):
        return {k: _substitute(v, sections) for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, sections) for v in value]
    if not isinstance(value, str) or "$" not in value:
        return value
    whole = _REFERENCE.fullmatch(value)
    if whole:
        resolved = _resolve(sections, whole)
        # An unresolvable reference becomes an empty value rather than an error.
        return "" if resolved is None else resolved
    return _REFERENCE.sub(lambda m: _scalar(_resolve(sections, m)), value)


def _scalar(value: Any) -> str:
    if value is None or value is False:
        return ""
    if value is True:
        return "1"
    return str(value)


def _commands(raw: Any) -> list[tuple[str, str]]:
    if isinstance(raw, dict):
        return [(str(k), str(v)) for k, v in raw.items()]
    if isinstance(raw, list):
        return [(str(i), str(v)) for i, v in enumerate(raw)]
    return []


def run_batch(portal: SandboxPortal, params: dict[str, Any], ctx: CallContext) -> MethodResult:
    commands = _commands(params.get("cmd"))
    # batch.md: the batch answers as usual, and the commands past the 50th end with ERROR_BATCH_LENGTH_EXCEEDED.
    commands, past_limit = commands[:MAX_COMMANDS], commands[MAX_COMMANDS:]
    halt = str(params.get("halt", "0")).lower() in ("1", "true", "y")
    sections: dict[str, dict[str, Any]] = {
        "result": {},
        "result_error": {},
        "result_total": {},
        "result_next": {},
        "result_time": {},
    }
    for name, command in commands:
        method, _, query = command.partition("?")
        sub_params = _substitute(parse_query(query), sections)
        try:
            if method.strip().lower() == "batch":
                raise RestError(405, "ERROR_BATCH_METHOD_NOT_ALLOWED", "Method is not allowed for batch usage")
            answer = portal.run(method, sub_params, ctx, in_batch=True)
        except RestError as exc:
            sections["result_error"][name] = exc.body()
            if halt:
                break
            continue
        sections["result"][name] = answer["result"]
        if "total" in answer:
            sections["result_total"][name] = answer["total"]
        if "next" in answer:
            sections["result_next"][name] = answer["next"]
        sections["result_time"][name] = answer["time"]
    for name, _ in past_limit:
        sections["result_error"][name] = RestError(
            400, "ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded"
        ).body()
    return MethodResult({key: php_array(section) for key, section in sections.items()})
