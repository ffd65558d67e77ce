"""Referee-6a kinds fixed in code (cleaning dates, reports layer, charts, report config): each test is built from
small synthetic rows and fails if its kind came back (R6a-4 year-only document dates, R6a-7 bounds of derived
ratios, R6a-11 chart labels as written, R6a-15 data-as-of rule, R6a-19 growth point counts)."""

from __future__ import annotations

import pandas as pd
import pytest

from swtoolkit.reports import phrasing


def row(fid: str, indicator: str, value: float, kind: str = "actual", **extra: str) -> dict:
    base = {"figure_id": fid, "source_id": fid.split("-")[0], "locator": "1", "indicator": indicator,
            "kind": kind, "value": value, "value_low": value, "value_high": value, "qualifier": "exact",
            "ref_date": "2022-12-31", "ref_date_precision": "year", "date_basis": "stated",
            "ref_date_low": "2022-12-31", "ref_date_high": "2022-12-31", "scope": "", "subset": "", "place": "",
            "unit_as_written": "", "value_as_written": str(value), "target_type": "", "norm_status": "",
            "date_as_written": "", "date_estimated": "False", "period_start": ""}
    return {**base, **extra}


# ---- R6a-4: a document known to its year only never gains a month -------------------------------------------

def _web_clean(tmp_path, precision: str, pub_date: str, figures: list[dict]) -> pd.DataFrame:
    from swtoolkit.cleaning.columns import SOURCE_COLUMNS
    from swtoolkit.cleaning.pipeline import document_date
    from swtoolkit.cleaning.rows import clean_rows
    from swtoolkit.cleaning.web import WEB_FIGURE_COLUMNS, WEB_SOURCE_COLUMNS, all_sources, read_web

    (tmp_path / "web").mkdir()
    source = dict(zip(WEB_SOURCE_COLUMNS, ["WX001", "outlet", "A page about the workforce", pub_date, precision,
                                           "http://example.org/a", "2026-11-30", "report", ""], strict=True))
    pd.DataFrame([source]).to_csv(tmp_path / "web" / "x_sources.csv", index=False)
    rows = [{c: "" for c in WEB_FIGURE_COLUMNS} | {"source_id": "WX001", "region_as_written": "浙江省",
                                                  "kind": "actual"} | f for f in figures]
    pd.DataFrame(rows).to_csv(tmp_path / "web" / "x_figures.csv", index=False)
    figures_raw, sources, _, problems = read_web(tmp_path)
    assert not problems
    every = all_sources(pd.DataFrame(columns=SOURCE_COLUMNS).set_index("source_id"), sources)
    clean, found = clean_rows(figures_raw.reset_index(drop=True), every,
                              {sid: document_date(src) for sid, src in sources.iterrows()}, web=True)
    assert not found, list(found)
    return clean.set_index("figure_id")


UNDATED = {"figure_id": "WX001-01", "locator": "opening words, service organisations fostered",
           "value_as_written": "787家", "date_as_written": "", "indicator": "sw_organisations"}
NOW = {"figure_id": "WX001-02", "locator": "closing words, certified workers at present",
       "value_as_written": "2万人", "date_as_written": "目前", "indicator": "certified_social_workers"}


def test_an_undated_figure_in_a_page_of_a_known_year_keeps_the_year_only(tmp_path):
    clean = _web_clean(tmp_path, "year", "2018", [UNDATED, NOW])
    undated = clean.loc["WX001-01"]
    assert undated["date_basis"] == "undated" and undated["ref_date_precision"] == "year"
    for figure in (undated, clean.loc["WX001-02"]):
        zh, en = phrasing.figure_date(figure), phrasing.figure_date(figure, "en")
        assert "12月" not in zh and "December" not in en and "2018" in zh and "2018" in en, (zh, en)
    assert phrasing.figure_date(undated) == "未注明日期，文件日期为2018年"
    assert phrasing.figure_date(undated, "en") == "undated, document dated 2018"
    assert "12月" not in phrasing.figure_point(undated) and "底" not in phrasing.figure_point(undated)


def test_an_undated_figure_in_a_page_of_a_known_month_keeps_the_month(tmp_path):
    clean = _web_clean(tmp_path, "month", "2022-07", [UNDATED])
    assert phrasing.figure_date(clean.loc["WX001-01"]) == "未注明日期，文件日期为2022年7月"


