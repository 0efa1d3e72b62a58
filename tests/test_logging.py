"""Logs carry no personal data: e-mails and phone numbers are scrubbed, in tracebacks too."""

from __future__ import annotations

import logging

import structlog

from internhub.config import Settings
from internhub.logging import configure_logging, scrub


def test_emails_and_phones_are_scrubbed_from_our_lines_and_the_standard_librarys(capsys) -> None:
    configure_logging(Settings(log_json=True, log_level="INFO"))
    try:
        try:
            raise ValueError("duplicate key (email)=(anna.petrova@mail.ru) phone +7 (900) 111-22-33")
        except ValueError:
            structlog.get_logger("test").exception("insert_failed", student="Anna@Mail.ru", phone="8 900 111 22 33")
            logging.getLogger("taskiq").exception("task failed for ivan@example.com")
        printed = capsys.readouterr().err
    finally:
        structlog.reset_defaults()
    assert "insert_failed" in printed and "ValueError" in printed and "task failed" in printed
    for personal in ("anna.petrova@mail.ru", "Anna@Mail.ru", "111-22-33", "900 111 22 33", "ivan@example.com"):
        assert personal not in printed
    assert "<e-mail>" in printed and "<phone>" in printed


def test_ids_times_and_amounts_are_left_alone() -> None:
    line = "portal=12 request_id=9f8e7d 2026-12-05T10:00:00Z id 9223372036854775807 took 1234567890 ms"
    assert scrub(line) == line
