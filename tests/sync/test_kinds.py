"""Every kind the sync carries has its strategy, and what a strategy requires of a new record is a field of it."""

from __future__ import annotations

from internhub.bitrix24.kinds import STRATEGIES
from internhub.bitrix24.mapping import KINDS, MODEL_OF


def test_every_kind_has_a_strategy() -> None:
    assert set(STRATEGIES) == set(KINDS) == set(MODEL_OF)


def test_what_a_new_record_needs_is_a_column_of_its_model() -> None:
    for kind, strategy in STRATEGIES.items():
        columns = MODEL_OF[kind].__table__.c
        assert strategy.required and all(name in columns and not columns[name].nullable for name in strategy.required)