@pytest.mark.parametrize("extra", [
    {"date_basis": "undated", "ref_date_precision": "year", "ref_date_low": "", "ref_date_high": "2018-12-31",
     "ref_date": "2018-12-31"},
    # a flow counted 今年以来 up to a page dated to its year only: the span ends in that year, not in December
    {"date_basis": "document", "ref_date_precision": "period", "ref_date_low": "2018-01-01",
     "ref_date_high": "2018-12-31", "ref_date": "2018-12-31", "period_start": "2017-01-01",
     "date_as_written": "去年以来"},
    {"date_basis": "document", "ref_date_precision": "period", "ref_date_low": "2018-01-01",
     "ref_date_high": "2018-12-31", "ref_date": "2018-12-31", "date_as_written": "今年", "kind": "increment"},
])
def test_no_wording_of_a_year_only_document_invents_its_month(extra):
    from swtoolkit.models.comparability import date_words

    figure = row("WX2-01", "exam_registrants", 86_000, **extra)
    for lang in ("zh", "en"):
        words = phrasing.figure_date(figure, lang)
        assert "12月" not in words and "December" not in words and "2018" in words, words
    assert date_words(figure) == "2018"


# ---- R6a-7: a derived ratio carries the interval of its figures, never a one-sided bound for a known interval ---

def _ratio_clean(staff: dict, stations: dict) -> pd.DataFrame:
    base = {"place": "", "subset": "", "scope": "", "unit": "", "same_fact_as": "", "date_basis": "stated",
            "ref_date": "2022-09-30", "ref_date_precision": "month", "ref_date_low": "2022-09-30",
            "ref_date_high": "2022-09-30", "date_estimated": False, "kind": "actual", "source_id": "X1",
            "locator": "1", "unit_as_written": "", "date_as_written": "截至2022年9月", "date_flag": "",
            "period_start": ""}
    rows = []
    pairs = zip(staff.values(), stations.values(), strict=True)
    for n, (code, (s, t)) in enumerate(zip(("520100", "520200"), pairs, strict=True)):
        rows.append({**base, "figure_id": f"X1-{n}1", "region_code": code, "indicator": "station_staff",
                     "unit": "persons", **s})
        rows.append({**base, "figure_id": f"X1-{n}2", "region_code": code, "indicator": "township_stations",
                     "unit": "stations", **t})
    return pd.DataFrame(rows)


def test_a_ratio_of_a_rounded_qualifier_is_its_interval_in_every_block():
    from swtoolkit.models.ratios import ratio_table, ratio_words

    more = {"value": 1200.0, "value_low": 1200.0, "value_high": 1300.0, "qualifier": "more_than",
            "value_as_written": "1200余名"}
    exact = {"value": 755.0, "value_low": 755.0, "value_high": 755.0, "qualifier": "exact", "value_as_written": "755"}
    clean = _ratio_clean({"a": more, "b": exact}, {"a": exact, "b": exact})
    ranked = ratio_table(clean, "station_staff", "township_stations", ["520100", "520200"]).set_index("region_code")
    # 1200/755 – 1300/755, both ends known, rounded outward (breaker2): 1.5894–1.7219 is "1.58–1.73"
    assert ratio_words(ranked.loc["520100"]) == "1.58–1.73"
    assert ratio_words(ranked.loc["520200"]) == "1.00"
    assert ratio_words(ranked.loc["520100"], 1, "%") == "1.5%–1.8%"


def test_a_ratio_with_an_open_end_stays_one_sided_and_an_approximation_stays_approximate():
    from swtoolkit.models.ratios import ratio_words

    nan = float("nan")
    assert ratio_words({"ratio": 1.589, "bound": "≥", "ratio_low": nan, "ratio_high": nan}) == "≥1.58"  # down
    assert ratio_words({"ratio": 2.1, "bound": "≈", "ratio_low": nan, "ratio_high": nan}) == "≈2.10"


def test_the_ratio_chart_labels_its_bars_as_the_table_does():
    from matplotlib.text import Text

    from swtoolkit import charts

    table = pd.DataFrame({"region_code": ["520100", "520200"], "ratio": [1200 / 755, 1.0], "bound": [">", ""],
                          "ratio_low": [1200 / 755, 1.0], "ratio_high": [1300 / 755, 1.0]})
    fig = charts.ratio_bars(table, pd.Series({"520100": "贵阳", "520200": "六盘水"}), "人/站")
    texts = {t.get_text().strip() for t in fig.axes[0].findobj(Text)}
    assert "1.58–1.73" in texts and not any(t.startswith(">") for t in texts)


# ---- R6a-11: every chart label of a figure shows the value as written, never rounded -------------------------

