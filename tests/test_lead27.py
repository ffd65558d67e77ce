"""Lead's fixes of session 27 (issue 11), each from small synthetic rows."""
import pandas as pd
import pytest

from swtoolkit.models import fit_all
from swtoolkit.models.comparability import series_points


def _posts(fid: str, value: float, date: str, qualifier: str = "exact", source: str | None = None) -> dict:
    high = value if qualifier == "exact" else float("nan")
    row = {"figure_id": fid, "region_code": "000000", "region_name": "全国", "region_level": "country",
           "province_code": "000000", "indicator": "sw_posts", "value": value, "value_low": value,
           "value_high": high, "qualifier": qualifier, "unit": "posts", "ref_date": date,
           "ref_date_precision": "day", "kind": "actual", "target_year": None, "locator": "a paragraph"}
    if source is not None:
        row["source_id"] = source
    return row


@pytest.mark.parametrize("with_source_column", [True, False])
def test_a_later_page_repeating_a_count_is_no_end_of_a_growth_pair(with_source_column):
    """A later page of another source that repeats an earlier count's value and bound exactly may restate it:
    it is never the end point of a growth rate, whether or not the frame carries ``source_id`` (the fit once
    dropped that column, so every row read as one source and WN030-07 ended China's posts growth)."""
    def src(fid):
        return fid.rsplit("-", 1)[0] if with_source_column else None
    rows = [_posts("WX011-01", 312089, "2017-12-31", source=src("WX011-01")),
            _posts("WX003-05", 440000, "2021-11-08", "more_than", source=src("WX003-05")),
            _posts("WX030-07", 440000, "2022-12-31", "more_than", source=src("WX030-07"))]
    kept, notes = series_points(rows)
    assert [r["figure_id"] for r in kept] == ["WX011-01", "WX003-05"]
    assert any("WX030-07" in n and "may restate" in n for n in notes)
    out = fit_all(pd.DataFrame(rows))
    cagr = out[(out["model"] == "cagr") & out["allowed"]]
    assert len(cagr) == 1
    assert cagr.iloc[0]["figure_ids"].split(";") == ["WX011-01", "WX003-05"]
    assert str(cagr.iloc[0]["end_date"])[:10] == "2021-11-08"


def test_the_fit_hands_the_gate_every_field_it_reads():
    """The comparability gate decides from row fields; a field the fit's frame leaves out reads as empty and can
    silently allow what the gate would refuse (one source for all rows, no passage, no period). Every field read
    with ``_get`` in models.comparability is a column the fit keeps."""
    import re
    from pathlib import Path

    from swtoolkit.models import comparability
    from swtoolkit.models.fit import REQUIRED_COLUMNS, USED_OPTIONAL_COLUMNS

    read = set(re.findall(r'_get\(\w+, "(\w+)"\)', Path(comparability.__file__).read_text(encoding="utf-8")))
    assert read and read <= set(REQUIRED_COLUMNS) | set(USED_OPTIONAL_COLUMNS), read - set(REQUIRED_COLUMNS) - set(
        USED_OPTIONAL_COLUMNS)


def test_the_build_check_flags_an_empty_bracket():
    """A clause whose words were never written leaves '（）' in a sentence (a merge once did, in China's growth
    findings); the text check of every build flags it."""
    from tests.test_editor12_text import _check_module, _check_page

    page = _check_page("<ul><li>全国由2015年底的约15.4万人增至2018年底的超过33.3万人（来源）（）；此为读入的数字。"
                       " China: … (restated) (); of the figures read.</li></ul>")
    found = [p for p in _check_module().problems(page) if ": empty:" in p]
    assert len(found) == 2
    fine = _check_page("<ul><li>全国由2015年底的约15.4万人增至2018年底的超过33.3万人（来源）。</li></ul>")
    assert not [p for p in _check_module().problems(fine) if ": empty:" in p]


def test_a_ratio_column_names_the_one_scope_its_rows_share():
    """A staff-per-station table whose numerators all count social workers posted to stations heads that column
    with the scope, never as all station staff (Tianjin 141 and Guizhou 1200余, both sw_posted)."""
    from swtoolkit.reports.content import ratio_part_headers

    num, den = ratio_part_headers("station_staff", "township_stations", ("sw_posted", ""))
    assert num.startswith("社工站工作人员（驻站社会工作者） Station staff (social workers posted to stations)")
    assert den.startswith("乡镇（街道）社工站 Township (street) social-work stations（")
    plain, _ = ratio_part_headers("station_staff", "township_stations")
    assert plain == "社工站工作人员 Station staff（分子 numerator）"


def test_the_national_growth_beside_a_province_reads_every_account_of_its_end_date():
    """Two national accounts of one date that cannot both hold (a recorded conflict) both enter the national rate
    set beside a province's: its range spans every pairing and cites every account, never the first account alone
    (the same kind as the density comparison fresh2 fixed)."""
    import math

    from swtoolkit.models.national import national_context
    from tests.test_fresh2 import _clean_rows

    rows = _clean_rows()
    base = rows[rows["figure_id"] == "XN001-01"].iloc[0].to_dict()
    start = {**base, "figure_id": "XN009-01", "source_id": "XN009", "value": 500000.0, "value_low": 500000.0,
             "value_high": 500000.0, "qualifier": "exact", "ref_date": "2019-12-31", "ref_date_low": "2019-12-31",
             "ref_date_high": "2019-12-31", "value_as_written": "50万"}
    mine = rows[rows["figure_id"] == "XP001-01"].iloc[0].to_dict()
    mine_start = {**mine, "figure_id": "XP009-01", "source_id": "XP009", "value": 40000.0, "value_low": 40000.0,
                  "value_high": 40000.0, "qualifier": "exact", "ref_date": "2019-12-31",
                  "ref_date_low": "2019-12-31", "ref_date_high": "2019-12-31", "value_as_written": "4万"}
    frame = pd.concat([rows, pd.DataFrame([start, mine_start])], ignore_index=True)
    growth = next(c for c in national_context(frame, "370000") if c.what == "growth")
    assert growth.allowed, growth.reason
    n = growth.national
    assert {"XN001-01", "XN002-01", "XN009-01"} <= set(n["figure_ids"]), n
    slowest = (928500 / 500000) ** (1 / 3.0) - 1  # 92.9万 at its lower end, 3 years (days/365.25 ≈ 3.0)
    fastest = (931000 / 500000) ** (1 / 3.0) - 1  # 接近93.1万 at its upper end
    assert n["approx"] and math.isclose(n["low"], slowest, rel_tol=2e-3) and math.isclose(n["high"], fastest,
                                                                                          rel_tol=2e-3), n


def test_a_date_inside_a_web_address_is_not_kept_whole():
    """Dates and ids in a cell are kept whole (no break inside them), but never inside a web address: a kept-whole
    date in an address's path stopped it breaking and the sources table ran past the page (CI's visual check)."""
    from swtoolkit.reports.blocks import _cell_pieces

    pieces = _cell_pieces("见https://x.cn/c/2024-06-16/8.shtml（读取日期 read 2026-11-30）WP001-01")
    whole = [text for text, keep in pieces if keep]
    assert whole == ["2026-11-30", "WP001-01"]
    assert "".join(text for text, _ in pieces).startswith("见https://x.cn/c/2024-06-16/8.shtml")
