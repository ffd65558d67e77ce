"""Fresh referee fresh2 (2026-12-02): kinds found in the reports built at 03:05, each with synthetic rows."""
from swtoolkit.reports import phrasing


def _span_row(**over) -> dict:
    """test_claims27's day-span row, as a running total of activities (Hebei S001's 2.3万多次)."""
    from tests.test_claims27 import _span_row as span_row

    return span_row(**{"indicator": "service_activities", "kind": "cumulative", "value": 23000.0,
                       "qualifier": "more_than", "value_as_written": "2.3万多次", "unit": "activities", **over})


def test_a_running_total_dated_by_a_day_span_is_reached_by_a_day_of_it_never_counted_during_it():
    # Hebei S001: 2.3万多次 activities, 5.5万余人 served, 1.3亿 volunteer hours, all told at a 15–16 August meeting;
    # '2022年8月15—16日期间' / 'during 15–16 August 2022' said they were done in those two days.
    row = _span_row()
    zh, en = phrasing.figure_date(row), phrasing.figure_date(row, "en")
    assert zh.startswith("截至2022年8月15—16日中某日（年份据文件日期推定"), zh
    assert en.startswith("up to a day in 15–16 August 2022 (year inferred"), en
    assert "期间" not in zh and "during" not in en
    # a level keeps the span as it is (the stock held during the meeting); a point date keeps 截至
    level = _span_row(indicator="township_stations", kind="actual", value_as_written="1435家", qualifier="exact")
    assert phrasing.figure_date(level).startswith("2022年8月15—16日期间")
    point = _span_row(ref_date_low="2022-08-16", date_as_written="2022年8月16日", date_flag="", date_estimated="")
    assert phrasing.figure_date(point) == "截至2022年8月16日"


# -- a province set beside the nation: accounts of one national date that cannot both hold give their range -------
def _clean_rows():
    import pandas as pd


    cols = ["figure_id", "source_id", "region_code", "region_name", "region_level", "province_code", "place",
            "subset", "scope", "indicator", "family", "value", "value_low", "value_high", "qualifier", "unit",
            "ref_date", "ref_date_precision", "date_flag", "date_basis", "ref_date_low", "ref_date_high",
            "period_start", "date_estimated", "kind", "same_fact_as", "value_as_written", "date_as_written"]

    def row(fid, code, name, level, indicator, value, low, high, qualifier, ref, written):
        family = "certified" if indicator == "certified_social_workers" else "population"
        return dict(zip(cols, [fid, fid[:5], code, name, level, code if level == "province" else "", "", "", "",
                               indicator, family, value, low, high, qualifier, "persons", ref, "year", "",
                               "stated", ref, ref, "", "False", "actual", "", written, "2022年底"], strict=True))

    rows = [
        row("XN001-01", "000000", "全国", "country", "certified_social_workers", 929000, 928500, 929500, "rounded",
            "2022-12-31", "92.9万"),
        row("XN002-01", "000000", "全国", "country", "certified_social_workers", 931000, 930000, 931000, "at_most",
            "2022-12-31", "接近93.1万"),
        row("XN003-01", "000000", "全国", "country", "population", 1411750000, 1411745000, 1411755000, "rounded",
            "2022-12-31", "141175万"),
        row("XP001-01", "370000", "山东省", "province", "certified_social_workers", 59000, 58500, 59500, "rounded",
            "2022-12-31", "5.9万"),
        row("XP002-01", "370000", "山东省", "province", "population", 101627900, 101627850, 101627950, "rounded",
            "2022-12-31", "10162.79万"),
    ]
    return pd.DataFrame(rows, columns=cols).astype({"value": float, "value_low": float, "value_high": float})


def test_the_national_density_beside_a_province_spans_two_conflicting_accounts_of_its_date():
    from swtoolkit.models.national import national_context

    density = national_context(_clean_rows(), "370000")[0]
    assert density.allowed
    n = density.national
    # 92.9万 (6.577–6.584) and 接近93.1万 (6.588–6.595) cannot both hold: the range spans both, both cited
    assert round(n["low"], 3) == 6.577 and round(n["high"], 3) == 6.595, n
    assert n["figure_ids"][-1] == "XN003-01"  # the population figure stays last (it dates the population)
    assert {"XN001-01", "XN002-01"} <= set(n["figure_ids"])
    zh, en = phrasing.national_context_sentence(density, "山东省", "Shandong")
    assert "全国为6.57–6.60人" in zh and "China 6.57–6.60" in en, (zh, en)


# -- the Chinese half of a note never quotes English: a figure written in English is given in Chinese words -------
def test_the_chinese_half_names_an_english_written_figure_in_chinese():
    english = {"figure_id": "WX-01", "value_as_written": "over 10,000", "value": 10000.0, "value_low": 10000.0,
               "value_high": float("nan"), "qualifier": "more_than", "unit": "persons"}
    chinese = {**english, "value_as_written": "7.93萬人", "value": 79300.0, "qualifier": "rounded"}
    assert phrasing.written_zh(english) == phrasing.figure_value(english, "zh")
    assert "over" not in phrasing.written_zh(english) and "1万" in phrasing.written_zh(english)
    assert phrasing.written_zh(chinese) == "7.93萬人"  # a Chinese source keeps its own wording


def test_the_chart_not_drawn_note_uses_the_chinese_words():
    import inspect

    from swtoolkit.reports import content

    source = inspect.getsource(content)
    assert "{r['value_as_written']}（{phrasing.figure_date(r)}）" not in source
    assert "phrasing.written_zh(r)" in source