def _texts(fig) -> set[str]:
    from matplotlib.text import Text

    return {t.get_text().strip() for t in fig.findobj(Text) if t.get_text().strip()}


@pytest.mark.parametrize("value, percent, shown", [
    (86.6, True, "86.6%"), (56.7, True, "56.7%"), (100.0, True, "100%"), (44080, False, "44,080"),
    (152985, False, "152,985"), (1516000, False, "151.6万"), (200000, False, "20万"), (9357, False, "9,357")])
def test_figure_numbers_are_never_rounded(value, percent, shown):
    from swtoolkit.charts import figure_number

    assert figure_number(value, percent) == shown


def test_level_bars_label_each_bar_with_its_value_as_written():
    from swtoolkit import charts

    table = pd.DataFrame({"region_code": ["210000", "340000", "350000"], "value": [86.6, 81.0, 56.7],
                          "qualifier": ["exact", "exact", "at_least"], "value_low": [86.6, 81.0, 56.7],
                          "value_high": [86.6, 81.0, float("nan")]})
    texts = _texts(charts.level_bars(table, pd.Series({"210000": "辽宁", "340000": "安徽", "350000": "福建"}),
                                     "%", percent=True))
    assert {"86.6%", "81%", "≥56.7%"} <= texts and "87%" not in texts and "≥57%" not in texts
    counts = pd.DataFrame({"region_code": ["1", "2", "3"], "value": [44080.0, 1250.0, 58000.0],
                           "qualifier": ["exact", "more_than", "more_than"], "value_low": [44080.0, 1200.0, 58000.0],
                           "value_high": [44080.0, 1300.0, 59000.0]})
    texts = _texts(charts.level_bars(counts, pd.Series({"1": "a", "2": "b", "3": "c"}), "人"))
    assert "44,080" in texts and "1,200–1,300" in texts and "5.8万–5.9万" in texts and "4.41万" not in texts


def test_series_labels_bounds_intervals_and_targets_as_written():
    from swtoolkit import charts

    points = pd.DataFrame({"ref_date": ["2020-12-31", "2021-12-31", "2022-12-31"], "value": [44080.0, 52345.0, 60500.0],
                           "qualifier": ["exact", "more_than", "at_least"], "value_low": [44080.0, 52345.0, 60500.0],
                           "value_high": [44080.0, float("nan"), float("nan")]})
    targets = pd.DataFrame({"ref_date": ["2025-12-31"], "value": [86.6e3], "qualifier": ["more_than"]})
    texts = _texts(charts.series(points, targets, "人"))
    assert ">52,345" in texts and "≥6.05万" in texts and "目标 >8.66万" in texts
    share = pd.DataFrame({"ref_date": ["2020-12-31", "2022-12-31"], "value": [56.7, 86.6],
                          "qualifier": ["exact", "at_least"]})
    assert "≥86.6%" in _texts(charts.series(share, pd.DataFrame(columns=["ref_date", "value"]), "%", percent=True))


# ---- R6a-15: the cover's data-as-of date follows the rule the methods print, in every region ------------------

def test_a_later_running_total_of_station_professionals_sets_the_cover_date_and_is_named_one():
    from swtoolkit.models.comparability import as_of_figure
    from swtoolkit.reports.content import AS_OF_INDICATORS

    stock = row("X5-01", "certified_social_workers", 59_000, qualifier="rounded", value_as_written="5.9万人",
                date_basis="document", ref_date="2023-03-22", ref_date_low="2023-03-01", ref_date_precision="period",
                ref_date_high="2023-03-22", date_as_written="截至目前")
    total = row("X6-03", "station_staff_professional", 5300, "cumulative", qualifier="more_than",
                value_low=5300, value_high=5400, value_as_written="5300余人", date_basis="document",
                ref_date="2023-10-17", ref_date_low="2023-10-01", ref_date_precision="period",
                ref_date_high="2023-10-17", date_as_written="累计")
    chosen = as_of_figure([stock, total], AS_OF_INDICATORS)
    assert chosen["figure_id"] == "X6-03"
    words = phrasing.as_of_words(chosen)
    assert "2023年10月" in words and "累计" in words and "(cumulative count)" in words


def test_the_methods_name_every_indicator_the_cover_date_may_rest_on():
    import datetime as dt

    from swtoolkit.codebook import codebook
    from swtoolkit.reports.content import AS_OF_INDICATORS, methods_items

    rule = " ".join(i for i in methods_items(dt.date(2026, 11, 30)) if "数据截至" in i)
    book = codebook()
    for key in AS_OF_INDICATORS:
        assert str(book.loc[key, "name_zh"]) in rule and str(book.loc[key, "name_en"]).lower() in rule.lower(), key


