"""Editor 9 N-1, N-2, E7-17 and R8b-13, each tested by kind on small synthetic rows.

N-2: one rule for every growth path that projects: dated segments more than 5 points a year apart refuse the
scenario projection and the attainment year whether the rate comes from two points or from the log-linear trend;
the trend states the segments; the key findings give one rate per series.
N-1 / E7-17: a figure the latest rule refused (an undated total below its dated parts) is no key finding of its own;
the parts' sentence says the relation once, plainly, without "not added" beside a comparison of the parts taken
together; an explanatory clause naming figures is printed once across the findings.
R8b-13: a key finding states the fact at its date; where a date was taken from is said in the appendix.
"""
from __future__ import annotations

import pandas as pd
import pytest

from tests.test_semantics import _row

JIANGSU = {"region_code": "320000", "region_name": "江苏省", "region_name_en": "Jiangsu", "region_level": "province",
           "province_code": "320000", "region_as_written": "江苏"}
HONGHE = {"region_code": "532500", "region_name": "红河哈尼族彝族自治州", "region_name_en": "Honghe",
          "region_level": "prefecture", "province_code": "530000", "region_as_written": "红河州"}


def _rounded(fid: str, value: float, date: str, half: float, written: str, **kw) -> dict:
    return _row(fid, value, date, value_low=value - half, value_high=value + half, qualifier="rounded",
                value_as_written=written, **kw)


def _jiangsu_like(target: bool = False) -> list[dict]:
    """21,155 (Jul 2015) → 约5.57万 (Apr 2019) → 约7.93万 (end-2021) → 约9.98万 (Jun 2023): segments 29.3%, 14.0%,
    17.2% a year, a trend of about 21.5%."""
    rows = [_row("S003-910001", 21155, "2015-07-20", ref_date_precision="day", value_as_written="21155人", **JIANGSU),
            _rounded("S003-910002", 55700, "2019-04-26", 50, "5.57万人", ref_date_precision="day", **JIANGSU),
            _rounded("S003-910003", 79300, "2021-12-31", 50, "7.93万人", ref_date_precision="year",
                     date_as_written="2021年底", **JIANGSU),
            _rounded("S003-910004", 99800, "2023-06-12", 50, "9.98万人", ref_date_precision="day", **JIANGSU)]
    if target:
        rows.append(_row("S003-910009", 200000, "2030-12-31", kind="target", target_year="2030", target_type="level",
                         value_as_written="20万人", **JIANGSU))
    return rows


def _steady() -> list[dict]:
    """10% a year through four year-end points: the segments agree."""
    return [_row(f"S003-91001{i}", v, f"{2016 + 2 * i}-12-31", ref_date_precision="year", **JIANGSU)
            for i, v in enumerate([10000, 12100, 14641, 17716])]


def _series(rows):
    from swtoolkit.models.series import BandSettings, series_from_records

    return series_from_records([r for r in rows if r["kind"] != "target"], BandSettings(),
                               "certified_social_workers")


def _report(rows, code, results=None, conflicts=None):
    from swtoolkit import regions
    from swtoolkit.reports.content import RegionReport

    report = RegionReport(regions.get(code), pd.DataFrame(rows), results=results, draw_charts=False,
                          conflicts=conflicts)
    for key in report.section_keys:
        report.show(key)
    return report


def _findings(report) -> list[str]:
    return [c.text for c in report.claims if c.block == "findings"]


# ---- N-2: one constancy rule for every path that projects -----------------------------------------------------

def test_the_trend_path_refuses_projection_and_attainment_when_segments_disagree():
    from swtoolkit.errors import ModelRefusedError
    from swtoolkit.models.gaps import attainment_year
    from swtoolkit.models.gatekeeper import NOT_CONSTANT, decide
    from swtoolkit.models.growth import fit_loglinear, fit_projection

    s = _series(_jiangsu_like())
    assert decide(s, "loglinear").allowed  # four points: the trend is allowed and is the rate's path
    for model in ("projection", "attainment"):
        d = decide(s, model)
        assert not d.allowed and NOT_CONSTANT in d.reason and "trend" in d.rule, model
    trend = fit_loglinear(s)
    assert 0.20 < trend.estimate < 0.23 and any(NOT_CONSTANT in n for n in trend.notes)
    with pytest.raises(ModelRefusedError, match="constant growth"):
        fit_projection(s)
    with pytest.raises(ModelRefusedError, match="constant growth"):
        attainment_year(s, 200000)


