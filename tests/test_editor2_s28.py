"""Editor2 s28: kinds of wording fault in the reports layer, each tested on small synthetic rows."""
from __future__ import annotations

import re

from swtoolkit.reports import phrasing
from tests.test_semantics import _row

NESTED = re.compile(r"（[^（）]*（[^（）]*）[^（）]*）")


def _doc(fid: str, value: float = 82, estimated: bool = True, **kw) -> dict:
    """A station count dated by its document (July 2022, estimated or not)."""
    return _row(fid, value, "2022-07-31", basis="document", kind="stock", indicator="township_stations",
                date_as_written="目前", ref_date_low="2022-07-01", ref_date_precision="period",
                date_estimated=estimated, **kw)


# ---- 1: a date bracketed after a figure holds no bracket of its own ------------------------------------------------

def test_flat_date_opens_inner_brackets_into_commas():
    assert phrasing.flat_date("截至文件日期（约2022年7月）") == "截至文件日期，约2022年7月"
    assert phrasing.flat_date("2021年（至文件日期2022年7月）") == "2021年，至文件日期2022年7月"
    assert phrasing.flat_date("截至文件日期（2022年7月），口径") == "截至文件日期，2022年7月，口径"
    assert phrasing.flat_date("截至2022年底") == "截至2022年底"
    assert phrasing.date_bracket("截至文件日期（约2022年7月）") == "（截至文件日期，约2022年7月）"
    assert phrasing.date_bracket("") == ""


def test_joined_figures_never_nest_a_date_bracket():
    one, other = _doc("X-1"), _doc("X-2", 66, estimated=False)
    assert phrasing.figure_date(one).startswith("截至文件日期（")  # the date words keep their own form
    for rows in ([one], [one, other], [one, _doc("X-3", 70)]):
        said = phrasing.joined_figures(rows)
        assert "截至文件日期" in said and not NESTED.search(said), said


def test_a_chart_caption_marks_an_estimated_month_with_about_not_a_bracket():
    from swtoolkit.reports.content import chart_span

    est = {"ref_date": "2022-07-31", "ref_date_low": "2022-07-01", "ref_date_high": "2022-07-31",
           "date_basis": "document", "ref_date_precision": "month", "date_estimated": "True"}
    assert chart_span([est]) == "约2022年7月" and "（" not in chart_span([est])
    assert chart_span([est], "en") == "about July 2022"