def test_every_region_s_cover_date_is_the_latest_its_rule_allows():
    """Machine check over the real data: the rule read independently (whole-region, dated, not a restatement,
    a stock, running total or share of a listed indicator) never finds a later figure than the cover's."""
    from swtoolkit.codebook import codebook
    from swtoolkit.models.comparability import AS_OF_KINDS, AS_OF_MEASURES, as_of_figure
    from swtoolkit.reports.content import AS_OF_INDICATORS
    from swtoolkit.reports.inputs import load_clean

    clean = load_clean()
    clean = clean.astype(object).where(clean.notna(), "")
    book = codebook()
    listed = [k for k in AS_OF_INDICATORS if str(book.loc[k, "measure"]) in AS_OF_MEASURES]
    checked = 0
    for code, part in clean.groupby("region_code"):
        rows = part.to_dict("records")
        chosen = as_of_figure(rows, AS_OF_INDICATORS)
        dates = {r["figure_id"]: str(r["ref_date"])[:10] for r in rows
                 if r["date_basis"] in ("stated", "document")}
        linked: dict[str, set[str]] = {}  # same-fact links, both ways: a fact keeps its first stated date
        for r in rows:
            if r["same_fact_as"]:
                linked.setdefault(r["figure_id"], set()).add(r["same_fact_as"])
                linked.setdefault(r["same_fact_as"], set()).add(r["figure_id"])
        eligible = [r for r in rows if r["indicator"] in listed and r["kind"] in AS_OF_KINDS and not r["place"]
                    and not r["subset"] and r["figure_id"] in dates and str(r["value"]) not in ("", "nan")
                    and not any(dates.get(o, "9999") < dates[r["figure_id"]] for o in linked.get(r["figure_id"], ()))]
        if not eligible:
            continue
        # no eligible figure is certainly later than the cover's: its earliest possible day is not after the
        # cover figure's latest possible day (date intervals: a figure of about July 2011 is not later than one of
        # 13 July 2011, and the better-dated one may set the cover; fresh referee 26, item 7)
        def low(r: dict) -> str:
            return str(r["ref_date_low"] or r["ref_date"])[:10]

        def high(r: dict) -> str:
            return str(r["ref_date_high"] or r["ref_date"])[:10]

        latest = max(low(r) for r in eligible)
        assert chosen is not None, code
        assert chosen["indicator"] in AS_OF_INDICATORS, code
        assert high(chosen) >= latest, (code, chosen["figure_id"], latest)
        checked += 1
    assert checked >= 20


# ---- R6a-19: the results tables' count is the points the stated result uses, as its sentence says ------------

@pytest.mark.parametrize("model, interval, n, used", [
    ("cagr", "", 12, 2), ("projection", "scenario: growth at the ends of the CAGR band", 3, 2),
    ("projection", "scenario: two exact figures give one rate: no scenario range", 3, 2),
    ("projection", "one-sided: at least the projection at the bounding rate", 3, 2),
    ("projection", "scenario: growth at the ends of the log-linear trend's 95% confidence interval", 12, 12),
    ("loglinear", "95% confidence interval, t(10)", 12, 12), ("gap", "", 5, 1), ("required_growth", "", 5, 1)])
def test_points_used_has_one_meaning(model, interval, n, used):
    assert phrasing.points_used({"model": model, "interval": interval, "n_points": n}) == used


def test_a_growth_table_s_count_agrees_with_each_row_s_sentence():
    import re

    from bs4 import BeautifulSoup

    from swtoolkit.reports.content import RegionReport

    report = RegionReport.load("420000")
    rows = []
    for t in BeautifulSoup(report.growth_and_gaps().body, "html.parser").find_all("table"):
        head = [th.get_text(" ", strip=True) for th in t.find_all("th")]
        assert "点数 n" not in head
        for tr in t.find_all("tr"):
            cells = [td.get_text(" ", strip=True) for td in tr.find_all("td")]
            if len(cells) == len(head):
                rows.append(dict(zip(head, cells, strict=True)))
    assert rows
    for r in rows:
        said, used = str(r["说明 Statement"]), int(r[phrasing.POINTS_USED])
        if "两点之间" in said or "两个精确数字" in said:
            assert used == 2, said
        trend = re.search(r"按(\d+)个日期点", said)
        if trend:
            assert used == int(trend[1]), said
