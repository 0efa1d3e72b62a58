"""Every model of a workspace has its readable rule in internhub.tenancy, or says why no role reads it by row."""

from __future__ import annotations

from internhub import tenancy
from internhub.models import Base


def test_every_workspace_model_has_a_readable_rule_or_a_reason() -> None:
    models = {mapper.class_.__name__ for mapper in Base.registry.mappers if "workspace_id" in mapper.columns}
    ruled = {model.__name__ for model in tenancy.READABLE}
    assert {"University", "Company", "Opening", "Student", "Application"} <= ruled
    assert not ruled & set(tenancy.NOT_READ_BY_ROLE)
    assert sorted(models - ruled - set(tenancy.NOT_READ_BY_ROLE)) == [], "a model without a rule"
    assert sorted(set(tenancy.NOT_READ_BY_ROLE) - models) == [], "a reason for a model that is gone"
    assert all(tenancy.NOT_READ_BY_ROLE.values())
