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


# PHP's own limits on a form body (php.ini): how many variables it reads, how deeply brackets nest.
MAX_INPUT_VARS = 1_000
MAX_INPUT_NESTING = 64


class _Parser:
    """One parse: PHP's array semantics in time linear in the input, whatever the input."""

    def __init__(self) -> None:
        self.root: dict[str, Any] = {}
        self.next_index: dict[int, int] = {}  # id(array) → the index ``[]`` appends at (PHP's nNextFreeElement)

    def _key(self, node: dict[str, Any], key: str) -> str:
        if key == "":
            index = self.next_index.get(id(node), 0)
            self.next_index[id(node)] = index + 1
            return str(index)
        if key.isdigit():
            self.next_index[id(node)] = max(self.next_index.get(id(node), 0), int(key) + 1)
        return key

    def assign(self, path: Sequence[str], value: str) -> None:
        if len(path) - 1 > MAX_INPUT_NESTING:
            # PHP drops a variable nested too deeply, and with it whatever its top-level name held.
            self.root.pop(path[0], None)
            return
        node = self.root
        for key in path[:-1]:
            key = self._key(node, key)
            child = node.get(key)
            if not isinstance(child, dict):
                child = {}
                node[key] = child
            node = child
        node[self._key(node, path[-1])] = value


def _listify(value: Any) -> Any:
    """Turn ``{"0": a, "1": b}`` into ``[a, b]``, the way PHP arrays become JSON lists (depth is bounded by
    MAX_INPUT_NESTING, so the recursion is too)."""
    if not isinstance(value, dict):
        return value
    converted = {k: _listify(v) for k, v in value.items()}
    if converted and list(converted) == [str(i) for i in range(len(converted))]:
        return list(converted.values())
    return converted


def parse_query(query: str) -> dict[str, Any]:
    """Parse a URL-encoded query string the way PHP's ``parse_str`` does, with PHP's limits: the first
    ``MAX_INPUT_VARS`` variables are read and the rest dropped (``max_input_vars``), and a variable nested
    deeper than ``MAX_INPUT_NESTING`` brackets is dropped (``max_input_nesting_level``)."""
    parser = _Parser()
    count = 0
    start = 0
    while count < MAX_INPUT_VARS and start <= len(query):
        end = query.find("&", start)
        end = len(query) if end < 0 else end
        if end > start:
            key, _, value = query[start:end].partition("=")
            parser.assign(_encoded_key_path(key), unquote_plus(value))
            count += 1
        start = end + 1
    return {k: _listify(v) for k, v in parser.root.items()}


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
