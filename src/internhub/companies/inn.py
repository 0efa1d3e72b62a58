"""The Russian taxpayer number (ИНН): 10 digits for organisations, 12 for individuals, with check digits."""

from __future__ import annotations

_W10 = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_W12_1 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_W12_2 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def _check_digit(digits: list[int], weights: tuple[int, ...]) -> int:
    return sum(d * w for d, w in zip(digits, weights, strict=False)) % 11 % 10


def is_valid_inn(value: str) -> bool:
    if not value.isascii() or not value.isdigit() or len(value) not in (10, 12):
        return False
    digits = [int(c) for c in value]
    if len(value) == 10:
        return digits[9] == _check_digit(digits, _W10)
    return digits[10] == _check_digit(digits, _W12_1) and digits[11] == _check_digit(digits, _W12_2)


def make_inn(first_nine: str) -> str:
    """A valid 10-digit INN from nine digits (for demo data and tests)."""
    digits = [int(c) for c in first_nine]
    return first_nine + str(_check_digit(digits, _W10))
