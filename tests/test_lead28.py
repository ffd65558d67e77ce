"""Stop 28 (lead): a copy that dropped a bound never lends its exact value to the fact it restates."""

from __future__ import annotations

from swtoolkit.models.comparability import merge_facts
from tests.test_referee8_text import row  # one clean-row builder for the referee tests


def _bounded(qualifier: str, low, high, written: str) -> dict:
    return row("S9-81", "320000", "stations", 2, "2025-12-31", kind="target", qualifier=qualifier, value_low=low,
               value_high=high, value_as_written=written)


def _copy(value: float, written: str) -> dict:
    return row("W9-82", "320000", "stations", value, "2025-12-31", kind="target", value_low=value,
               value_high=value, value_as_written=written, same_fact_as="S9-81")


def test_a_copy_writing_the_floor_of_a_one_sided_figure_does_not_lend_its_exact_value():
    for qualifier, low, high, written in (("at_least", 2, float("nan"), "不少于2个"),
                                          ("at_most", float("nan"), 2, "不超过2个")):
        merged = merge_facts([_bounded(qualifier, low, high, written), _copy(2, "2个")])
        assert len(merged) == 1
        assert merged[0]["value_as_written"] == written, merged[0]
        assert merged[0]["qualifier"] == qualifier


def test_a_copy_strictly_inside_a_one_sided_figure_still_narrows_it():
    merged = merge_facts([_bounded("at_least", 2, float("nan"), "不少于2个"), _copy(3, "3个")])
    assert merged[0]["value_as_written"] == "3个" and "W9-82" in merged[0]["figure_id"]
