"""A period read from the rollups: whole months, weeks and days that cover it exactly once."""

from __future__ import annotations

from datetime import date, timedelta

from internhub.analytics.figures import period_pieces
from internhub.analytics.rollup_rows import bucket
from internhub.models.analytics import Grain

FIRST, LAST = date(2025, 12, 1), date(2026, 3, 10)  # the calendar the pieces are spelled out over


def _days(pieces: list[tuple[Grain, date | None, date | None]]) -> list[date]:
    """Every day that the rows the pieces name would count, once per row that counts it."""
    covered = []
    day = FIRST - timedelta(days=40)
    while day < LAST + timedelta(days=40):
        for grain, first, until in pieces:
            period = bucket(day, grain)
            if (first is None or period >= first) and (until is None or period < until):
                covered.append(day)
        day += timedelta(days=1)
    return covered


def test_pieces_cover_every_period_once() -> None:
    starts = [FIRST + timedelta(days=n) for n in range(0, 70, 3)]
    for grains in ((Grain.month, Grain.week, Grain.day), (Grain.month, Grain.day), (Grain.week, Grain.day)):
        for start in starts:
            for length in (1, 6, 7, 8, 13, 20, 31, 32, 45, 61):
                end = start + timedelta(days=length)
                pieces = period_pieces(start, end, grains)
                expected = [start + timedelta(days=n) for n in range(length)]
                assert _days(pieces) == expected, (grains, start, end, pieces)
                days = sum((until - first).days for grain, first, until in pieces if grain == Grain.day)
                # With weeks: under a week on each side of the weeks at each edge, instead of up to a month.
                assert days <= (24 if Grain.week in grains else 60), (grains, start, end, pieces)


def test_open_ended_periods() -> None:
    grains = (Grain.month, Grain.week, Grain.day)
    assert period_pieces(None, None, grains) == [(Grain.month, None, None)]
    start, end = date(2026, 1, 14), date(2026, 2, 19)
    after = _days(period_pieces(start, None, grains))
    assert after[0] == start and after == sorted(set(after)) and after[-1] == LAST + timedelta(days=39)
    before = _days(period_pieces(None, end, grains))
    assert before[-1] == end - timedelta(days=1) and before == sorted(set(before))
