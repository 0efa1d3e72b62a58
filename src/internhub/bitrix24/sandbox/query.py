"""``filter`` / ``order`` / ``start`` semantics of the classic list methods.

Filter keys carry their operator as a prefix (``>ID``, ``>=DATE_MODIFY``, ``!STAGE_ID``,
``@ID``); a plain key means equality and a list value means "one of" (``crm-deal-list.md``).
Pages hold 50 rows; ``start=-1`` skips counting and leaves out ``total`` and ``next``
(``settings/performance/huge-data.md``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .errors import bad_request

PAGE_SIZE = 50

# Longest first, so ">=" wins over ">".
_OPERATORS = ("!@", "!=", ">=", "<=", "=%", "%=", "%", "@", ">", "<", "=", "!")

Comparable = Callable[[str, Any], Any]


@dataclass(frozen=True)
class Condition:
    field: str
    operator: str
    value: Any


def split_operator(key: str) -> tuple[str, str]:
    for operator in _OPERATORS:
        if key.startswith(operator):
            return operator, key[len(operator) :]
    return "", key


def parse_filter(raw: Any, rename: Callable[[str], str] = lambda name: name) -> list[Condition]:
    if raw in (None, "", []):
        return []
    if not isinstance(raw, Mapping):
        raise bad_request("Parameter 'filter' must be array.")
    conditions = []
    for key, value in raw.items():
        operator, field = split_operator(str(key))
        conditions.append(Condition(rename(field), operator, value))
    return conditions


def _values(value: Any) -> list[Any]:
    if isinstance(value, Mapping):
        return list(value.values())
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


def matches(record_value: Callable[[str], Any], normalise: Comparable, cond: Condition) -> bool:
    """Does one record satisfy one condition? ``normalise`` makes both sides comparable."""
    actual = record_value(cond.field)
    if cond.operator in ("%", "=%", "%="):
        return actual is not None and _like(cond.operator, str(cond.value), actual)
    candidates = [normalise(cond.field, v) for v in _values(cond.value)]
    hit = any(a in candidates for a in actual) if isinstance(actual, list) else actual in candidates
    if cond.operator in ("", "=", "@"):
        return hit
    if cond.operator in ("!", "!=", "!@"):
        return not hit
    if actual is None or isinstance(actual, list):
        return False
    bound = candidates[0]
    if bound is None:
        # Bitrix compares NULL-ish bounds as zero/empty; the numeric case is what matters here.
        bound = 0
    try:
        if cond.operator == ">":
            return actual > bound
        if cond.operator == "<":
            return actual < bound
        if cond.operator == ">=":
            return actual >= bound
        return actual <= bound
    except TypeError:
        return False


def _like(operator: str, value: str, actual: Any) -> bool:
    """crm-deal-list.md: ``%`` finds the value anywhere (no ``%`` in it); ``=%`` and ``%=`` are LIKE with the ``%``
    written in the value ("mol%" starts with "mol", "%mol" ends with it, "%mol%" holds it anywhere)."""
    if operator == "%":
        pattern = ".*" + re.escape(value) + ".*"
    else:
        pattern = ".*".join(re.escape(part) for part in value.split("%"))
    texts = actual if isinstance(actual, list) else [actual]
    return any(re.fullmatch(pattern, str(text), re.IGNORECASE | re.DOTALL) for text in texts)


def parse_order(raw: Any, rename: Callable[[str], str] = lambda name: name) -> list[tuple[str, bool]]:
    """``{"DATE_MODIFY": "DESC", "ID": "ASC"}`` -> ``[(field, descending)]``."""
    if raw in (None, "", []):
        return []
    if not isinstance(raw, Mapping):
        raise bad_request("Parameter 'order' must be array.")
    return [(rename(str(k)), str(v).upper() == "DESC") for k, v in raw.items()]


def _keyed(key_of: Callable[[Any, str], Any], field: str, record: Any) -> Any:
    return _sort_key(key_of(record, field))


def sort_records(records: list[Any], order: list[tuple[str, bool]], key_of: Callable[[Any, str], Any]) -> list[Any]:
    ordered = list(records)
    # Stable sorts applied from the last key to the first give a multi-key order.
    for field, descending in reversed(order or [("ID", False)]):
        ordered.sort(key=functools.partial(_keyed, key_of, field), reverse=descending)
    return ordered


def _sort_key(value: Any) -> tuple[int, Any]:
    if value is None:
        return (0, 0)
    if isinstance(value, int | float):
        return (1, value)
    return (2, str(value))


@dataclass(frozen=True)
class Page:
    rows: list[Any]
    total: int | None
    next: int | None


def parse_start(raw: Any) -> int:
    if raw in (None, ""):
        return 0
    try:
        return int(str(raw))
    except ValueError as exc:
        raise bad_request("Parameter 'start' must be integer.") from exc


def paginate(rows: Iterable[Any], start: int) -> Page:
    items = list(rows)
    if start < 0:
        return Page(items[:PAGE_SIZE], 0, None)  # huge-data.md: "total" 0 when nothing is counted
    # The offset is rounded down to a whole page: start=10 answers the first page.
    offset = (start // PAGE_SIZE) * PAGE_SIZE
    chunk = items[offset : offset + PAGE_SIZE]
    following = offset + PAGE_SIZE
    return Page(chunk, len(items), following if following < len(items) else None)