def test_the_trend_path_still_projects_when_segments_agree():
    from swtoolkit.models.gaps import attainment_year
    from swtoolkit.models.gatekeeper import NOT_CONSTANT, decide
    from swtoolkit.models.growth import fit_loglinear, fit_projection

    s = _series(_steady())
    assert decide(s, "projection").allowed and decide(s, "attainment").allowed
    trend = fit_loglinear(s)
    assert trend.estimate == pytest.approx(0.10, abs=1e-3) and not any(NOT_CONSTANT in n for n in trend.notes)
    assert "log-linear" in fit_projection(s).interval
    assert attainment_year(s, 30000).estimate > 2022


def test_fit_all_refuses_scenario_and_attainment_on_every_path_and_words_them():
    from swtoolkit.models import fit_all
    from swtoolkit.models.gatekeeper import CONSTANCY_FALLBACK
    from swtoolkit.reports import phrasing

    rows = _jiangsu_like(target=True)
    results = fit_all(pd.DataFrame(rows))
    by = {m: results[results["model"].eq(m)].iloc[0].to_dict() for m in ("loglinear", "projection", "attainment")}
    assert by["loglinear"]["allowed"] and "disagree with constant growth" in by["loglinear"]["notes"]
    figures = {r["figure_id"]: r for r in rows}
    for model in ("projection", "attainment"):
        row = by[model]
        assert not row["allowed"] and "disagree with constant growth" in row["reason"], row["reason"]
        zh, en = phrasing.model_refusal_words(row["reason"], ["certified_social_workers"], figures, model)
        assert "匀速增长" in zh and "首尾两点的增速作情景推算" not in zh and "constant growth" in en
        assert "29.3%" in zh and "14.0%" in zh, zh
        assert phrasing.fallback_words(row["reason"]) != ("", ""), row["reason"]
    assert "达到目标的年份" in phrasing.model_refusal_words(by["attainment"]["reason"], [], figures,
                                                            "attainment")[0]
    for fallback in CONSTANCY_FALLBACK.values():  # every fallback of the rule has words
        assert phrasing.fallback_words(f"refused: x; fallback: {fallback}") != ("", ""), fallback


def test_the_trend_sentence_states_the_segments():
    from swtoolkit.models import fit_all
    from swtoolkit.reports import phrasing

    rows = _jiangsu_like()
    results = fit_all(pd.DataFrame(rows))
    trend = results[results["model"].eq("loglinear")].iloc[0].to_dict()
    zh, en = phrasing.result_sentence(trend, {r["figure_id"]: r for r in rows})
    assert "对数线性趋势" in zh and "不是匀速增长" in zh and "29.3%" in zh and "趋势增速不代表近期增速" in zh
    assert "not the recent pace" in en and "29.3%" in en
    steady = _steady()
    quiet = fit_all(pd.DataFrame(steady))
    zh, _ = phrasing.result_sentence(quiet[quiet["model"].eq("loglinear")].iloc[0].to_dict(),
                                     {r["figure_id"]: r for r in steady})
    assert "匀速" not in zh


def test_key_findings_give_one_rate_per_series_and_no_scenario_runs_against_the_segments():
    from swtoolkit.models import fit_all

    rows = _jiangsu_like()
    report = _report(rows, "320000", fit_all(pd.DataFrame(rows)))
    rates = [t for t in _findings(report) if "年均增长" in t and "持证社会工作者" in t]
    assert len(rates) == 1, rates  # the trend with its caveat, never a second "约21.7%" beside it
    assert "不是匀速增长" in rates[0]
    assert not [r for r, _, _ in report.growth_results() if r["model"] == "projection"]
    assert "假定增速不变" not in report.growth_and_gaps().body
    # the growth table keeps both rates, each named by its method
    models = {r["model"] for r, _, _ in report.growth_results()}
    assert {"cagr", "loglinear"} <= models


