"""PHP-style query strings: ``filter[>ID]=5&select[]=ID`` <-> nested dicts and lists.

Bitrix24 is PHP: form bodies, GET query strings, batch sub-commands and outgoing event
payloads all use bracketed keys (``api-reference/how-to-call-rest-api/data-encoding.md``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote, unquote_plus

_KEY_RE = re.compile(r"^([^\[\]]*)((?:\[[^\[\]]*\])*)")


def _split_key(key: str) -> list[str]:
    match = _KEY_RE.match(key)
    if not match or not match.group(1):
        return [key]
    head, tail = match.group(1), match.group(2)
    return [head, *re.findall(r"\[([^\[\]]*)\]", tail)]


@functools.lru_cache(maxsize=4096)
def _encoded_key_path(key: str) -> tuple[str, ...]:
    # Every event of a portal carries the same few keys: each is decoded and split once.
    return tuple(_split_key(unquote_plus(key)))


def _assign(node: dict[str, Any], path: Sequence[str], value: str) -> None:
    key = path[0]
    if key == "":
        key = str(sum(1 for k in node if k.isdigit()))
    if len(path) == 1:
        node[key] = value
        return
    child = node.get(key)
    if not isinstance(child, dict):
        child = {}
        node[key] = child
    _assign(child, path[1:], value)


def _listify(value: Any) -> Any:
    """Turn ``{"0": a, "1": b}`` into ``[a, b]``, the way PHP arrays become JSON lists."""
    if not isinstance(value, dict):
        return value
    converted = {k: _listify(v) for k, v in value.items()}
    if converted and list(converted) == [str(i) for i in range(len(converted))]:
        return list(converted.values())
    return converted


def parse_query(query: str) -> dict[str, Any]:
    """Parse a URL-encoded query string the way PHP's ``parse_str`` does."""
    root: dict[str, Any] = {}
    for pair in query.split("&"):
        if pair:
            key, _, value = pair.partition("=")
            _assign(root, _encoded_key_path(key), unquote_plus(value))
    return {k: _listify(v) for k, v in root.items()}


def _flatten(value: Any, prefix: str) -> Iterable[tuple[str, str]]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _flatten(item, f"{prefix}[{key}]")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _flatten(item, f"{prefix}[{index}]")
    elif value is None:
        yield prefix, ""
    elif isinstance(value, bool):
        yield prefix, "1" if value else "0"
    else:
        yield prefix, str(value)


def flatten(params: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Flatten nested params into bracketed ``(key, value)`` pairs."""
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        pairs.extend(_flatten(value, str(key)))
    return pairs


def build_query(params: Mapping[str, Any]) -> str:
    """Encode nested params like PHP's ``http_build_query``."""
    return "&".join(f"{quote(k, safe='[]')}={quote(v, safe='')}" for k, v in flatten(params))
