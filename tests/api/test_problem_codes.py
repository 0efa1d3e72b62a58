"""Every problem the API can answer carries a code the web app translates, in both of its languages."""

from __future__ import annotations

import json
import re
from pathlib import Path

from internhub.errors import STATUS_CODES

ROOT = Path(__file__).resolve().parents[2]
LITERAL = re.compile(r"code=[\"']([a-z_0-9]+)[\"']|[\"']([a-z_]+_(?:throttled|locked))[\"']|\"(cron_[a-z_]+)\"")


def codes_in_source() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "src" / "internhub").rglob("*.py"):
        if "sandbox" in path.parts:  # the sandbox portal answers as Bitrix24 does, not as our API
            continue
        for match in LITERAL.finditer(path.read_text(encoding="utf-8")):
            found.add(next(group for group in match.groups() if group))
    return found


def test_every_code_the_api_answers_with_is_translated() -> None:
    codes = codes_in_source() | set(STATUS_CODES.values())
    assert {"opening_ended", "sort_unknown", "signin_throttled", "cron_never_fires", "not_found"} <= codes
    for locale in ("ru", "en"):
        messages = json.loads((ROOT / "web" / "i18n" / "locales" / f"{locale}.json").read_text(encoding="utf-8"))
        missing = sorted(code for code in codes if code not in messages["problems"])
        assert not missing, f"{locale}: no text for {missing}"