# ---- N-1 / E7-17: an undated total the latest rule refused is no finding; the relation said once ----------------

def _station(fid, value, subset="", basis="stated", date="2022-06-30"):
    return _row(fid, value, date, basis, indicator="township_stations", family="stations", unit="stations",
                unit_as_written="个", value_as_written=f"{value:g}个", subset=subset, **HONGHE)


def _honghe(parts=(("乡镇 only", 131), ("街道 only", 10))):
    whole = _station("S003-920001", 135, basis="undated", date="2022-07-31")
    return [whole] + [_station(f"S003-93000{i}", v, subset) for i, (subset, v) in enumerate(parts, 1)]


def _conflict(rows):
    return pd.DataFrame([{"check": "conflict", "figure_ids": " ".join(r["figure_id"] for r in rows),
                          "verdict": "parts_exceed_whole"}])


@pytest.mark.parametrize("recorded", [True, False])
@pytest.mark.parametrize("parts", [(("乡镇 only", 131), ("街道 only", 10)), (("乡镇 only", 140),)])
def test_an_undated_total_below_its_dated_parts_is_said_once_and_is_no_finding(recorded, parts):
    from swtoolkit.models.ratios import latest_levels

    rows = _honghe(parts)
    assert "532500" not in latest_levels(pd.DataFrame(rows), "township_stations").index  # the latest rule
    report = _report(rows, "532500", conflicts=_conflict(rows) if recorded else None)
    found = [t for t in _findings(report) if "社工站" in t]
    assert found and not any("原文未注明日期" in t for t in found), found  # no finding of its own
    about = [t for t in found if "135个" in t]
    assert len(about) == 1, found
    zh = about[0].split(" Honghe:")[0]
    assert "少于上述分项" in zh and "不能视为最新数字" in zh
    assert ("合起来的数目" in zh) == (len(parts) > 1)  # one part is not "taken together"
    assert "不相加" not in zh and "not added" not in about[0]  # never "not added" beside the parts taken together
    assert zh.count("合计135个") == 1 and zh.count("不能视为最新") == 1
    assert "S003-920001" not in zh  # by value, never by id, in a reader's sentence (fresh editor, item 3)
    assert ("记为冲突" in zh) == recorded


def test_dated_parts_that_do_not_pass_an_undated_total_leave_it_the_latest():
    from swtoolkit.models.ratios import latest_levels

    rows = _honghe((("乡镇 only", 100),))
    assert latest_levels(pd.DataFrame(rows), "township_stations").loc["532500", "value"] == 135
    found = _findings(_report(rows, "532500"))
    assert any("原文未注明日期" in t and "135个" in t for t in found)
    assert any("另有分项数" in t and "100个" in t for t in found)


def test_an_explanatory_clause_naming_figures_is_printed_once():
    from swtoolkit.reports.phrasing import once_each

    clause = "（合计S003-920001（135个）少于分项S003-930001（131个）合起来的数目：记为冲突）"
    flag = "（该数字据二手网页转述，非官方发布）"
    texts = [f"甲为131个{clause}。 A (the total S003-920001 is below the parts S003-930001 together).",
             f"乙为135个{clause}{flag}。 B (the total S003-920001 is below the parts S003-930001 together).",
             f"丙为9个{flag}{clause}{clause}。"]
    out = once_each(texts)
    assert out[0] == texts[0]
    assert out[1] == f"乙为135个{flag}。 B."
    assert out[2] == f"丙为9个{flag}。"  # a flag about each sentence's own figure stays; the clause went
    assert once_each(["x（短S9-1）", "y（短S9-1）"]) == ["x（短S9-1）", "y（短S9-1）"]  # too short to be a caveat


def test_real_shaped_honghe_findings_repeat_no_clause():
    from swtoolkit.reports.phrasing import _top_clauses

    rows = _honghe()
    report = _report(rows, "532500", conflicts=_conflict(rows))
    seen = set()
    for text in _findings(report):
        for a, b in _top_clauses(text):
            clause = text[a:b]
            if len(clause) > 22 and any(ch.isdigit() for ch in clause) and "-" in clause:
                assert clause not in seen, clause
                seen.add(clause)


