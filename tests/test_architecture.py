"""The domain does not import the integration: it announces what happened, and the integration subscribes."""

from __future__ import annotations

import ast
from pathlib import Path

import internhub

SOURCE = Path(internhub.__file__).parent
DOMAIN = (
    "analytics",
    "applications",
    "auth",
    "common",
    "companies",
    "openings",
    "partnerships",
    "placements",
    "public",
    "routing",
    "students",
    "universities",
)
INTEGRATION = ("internhub.bitrix24", "internhub.notifications.bitrix24")


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_the_domain_imports_no_integration() -> None:
    found = {
        f"{path.relative_to(SOURCE)}: {name}"
        for package in DOMAIN
        for path in (SOURCE / package).rglob("*.py")
        for name in imported(path)
        if name.startswith(INTEGRATION)
    }
    assert found == set()
