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


def _undated_line(name_zh: str, value_zh: str, name_en: str, value_en: str) -> str:
    return (f"{name_zh}的数字（{value_zh}）未注明日期，只知在所在文件的日期之前，不作为时间序列的点，不计算增长或差距，"
            f"按原文列出。 {name_en}: the figure ({value_en}) states no date and lies somewhere before its document's "
            "date, so it is not a point of any series and no growth or gap is computed; it is listed as written.")


def test_undated_lines_merge_when_an_indicator_name_holds_brackets():
    """州（市）县级资金 has brackets in its name: its undated line is merged with the others (Diqing, Honghe)."""
    from swtoolkit.reports import phrasing

    items = [_undated_line("新招聘社工", "13名，口径为专职", "Newly recruited social workers", "13 persons"),
             _undated_line("州（市）县级资金", "约71万元，口径为州（市）本级", "Prefecture and county funds",
                           "about 710,000 yuan")]
    out, merged = phrasing.merged_undated(items)
    assert len(out) == 1 and set(merged) == set(items)
    assert "州（市）县级资金（约71万元，口径为州（市）本级）" in out[0] and "新招聘社工（13名，口径为专职）" in out[0]


def test_no_bundled_statement_is_refused_for_a_same_fact_link_across_scopes():
    """A scope changed on one statement of a fact is changed on every statement (Hebei's 6,537 has three pages):
    a link across scopes is refused in cleaning and the copy would be listed as refused in the report."""
    from pathlib import Path

    import pandas as pd

    checks = pd.read_csv(Path(__file__).resolve().parents[1] / "data" / "clean" / "checks.csv", dtype=str,
                         keep_default_na=False)
    crossed = checks[checks["detail"].str.contains("same_fact_as must name another figure", regex=False)]
    assert crossed.empty, crossed.to_dict("records")