# ---- R8b-13: findings state facts; provenance goes to the appendix ----------------------------------------------

def test_findings_narrate_no_curation_and_the_appendix_says_where_a_date_comes_from():
    stations = _row("S003-900100", 82, "2022-07-31", basis="document", indicator="township_stations",
                    family="stations", unit="stations", unit_as_written="个", value_as_written="82个",
                    locator="100")
    again = _row("S003-900500", 82, "2022-07-31", basis="undated", indicator="township_stations", unit="stations",
                 value_as_written="82个", same_fact_as="S003-900100", locator="500")
    staff = _row("S003-900515", 349, "2022-07-31", basis="undated", indicator="station_staff",
                 value_as_written="349名", locator="515", unit_as_written="名")
    report = _report([staff, again, stations], "530100")
    found = _findings(report)
    staff_said = [t for t in found if "349" in t]
    assert staff_said and "原文未注明日期" in staff_said[0]  # the fact at its own date precision
    for word in ("紧接", "取自", "另一处表述", "日期据该处", "right beside", "comes from another statement"):
        assert not any(word in t for t in found), word
    every = report.data_appendix().body + (report.key_figures().body if report.kind == "brief" else "")
    assert "紧接" in every  # the provenance, where dates are explained (a brief's figures table, or the appendix)


def test_a_fact_stated_twice_is_a_finding_without_the_date_provenance():
    from swtoolkit.models import fit_all
    from swtoolkit.reports import phrasing

    early = _rounded("S003-910001", 30000, "2018-12-31", 5000, "3万人", ref_date_precision="year",
                     indicator="sw_talent_total", family="sw_talent")
    dated = _rounded("S003-910002", 44000, "2021-12-31", 500, "4.4万人", ref_date_precision="year",
                     indicator="sw_talent_total", family="sw_talent")
    exact = _row("S003-910003", 44080, "2022-06-30", basis="undated", same_fact_as="S003-910002",
                 indicator="sw_talent_total", family="sw_talent", value_as_written="44080人")
    rows = [early, dated, exact]
    report = _report(rows, "530100", fit_all(pd.DataFrame(rows)))
    found = [t for t in _findings(report) if "44080" in t]
    assert len(found) == 1 and "增至" in found[0], found  # the rate states the level (editor 12: once)
    assert all("另一处记为" in t and "日期据该处" not in t and "carries the date" not in t for t in found)
    # tables keep the one wording of the note (the appendix says where the date comes from)
    merged = {**exact, "also_written": "4.4万人", "date_from": "4.4万人"}
    assert "日期据该处" in phrasing.also_note(merged)


def test_the_audit_lists_the_findings_as_printed():
    rows = _honghe()
    report = _report(rows, "532500", conflicts=_conflict(rows))
    printed = report._findings()
    claims = {c.text for c in report.claims if c.block == "findings"}
    assert set(printed) <= claims


def test_a_table_cell_comparing_parts_with_a_total_does_not_also_say_not_added():
    rows = _honghe()
    report = _report(rows, "530000", conflicts=_conflict(rows))
    body = report.subregion_table().body
    assert "乡镇131个" in body and "比各部分合起来少" in body
    assert "不相加）（另有日期未注明的合计" not in body


def test_the_key_figures_table_follows_the_same_latest_rule():
    """An undated total one dated part alone passes is refused as latest in the table too (ratios.refused_as_latest,
    the one rule of latest_levels, latest_of_each and the findings); overlapping parts are never added."""
    from swtoolkit.reports.content import latest_of_each

    rows = pd.DataFrame(_honghe((("乡镇 only", 140),)))
    assert "S003-920001" not in set(latest_of_each(rows)["figure_id"])
    # two parts of kinds that may overlap (a project, the 街道) are not taken together: 131 + 10 passes 135, but
    # neither alone does, so the total stays the latest
    overlap = pd.DataFrame(_honghe((("one project only", 131), ("街道 only", 10))))
    assert "S003-920001" in set(latest_of_each(overlap)["figure_id"])
