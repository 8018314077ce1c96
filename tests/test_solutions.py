"""Every reference solution passes every check of its stage."""

import pytest

from conftest import failing, graded, stage_params


@pytest.mark.parametrize("stage", stage_params())
def test_solution_passes_every_check(stage):
    """The solution earns full marks."""
    outcome = graded(stage.id, str(stage.solution_dir))
    assert outcome.error is None, outcome.error
    assert outcome.total > 0
    assert outcome.passed == outcome.total, failing(outcome)
